"""The conference's papers: the programme, the honourees' list and the name cards, each as
DOCX (to adjust in Word) and PDF (to print), through guongsang.core.documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guongsang.conference.models import Conference, Honouree
from guongsang.core.documents import (
    Letterhead,
    docx_bytes,
    docx_document,
    docx_letterhead,
    html_to_pdf,
)
from guongsang.core.formatting import vn_date, vn_short_date
from guongsang.org.models import Unit, UnitType

KINDS = {
    "chuong-trinh": gettext_lazy("Chương trình hội nghị"),
    "danh-sach": gettext_lazy("Danh sách biểu dương"),
    "bien-ten": gettext_lazy("Biển tên (gấp đôi, A4 ngang)"),
    "tham-luan": gettext_lazy("Tập bài tham luận"),
}
FORMATS = ("docx", "pdf")


def letterhead(conference: Conference) -> Letterhead:
    organiser: Unit = conference.organiser
    parent = organiser.parent
    parent_name = ""
    if parent is not None:
        parent_name = parent.name.upper()
        if parent.unit_type == UnitType.CITY:
            parent_name = f"UBND {parent_name}"
    return Letterhead(
        parent=parent_name,
        issuer=organiser.name.upper(),
        number="",
        place="Hà Nội",
        date=conference.held_on,
    )


@dataclass(frozen=True)
class Card:
    """A name card on the table: the name large, the role or unit under it."""

    name: str
    line: str


def honouree_unit(honouree: Honouree) -> str:
    return honouree.award.unit.name


def cards(conference: Conference) -> list[Card]:
    found = [
        Card(g.full_name, ", ".join(x for x in (g.role, g.organisation) if x))
        for g in conference.guests.all()
    ]
    for honouree in conference.honourees.all():
        award = honouree.award
        if award.person is not None:
            found.append(Card(award.person.full_name, award.unit.name))
        else:
            found.append(Card(award.unit.name, str(award.title.name)))
    return found


def context(conference: Conference) -> dict[str, Any]:
    return {
        "conference": conference,
        "head": letterhead(conference),
        "guests": list(conference.guests.all()),
        "items": list(conference.items.all()),
        "honourees": list(conference.honourees.all()),
        "cards": cards(conference),
        "held_on_text": vn_date(conference.held_on),
        "reports": [(r, _paragraphs(r.body)) for r in conference.reports.all()],
    }


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]


def render_pdf(conference: Conference, kind: str) -> bytes:
    template = {
        "chuong-trinh": "conference/documents/programme.html",
        "danh-sach": "conference/documents/honourees.html",
        "bien-ten": "conference/documents/cards.html",
        "tham-luan": "conference/documents/reports.html",
    }[kind]
    return html_to_pdf(render_to_string(template, context(conference)))


# --- DOCX ------------------------------------------------------------------------------------


def _heading(document: Any, text: str, *, size: int = 14, bold: bool = True) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _table(document: Any, header: list[str], rows: list[list[str]], widths: list[float]) -> None:
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    for index, width in enumerate(widths):
        for cell in table.columns[index].cells:
            cell.width = Mm(width)


def _when_where(conference: Conference) -> str:
    when = vn_date(conference.held_on)
    if conference.starts_at:
        when = f"{conference.starts_at:%H} giờ {conference.starts_at:%M}, {when}"
    return _("Thời gian: %(when)s. Địa điểm: %(place)s.") % {
        "when": when,
        "place": conference.place,
    }


def programme_docx(conference: Conference) -> bytes:
    document = docx_document()
    docx_letterhead(document, letterhead(conference))
    _heading(document, _("CHƯƠNG TRÌNH"))
    _heading(document, conference.name, size=14)
    document.add_paragraph(_when_where(conference))
    guests = list(conference.guests.all())
    if guests:
        document.add_paragraph().add_run(_("Thành phần đại biểu:")).bold = True
        for guest in guests:
            parts = ", ".join(x for x in (guest.role, guest.organisation) if x)
            document.add_paragraph(f"- {guest.full_name}" + (f", {parts}" if parts else ""))
    items = [[f"{i.starts_at:%H:%M}", i.title, i.speaker] for i in conference.items.all()]
    _table(document, [_("Thời gian"), _("Nội dung"), _("Thực hiện")], items, [22, 95, 50])
    return docx_bytes(document)


def honouree_rows(conference: Conference) -> list[list[str]]:
    rows = []
    for number, honouree in enumerate(conference.honourees.all(), start=1):
        award = honouree.award
        name = award.person.full_name if award.person else award.unit.name
        unit = award.unit.name if award.person else ""
        decision = award.decision_number
        if award.decision_date:
            decision = f"{decision} ({vn_short_date(award.decision_date)})"
        rows.append([str(number), name, unit, award.title.name, decision])
    return rows


def honourees_docx(conference: Conference) -> bytes:
    document = docx_document()
    docx_letterhead(document, letterhead(conference))
    _heading(document, _("DANH SÁCH"))
    _heading(
        document,
        _("tập thể, cá nhân được biểu dương tại %(name)s") % {"name": conference.name},
        size=14,
    )
    document.add_paragraph(_when_where(conference))
    header = [_("STT"), _("Tập thể, cá nhân"), _("Đơn vị"), _("Danh hiệu"), _("Quyết định")]
    _table(document, header, honouree_rows(conference), [12, 45, 50, 35, 30])
    return docx_bytes(document)


def cards_docx(conference: Conference) -> bytes:
    """One A4 landscape page a card, folded in two along the middle: the top half is left for
    the reverse side (in the PDF it carries the name upside down), the bottom half the name."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm, Pt

    document = docx_document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(10)
    section.left_margin = section.right_margin = Mm(15)
    all_cards = cards(conference)
    for index, card in enumerate(all_cards):
        spacer = document.add_paragraph()
        spacer.paragraph_format.space_before = Mm(105)
        name = spacer.add_run(card.name)
        spacer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        name.bold = True
        name.font.size = Pt(48 if len(card.name) < 28 else 32)
        line = document.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = line.add_run(card.line)
        run.font.size = Pt(20)
        if index < len(all_cards) - 1:
            run.add_break(WD_BREAK.PAGE)
    return docx_bytes(document)


def reports_docx(conference: Conference) -> bytes:
    """The speakers' reports, one after another, each from a new page."""
    from docx.enum.text import WD_BREAK

    document = docx_document()
    _heading(document, _("TẬP BÀI THAM LUẬN"))
    _heading(document, conference.name, size=14)
    document.add_paragraph(_when_where(conference))
    for report in conference.reports.all():
        document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        _heading(document, report.title.upper())
        byline = report.speaker + (f", {report.role}" if report.role else "")
        paragraph = document.add_paragraph()
        paragraph.add_run(byline).italic = True
        for text in _paragraphs(report.body):
            document.add_paragraph(text)
    return docx_bytes(document)


def render_docx(conference: Conference, kind: str) -> bytes:
    return {
        "chuong-trinh": programme_docx,
        "danh-sach": honourees_docx,
        "bien-ten": cards_docx,
        "tham-luan": reports_docx,
    }[kind](conference)


def filename(conference: Conference, kind: str, fmt: str) -> str:
    return f"{kind}-hoi-nghi-{conference.held_on:%Y%m%d}.{fmt}"
