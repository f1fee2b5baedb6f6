"""Progress of background jobs: the helpers a job reports through, and its page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from guongsang.core.models import TaskProgress, TaskStatus
from guongsang.core.tasks import (
    FAILED_MESSAGE,
    progress_fail,
    progress_finish,
    progress_run,
    progress_start,
    progress_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def progress(world) -> TaskProgress:
    return progress_start(owner=world.officer, label="Xuất danh sách")


def _fresh(progress: TaskProgress) -> TaskProgress:
    return TaskProgress.objects.get(pk=progress.pk)


def test_a_new_job_is_queued_at_zero(progress):
    assert progress.status == TaskStatus.QUEUED and progress.percent == 0
    assert not progress.finished


def test_an_update_marks_the_job_running_and_stays_below_100(progress):
    progress_update(progress.pk, 40, "Đã ghi 400/1.000 cá nhân.")
    assert (_fresh(progress).status, _fresh(progress).percent) == (TaskStatus.RUNNING, 40)
    progress_update(progress.pk, 250)
    assert _fresh(progress).percent == 99


def test_finishing_sets_the_result_file_and_100_percent(progress):
    progress_finish(progress.pk, result_file="exports/a.xlsx", result_name="a.xlsx")
    done = _fresh(progress)
    assert (done.status, done.percent, done.result_file) == (TaskStatus.DONE, 100, "exports/a.xlsx")
    assert done.finished


def test_an_error_inside_a_run_marks_the_job_failed_and_is_raised(progress):
    with pytest.raises(RuntimeError), progress_run(progress.pk):
        raise RuntimeError("disk full at /srv/secret/path")
    failed = _fresh(progress)
    assert failed.status == TaskStatus.FAILED and failed.message == FAILED_MESSAGE


def test_a_domain_error_shows_its_own_message(progress):
    with pytest.raises(ValidationError), progress_run(progress.pk):
        raise ValidationError("Không có cá nhân nào để xuất.")
    assert _fresh(progress).message == "Không có cá nhân nào để xuất."


def test_a_failed_job_keeps_its_percent(progress):
    progress_update(progress.pk, 30)
    progress_fail(progress.pk, "Hết dung lượng.")
    failed = _fresh(progress)
    assert failed.status == TaskStatus.FAILED and failed.message == "Hết dung lượng."
    assert failed.percent == 30


def test_the_owner_follows_the_job_on_its_page_and_htmx_gets_the_partial(client, world, progress):
    progress_update(progress.pk, 40, "Đã ghi 400/1.000 cá nhân.")
    client.force_login(world.officer)
    url = reverse("core:task_progress", args=[progress.uuid])
    page = client.get(url)
    partial = client.get(url, headers={"HX-Request": "true"})
    assert page.status_code == partial.status_code == 200
    assert "Đã ghi 400/1.000 cá nhân." in partial.content.decode()
    assert "<html" in page.content.decode() and "<html" not in partial.content.decode()


def test_nobody_else_sees_the_job(client, world, progress):
    client.force_login(world.other_officer)
    assert client.get(reverse("core:task_progress", args=[progress.uuid])).status_code == 404


def test_an_unfinished_job_has_nothing_to_download(client, world, progress):
    client.force_login(world.officer)
    assert client.get(reverse("core:task_download", args=[progress.uuid])).status_code == 403
