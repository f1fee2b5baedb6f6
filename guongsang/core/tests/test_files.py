"""Saving and serving private files through the storage API, on the local folder."""

from __future__ import annotations

import tempfile

import pytest
from django.core.files.storage import default_storage
from django.http import Http404
from django.urls import reverse

from guongsang.core.files import file_read, file_response, file_save
from guongsang.core.models import TaskProgress, TaskStatus


def test_a_saved_file_gets_a_fresh_name_in_its_folder_and_reads_back():
    first = file_save(folder="exports", extension=".txt", content=b"mot")
    second = file_save(folder="exports", extension=".txt", content=b"hai")
    assert first != second and first.startswith("exports/") and first.endswith(".txt")
    assert (file_read(first), file_read(second)) == (b"mot", b"hai")


def test_a_file_written_to_a_spool_is_saved_whole():
    with tempfile.TemporaryFile() as out:
        out.write(b"x" * 100_000)  # the writer leaves the position at the end
        name = file_save(folder="exports", extension=".bin", content=out)
    assert default_storage.size(name) == 100_000


def test_a_stored_file_streams_as_an_attachment_with_its_given_name(settings):
    settings.GS_FILES_SIGNED_URLS = True  # a local folder signs nothing: it streams anyway
    name = file_save(folder="exports", extension=".pdf", content=b"%PDF-1.7 noi dung")
    response = file_response(name, filename="Quyết định.pdf", content_type="application/pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 noi dung"
    assert "attachment" in response["Content-Disposition"]
    assert "Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_a_file_missing_from_the_storage_is_a_404():
    with pytest.raises(Http404):
        file_response("exports/khong-co.pdf")
    with pytest.raises(Http404):
        file_response("")


@pytest.mark.django_db
def test_a_finished_task_whose_file_was_removed_answers_404_not_500(client, world):
    progress = TaskProgress.objects.create(
        owner=world.officer,
        label="Xuất",
        status=TaskStatus.DONE,
        result_file="exports/da-xoa.xlsx",
        result_name="a.xlsx",
    )
    client.force_login(world.officer)
    assert client.get(reverse("core:task_download", args=[progress.uuid])).status_code == 404
