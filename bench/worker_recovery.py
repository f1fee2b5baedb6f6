"""Kill -9 of the task worker mid-task, and every database connection cut during requests.

    uv run python bench/worker_recovery.py        # PostgreSQL at 127.0.0.1:5432 (scratch db)

Builds the demo in a scratch PostgreSQL database, then for an Excel import, an annual report
and a certificate batch: starts `manage.py db_worker`, waits until the task runs, kills the
worker with SIGKILL, measures how long until the task shows failed (the sweep that /healthz
and the progress page run), checks that nothing was half written, retries the task from its
progress record with a new worker and waits for success. Then cuts every connection of the
application (`pg_terminate_backend`) five times while requests run, in this process (a kept
connection, as in a long-lived app process) and through `runserver`, and counts 500 answers;
the worker must survive and still run a task. Prints the figures; exits non-zero on failure.
`.ci/run` runs it.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = os.environ.get("GS_RECOVERY_DB", "gs_reliability_recovery")
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PORT = int(os.environ.get("GS_RECOVERY_PORT", "8492"))
LEASE = 30
IMPORT_ROWS = 1_000

ENV = {
    **os.environ,
    "DJANGO_DEBUG": "1",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
    "GS_VAR_DIR": tempfile.mkdtemp(prefix="gs-recovery-"),
}
os.environ.update({k: ENV[k] for k in ("DJANGO_DEBUG", "DATABASE_URL", "GS_VAR_DIR")})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
sys.path.insert(0, str(ROOT))
failures: list[str] = []


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True)  # noqa: S603


WORKER = [sys.executable, "manage.py", "db_worker", "--interval", "0.5", "--no-reload"]


def start_worker() -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603
        [*WORKER, "--no-startup-delay"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait(predicate, timeout: float, step: float = 0.2) -> float | None:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(step)
    return None


def import_file(unit_code: str, title_code: str, year: int) -> str:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from openpyxl import Workbook

    from guongsang.nominations.imports import COLUMNS, staged_name

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(COLUMNS)
    for i in range(IMPORT_ROWS):
        ws.append([f"Nguyễn Văn {_letters(i)}", "01/01/1990", unit_code, title_code, year, "Tốt"])
    token = str(uuid.uuid4())
    out = io.BytesIO()
    wb.save(out)
    default_storage.save(staged_name(token), ContentFile(out.getvalue()))
    return token


def _letters(number: int) -> str:
    """0 → "A", 25 → "Z", 26 → "BA": names are made of letters only."""
    letters = ""
    while True:
        number, rest = divmod(number, 26)
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[rest] + letters
        if number == 0:
            return letters.capitalize()


def scenarios() -> list[tuple[str, object, object]]:
    """(name, start the task → progress, count of rows it writes)."""
    from django.db.models import Count
    from django.utils import timezone

    from guongsang.accounts.models import User
    from guongsang.catalogue.models import Target, Title
    from guongsang.decisions.models import Decision, DecisionKind, DecisionState
    from guongsang.decisions.tasks import certificates_start
    from guongsang.nominations.models import Dossier
    from guongsang.nominations.tasks import import_start
    from guongsang.reports.models import AnnualReport
    from guongsang.reports.tasks import build_start

    officer = User.objects.get(username="canbo")
    unit = officer.grants.first().unit  # type: ignore[attr-defined]
    title = Title.objects.filter(target=Target.INDIVIDUAL, code="lao-dong-tien-tien").first()
    assert title is not None
    year = timezone.localdate().year + 1
    report = AnnualReport.objects.order_by("-year").first()
    leader = User.objects.get(username="thuongtruc")
    decision = (
        Decision.objects.filter(kind=DecisionKind.AWARD, state=DecisionState.SIGNED)
        .annotate(n=Count("recipients"))
        .order_by("-n")
        .first()
    )
    assert report is not None and decision is not None
    token = import_file(unit.code, title.code, year)
    return [
        (
            f"Excel import ({IMPORT_ROWS:,} rows)",
            lambda: import_start(actor=officer, token=token, kind="de-nghi"),
            lambda: Dossier.objects.filter(year=year).count(),
        ),
        (
            "annual report (PDF)",
            lambda: build_start(by=leader, report=report, fmt="pdf"),
            lambda: 0,
        ),
        (
            f"certificate batch ({decision.n} certificates)",  # type: ignore[attr-defined]
            lambda: certificates_start(actor=leader, decision=decision),
            lambda: 0,
        ),
    ]


def kill_and_retry(name: str, start, written) -> None:  # type: ignore[no-untyped-def]
    from django_tasks_db.models import DBTaskResult

    from guongsang.core.models import TaskProgress, TaskStatus
    from guongsang.core.tasks import progress_sweep, task_retry

    before = written()
    progress = start()
    worker = start_worker()

    def running() -> bool:
        return DBTaskResult.objects.filter(
            args_kwargs__args__0=progress.pk, status="RUNNING"
        ).exists()

    if wait(running, 120, 0.05) is None:
        failures.append(f"{name}: never started")
        worker.kill()
        return
    if name.startswith("Excel"):
        # Kill once the import reports progress: inside its write transaction, which proves
        # the progress is visible before the commit (or after 60 s).
        wait(lambda: TaskProgress.objects.get(pk=progress.pk).percent > 0, 60, 0.05)
    # The short jobs (a report, a few dozen certificates) are killed as soon as they run: on
    # an idle machine they finish within a second.
    percent = TaskProgress.objects.get(pk=progress.pk).percent
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    if TaskProgress.objects.get(pk=progress.pk).status == TaskStatus.DONE:
        print(f"{name}: finished before the kill reached it; nothing to recover", flush=True)
        return

    def failed() -> bool:
        return progress_sweep(TaskProgress.objects.get(pk=progress.pk)).status == "failed"

    took = wait(failed, LEASE + 10, 0.5)
    half_written = written() - before
    print(
        f"{name}: killed at {percent}%; failed after "
        f"{'never' if took is None else f'{took:.1f} s'}; rows left behind: {half_written}",
        flush=True,
    )
    if took is None or took > LEASE:
        failures.append(f"{name}: not failed within {LEASE} s")
    if half_written:
        failures.append(f"{name}: {half_written} rows half written")
    task_retry(progress=TaskProgress.objects.get(pk=progress.pk), by=None)
    worker = start_worker()

    def done() -> bool:
        return TaskProgress.objects.get(pk=progress.pk).status in {"done", "failed"}

    took = wait(done, 600, 0.5)
    final = TaskProgress.objects.get(pk=progress.pk)
    print(f"  retried: {final.status} after {took or 0:.1f} s ({final.message})", flush=True)
    if final.status != TaskStatus.DONE:
        failures.append(f"{name}: retry ended {final.status}")
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=30)


def cut_connections() -> int:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [DB_NAME],
        ).fetchall()
    return len(rows)


def dropped_connections() -> None:
    from django.db import connections

    from guongsang.core.models import WorkerBeat
    from guongsang.people.tasks import export_people_xlsx

    worker = start_worker()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{PORT}"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = _InProcess()
    pages = ["/healthz", "/vuon-hoa/", "/api/v1/showcase/stories"]
    local, remote, requests, cut = [], [], 0, 0
    try:
        wait(lambda: _get(f"http://127.0.0.1:{PORT}/healthz") is not None, 60, 0.5)
        for _round in range(5):
            for page in pages:  # warm: connections kept open
                client.get(page)
                _get(f"http://127.0.0.1:{PORT}{page}")
            cut += cut_connections()
            for page in pages * 3:
                requests += 2
                local.append(client.get(page).status_code)
                remote.append(_get(f"http://127.0.0.1:{PORT}{page}") or 0)
        time.sleep(6)  # a heartbeat after the cuts
        connections.close_all()  # this script's own connection was cut as well
        beat_fresh = WorkerBeat.objects.exists()
        from guongsang.accounts.models import User
        from guongsang.core.tasks import progress_start

        owner = User.objects.get(username="admin")
        progress = progress_start(owner=owner, label="Xuất danh sách (sau khi mất kết nối)")
        export_people_xlsx.enqueue(progress.pk, owner.pk)
        from guongsang.core.models import TaskProgress

        took = wait(lambda: TaskProgress.objects.get(pk=progress.pk).status == "done", 120, 0.5)
    finally:
        server.terminate()
        worker_alive = worker.poll() is None
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
        server.wait(timeout=10)
    errors = sum(1 for s in local + remote if s >= 500 or s == 0)
    print(
        f"connections cut: {cut} in 5 rounds; requests after the cuts: {requests}; "
        f"5xx or no answer: {errors} (in-process {sum(s >= 500 for s in local)}, "
        f"runserver {sum(s >= 500 or s == 0 for s in remote)}); worker alive: {worker_alive}; "
        f"heartbeat: {beat_fresh}; task after the cuts: "
        f"{f'done in {took:.1f} s' if took is not None else 'not done'}",
        flush=True,
    )
    if errors:
        failures.append(f"{errors} requests answered 5xx after a cut connection")
    if not worker_alive or took is None:
        failures.append("the worker did not survive the cut connections")


class _InProcess:
    """Requests through Django's own WSGI handler in this thread: the connection is kept
    between requests, as in a long-lived app process (the test client would hide that)."""

    def __init__(self) -> None:
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()

    def get(self, path: str) -> Any:
        from wsgiref.util import setup_testing_defaults

        environ: dict[str, Any] = {"PATH_INFO": path, "HTTP_HOST": "localhost"}
        setup_testing_defaults(environ)
        answer: list[int] = []

        def start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
            answer.append(int(status.split()[0]))
            return lambda data: None

        response = self.handler(environ, start_response)
        for _chunk in response:
            pass
        response.close()  # request_finished: what a WSGI server does
        return type("Answer", (), {"status_code": answer[0]})


def _get(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local)
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except OSError:
        return None


def main() -> int:
    # --connections-only: the second part again on the database the first run built.
    again = "--connections-only" in sys.argv
    if not again:
        fresh_database()
        manage("migrate", "--noinput", "-v", "0")
        manage("seed_demo")
    import django

    django.setup()
    if not again:
        for name, start, written in scenarios():
            kill_and_retry(name, start, written)
    dropped_connections()
    for failure in failures:
        print("FAILED:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
