"""/healthz: the database and the task runner, as JSON for monitoring."""

import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _queue_task(*, age: dt.timedelta) -> None:
    from django_tasks_db.models import DBTaskResult, get_date_max

    result = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="guongsang.people.tasks.export_people_xlsx",
        backend_name="default",
        run_after=get_date_max(),
    )
    # enqueued_at is set on insert (auto_now_add): move it back afterwards.
    DBTaskResult.objects.filter(pk=result.pk).update(enqueued_at=timezone.now() - age)


def _live_worker() -> None:
    """A heartbeat from this very process: a worker the OS says is alive."""
    import os
    import socket

    from guongsang.core.tasks import worker_beat

    worker_beat(f"{socket.gethostname()[:40]}:{os.getpid()}:test")


@override_settings(TASKS=DATABASE_TASKS)
def test_it_reports_the_database_and_the_task_runner_as_json(client):
    _live_worker()
    response = client.get("/healthz")
    report = response.json()
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert report["status"] == "ok"
    assert report["database"] == {"status": "ok", "vendor": connection.vendor}
    assert report["tasks"]["status"] == "ok" and report["tasks"]["backend"] == "database"
    assert report["tasks"]["queued"] == 0 and report["tasks"]["workers_alive"] == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_without_a_live_worker_it_is_degraded(client):
    report = client.get("/healthz").json()
    assert report["status"] == "degraded" and report["tasks"]["workers_alive"] == 0


@override_settings(TASKS=DATABASE_TASKS)
def test_it_is_open_without_logging_in(client):
    assert client.get("/healthz").status_code == 200


@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_queued_a_moment_ago_keeps_it_ok(client):
    _live_worker()
    _queue_task(age=dt.timedelta(seconds=10))
    report = client.get("/healthz").json()
    assert report["status"] == "ok" and report["tasks"]["queued"] == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_waiting_more_than_two_minutes_makes_it_degraded(client):
    _queue_task(age=dt.timedelta(minutes=3))
    response = client.get("/healthz")
    report = response.json()
    assert response.status_code == 200  # degraded, not down: the site still answers
    assert report["status"] == "degraded" and report["tasks"]["status"] == "degraded"
    assert report["tasks"]["oldest_queued_at"] is not None


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_with_tasks_run_in_the_request_there_is_no_queue_to_watch(client):
    report = client.get("/healthz").json()
    assert report["status"] == "ok"
    assert report["tasks"]["backend"].endswith("ImmediateBackend")


def test_it_is_down_with_a_503_when_the_database_does_not_answer(client, monkeypatch):
    from guongsang.core import health

    monkeypatch.setattr(
        health, "database_status", lambda: {"status": "down", "error": "connection refused"}
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"


def _break_the_task_table() -> str:
    """Rename the task table inside the test's transaction (rolled back afterwards): the
    queue really cannot be read, and the database error names the table."""
    from django_tasks_db.models import DBTaskResult

    table = DBTaskResult._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_away")
    return table


@override_settings(TASKS=DATABASE_TASKS)
def test_the_public_sees_a_failure_but_not_its_text(client):
    table = _break_the_task_table()
    response = client.get("/healthz")
    report = response.json()
    assert report["tasks"] == {"status": "down"} and report["status"] == "degraded"
    assert table not in response.content.decode()


@override_settings(TASKS=DATABASE_TASKS)
def test_an_administrator_sees_the_error_text(client, world):
    client.force_login(world.admin)
    table = _break_the_task_table()
    report = client.get("/healthz").json()
    assert report["tasks"]["status"] == "down"
    assert table in report["tasks"]["error"]


@override_settings(TASKS=DATABASE_TASKS)
def test_an_officer_does_not_see_the_error_text(client, world):
    client.force_login(world.officer)
    _break_the_task_table()
    assert "error" not in client.get("/healthz").json()["tasks"]


@override_settings(TASKS=DATABASE_TASKS)
def test_the_error_goes_to_the_log_with_its_text(client, caplog):
    table = _break_the_task_table()
    client.get("/healthz")
    logged = [r for r in caplog.records if r.name == "guongsang.core.health"]
    assert logged and logged[0].exc_info is not None
    assert table in str(logged[0].exc_info[1])


def _beat_elsewhere(seconds_ago: int) -> None:
    """A worker on another machine: the OS cannot be asked, its heartbeat's age decides."""
    from guongsang.core.models import WorkerBeat

    WorkerBeat.objects.update_or_create(
        worker_id="may-chu-khac:4242:abc",
        defaults={
            "host": "may-chu-khac",
            "pid": 4242,
            "seen_at": timezone.now() - dt.timedelta(seconds=seconds_ago),
        },
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_a_worker_silent_for_more_than_thirty_seconds_is_reported_dead(client):
    _beat_elsewhere(seconds_ago=25)
    tasks = client.get("/healthz").json()["tasks"]
    assert tasks["status"] == "ok" and tasks["workers_alive"] == 1
    _beat_elsewhere(seconds_ago=31)
    report = client.get("/healthz").json()
    assert report["status"] == "degraded"
    assert report["tasks"]["status"] == "degraded" and report["tasks"]["workers_alive"] == 0


def test_the_liveness_probe_answers_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200 and response.content == b"ok"
