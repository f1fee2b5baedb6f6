"""Reads for the audit log and task progress."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from guongsang.core.models import AuditEntry, TaskProgress
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.textsearch import fold_search


def audit_entries(
    *,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    query: str = "",
) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.all()
    if actor:
        qs = fold_search(qs, actor, "actor_name")
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    if query:
        qs = fold_search(qs, query, "object_repr")
    return qs


def audit_object_types() -> list[str]:
    return list(
        AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
    )


def task_progress_for(*, user: Any, uuid: Any) -> TaskProgress:
    """A user sees only their own jobs."""
    qs = TaskProgress.objects.filter(owner=user) if not user.is_superuser else TaskProgress.objects
    return get_visible_or_404(qs.all(), uuid=uuid)
