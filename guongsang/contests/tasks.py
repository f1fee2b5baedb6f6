"""Background jobs of the contest app: the near-duplicate check of a submitted entry."""

from __future__ import annotations

import logging
from typing import Any

from django.dispatch import receiver
from django_tasks import task

from guongsang.contests import signals
from guongsang.contests.models import Entry
from guongsang.contests.services import duplicates_record

logger = logging.getLogger(__name__)


@receiver(signals.entry_submitted, dispatch_uid="contests.duplicate_check")
def _on_entry_submitted(sender: Any, *, entry_id: int, **kwargs: Any) -> None:
    duplicate_check_enqueue(entry_id=entry_id)


def duplicate_check_enqueue(*, entry_id: int) -> None:
    """Queue the check; if the queue is down the entry stays unchecked (the page says so)."""
    try:
        duplicate_check_run.enqueue(entry_id)
    except Exception:
        logger.exception("Could not queue the duplicate check of entry %s", entry_id)


@task()
def duplicate_check_run(entry_id: int) -> int:
    entry = Entry.objects.filter(pk=entry_id).first()
    if entry is None:
        return 0
    return len(duplicates_record(entry=entry))
