"""Upload and import forms posted wrong: the form again with a Vietnamese line, no 5xx."""

from __future__ import annotations

import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.bad_inputs import crafted
from tests.bad_inputs.conftest import has_vietnamese, watch

pytestmark = pytest.mark.django_db

# (url, user, form data, files) — the url may name the contest as {contest}
FORMS = {
    "nominations-no-file": ("/ho-so/nhap-excel/de-nghi/", "officer", {}, {}),
    "nominations-file-as-text": ("/ho-so/nhap-excel/de-nghi/", "officer", {"file": "x"}, {}),
    "nominations-zip-header-only": (
        "/ho-so/nhap-excel/de-nghi/",
        "officer",
        {},
        {"file": ("ds.xlsx", b"PK\x03\x04")},
    ),
    "awards-no-file": ("/ho-so/nhap-excel/lich-su/", "admin", {}, {}),
    "targets-no-file": ("/chi-tieu/nhap-excel/", "secretariat", {}, {}),
    "targets-image": ("/chi-tieu/nhap-excel/", "secretariat", {}, {"file": ("a.png", b"\x89PNG")}),
    "entry-empty": ("/cuoc-thi/{contest}/nop-bai/", "officer", {}, {}),
    "entry-unknown-unit": (
        "/cuoc-thi/{contest}/nop-bai/",
        "officer",
        {"title": "T", "authors": "A", "subject_name": "S", "unit": str(uuid.uuid4())},
        {},
    ),
    "entry-title-too-long": (
        "/cuoc-thi/{contest}/nop-bai/",
        "officer",
        {"title": "T" * 301, "authors": "A", "subject_name": "S", "unit": "{centre}"},
        {},
    ),
    "entry-pdf-as-docx": (
        "/cuoc-thi/{contest}/nop-bai/",
        "officer",
        {"title": "T", "authors": "A", "subject_name": "S", "unit": "{centre}"},
        {"upload": ("bai.docx", b"%PDF-1.4\n%%EOF")},
    ),
    "entry-zip-as-docx": (
        "/cuoc-thi/{contest}/nop-bai/",
        "officer",
        {"title": "T", "authors": "A", "subject_name": "S", "unit": "{centre}"},
        {"upload": ("bai.docx", crafted.broken_zip())},
    ),
    "entry-photo-as-docx": (
        "/cuoc-thi/{contest}/nop-bai/",
        "officer",
        {"title": "T", "authors": "A", "subject_name": "S", "unit": "{centre}"},
        {"photo": ("anh.jpg", crafted.words_docx(100))},
    ),
}


@pytest.mark.parametrize("case", FORMS)
def test_a_wrong_form_is_shown_again_with_its_error(client, corpus, case):
    url, who, data, files = FORMS[case]
    url = url.format(contest=corpus.contest.uuid)
    data = {k: v.format(centre=corpus.centre.uuid) for k, v in data.items()}
    for name, (filename, content) in files.items():
        data[name] = SimpleUploadedFile(filename, content)
    client.force_login(getattr(corpus, who))
    check = watch()
    response = client.post(url, data)
    assert response.status_code in (200, 403), response.status_code
    found = _errors(response.content.decode())
    assert any(has_vietnamese(message) for message in found)
    check()


def _errors(html: str) -> list[str]:
    """The text of the form's error elements (not the page around them)."""
    pattern = r'class="[^"]*(?:invalid-feedback|errorlist|alert-danger)[^"]*"[^>]*>(.*?)</'
    return re.findall(pattern, html, flags=re.S)


WRONG_TOKENS = [
    "/ho-so/nhap-excel/de-nghi/{token}/",
    "/ho-so/nhap-excel/lich-su/{token}/",
    "/ho-so/nhap-excel/khong-co/",
    "/chi-tieu/nhap-excel/{token}/",
]


@pytest.mark.parametrize("url", WRONG_TOKENS)
def test_someone_elses_or_an_unknown_import_token_is_not_found(client, corpus, url):
    client.force_login(corpus.admin)
    check = watch()
    response = client.get(url.format(token=uuid.uuid4()))
    assert response.status_code in (403, 404)
    assert has_vietnamese(response.content.decode())
    check()
