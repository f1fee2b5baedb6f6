"""The task worker of django-tasks' database backend, made to survive and to be watched.

Same options as the library's `db_worker`; in addition the worker writes a heartbeat (its
lease on the tasks it runs), fails the tasks of dead workers, and outlives a dropped
database connection: it closes the connection, waits and carries on.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import DatabaseError, InterfaceError, connections
from django_tasks_db.management.commands import db_worker as base

from guongsang.core.periodic import Periodic
from guongsang.core.tasks import Heartbeat, tasks_sweep, worker_id_new

logger = logging.getLogger("guongsang.worker")
RECONNECT_WAIT = (1, 2, 5, 10)  # seconds, then 10 s between tries


class RecoveringWorker(base.Worker):
    def run(self) -> None:
        heartbeat = Heartbeat(self.worker_id)
        heartbeat.start()
        periodic = Periodic()  # reminders before deadlines
        periodic.start()
        failures = 0
        try:
            while self.running:
                try:
                    tasks_sweep()  # tasks left running by a worker that died before us
                    super().run()
                    return
                except (DatabaseError, InterfaceError):
                    wait = RECONNECT_WAIT[min(failures, len(RECONNECT_WAIT) - 1)]
                    failures += 1
                    logger.warning("Database unavailable; reconnecting in %s s", wait)
                    connections.close_all()
                    time.sleep(wait)
                    self.startup_delay = False
        finally:
            periodic.stopped.set()
            heartbeat.stopped.set()
            heartbeat.join(timeout=10)


class Command(base.Command):
    help = "Chạy trình xử lý tác vụ nền (có nhịp tim, tự kết nối lại cơ sở dữ liệu)."

    def handle(self, *args: Any, worker_id: str, **options: Any) -> None:
        if ":" not in worker_id:  # the library's random default: use host:pid:random
            worker_id = worker_id_new()
        original = base.Worker
        base.Worker = RecoveringWorker  # type: ignore[misc]
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            base.Worker = original  # type: ignore[misc]
