"""Work the task worker does on its own every few minutes: reminders before deadlines.

The jobs are listed by dotted path in the setting `GS_PERIODIC_JOBS` (core imports no domain
app), each with its interval in seconds. A job must be idempotent: every worker runs it, and
a reminder is kept once per person and key (see nominations.notifications.remind)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils.module_loading import import_string

logger = logging.getLogger("guongsang.worker")


def jobs() -> list[tuple[str, Callable[[], object], float]]:
    return [
        (path, import_string(path), float(every))
        for path, every in getattr(settings, "GS_PERIODIC_JOBS", ())
    ]


def run_due(last_run: dict[str, float], now: float | None = None) -> list[str]:
    """Run the jobs whose interval has passed since they last ran; returns their paths."""
    now = time.monotonic() if now is None else now
    ran = []
    for path, job, every in jobs():
        if now - last_run.get(path, -every) < every:
            continue
        last_run[path] = now
        try:
            job()
            ran.append(path)
        except Exception:  # a failing job must not stop the worker; it is logged and retried
            logger.exception("Periodic job %s failed", path)
    return ran


class Periodic(threading.Thread):
    """Runs the periodic jobs beside the worker's task loop, in its own connection."""

    def __init__(self, tick: float = 30.0) -> None:
        super().__init__(name="periodic", daemon=True)
        self.tick = tick
        self.stopped = threading.Event()
        self.last_run: dict[str, float] = {}

    def run(self) -> None:
        try:
            while not self.stopped.is_set():
                close_old_connections()  # this thread's own connection, between rounds
                run_due(self.last_run)
                self.stopped.wait(self.tick)
        finally:
            connection.close()
