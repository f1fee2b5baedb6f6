"""A decision as DOCX (docxtpl template an officer can edit in Word), PDF (WeasyPrint through
core.documents, same content) and its annex as XLSX for the accountant; the submission (tờ
trình) and its list as DOCX and PDF."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guongsang.catalogue.models import AwardKind
from guongsang.core.documents import (
    DOCX_MIME,
    PDF_MIME,
    XLSX_MIME,
    Letterhead,
    docx_bytes,
    docx_document,
    docx_letterhead,
    keep_phrases,
)
from guongsang.core.documents import render_pdf as core_render_pdf
from guongsang.core.formatting import file_slug, vn_number, vn_short_date
from guongsang.core.xlsx import append_row
from guongsang.decisions.models import Decision, DecisionKind, Submission
from guongsang.decisions.selectors import decision_recipients, submission_items
from guongsang.decisions.services import profile_for
from guongsang.decisions.wording import who

TEMPLATE = Path(__file__).resolve().parent / "templates_docx" / "quyet_dinh.docx"
DRAFT_NUMBER = "      "  # the number is written at signing: a blank for the draft


def annex_heading(recipients: list[Any], *, revocation: bool) -> str:
    """What the annex lists: "CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU THI ĐUA", "TẬP THỂ ĐƯỢC KHEN
    THƯỞNG", "TẬP THỂ, CÁ NHÂN ĐƯỢC …", from the lines themselves."""
    if revocation:
        return "THU HỒI KHEN THƯỞNG"
    people = any(r.person_id for r in recipients)
    units = any(not r.person_id for r in recipients)
    whom = ", ".join(w for w, on in (("TẬP THỂ", units), ("CÁ NHÂN", people)) if on)
    kinds = {r.title.kind for r in recipients}
    if kinds == {AwardKind.TITLE}:
        what = "ĐƯỢC CÔNG NHẬN DANH HIỆU THI ĐUA"
    elif kinds == {AwardKind.FORM}:
        what = "ĐƯỢC KHEN THƯỞNG"
    else:
        what = "ĐƯỢC CÔNG NHẬN DANH HIỆU THI ĐUA VÀ KHEN THƯỞNG"
    return f"{whom or 'TẬP THỂ, CÁ NHÂN'} {what}"


def award_head(recipients: list[Any]) -> str:
    kinds = {r.title.kind for r in recipients}
    if kinds == {AwardKind.TITLE}:
        return "Danh hiệu"
    return "Hình thức" if kinds == {AwardKind.FORM} else "Danh hiệu, hình thức"


@dataclass(frozen=True)
class Line:
    index: int
    name: str
    unit: str
    title: str
    amount: str
    amount_value: int
    revokes: str


def _lines(recipients: list[Any]) -> list[Line]:
    out = []
    for i, r in enumerate(recipients, start=1):
        revokes = ""
        if r.revokes_id:
            revokes = r.revokes.decision.full_number
        out.append(
            Line(
                index=i,
                name=r.name,
                unit=r.unit.name if r.person_id else (r.unit.parent.name if r.unit.parent else ""),
                title=r.title.name,
                amount=vn_number(r.amount) if r.amount else "",
                amount_value=r.amount,
                revokes=revokes,
            )
        )
    return out


def signature(decision: Decision, profile: Any) -> tuple[str, str]:
    """("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC") when a deputy signs; ("", "GIÁM ĐỐC") otherwise."""
    if decision.signed_as_deputy:
        return f"KT. {profile.head_title}", profile.deputy_title
    return "", profile.head_title


def _letterhead(profile: Any, number: str, date: dt.date | None) -> Letterhead:
    """The authority's header over a paper numbered `number` (blank before it is signed)."""
    return Letterhead(
        parent=profile.parent_name,
        issuer=profile.issuer_name,
        number=f"Số: {number}",
        place=profile.place,
        date=date,
    )


def decision_context(decision: Decision) -> dict[str, Any]:
    profile = profile_for(decision.authority)
    number = decision.full_number or f"{DRAFT_NUMBER}/{decision.code}"
    head = _letterhead(profile, number, decision.decision_date if decision.is_signed else None)
    issuer_title = decision.authority.name
    sign_prefix, sign_title = signature(decision, profile)
    recipients = list(decision_recipients(decision))
    lines = _lines(recipients)
    revocation = decision.kind == DecisionKind.REVOCATION
    people = sum(1 for r in recipients if r.person_id)
    heading = f"{profile.head_title} {profile.issuer_name}"  # "GIÁM ĐỐC SỞ …"
    return {
        "decision": decision,
        "head": head,
        "parent_name": keep_phrases(profile.parent_name),
        "issuer_name": keep_phrases(profile.issuer_name),
        "issuer_title": issuer_title,
        "number": number,
        "place_date": head.place_date,
        "date_short": vn_short_date(decision.decision_date) if decision.is_signed else "   /   /",
        "summary": decision.summary,
        "signer_heading": heading,
        "bases": [_basis(b) for b in decision.legal_bases.splitlines() if b.strip()],
        "articles": [a.strip() for a in decision.articles.splitlines() if a.strip()],
        "recipients_list": [
            p.strip().rstrip(";.") for p in decision.recipients_list.splitlines() if p.strip()
        ],
        "sign_prefix": sign_prefix,
        "sign_title": sign_title,
        "signer_name": decision.signer_name if decision.is_signed else "",
        "annex_heading": annex_heading(recipients, revocation=revocation),
        "award_head": award_head(recipients),
        "rows": lines,
        "count": vn_number(len(lines)),
        "count_text": who(people, len(lines) - people) or "0",
        "total": vn_number(sum(line.amount_value for line in lines)),
        "revocation": revocation,
    }


