"""Decree 30/2020 details as officers check them against the paper: page numbers centred in
the top margin from page 2 (PDF text positions, DOCX first-page header), "Công nhận danh
hiệu …" for titles and "Tặng …" for forms, the certificate of a title naming the title, the
annex heading naming what it lists, "Nơi nhận" ending with ".", the issuer's name broken
between phrases."""

import datetime as dt
import io
import os
from pathlib import Path

import pytest

from guongsang.decisions import certificates, documents, services
from guongsang.decisions.tests.factories import recommended, recommended_collective, signer
from guongsang.people.tests.factories import make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]
DUMP = os.environ.get("GS_DOCS_DUMP")  # a folder: write the files there to look at them


def _dump(name: str, content: bytes) -> None:
    if DUMP:
        Path(DUMP).mkdir(parents=True, exist_ok=True)
        (Path(DUMP) / name).write_bytes(content)


def _sign(world, dossiers):
    draft = services.decision_draft(
        actor=world.secretariat, authority=world.dept, dossiers=dossiers
    )
    return services.decision_sign(
        actor=signer(world), decision=draft, on=dt.date(2024, 2, 5), signer_name="Bạch Liên Hương"
    )


@pytest.fixture
def people(world):
    names = ["Lê Thị Bích Liên", "Nguyễn Thị Bích Thủy", "Trần Văn Hùng", "Phạm Thị Lan"]
    others = [make_person(n, unit=world.centre, female=n != "Trần Văn Hùng") for n in names[1:]]
    return [world.person, *others]


@pytest.fixture
def titles_only(world, people):
    """Lao động tiên tiến for four people: a title, individuals only."""
    return _sign(world, [recommended(world, code="lao-dong-tien-tien", person=p) for p in people])


@pytest.fixture
def forms_only(world):
    """Giấy khen của Giám đốc Sở for the centre: a form, a collective only."""
    return _sign(world, [recommended_collective(world, code="giay-khen-giam-doc-so")])


@pytest.fixture
def movement(world, people):
    """“Người tốt, việc tốt” cấp cơ sở for two people, a title already in quotes."""
    return _sign(world, [recommended(world, person=p) for p in people[:2]])


def _docx(content: bytes):
    from docx import Document

    return Document(io.BytesIO(content))


