"""A task whose worker died is failed within the lease and can be run again."""

import datetime as dt
import os
import socket
import subprocess

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from guongsang.core.models import TaskProgress, TaskStatus, WorkerBeat
from guongsang.core.tasks import progress_start, tasks_sweep, worker_beat, workers_alive

pytestmark = pytest.mark.django_db


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])  # noqa: S607
    child.wait()
    return child.pid


def _running_export(world, worker_id: str) -> tuple[TaskProgress, DBTaskResult]:
    from guongsang.people.tasks import export_people_xlsx

    progress = progress_start(owner=world.secretariat, label="Xuất danh sách")
    result = export_people_xlsx.enqueue(progress.pk, world.secretariat.pk)
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim(worker_id)
    TaskProgress.objects.filter(pk=progress.pk).update(status=TaskStatus.RUNNING, percent=40)
    return progress, row


def test_a_task_of_a_killed_worker_on_this_machine_fails_at_once(world):
    worker_id = f"{socket.gethostname()[:40]}:{_dead_pid()}:abc"
    worker_beat(worker_id)  # a fresh heartbeat, but the process is gone
    progress, row = _running_export(world, worker_id)
    assert tasks_sweep() == 1
    row.refresh_from_db()
    progress.refresh_from_db()
    assert row.status == "FAILED" and row.exception_class_path.endswith("WorkerLost")
    assert progress.status == TaskStatus.FAILED and "dừng giữa chừng" in progress.message


def test_a_worker_elsewhere_keeps_its_tasks_within_the_lease_only(world):
    worker_id = "may-chu-khac:4242:abc"
    progress, row = _running_export(world, worker_id)
    WorkerBeat.objects.create(
        worker_id=worker_id, host="may-chu-khac", pid=4242, seen_at=timezone.now()
    )
    assert tasks_sweep() == 0 and workers_alive() == 1
    later = timezone.now() + dt.timedelta(seconds=31)
    assert workers_alive(later) == 0
    assert tasks_sweep(later) == 1
    progress.refresh_from_db()
    assert progress.status == TaskStatus.FAILED


def test_a_live_worker_of_this_machine_keeps_its_task_despite_an_old_heartbeat(world):
    worker_id = f"{socket.gethostname()[:40]}:{os.getpid()}:abc"
    progress, row = _running_export(world, worker_id)
    WorkerBeat.objects.create(
        worker_id=worker_id,
        host="x",
        pid=os.getpid(),
        seen_at=timezone.now() - dt.timedelta(minutes=5),  # held up by SQLite's write lock
    )
    assert tasks_sweep() == 0
    row.refresh_from_db()
    assert row.status == "RUNNING"


def test_a_failed_task_is_retried_from_its_page(client, world):
    worker_id = f"{socket.gethostname()[:40]}:{_dead_pid()}:abc"
    progress, row = _running_export(world, worker_id)
    client.force_login(world.secretariat)
    page = client.get(f"/tac-vu/{progress.uuid}/")  # the page's own sweep fails it
    assert "Chạy lại" in page.content.decode()
    assert "không hoạt động" not in page.content.decode()  # finished: no worker warning
    response = client.post(f"/tac-vu/{progress.uuid}/chay-lai/")
    assert response.status_code == 302
    progress.refresh_from_db()
    assert progress.status == TaskStatus.QUEUED and progress.percent == 0
    again = DBTaskResult.objects.exclude(pk=row.pk).get()
    assert again.status == "READY" and again.args_kwargs == row.args_kwargs


def test_only_the_owner_retries(client, world):
    progress = progress_start(owner=world.secretariat, label="Xuất")
    TaskProgress.objects.filter(pk=progress.pk).update(status=TaskStatus.FAILED)
    client.force_login(world.officer)
    assert client.post(f"/tac-vu/{progress.uuid}/chay-lai/").status_code == 404


def test_a_queued_task_page_says_when_no_worker_is_alive(client, world):
    progress = progress_start(owner=world.secretariat, label="Xuất")
    client.force_login(world.secretariat)
    assert "không hoạt động" in client.get(f"/tac-vu/{progress.uuid}/").content.decode()
    worker_beat(f"{socket.gethostname()[:40]}:{os.getpid()}:abc")
    assert "không hoạt động" not in client.get(f"/tac-vu/{progress.uuid}/").content.decode()


def test_healthz_reports_a_dead_worker(client, world):
    worker_beat(f"{socket.gethostname()[:40]}:{_dead_pid()}:abc")
    tasks = client.get("/healthz").json()["tasks"]
    assert tasks["status"] == "degraded" and tasks["workers_alive"] == 0
    worker_beat(f"{socket.gethostname()[:40]}:{os.getpid()}:abc")
    tasks = client.get("/healthz").json()["tasks"]
    assert tasks["status"] == "ok" and tasks["workers_alive"] == 1


def _read_elsewhere(pk: int) -> int:
    """The percent as another connection (the progress page) sees it."""
    import threading

    from django.db import connections

    seen: list[int] = []

    def read() -> None:
        try:
            seen.append(TaskProgress.objects.get(pk=pk).percent)
        finally:
            connections.close_all()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    return seen[0]


@pytest.mark.django_db(transaction=True)
def test_progress_inside_the_jobs_transaction_is_seen_before_its_commit(world):
    from django.db import connection, transaction

    from guongsang.core.tasks import progress_run, progress_update

    progress = progress_start(owner=world.secretariat, label="Nhập")
    with progress_run(progress.pk), transaction.atomic():
        progress_update(progress.pk, 40, "Đã ghi 400/1.000 dòng.")
        if connection.vendor == "postgresql":  # its own connection: seen at once
            assert _read_elsewhere(progress.pk) == 40
    # SQLite has one writer: there the figure shows once the job's transaction commits.
    progress.refresh_from_db()
    assert progress.percent == 40 and progress.message == "Đã ghi 400/1.000 dòng."
