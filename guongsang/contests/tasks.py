"""Background jobs of the contest app: the near-duplicate check of a submitted entry."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


def duplicate_check_enqueue(*, entry_id: int) -> None:
    """Queue the check; if the queue is down the entry stays unchecked (the page says so)."""
    try:
        duplicate_check_run.enqueue(entry_id)
    except Exception:
        logger.exception("Could not queue the duplicate check of entry %s", entry_id)


@task()
def duplicate_check_run(entry_id: int) -> int:
    from guongsang.contests.models import Entry
    from guongsang.contests.services import duplicates_record

    entry = Entry.objects.filter(pk=entry_id).first()
    if entry is None:
        return 0
    return len(duplicates_record(entry=entry))
