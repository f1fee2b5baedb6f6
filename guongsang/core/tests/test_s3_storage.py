"""Files in an S3-compatible bucket, end to end.

The bucket is served by moto's S3 server, started on this machine as a stand-in for the
object storage of production (MinIO, Ceph or a provider's S3): the requests are real HTTP,
signed as they would be for the real thing. Evidence is uploaded through the form, an export
is built by the background task, and both download through the views after the permission
check, streamed or by a signed short-lived URL.
"""

from __future__ import annotations

import io
import logging
import os
import socket
import subprocess
import sys
import urllib.request
import uuid
from pathlib import Path

import boto3
import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse
from moto.server import ThreadedMotoServer
from openpyxl import load_workbook

from guongsang.core.models import TaskProgress, TaskStatus
from guongsang.nominations.models import Dossier
from guongsang.nominations.tests.factories import PDF, dossier_form_data, pdf_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
KEY, SECRET, REGION = "gs-test-key", "gs-test-secret", "us-east-1"


def _free_port() -> int:
    # Servers of this project's tests listen on 8200-8299.
    for port in range(8200, 8300):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8200-8299")


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server (a stand-in for the production object storage) on a local port."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A fresh private bucket, made the default storage the way GS_S3_* settings make it."""
    name = f"guongsang-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
        region_name=REGION,
    )
    client.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "access_key": KEY,
                "secret_key": SECRET,
                "region_name": REGION,
                "addressing_style": "path",
                "signature_version": "s3v4",
                "querystring_auth": True,
                "querystring_expire": 120,
                "file_overwrite": False,
            },
        },
    }
    settings.GS_FILES_SIGNED_URLS = False
    return Bucket(name, client)


class Bucket:
    """What is in the bucket, read with boto3 straight from the server."""

    def __init__(self, name: str, client) -> None:
        self.name, self.client = name, client

    def names(self) -> list[str]:
        listed = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


def _local_files(tmp_path: Path) -> list[Path]:
    """Files in the test's local media folder (the project's conftest points it there)."""
    root = tmp_path / "media"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _create_dossier_with_evidence(client, world, titles) -> Dossier:
    client.force_login(world.officer)
    response = client.post(
        reverse("nominations:create"),
        dossier_form_data(
            world,
            titles,
            minutes_file=pdf_upload("bien-ban.pdf"),
            evidence_files=[pdf_upload("minh-chung.pdf")],
        ),
    )
    assert response.status_code == 302
    return Dossier.objects.get()


def test_the_default_storage_is_the_bucket(bucket):
    from storages.backends.s3 import S3Storage

    assert isinstance(default_storage, S3Storage)
    assert default_storage.bucket_name == bucket.name


def test_evidence_uploaded_through_the_form_lands_in_the_bucket_and_nowhere_else(
    client, world, titles, bucket, tmp_path
):
    dossier = _create_dossier_with_evidence(client, world, titles)
    evidence = dossier.files.get(original_name="minh-chung.pdf")
    assert evidence.stored_path.name.startswith(f"dossiers/{dossier.uuid}/")
    assert evidence.stored_path.name in bucket.names()
    assert bucket.read(evidence.stored_path.name) == PDF
    assert len(bucket.names()) == 2  # the minutes and the evidence
    assert _local_files(tmp_path) == []


def test_evidence_streams_from_the_bucket_after_the_check(client, world, titles, bucket):
    dossier = _create_dossier_with_evidence(client, world, titles)
    evidence = dossier.files.get(original_name="minh-chung.pdf")
    url = reverse("nominations:file_download", args=[evidence.uuid])
    for user in (world.officer, world.secretariat):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert "minh-chung.pdf" in response["Content-Disposition"]
        assert response["Content-Type"] == "application/pdf"
    client.force_login(world.other_officer)
    assert client.get(url).status_code == 404


def test_with_signed_urls_the_checked_user_is_sent_to_the_bucket_for_minutes(
    client, world, titles, bucket, settings
):
    settings.GS_FILES_SIGNED_URLS = True
    dossier = _create_dossier_with_evidence(client, world, titles)
    evidence = dossier.files.get(original_name="minh-chung.pdf")
    url = reverse("nominations:file_download", args=[evidence.uuid])

    client.force_login(world.officer)
    response = client.get(url)
    assert response.status_code == 302
    signed = response["Location"]
    assert signed.startswith(f"{default_storage.endpoint_url}/{bucket.name}/")
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=120" in signed
    with urllib.request.urlopen(signed) as fetched:  # noqa: S310 - the local stand-in
        assert fetched.read() == PDF
        assert "minh-chung.pdf" in fetched.headers["Content-Disposition"]

    unsigned = signed.split("?", 1)[0]  # the bucket is private: no signature, no file
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned)  # noqa: S310
    assert refused.value.code == 403

    client.force_login(world.other_officer)
    assert client.get(url).status_code == 404  # the check comes before any URL is signed


