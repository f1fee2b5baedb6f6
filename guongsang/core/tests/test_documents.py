import datetime as dt
import io

from docx import Document
from pypdf import PdfReader

from guongsang.core.documents import (
    Letterhead,
    docx_bytes,
    docx_document,
    docx_letterhead,
    render_pdf,
)

HEAD = Letterhead(
    parent="UBND THÀNH PHỐ HÀ NỘI",
    issuer="SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
    number="Số: 7/QĐ-SLĐTBXH",
    place="Hà Nội",
    date=dt.date(2024, 2, 5),
)


def test_place_date_has_decree_30_leading_zeros():
    assert HEAD.place_date == "Hà Nội, ngày 05 tháng 02 năm 2024"


def test_docx_letterhead_reads_back_with_python_docx():
    document = docx_document()
    docx_letterhead(document, HEAD)
    text = " ".join(
        cell.text for cell in Document(io.BytesIO(docx_bytes(document))).tables[0]._cells
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số: 7/QĐ-SLĐTBXH" in text and "ngày 05 tháng 02 năm 2024" in text


def test_pdf_keeps_vietnamese_diacritics():
    pdf = render_pdf("documents/base.html", {"head": HEAD})
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ngày 05 tháng 02 năm 2024" in text
