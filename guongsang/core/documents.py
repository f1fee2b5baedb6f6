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
    def parent_lines(self) -> str:
        return keep_phrases(self.parent)

    @property
    def issuer_lines(self) -> str:
        return keep_phrases(self.issuer)

    @property
    def place_date(self) -> str:
        """'Hà Nội, ngày 05 tháng 02 năm 2024' (leading zeros as Decree 30 requires)."""
        if self.date is None:
            return f"{self.place}, ngày     tháng     năm {dt.date.today().year}"
        return f"{self.place}, {vn_date(self.date, leading_zeros=True)}"


NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NBSP = "\u00a0"
# A segment of a name longer than this may break between its words (it would not fit on a
# line of the letterhead's left column otherwise).
LONG_PHRASE = 26


def keep_phrases(name: str) -> str:
    """The name with non-breaking spaces inside each phrase, so that a line breaks only
    between phrases: "SỞ LAO ĐỘNG -" / "THƯƠNG BINH VÀ XÃ HỘI", never "THƯƠNG" / "BINH".

    Phrases are the parts around " - ", and a phrase is split before "VÀ" and before a
    place ("THÀNH PHỐ", "TỈNH", …); a phrase still too long for a line keeps its spaces."""
    parts = []
    for segment in name.split(" - "):
        pieces: list[list[str]] = [[]]
        words = segment.split()
        for i, word in enumerate(words):
            two = " ".join(words[i : i + 2]).upper()
            if pieces[-1] and (word.upper() in PHRASE_HEADS or two in PHRASE_HEADS):
                pieces.append([])
            pieces[-1].append(word)
        joined = []
        for piece in pieces:
            text = " ".join(piece)
            joined.append(text if len(text) > LONG_PHRASE else text.replace(" ", NBSP))
        parts.append(" ".join(joined))
    return f"{NBSP}- ".join(parts)


PHRASE_HEADS = {"VÀ", "THÀNH PHỐ", "TỈNH", "QUẬN", "HUYỆN", "THỊ XÃ", "PHƯỜNG"}


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

    line(left, keep_phrases(head.parent), size=13, first=True)
    line(left, keep_phrases(head.issuer), bold=True, underline=True, size=13)
    if head.number:
        line(left, head.number, size=13)
    line(right, NATIONAL_TITLE, bold=True, size=12, first=True)
    line(right, MOTTO, bold=True, underline=True, size=13)
    line(right, head.place_date, italic=True, size=13)


def docx_page_numbers(section: Any) -> None:
    """The page number centred in the top margin from page 2 (Decree 30/2020, Appendix I):
    a PAGE field in the header, and an empty header for the first page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.name, run.font.size = SERIF, Pt(13)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2")):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            node = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            node.set(qn("xml:space"), "preserve")
            node.text = text
            run._r.append(node)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    section.first_page_header.is_linked_to_previous = False


def docx_document() -> Any:
    """A new python-docx Document with Decree 30 page setup (A4, margins, 13–14 pt serif,
    page numbers at the top from page 2)."""
    from docx import Document
    from docx.shared import Mm, Pt

    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        docx_page_numbers(section)
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