def _basis(text: str) -> str:
    text = text.strip().rstrip(";.")
    if text.lower().startswith(("căn cứ", "theo đề nghị", "xét đề nghị")):
        return f"{text};"
    return f"Căn cứ {text};"


def decision_docx(decision: Decision) -> bytes:
    from docxtpl import DocxTemplate

    profile = profile_for(decision.authority)
    source: Any = TEMPLATE
    if profile.pk and profile.docx_template:
        with profile.docx_template.open("rb") as uploaded:
            source = io.BytesIO(uploaded.read())
    template = DocxTemplate(source)
    template.render(decision_context(decision), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def decision_pdf(decision: Decision) -> bytes:
    return core_render_pdf("decisions/pdf/decision.html", decision_context(decision))


def decision_filename(decision: Decision, ext: str) -> str:
    name = decision.full_number or f"du-thao-{decision.uuid.hex[:8]}"
    return f"quyet-dinh-{file_slug(name)}.{ext}"


def annex_xlsx(decision: Decision) -> bytes:
    """Danh sách kèm theo for the accountant: one row a recipient, the amount as a number."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    context = decision_context(decision)
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet, active
    sheet.title = "Danh sách kèm theo"
    append_row(sheet, [f"DANH SÁCH {context['annex_heading']}"])
    sheet.append(
        [
            f"Kèm theo Quyết định số {context['number']} ngày {context['date_short']}"
            f" của {context['issuer_title']}"
        ]
    )
    headers = ["STT", "Họ và tên / Tập thể", "Đơn vị", context["award_head"], "Số tiền (đồng)"]
    sheet.append(headers)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for line in context["rows"]:
        append_row(sheet, [line.index, line.name, line.unit, line.title, line.amount_value])
        sheet.cell(row=sheet.max_row, column=5).number_format = "#,##0"
    last = sheet.max_row
    sheet.append(["", "Tổng cộng", "", "", f"=SUM(E4:E{last})" if last >= 4 else 0])
    total_row = sheet.max_row
    sheet.cell(row=total_row, column=2).font = Font(bold=True)
    sheet.cell(row=total_row, column=5).font = Font(bold=True)
    sheet.cell(row=total_row, column=5).number_format = "#,##0"
    for column, width in zip("ABCDE", (6, 32, 40, 36, 16), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- submissions ---------------------------------------------------------------------------


def submission_context(submission: Submission) -> dict[str, Any]:
    profile = profile_for(submission.authority)
    number = submission.full_number or f"{DRAFT_NUMBER}/{submission.code}"
    head = _letterhead(profile, number, submission.submitted_on)
    rows = []
    for i, item in enumerate(submission_items(submission), start=1):
        dossier = item.dossier
        rows.append(
            {
                "index": i,
                "name": dossier.nominee_name,
                "unit": dossier.unit.name,
                "title": dossier.title.name,
                "summary": dossier.summary,
            }
        )
    return {
        "submission": submission,
        "head": head,
        "number": number,
        "to_unit": submission.to_unit.name,
        "summary": submission.summary,
        "body": [p.strip() for p in submission.body.splitlines() if p.strip()],
        "rows": rows,
        "head_title": profile.head_title,
        "signer_name": submission.signer_name,
        "issuer_title": submission.authority.name,
        "date_short": vn_short_date(submission.submitted_on),
    }


def submission_pdf(submission: Submission) -> bytes:
    return core_render_pdf("decisions/pdf/submission.html", submission_context(submission))


def submission_docx(submission: Submission) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    context = submission_context(submission)
    document = docx_document()
    docx_letterhead(document, context["head"])

    def centered(text: str, *, bold: bool = True, italic: bool = False) -> None:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic

    centered("TỜ TRÌNH")
    centered(context["summary"])
    centered(f"Kính gửi: {context['to_unit']}", bold=False)
    for paragraph in context["body"]:
        document.add_paragraph(paragraph)
    sign = document.add_paragraph()
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sign.add_run(f"{context['head_title']}\n\n\n\n{context['signer_name']}").bold = True
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    centered("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG")
    centered(
        f"(Kèm theo Tờ trình số {context['number']} của {context['issuer_title']})",
        bold=False,
        italic=True,
    )
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ("STT", "Họ và tên / Tập thể", "Đơn vị", "Hình thức đề nghị", "Tóm tắt thành tích"),
        strict=True,
    ):
        cell.text = text
    for row in context["rows"]:
        cells = table.add_row().cells
        for cell, value in zip(
            cells,
            (row["index"], row["name"], row["unit"], row["title"], row["summary"]),
            strict=True,
        ):
            cell.text = str(value)
    return docx_bytes(document)


def submission_filename(submission: Submission, ext: str) -> str:
    name = submission.full_number or f"du-thao-{submission.uuid.hex[:8]}"
    return f"to-trinh-{file_slug(name)}.{ext}"


def decision_file(decision: Decision, fmt: str) -> tuple[bytes, str, str]:
    """The decision as DOCX or PDF, or its list of recipients as XLSX: (content, file name,
    content type)."""
    render, mime = {
        "docx": (decision_docx, DOCX_MIME),
        "pdf": (decision_pdf, PDF_MIME),
        "xlsx": (annex_xlsx, XLSX_MIME),
    }[fmt]
    return render(decision), decision_filename(decision, fmt), mime


def submission_file(submission: Submission, fmt: str) -> tuple[bytes, str, str]:
    """The submission as DOCX or PDF: (content, file name, content type)."""
    render, mime = {"docx": (submission_docx, DOCX_MIME), "pdf": (submission_pdf, PDF_MIME)}[fmt]
    return render(submission), submission_filename(submission, fmt), mime
