"""With no task worker alive, a page that queues work says so before the click, and the
queued task's progress page says so too; a fresh heartbeat makes the warning go."""

import datetime as dt

import pytest
from django.utils import timezone

from guongsang.core.models import WorkerBeat

pytestmark = pytest.mark.e2e

WARNING = "Trình chạy tác vụ nền đang không hoạt động"


def _beat(seconds_ago: int) -> None:
    """A heartbeat of a worker on another machine: only its age tells whether it is alive."""
    WorkerBeat.objects.update_or_create(
        worker_id="may-chu-khac:4242:nen",
        defaults={
            "host": "may-chu-khac",
            "pid": 4242,
            "seen_at": timezone.now() - dt.timedelta(seconds=seconds_ago),
        },
    )


def test_the_export_page_warns_when_no_worker_is_alive(app_url, login, world, page_for, shot):
    page = page_for()
    login(page, "thuongtruc")
    page.goto(f"{app_url}/ca-nhan/")
    warning = page.locator(".worker-warning")
    assert warning.is_visible() and WARNING in warning.inner_text()
    shot(page, "no-worker-warning")

    _beat(seconds_ago=2)
    page.reload()
    assert page.locator(".worker-warning").count() == 0
    assert page.get_by_role("button", name="Xuất Excel").is_visible()
    shot(page, "no-worker-warning-gone")

    _beat(seconds_ago=40)  # older than the 30-second lease: dead again
    page.reload()
    assert page.locator(".worker-warning").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Xuất Excel").click()
    assert "/tac-vu/" in page.url
    assert WARNING in page.locator("#task-progress").inner_text()
    shot(page, "no-worker-progress")