def _docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _words(pdf: bytes) -> list[tuple[float, list[dict]]]:
    """Per page: its width, and each run of text pypdf reads with its position (x from the
    left, top from the top edge, in points)."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        runs: list[dict] = []

        def visit(text, cm, tm, font, size, runs=runs, height=height):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append({"text": text.strip(), "x0": x, "top": height - y})

        page.extract_text(visitor_text=visit)
        pages.append((float(page.mediabox.width), runs))
    return pages


def _articles(decision) -> str:
    return " ".join(decision.articles.split())


def test_a_title_is_recognised_and_a_form_is_given_without_quotes(titles_only, forms_only):
    assert titles_only.summary == "Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2023"
    assert _articles(titles_only).startswith(
        "Công nhận danh hiệu “Lao động tiên tiến” cho 4 cá nhân đã có thành tích"
    )
    assert forms_only.summary == "Về việc tặng Giấy khen của Giám đốc Sở năm 2023"
    assert _articles(forms_only).startswith("Tặng Giấy khen của Giám đốc Sở cho 1 tập thể")
    assert "“Giấy khen" not in forms_only.summary + forms_only.articles


def test_a_movement_title_keeps_its_own_quotes_once(movement):
    assert movement.summary == (
        "Về việc công nhận danh hiệu “Người tốt, việc tốt” cấp cơ sở năm 2023"
    )
    assert "““" not in movement.articles and "Tặng" not in movement.articles


def test_the_decision_docx_wording_annex_and_recipients_list(titles_only, forms_only):
    content = documents.decision_docx(titles_only)
    _dump("quyet-dinh-danh-hieu.docx", content)
    text = _docx_text(_docx(content))
    assert "Điều 1." in text
    assert "Công nhận danh hiệu “Lao động tiên tiến” cho 4 cá nhân" in text
    assert "DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU THI ĐUA" in text
    assert "TẬP THỂ" not in text.split("DANH SÁCH", 1)[1].splitlines()[0]
    assert "Tổng cộng: 4 cá nhân" in text
    # "Nơi nhận": every place ends with ";" but the last with "." (as in the PDF).
    cell = _docx(content).tables[1].rows[0].cells[0]
    places = [p.text for p in cell.paragraphs if p.text.startswith("- ")]
    assert len(places) >= 2
    assert all(p.endswith(";") for p in places[:-1]) and places[-1].endswith(".")
    form_text = _docx_text(_docx(documents.decision_docx(forms_only)))
    assert "DANH SÁCH TẬP THỂ ĐƯỢC KHEN THƯỞNG" in form_text
    assert "Tặng Giấy khen của Giám đốc Sở cho 1 tập thể" in form_text


def test_the_docx_numbers_pages_at_the_top_from_page_2(titles_only):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = _docx(documents.decision_docx(titles_only))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in header._p.xml and "fldChar" in header._p.xml
    assert section.footer.paragraphs[0].text == ""  # not at the bottom


def test_the_pdf_numbers_pages_centred_at_the_top_from_page_2(titles_only):
    pdf = documents.decision_pdf(titles_only)
    _dump("quyet-dinh-danh-hieu.pdf", pdf)
    pages = _words(pdf)
    assert len(pages) >= 2  # the decision, then its annex
    top_margin = 20 * 72 / 25.4  # 20 mm in points

    def numbers_in_top_margin(runs):
        return [r for r in runs if r["text"].isdigit() and r["top"] <= top_margin]

    assert numbers_in_top_margin(pages[0][1]) == []  # never on page 1
    for index, (width, runs) in enumerate(pages[1:], start=2):
        found = numbers_in_top_margin(runs)
        assert [r["text"] for r in found] == [str(index)]
        middle = found[0]["x0"] + 3.25  # one digit of 13 pt is 6.5 pt wide
        # centred over the text column (left margin 30 mm, right 15 mm)
        column = (30 * 72 / 25.4 + width - 15 * 72 / 25.4) / 2
        assert abs(middle - column) < 3
        low = [r for r in runs if r["text"] == str(index) and r["top"] > 297 * 72 / 25.4 - 60]
        assert low == []  # not at the bottom


def test_the_issuer_breaks_between_phrases_not_inside_thuong_binh(titles_only):
    runs = _words(documents.decision_pdf(titles_only))[0][1]
    lines = [" ".join(r["text"].split()) for r in runs if r["top"] < 130]
    # one run a line: "SỞ LAO ĐỘNG -" then "THƯƠNG BINH VÀ XÃ HỘI"
    assert "SỞ LAO ĐỘNG -" in lines and "THƯƠNG BINH VÀ XÃ HỘI" in lines
    assert not any(line.endswith("THƯƠNG") or line.startswith("BINH") for line in lines)
    cell = _docx(documents.decision_docx(titles_only)).tables[0].rows[0].cells[0]
    issuer = cell.paragraphs[1].text
    assert "THƯƠNG\u00a0BINH" in issuer and "LAO\u00a0ĐỘNG" in issuer


def test_the_certificate_of_a_title_names_the_title(titles_only, forms_only, movement):
    from pypdf import PdfReader

    def text(decision, name):
        pdf = certificates.render(certificates.for_decision(decision))
        _dump(name, pdf)
        return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())

    title = text(titles_only, "chung-nhan-lao-dong-tien-tien.pdf")
    assert "GIẤY CHỨNG NHẬN" in title and "GIẤY KHEN" not in title
    assert "Đạt danh hiệu “Lao động tiên tiến” năm 2023" in title
    form = text(forms_only, "giay-khen.pdf")
    assert "GIẤY KHEN" in form and "CHỨNG NHẬN" not in form
    handed = text(movement, "giay-khen-nguoi-tot-viec-tot.pdf")
    assert "GIẤY KHEN" in handed
    assert "Đạt danh hiệu “Người tốt, việc tốt” cấp cơ sở năm 2023" in handed
