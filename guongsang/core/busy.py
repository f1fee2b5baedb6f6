"""A database too busy to take a write right now (SQLite's single writer): the request is
told to try again in a moment (503 with Retry-After) instead of failing with a 500.

`sqlite_writer()` is the one lock that serialises this process's long writers on SQLite,
so that two of them never fight for the file and time each other out.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from django.db import OperationalError, connection
from django.utils.translation import gettext_lazy as _

RETRY_AFTER = 5  # seconds
BUSY_MESSAGE = _("Hệ thống đang bận ghi dữ liệu, vui lòng thử lại sau ít phút.")
_WRITER = threading.RLock()


def is_busy(exc: BaseException) -> bool:
    """SQLite's 'database is locked' / 'database table is locked'; PostgreSQL's lock
    timeout never reaches here with that text."""
    return isinstance(exc, OperationalError) and "is locked" in str(exc)


@contextmanager
def sqlite_writer() -> Iterator[None]:
    """Hold the process-wide writer lock on SQLite; nothing on other databases."""
    with _WRITER if connection.vendor == "sqlite" else nullcontext():
        yield


def busy_context() -> dict[str, Any]:
    return {"message": BUSY_MESSAGE, "retry_after": RETRY_AFTER}