def test_an_export_built_by_the_task_is_in_the_bucket_and_downloads_through_the_view(
    client, world, bucket, tmp_path
):
    client.force_login(world.secretariat)
    with override_settings(TASKS=IMMEDIATE):
        response = client.post(reverse("people:export"))
    progress = TaskProgress.objects.get(owner=world.secretariat)
    assert response.status_code == 302 and progress.status == TaskStatus.DONE
    assert progress.result_file.name.startswith("exports/")
    assert bucket.names() == [progress.result_file.name]

    download = client.get(reverse("core:task_download", args=[progress.uuid]))
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert content == bucket.read(progress.result_file.name)
    names = [row[1] for row in load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2)]
    assert {cell.value for cell in names} == {"Lê Thị Bích Liên", "Trần Văn Bình"}
    assert _local_files(tmp_path) == []

    client.force_login(world.other_officer)
    assert client.get(reverse("core:task_download", args=[progress.uuid])).status_code == 404


def test_a_staged_import_waits_in_the_bucket_until_it_is_written(client, world, titles, bucket):
    from guongsang.nominations.tests.test_imports import _messy, _xlsx

    client.force_login(world.officer)
    upload_url = reverse("nominations:import_upload", args=["de-nghi"])
    response = client.post(upload_url, {"file": _file("ds.xlsx", _xlsx(_messy(world)[:2]))})
    token = response.url.rstrip("/").rsplit("/", 1)[-1]
    assert bucket.names() == [f"imports/{token}.xlsx"]
    assert "2 dòng hợp lệ" in client.get(response.url).content.decode()
    client.post(reverse("nominations:import_commit", args=["de-nghi", token]))
    assert Dossier.objects.count() == 2
    assert bucket.names() == []  # written, then removed


def _file(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_the_gs_s3_variables_alone_switch_the_storage_to_the_bucket(s3_endpoint, bucket, tmp_path):
    """A fresh process configured only by the environment saves into the bucket."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "GS_VAR_DIR": str(tmp_path),
        "GS_S3_BUCKET": bucket.name,
        "GS_S3_ENDPOINT_URL": s3_endpoint,
        "GS_S3_ACCESS_KEY": KEY,
        "GS_S3_SECRET_KEY": SECRET,
        "GS_S3_REGION": REGION,
        "GS_S3_PREFIX": "gs",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    script = (
        "from django.core.files.storage import default_storage as s;"
        "from guongsang.core.files import file_save;"
        "print(s.__class__.__name__, file_save(folder='exports', extension='.txt',"
        " content=b'xin chao'))"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", script],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    backend, name = done.stdout.splitlines()[-1].split()
    assert backend == "S3Storage" and name.startswith("exports/")
    assert bucket.names() == [f"gs/{name}"]
    assert bucket.read(f"gs/{name}") == b"xin chao"
    assert not (tmp_path / "media").exists()


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def test_a_book_is_built_from_a_photo_in_the_bucket_into_the_bucket(client, world, bucket):
    from django.core.files.base import ContentFile

    from guongsang.books import services
    from guongsang.books.compile import picture_for
    from guongsang.books.tests.factories import make_book, make_story

    story = make_story(unit=world.centre, person=world.person, title="Người mẹ hiền")
    story.photo.save("nguoi-me-hien.png", ContentFile(_png()))
    book = make_book(world.dept)
    services.book_add_stories(actor=world.secretariat, book=book, stories=[story])
    assert picture_for(book.entries.get()).data == _png()  # read back from the bucket

    client.force_login(world.secretariat)
    with override_settings(TASKS=IMMEDIATE):
        client.post(reverse("books:build", args=[book.uuid]))
    book.refresh_from_db()
    assert {book.pdf_file.name, book.epub_file.name, story.photo.name} == set(bucket.names())
    pdf = client.get(reverse("books:download", args=[book.uuid, "pdf"]))
    assert b"".join(pdf.streaming_content) == bucket.read(book.pdf_file.name)
    assert bucket.read(book.pdf_file.name).startswith(b"%PDF")
