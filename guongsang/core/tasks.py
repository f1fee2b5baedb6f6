"""Progress of background jobs (tác vụ nền), written by the job and polled by its page.

A view calls `progress_start` and enqueues the job with the progress id; the job wraps its
work in `progress_run(progress_id)`, reports with `progress_update` and ends with
`progress_finish`. Any exception inside `progress_run` marks the progress failed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from guongsang.core.models import TaskProgress, TaskStatus

logger = logging.getLogger(__name__)

FAILED_MESSAGE = "Đã có lỗi khi chạy tác vụ."


def progress_start(*, owner: Any, label: str) -> TaskProgress:
    return TaskProgress.objects.create(owner=owner, label=label[:200])


def _set(progress_id: int, **fields: Any) -> None:
    # An UPDATE rather than save(): cheap, and never overwrites fields set elsewhere.
    TaskProgress.objects.filter(pk=progress_id).update(updated_at=timezone.now(), **fields)


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
