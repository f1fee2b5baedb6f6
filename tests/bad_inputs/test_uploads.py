"""Hostile workbooks and DOCX at every upload and both import previews: one Vietnamese line,
no 5xx, nothing stored or written."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.bad_inputs import crafted
from tests.bad_inputs.conftest import has_vietnamese, watch

pytestmark = pytest.mark.django_db

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# name → (builder, words expected in the answer)
WORKBOOKS = {
    "xxe": (crafted.xxe_workbook, "thực thể XML"),
    "xxe-remote": (lambda: crafted.xxe_workbook("http://127.0.0.1:1/x"), "thực thể XML"),
    "billion-laughs": (crafted.billion_laughs_workbook, "thực thể XML"),
    "billion-laughs-3": (lambda: crafted.billion_laughs_workbook(3), "thực thể XML"),
    "entity-in-content-types": (crafted.entity_in_content_types, "thực thể XML"),
    "row-bomb-300k": (lambda: crafted.many_rows_workbook(300_000), "tỉ lệ nén"),
    "row-bomb-60k": (lambda: crafted.many_rows_workbook(60_000), "tỉ lệ nén"),
    "cell-bomb": (lambda: crafted.many_cells_workbook(1_100_000), "tỉ lệ nén"),
    "huge-part": (lambda: crafted.huge_part_workbook(25), "giải nén quá lớn"),
    "lying-directory": (crafted.lying_size_workbook, "bị hỏng"),
    "broken-zip": (crafted.broken_zip, "bị hỏng"),
    "not-a-zip": (crafted.not_a_zip, "bị hỏng"),
    "no-content-types": (crafted.zip_without_content_types, "[Content_Types].xml"),
    "no-workbook": (crafted.zip_without_workbook, "xl/workbook.xml"),
    "malformed-xml": (crafted.malformed_sheet, "bị hỏng"),
    "docx-as-xlsx": (lambda: crafted.words_docx(100), "xl/workbook.xml"),
    "pdf-as-xlsx": (lambda: b"%PDF-1.7\n" + b"0" * 100, "Excel"),
    "empty": (lambda: b"", "trống"),
    "text": (lambda: "Họ và tên;Năm\nAn;2024\n".encode(), "Excel"),
}
UPLOADS = {
    # name → (url, user attribute of the world, form field)
    "nominations": ("/ho-so/nhap-excel/de-nghi/", "officer", "file"),
    "award-history": ("/ho-so/nhap-excel/lich-su/", "admin", "file"),
    "targets": ("/chi-tieu/nhap-excel/", "secretariat", "file"),
}


def _answer_text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("upload", UPLOADS)
@pytest.mark.parametrize("case", WORKBOOKS)
def test_a_hostile_workbook_is_refused_at_upload(client, corpus, upload, case):
    url, who, field = UPLOADS[upload]
    build, words = WORKBOOKS[case]
    client.force_login(getattr(corpus, who))
    check = watch()
    data = build()
    response = client.post(url, {field: SimpleUploadedFile("ds.xlsx", data, XLSX_MIME)})
    assert response.status_code == 200  # the form again, with its error
    text = _answer_text(response)
    assert words in text
    check()


PREVIEWS = {
    "nominations": ("/ho-so/nhap-excel/de-nghi/{token}/", "officer", "nomination_imports"),
    "nominations-commit": (
        "/ho-so/nhap-excel/de-nghi/{token}/ghi/",
        "officer",
        "nomination_imports",
    ),
    "targets": ("/chi-tieu/nhap-excel/{token}/", "secretariat", "targets_import_tokens"),
}
STORED = ["xxe", "billion-laughs", "row-bomb-300k", "broken-zip", "no-content-types", "huge-part"]


@pytest.mark.parametrize("preview", PREVIEWS)
@pytest.mark.parametrize("case", STORED)
def test_a_hostile_file_already_stored_is_refused_at_the_preview(client, corpus, preview, case):
    """A file kept from before the upload check (or put there by hand) meets the same check."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from guongsang.nominations.imports import staged_name

    url, who, key = PREVIEWS[preview]
    token = str(uuid.uuid4())
    default_storage.save(staged_name(token), ContentFile(WORKBOOKS[case][0]()))
    client.force_login(getattr(corpus, who))
    session = client.session
    session[key] = {token: "de-nghi"} if key == "nomination_imports" else [token]
    session.save()
    check = watch()
    if url.endswith("/ghi/"):
        response = client.post(url.format(token=token), follow=True)
    else:
        response = client.get(url.format(token=token))
    assert response.status_code == 200
    assert WORKBOOKS[case][1] in _answer_text(response)
    check()


DOCS = {
    "xxe": (crafted.xxe_docx, "thực thể XML"),
    "billion-laughs": (crafted.billion_laughs_docx, "thực thể XML"),
    "800k-words": (lambda: crafted.words_docx(800_000), "tỉ lệ nén"),
    "huge-part": (lambda: crafted.docx_huge_part(30), "giải nén quá lớn"),
    "no-document": (lambda: crafted.docx("", skip=("word/document.xml",)), "DOCX"),
    "no-content-types": (
        lambda: crafted.docx(crafted.document_xml(["Xin chào"]), skip=("[Content_Types].xml",)),
        "DOCX",
    ),
    "broken": (lambda: crafted.words_docx(1000)[:300], "DOCX"),
    "malformed": (lambda: crafted.docx("<w:document><w:body><w:p>"), "bị hỏng"),
    "xlsx-as-docx": (lambda: crafted.real_workbook([["a"]]), "DOCX"),
}


@pytest.mark.parametrize("case", DOCS)
def test_a_hostile_docx_is_refused_as_a_contest_entry(client, corpus, case):
    build, words = DOCS[case]
    client.force_login(corpus.officer)
    check = watch()
    response = client.post(
        f"/cuoc-thi/{corpus.contest.uuid}/nop-bai/",
        {
            "title": "Người mẹ của những đứa trẻ",
            "authors": "Nguyễn Văn An",
            "subject_name": "Lê Thị Bích Liên",
            "text": "",
            "unit": str(corpus.centre.uuid),
            "upload": SimpleUploadedFile("bai.docx", build()),
        },
    )
    assert response.status_code == 200
    text = _answer_text(response)
    assert has_vietnamese(text) and words in text
    check()


def test_a_docx_over_the_word_limit_is_refused_with_the_limit(client, corpus, settings):
    settings.GS_OOXML_MAX_RATIO = 100_000
    client.force_login(corpus.officer)
    check = watch()
    response = client.post(
        f"/cuoc-thi/{corpus.contest.uuid}/nop-bai/",
        {
            "title": "Bài dài",
            "authors": "Nguyễn Văn An",
            "subject_name": "Lê Thị Bích Liên",
            "unit": str(corpus.centre.uuid),
            "upload": SimpleUploadedFile("bai.docx", crafted.words_docx(800_000)),
        },
    )
    assert response.status_code == 200
    assert "dài quá 5.000 chữ" in _answer_text(response)
    check()
