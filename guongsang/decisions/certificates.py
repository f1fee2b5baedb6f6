"""Certificates (giấy khen / bằng khen) of a signed decision, all in one PDF: A4 landscape,
drawn with the ReportLab canvas (a thousand pages in seconds), Liberation Serif for Vietnamese.

Each page: a double border, the national title and motto, the issuer, what the paper is (for a
form "TẶNG GIẤY KHEN" or "BẰNG KHEN"; for an emulation title "GIẤY CHỨNG NHẬN" and the
title it recognises, "Đạt danh hiệu “Lao động tiên tiến” năm 2023"), the recipient, the
achievement, the decision's number and date, the signer, and the verification code with a QR
code to the public check /vuon-hoa/xac-minh/<code>/.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from guongsang.catalogue.models import AwardKind
from guongsang.core.formatting import vn_date
from guongsang.decisions import codes
from guongsang.decisions.documents import signature
from guongsang.decisions.models import Decision
from guongsang.decisions.selectors import decision_recipients
from guongsang.decisions.services import profile_for

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
FONTS = {
    "Serif": "LiberationSerif-Regular.ttf",
    "Serif-Bold": "LiberationSerif-Bold.ttf",
    "Serif-Italic": "LiberationSerif-Italic.ttf",
    "Serif-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}
RED = (0.70, 0.07, 0.07)
GOLD = (0.72, 0.56, 0.18)
VERIFY_PATH = "/vuon-hoa/xac-minh/{code}/"
_registered = False

# What is done to a batch of certificates once drawn, in order: a higher app registers here
# (the digital seal of the issuing agency: guongsang.signatures), decisions does not know it.
FINISHERS: list[Callable[[Decision, bytes], bytes]] = []


def register_fonts() -> None:
    global _registered
    if _registered:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in FONTS.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    pdfmetrics.registerFontFamily(
        "Serif",
        normal="Serif",
        bold="Serif-Bold",
        italic="Serif-Italic",
        boldItalic="Serif-BoldItalic",
    )
    _registered = True


@dataclass(frozen=True)
class Certificate:
    kind: str  # "GIẤY KHEN" / "BẰNG KHEN" / "GIẤY CHỨNG NHẬN"
    parent_name: str
    issuer_heading: str  # "GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    recipient: str
    unit: str
    collective: bool
    title: str
    achievement: str
    decision_number: str
    decision_date: dt.date | None
    place: str
    sign_prefix: str
    sign_title: str
    signer_name: str
    code: str
    conferral: str = ""  # "Đạt danh hiệu “Lao động tiên tiến” năm 2023" (a title)


def kind_for(title_name: str, level: str, kind: str = AwardKind.FORM) -> str:
    """The paper handed over. A form is its own paper (Giấy khen, Bằng khen). A title of the
    law (Lao động tiên tiến, Chiến sĩ thi đua, Tập thể lao động …) comes with a Giấy chứng
    nhận naming it; the city's movement titles ("“Người tốt, việc tốt”", in quotes) are
    handed over with a Giấy khen at base level and a Bằng khen above, naming the title."""
    lowered = title_name.lower()
    if kind == AwardKind.TITLE and "“" not in title_name:
        return "GIẤY CHỨNG NHẬN"
    if "bằng khen" in lowered or level in {"city", "national"}:
        return "BẰNG KHEN"
    return "GIẤY KHEN"


def conferral_for(title_name: str, kind: str, year: int) -> str:
    if kind != AwardKind.TITLE:
        return ""
    name = title_name if "“" in title_name else f"“{title_name}”"
    return f"Đạt danh hiệu {name} năm {year}"


def verify_url(code: str) -> str:
    base = getattr(settings, "SITE_URL", "") or "http://127.0.0.1:8000"
    return base.rstrip("/") + VERIFY_PATH.format(code=codes.grouped(code))


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        words, current = paragraph.split(), ""
        for word in words:
            trial = f"{current} {word}".strip()
            if stringWidth(trial, font, size) <= width:
                current = trial
            else:
                if current:
                    lines.append(current)
                current = word
        if current:
            lines.append(current)
    return lines


def _qr(canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR code as filled rectangles, one per run of dark modules in a row (a fixed mask:
    choosing the "best" one costs more than the whole page and any mask scans)."""
    import segno

    matrix = segno.make(url, error="m", micro=False, mask=2).matrix
    n = len(matrix)
    cell = size / n
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        top = y + size - (r + 1) * cell
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                path.rect(x + start * cell, top, (c - start) * cell, cell)
            else:
                c += 1
    canvas.drawPath(path, stroke=0, fill=1)


