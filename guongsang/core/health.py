"""Health of the parts the application needs: the database and the task runner.

An error's text can name hosts, users and paths, so it goes to the log (with the request id)
and into the report only for an administrator; the public sees the status alone.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from guongsang.core.tasks import tasks_sweep, workers_alive

log = logging.getLogger(__name__)

# A queued task older than this means no worker is taking tasks.
STALE_AFTER = timedelta(minutes=2)


def database_status() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        log.exception("health: the database does not answer")
        return {"status": "down", "error": str(exc)[:200]}
    return {"status": "ok", "vendor": connection.vendor}


def task_runner_status() -> dict[str, Any]:
    backend = str(settings.TASKS["default"]["BACKEND"])
    if not backend.startswith("django_tasks_db"):
        return {"status": "ok", "backend": backend}
    try:
        from django_tasks_db.models import DBTaskResult

        # A savepoint: a failed read must not spoil the request's transaction, if any.
        with transaction.atomic():
            ready = DBTaskResult.objects.filter(status="READY")
            queued = ready.count()
            oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
            finished = (
                DBTaskResult.objects.exclude(finished_at=None)
                .order_by("-finished_at")
                .values_list("finished_at", flat=True)
                .first()
            )
    except Exception as exc:
        log.exception("health: the task queue cannot be read")
        return {"status": "down", "error": str(exc)[:200]}
    try:
        failed = tasks_sweep()
        alive = workers_alive()
    except Exception as exc:
        return {"status": "down", "error": str(exc)[:200]}
    stale = oldest is not None and timezone.now() - oldest > STALE_AFTER
    return {
        "status": "degraded" if stale or not alive else "ok",
        "backend": "database",
        "workers_alive": alive,
        "lost_tasks_failed": failed,
        "queued": queued,
        "oldest_queued_at": oldest.isoformat() if oldest else None,
        "last_finished_at": finished.isoformat() if finished else None,
    }


def health() -> dict[str, Any]:
    db = database_status()
    tasks = task_runner_status() if db["status"] == "ok" else {"status": "unknown"}
    overall = "ok" if db["status"] == "ok" and tasks["status"] == "ok" else "degraded"
    if db["status"] != "ok":
        overall = "down"
    return {"status": overall, "database": db, "tasks": tasks}


def without_errors(report: dict[str, Any]) -> dict[str, Any]:
    """The report as the public may see it: every ``error`` text removed."""
    return {
        key: without_errors(value) if isinstance(value, dict) else value
        for key, value in report.items()
        if key != "error"
    }
