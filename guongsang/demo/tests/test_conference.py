"""The demo's conference of 23/9/2022 and book of 2023, built once on the full demo (the book
needs the showcase's stories, so both are checked here on one seed)."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from guongsang.conference import documents
from guongsang.conference.models import Conference
from guongsang.conference.selectors import with_everything
from guongsang.demo import facts

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_db):
    """The whole demo (built once per session); a second run of a step adds nothing."""
    from guongsang.demo.steps.books import seed as seed_books
    from guongsang.demo.steps.conference import seed as seed_conference

    assert seed_books() == {"books": 0, "stories": 0}
    assert seed_conference() == {"conferences": 0, "honourees": 0}


def _conference() -> Conference:
    return with_everything(Conference.objects.all()).get(held_on=facts.CONFERENCE_2022)


def test_the_conference_honours_the_26_of_2022_city_level_first(demo):
    conference = _conference()
    honourees = list(conference.honourees.all())
    expected = facts.YEAR_2022.good_people_city + facts.YEAR_2022.good_people_department
    assert len(honourees) == expected == 26
    levels = [h.award.level for h in honourees]
    assert levels == ["city"] * 5 + ["base"] * 21
    names = {h.name for h in honourees}
    assert {facts.HONOUREE_MEDICAL.full_name, facts.HONOUREE_TEACHER.full_name} <= names
    assert all(h.award.decision_date < facts.CONFERENCE_2022 for h in honourees)


def test_guests_are_the_officials_in_their_roles(demo):
    guests = {g.full_name: g for g in _conference().guests.all()}
    assert guests[facts.DIRECTOR.full_name].role == "Giám đốc Sở"
    assert guests[facts.CITY_VICE_CHAIRMAN.full_name].role == facts.CITY_VICE_CHAIRMAN.title
    assert guests[facts.MINISTRY_DEPUTY_CHIEF_OF_OFFICE.full_name].person is not None
    assert len(guests) == 5


def test_the_documents_carry_programme_honourees_and_guests(demo):
    conference = _conference()
    programme = Document(io.BytesIO(documents.programme_docx(conference)))
    text = "\n".join(p.text for p in programme.paragraphs)
    cells = " ".join(c.text for t in programme.tables for r in t.rows for c in r.cells)
    assert "Lê Hồng Sơn, Phó Chủ tịch Thường trực UBND Thành phố" in text
    assert "phát động phong trào thi đua năm 2022 (13 nội dung)" in cells
    listing = Document(io.BytesIO(documents.honourees_docx(conference)))
    rows = listing.tables[-1].rows
    assert len(rows) == 1 + 26 and "Nguyễn Thị Bích Thủy" in " ".join(
        c.text for r in rows for c in r.cells
    )
    pdf = PdfReader(io.BytesIO(documents.render_pdf(conference, "danh-sach")))
    pdf_text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Lê Thị Bích Liên" in pdf_text and "Tổng cộng: 26 tập thể, cá nhân." in pdf_text
    cards = PdfReader(io.BytesIO(documents.render_pdf(conference, "bien-ten")))
    assert len(cards.pages) == 5 + 26


def test_the_2023_book_has_one_collective_and_one_individual_of_the_department(demo):
    from guongsang.books import compile as book_compile
    from guongsang.books.models import Book
    from guongsang.books.selectors import book_with_entries
    from guongsang.books.tests.epub_structure import check_epub

    book = book_with_entries(Book.objects.get(year=2023).pk)
    stories = [e.story for e in book.entries.all()]
    assert book.title == facts.BOOK_2023
    assert sum(s.person_id is None for s in stories) == facts.BOOK_2023_COLLECTIVES
    assert sum(s.person_id is not None for s in stories) == facts.BOOK_2023_INDIVIDUALS
    assert all(s.is_public and s.year == 2023 for s in stories)
    problems, found = check_epub(book_compile.book_epub(book))
    assert problems == [] and found["toc_labels"][1:] == [s.title for s in stories]
