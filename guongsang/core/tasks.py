"""Progress of background jobs (tác vụ nền), written by the job and polled by its page.

A view calls `progress_start` and enqueues the job with the progress id; the job wraps its
work in `progress_run(progress_id)`, reports with `progress_update` and ends with
`progress_finish`. Any exception inside `progress_run` marks the progress failed.

A worker killed mid-task (kill -9, out of memory, a reboot) cannot mark anything: every
worker writes a heartbeat (`WorkerBeat`) and `tasks_sweep` fails the running tasks of a
worker whose heartbeat is older than the lease or whose process is gone. The worker, the
health check and the progress page run the sweep; `task_retry` queues the same job again.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from guongsang.core import audit
from guongsang.core.files import file_save
from guongsang.core.models import AuditAction, TaskProgress, TaskStatus, WorkerBeat

logger = logging.getLogger(__name__)

FAILED_MESSAGE = "Đã có lỗi khi chạy tác vụ."
QUEUE_FAILED_MESSAGE = "Không đưa được tác vụ vào hàng đợi."
BEAT_EVERY = 5  # seconds between heartbeats


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "GS_TASK_LEASE_SECONDS", 30))


def progress_start(*, owner: Any, label: str, **links: str) -> TaskProgress:
    """`links`: source_url/source_label (the page of what the job builds) and
    also_url/also_label (a second result offered once it is done)."""
    return TaskProgress.objects.create(owner=owner, label=label[:200], **links)


def task_queue(
    *,
    owner: Any,
    label: str,
    task: Any,
    args: Sequence[Any] = (),
    record: Callable[[TaskProgress], None] | None = None,
    **links: str,
) -> TaskProgress:
    """The one way a view starts a background job: the progress row (and whatever `record`
    writes with it: the audit entry, the object's link to its build) in one transaction, then
    `task.enqueue(progress_id, *args)`. If the queue refuses, the progress says so and the
    error goes on to the view."""
    with transaction.atomic():
        progress = progress_start(owner=owner, label=label, **links)
        if record is not None:
            record(progress)
    try:
        task.enqueue(progress.pk, *args)
    except Exception:
        progress_fail(progress.pk, QUEUE_FAILED_MESSAGE)
        raise
    return progress


def export_queue(
    *,
    actor: Any,
    label: str,
    task: Any,
    args: Sequence[Any],
    what: dict[str, Any],
    request: HttpRequest | None = None,
) -> TaskProgress:
    """Start an export job: the audit entry saying who exports `what` (the data, the format,
    the filters) with its progress row, then the job queued (task_queue)."""

    def record(progress: TaskProgress) -> None:
        audit.audit_log(
            actor=actor,
            action=AuditAction.EXPORT,
            obj=progress,
            object_repr=label,
            after=what,
            reason=label,
            request=request,
        )

    return task_queue(owner=actor, label=label, task=task, args=args, record=record)


def export_file(
    progress_id: int,
    *,
    write: Callable[[IO[bytes]], int],
    extension: str,
    result_name: str,
    done: Callable[[int], str],
) -> str:
    """Inside an export job: `write` fills a temporary file and says how many rows it wrote;
    the file is kept in exports/ of the file storage and the progress finishes with its name
    and `done(rows)`. The stored name is returned."""
    with tempfile.TemporaryFile() as out:
        count = write(out)
        relative = file_save(folder="exports", extension=extension, content=out)
    progress_finish(progress_id, result_file=relative, result_name=result_name, message=done(count))
    return relative


def _set(progress_id: int, **fields: Any) -> None:
    # An UPDATE rather than save(): cheap, and never overwrites fields set elsewhere.
    def write() -> None:
        TaskProgress.objects.filter(pk=progress_id).update(updated_at=timezone.now(), **fields)

    opened_inside = len(connection.atomic_blocks) > _depth_at_start.get(progress_id, 99)
    if opened_inside and connection.vendor != "sqlite":
        # Inside the job's long transaction: write on a connection of its own, so the page
        # sees the progress now rather than at the commit. (SQLite has one writer: there the
        # progress shows at the commit.)
        _on_own_connection(write)
    else:
        write()


# Transactions open when the job started (a test's own, say): only those the job opens
# itself hold its progress back.
_depth_at_start: dict[int, int] = {}


def _on_own_connection(work: Any) -> None:
    def run() -> None:
        try:
            work()
        except Exception:
            logger.warning("Progress not written on its own connection", exc_info=True)
        finally:
            connections.close_all()  # this thread's connections only

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=10)


def progress_update(progress_id: int, percent: int, message: str = "") -> None:
    _set(
        progress_id,
        status=TaskStatus.RUNNING,
        percent=max(0, min(int(percent), 99)),  # 100% only once the result is saved
        message=message[:300],
    )


def progress_finish(
    progress_id: int, *, result_file: str = "", result_name: str = "", message: str = ""
) -> None:
    _set(
        progress_id,
        status=TaskStatus.DONE,
        percent=100,
        message=message[:300],
        result_file=result_file,
        result_name=result_name[:200],
    )


def progress_fail(progress_id: int, message: str = FAILED_MESSAGE) -> None:
    _set(progress_id, status=TaskStatus.FAILED, message=message[:300])


@contextmanager
def progress_run(progress_id: int) -> Iterator[None]:
    """Mark the job running; on any error mark it failed (and let the error through)."""
    _depth_at_start[progress_id] = len(connection.atomic_blocks)
    progress_update(progress_id, 0)
    try:
        yield
    except ValidationError as exc:  # a domain error: its message is meant for the user
        progress_fail(progress_id, "; ".join(exc.messages))
        raise
    except Exception:
        logger.exception("Background task failed (progress %s)", progress_id)
        progress_fail(progress_id)
        raise
    finally:
        _depth_at_start.pop(progress_id, None)


# Workers, leases, recovery ------------------------------------------------------------------


def worker_id_new() -> str:
    """host:pid:random, so that a sweep on the same machine can ask the OS about the pid."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(8)}"


def _process_alive(worker_id: str) -> bool | None:
    """True or False for a worker of this machine; None when it runs elsewhere."""
    host, _, rest = worker_id.partition(":")
    pid_text = rest.split(":", 1)[0]
    if host != socket.gethostname()[:40] or not pid_text.isdigit():
        return None
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def worker_beat(worker_id: str) -> None:
    host, _, rest = worker_id.partition(":")
    pid = rest.split(":", 1)[0]
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": host,
            "pid": int(pid) if pid.isdigit() else 0,
            "seen_at": timezone.now(),
        },
    )