def draw(canvas, cert: Certificate) -> None:
    """Draw one certificate (giấy khen): the page is laid out from top to bottom, each line
    placed below the last, as the printed form is read."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm

    width, height = landscape(A4)
    cx = width / 2
    # Border: a thick red frame, a thin gold one inside, corner ornaments.
    canvas.setStrokeColorRGB(*RED)
    canvas.setLineWidth(4)
    canvas.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    canvas.setStrokeColorRGB(*GOLD)
    canvas.setLineWidth(1.2)
    canvas.rect(14 * mm, 14 * mm, width - 28 * mm, height - 28 * mm)
    canvas.setFillColorRGB(*GOLD)
    for x, y in ((14, 14), (14, 196), (283, 14), (283, 196)):
        canvas.circle(x * mm, y * mm, 2.2 * mm, stroke=0, fill=1)

    canvas.setFillColorRGB(0, 0, 0)
    y = height - 27 * mm
    canvas.setFont("Serif-Bold", 14)
    canvas.drawCentredString(cx, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    y -= 6.5 * mm
    canvas.setFont("Serif-Bold", 14)
    motto = "Độc lập - Tự do - Hạnh phúc"
    canvas.drawCentredString(cx, y, motto)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    half = stringWidth(motto, "Serif-Bold", 14) / 2
    canvas.setLineWidth(0.6)
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.line(cx - half, y - 1.5 * mm, cx + half, y - 1.5 * mm)

    y -= 12 * mm
    canvas.setFont("Serif-Bold", 15)
    for line in _wrap(cert.issuer_heading, "Serif-Bold", 15, width - 70 * mm):
        canvas.drawCentredString(cx, y, line)
        y -= 6.5 * mm
    if cert.kind != "GIẤY CHỨNG NHẬN":
        canvas.setFont("Serif-Bold", 14)
        canvas.drawCentredString(cx, y, "TẶNG")
    y -= 17 * mm
    canvas.setFillColorRGB(*RED)
    canvas.setFont("Serif-Bold", 40 if len(cert.kind) < 12 else 34)
    canvas.drawCentredString(cx, y, cert.kind)
    y -= 15 * mm
    canvas.setFillColorRGB(0.05, 0.1, 0.45)
    canvas.setFont("Serif-BoldItalic", 26)
    canvas.drawCentredString(cx, y, cert.recipient)
    y -= 8.5 * mm
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont("Serif-Italic", 15)
    if cert.unit:
        canvas.drawCentredString(cx, y, cert.unit)
        y -= 9 * mm
    if cert.conferral:
        canvas.setFillColorRGB(*RED)
        canvas.setFont("Serif-Bold", 18)
        for line in _wrap(cert.conferral, "Serif-Bold", 18, width - 70 * mm)[:2]:
            canvas.drawCentredString(cx, y, line)
            y -= 8 * mm
        canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont("Serif", 15)
    text = cert.achievement.strip() or cert.title
    lines = _wrap(f"Đã có thành tích: {text}", "Serif", 15, width - 80 * mm)
    for line in lines[: 3 if cert.conferral else 4]:
        canvas.drawCentredString(cx, y, line)
        y -= 6.8 * mm
    if not cert.conferral:
        canvas.setFont("Serif-Bold", 14)
        canvas.drawCentredString(cx, y, f"({cert.title})")

    # Bottom: decision and code on the left, place, date and signature on the right.
    canvas.setFont("Serif-Italic", 12)
    left = 26 * mm
    base = 34 * mm
    canvas.drawString(left, base + 24 * mm, f"Quyết định số {cert.decision_number}")
    canvas.drawString(left, base + 18.5 * mm, f"{vn_date(cert.decision_date, leading_zeros=True)}")
    canvas.setFont("Serif", 11)
    canvas.drawString(left + 27 * mm, base - 2 * mm, "Mã xác minh:")
    canvas.setFont("Serif-Bold", 13)
    canvas.drawString(left + 27 * mm, base - 8 * mm, codes.grouped(cert.code))
    _qr(canvas, verify_url(cert.code), left, base - 14 * mm, 24 * mm)

    right = width - 80 * mm
    canvas.setFont("Serif-Italic", 13)
    canvas.drawCentredString(
        right,
        base + 22 * mm,
        f"{cert.place}, {vn_date(cert.decision_date, leading_zeros=True)}",
    )
    canvas.setFont("Serif-Bold", 13)
    top = base + 15 * mm
    if cert.sign_prefix:
        canvas.drawCentredString(right, top, cert.sign_prefix)
        top -= 5.5 * mm
    canvas.drawCentredString(right, top, cert.sign_title)
    canvas.setFont("Serif-Bold", 14)
    canvas.drawCentredString(right, base - 10 * mm, cert.signer_name)


def render(
    certificates: Iterable[Certificate],
    *,
    total: int = 0,
    on_progress: Callable[[int, int], None] | None = None,
    every: int = 50,
) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4), pageCompression=1)
    canvas.setTitle("Giấy khen, Bằng khen")
    count = 0
    for cert in certificates:
        draw(canvas, cert)
        canvas.showPage()
        count += 1
        if on_progress is not None and count % every == 0:
            on_progress(count, total)
    if count == 0:
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _frame(decision) -> dict[str, str]:
    """What every certificate of the decision shares: the issuer, the place, the signature."""
    profile = profile_for(decision.authority)
    sign_prefix, sign_title = signature(decision, profile)
    return {
        "parent_name": profile.parent_name,
        "issuer_heading": f"{profile.head_title} {profile.issuer_name}",
        "place": profile.place,
        "sign_prefix": sign_prefix,
        "sign_title": sign_title,
    }


def _certificate(decision, line, frame: dict[str, str]) -> Certificate:
    return Certificate(
        kind=kind_for(line.title.name, line.title.level, line.title.kind),
        conferral=conferral_for(line.title.name, line.title.kind, decision.year),
        recipient=line.name,
        unit=line.unit.name if line.person_id else "",
        collective=line.person_id is None,
        title=line.title.name,
        achievement=line.achievement,
        decision_number=decision.full_number,
        decision_date=decision.decision_date,
        signer_name=decision.signer_name,
        code=line.certificate_code,
        **frame,
    )


def for_decision(decision) -> list[Certificate]:
    """The certificates of a signed award decision, in the order of its annex."""
    frame = _frame(decision)
    return [
        _certificate(decision, line, frame)
        for line in decision_recipients(decision)
        if line.certificate_code
    ]


def for_line(line) -> list[Certificate]:
    """One recipient's certificate (the same page as in the decision's batch)."""
    if not line.certificate_code:
        return []
    return [_certificate(line.decision, line, _frame(line.decision))]
