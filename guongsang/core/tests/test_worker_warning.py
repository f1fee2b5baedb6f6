"""Pages that queue background work warn before the click when no worker is alive."""

import datetime as dt
import os
import socket

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone

from guongsang.core.models import WorkerBeat
from guongsang.core.tasks import worker_beat

pytestmark = pytest.mark.django_db

WARNING = "Trình chạy tác vụ nền đang không hoạt động"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _render(text: str, **context) -> str:
    return Template("{% load worker %}" + text).render(Context(context))


def test_it_warns_with_no_heartbeat_at_all():
    assert WARNING in _render("{% worker_warning %}")


def test_a_live_worker_silences_it():
    worker_beat(f"{socket.gethostname()[:40]}:{os.getpid()}:abc")
    assert WARNING not in _render("{% worker_warning %}")


def test_a_heartbeat_older_than_thirty_seconds_is_no_worker():
    WorkerBeat.objects.create(
        worker_id="may-chu-khac:4242:abc",
        host="may-chu-khac",
        pid=4242,
        seen_at=timezone.now() - dt.timedelta(seconds=31),
    )
    assert WARNING in _render("{% worker_warning %}")


def test_work_done_in_the_request_needs_no_warning():
    assert WARNING not in _render("{% worker_warning rows=10 above=5000 %}")
    assert WARNING in _render("{% worker_warning rows=n above=5000 %}", n=5001)


@override_settings(TASKS=IMMEDIATE)
def test_tasks_run_in_the_request_need_no_warning():
    assert WARNING not in _render("{% worker_warning %}")


def _people(world, titles):
    return world.secretariat, "/ca-nhan/"


def _pledge_status(world, titles):
    from guongsang.movements.tests.factories import make_movement

    return world.secretariat, f"/phong-trao/{make_movement(world.dept).uuid}/tinh-hinh-dang-ky/"


def _certificates(world, titles):
    from guongsang.decisions.tests.factories import signed_decision

    return world.secretariat, f"/quyet-dinh/{signed_decision(world).uuid}/"


def _annual_report(world, titles):
    from guongsang.reports.models import AnnualReport

    report = AnnualReport.objects.create(unit=world.dept, year=2023)
    return world.secretariat, f"/bao-cao/{report.uuid}/"


def _book(world, titles):
    from guongsang.books.tests.factories import make_book

    return world.secretariat, f"/sach/{make_book(world.dept).uuid}/"


def _contest_entry(world, titles):
    from guongsang.contests.models import EntryStatus
    from guongsang.contests.tests.factories import make_contest, make_entry

    entry = make_entry(make_contest(world.dept), world.centre, status=EntryStatus.DRAFT)
    return world.officer, f"/cuoc-thi/bai/{entry.uuid}/"


@pytest.mark.parametrize(
    "page",
    [_people, _pledge_status, _certificates, _annual_report, _book, _contest_entry],
    ids=["people export", "pledge export", "certificates", "annual report", "book", "entry"],
)
def test_a_page_that_queues_work_warns_before_the_click(client, world, titles, page):
    user, path = page(world, titles)
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200 and WARNING in response.content.decode()
    worker_beat(f"{socket.gethostname()[:40]}:{os.getpid()}:abc")
    assert WARNING not in client.get(path).content.decode()
