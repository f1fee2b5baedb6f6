"""Shared document rendering: PDF from HTML (WeasyPrint) and the Decree 30 header in DOCX.

Every generated document (minutes, decisions, submissions, reports, books, programmes) goes
through here so that fonts, margins and the national header look the same everywhere.
Fonts: Liberation Serif (metric-compatible with Times New Roman, full Vietnamese), installed
by `make system-deps`; WeasyPrint finds it through fontconfig and embeds it.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from guongsang.core.formatting import vn_date

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_MIME = "application/pdf"
SERIF = "Times New Roman"  # Word picks Times New Roman; PDFs fall back to Liberation Serif


@dataclass(frozen=True)
class Letterhead:
    """The Decree 30 header: issuing body on the left, the national title on the right."""

    parent: str  # "UBND THÀNH PHỐ HÀ NỘI" (may be empty)
    issuer: str  # "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    number: str  # "Số: 125/QĐ-SLĐTBXH" (empty for minutes without a number)
    place: str  # "Hà Nội"
    date: dt.date | None

    @property
    def place_date(self) -> str:
        """'Hà Nội, ngày 05 tháng 02 năm 2024' (leading zeros as Decree 30 requires)."""
        if self.date is None:
            return f"{self.place}, ngày     tháng     năm {dt.date.today().year}"
        return f"{self.place}, {vn_date(self.date, leading_zeros=True)}"


NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def html_to_pdf(html: str) -> bytes:
    """Render HTML (with print CSS) to PDF bytes; fonts are embedded."""
    from weasyprint import HTML  # heavy import: only when a PDF is made

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render a template extending documents/base.html to PDF."""
    return html_to_pdf(render_to_string(template_name, context))


def docx_letterhead(document: Any, head: Letterhead) -> None:
    """Write the Decree 30 header (two-column borderless table) at the top of a python-docx
    Document: issuing body and number on the left, national title, motto and date on the right."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells

    def line(
        cell: Any, text: str, *, bold=False, italic=False, underline=False, size=13, first=False
    ):
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        run.font.size = Pt(size)
        run.font.name = SERIF
        return paragraph

    line(left, head.parent, size=13, first=True)
    line(left, head.issuer, bold=True, underline=True, size=13)
    if head.number:
        line(left, head.number, size=13)
    line(right, NATIONAL_TITLE, bold=True, size=12, first=True)
    line(right, MOTTO, bold=True, underline=True, size=13)
    line(right, head.place_date, italic=True, size=13)


def docx_document() -> Any:
    """A new python-docx Document with Decree 30 page setup (A4, margins, 13–14 pt serif)."""
    from docx import Document
    from docx.shared import Mm, Pt

    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = SERIF
    style.font.size = Pt(14)
    return document


def docx_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def file_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """A download with a Vietnamese file name (RFC 6266 filename*)."""
    from urllib.parse import quote

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