def worker_gone(worker_id: str) -> None:
    WorkerBeat.objects.filter(worker_id=worker_id).delete()


def _is_dead(worker_id: str, seen_at: dt.datetime | None, now: dt.datetime) -> bool:
    alive = _process_alive(worker_id)
    if alive is not None:
        return not alive  # the OS knows better than a heartbeat held up by a write lock
    return seen_at is None or now - seen_at > lease()


def workers_alive(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    beats = WorkerBeat.objects.values_list("worker_id", "seen_at")
    return sum(1 for worker_id, seen_at in beats if not _is_dead(worker_id, seen_at, now))


def _db_backend() -> bool:
    return str(settings.TASKS["default"]["BACKEND"]).startswith("django_tasks_db")


def no_worker_alive() -> bool:
    """True when queued tasks wait for a worker and none is alive; False when tasks run in
    the request (the immediate backend) or the heartbeats cannot be read (a page must not
    fail for its warning: /healthz reports the cause)."""
    if not _db_backend():
        return False
    try:
        return workers_alive() == 0
    except Exception:
        logger.warning("Worker heartbeats not read", exc_info=True)
        return False


def tasks_sweep(now: dt.datetime | None = None) -> int:
    """Fail the running tasks whose worker died; the number failed."""
    if not _db_backend():
        return 0
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    beats = dict(WorkerBeat.objects.values_list("worker_id", "seen_at"))
    lost = []
    running = DBTaskResult.objects.filter(status="RUNNING").values_list(
        "pk", "worker_ids", "started_at", "args_kwargs"
    )
    for pk, worker_ids, started_at, args_kwargs in running:
        worker_id = (worker_ids or [""])[-1]
        seen = beats.get(worker_id, started_at)
        if _is_dead(worker_id, seen, now):
            lost.append((pk, worker_id, (args_kwargs or {}).get("args") or []))
    for pk, worker_id, args in lost:
        with transaction.atomic():
            updated = DBTaskResult.objects.filter(pk=pk, status="RUNNING").update(
                status="FAILED",
                finished_at=now,
                exception_class_path="guongsang.core.tasks.WorkerLost",
                traceback="The worker process running this task stopped (lease expired).",
            )
        if updated and args and isinstance(args[0], int):
            progress_fail(args[0], _("Tác vụ bị dừng giữa chừng (trình chạy nền đã tắt)."))
            logger.warning("Task %s failed: its worker %s is gone", pk, worker_id)
    WorkerBeat.objects.filter(seen_at__lt=now - 10 * lease()).delete()
    return len(lost)


def progress_sweep(progress: TaskProgress) -> TaskProgress:
    """The progress page's own check: a job shown running whose worker is dead fails now."""
    if progress.status in {TaskStatus.QUEUED, TaskStatus.RUNNING} and tasks_sweep():
        progress.refresh_from_db()
    return progress


def _task_result_for(progress: TaskProgress) -> Any:
    from django_tasks_db.models import DBTaskResult

    candidates = DBTaskResult.objects.filter(args_kwargs__args__0=progress.pk).order_by(
        "-enqueued_at"
    )
    return candidates.first()


def task_retry(*, progress: TaskProgress, by: Any) -> TaskProgress:
    """Queue the failed job again with the same arguments; its page follows it again."""
    if progress.status != TaskStatus.FAILED or not _db_backend():
        raise ValidationError(_("Chỉ chạy lại được tác vụ đã lỗi."))
    result = _task_result_for(progress)
    if result is None:
        raise ValidationError(_("Không tìm thấy tác vụ gốc để chạy lại."))
    args_kwargs = result.args_kwargs or {}
    with transaction.atomic():
        TaskProgress.objects.filter(pk=progress.pk).update(
            status=TaskStatus.QUEUED, percent=0, message="", updated_at=timezone.now()
        )
    result.task.enqueue(*args_kwargs.get("args", []), **args_kwargs.get("kwargs", {}))
    logger.info("Task of progress %s queued again by %s", progress.pk, getattr(by, "pk", None))
    progress.refresh_from_db()
    return progress


class Heartbeat(threading.Thread):
    """Beats for the worker and sweeps for dead ones, on its own connection."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="task-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                worker_beat(self.worker_id)
                tasks_sweep()
            except Exception:  # a dropped connection: the next beat reconnects
                logger.warning("Heartbeat not written", exc_info=True)
                connections.close_all()
            self.stopped.wait(BEAT_EVERY)
        try:
            worker_gone(self.worker_id)
        finally:
            connections.close_all()
