"""Reads for the audit log and task progress."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, QuerySet

from guongsang.core.models import AuditEntry, TaskProgress
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.textsearch import fold_search

if TYPE_CHECKING:
    from guongsang.accounts.models import User

M = TypeVar("M", bound=Model)


def filter_given(qs: QuerySet[M], **lookups: Any) -> QuerySet[M]:
    """`qs` filtered by the lookups that have a value: a list filter left empty (blank, None)
    does not filter."""
    return qs.filter(**{lookup: value for lookup, value in lookups.items() if value})


def audit_entries(
    *,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    query: str = "",
) -> QuerySet[AuditEntry]:
    qs = filter_given(
        AuditEntry.objects.all(),
        action=action,
        object_type=object_type,
        at__date__gte=date_from,
        at__date__lte=date_to,
    )
    if actor:
        qs = fold_search(qs, actor, "actor_name")
    if query:
        qs = fold_search(qs, query, "object_repr")
    return qs


def audit_object_types() -> list[str]:
    return list(
        AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
    )


def task_progress_for(*, user: User, uuid: Any) -> TaskProgress:
    """A user sees only their own jobs."""
    qs = TaskProgress.objects.filter(owner=user) if not user.is_superuser else TaskProgress.objects
    return get_visible_or_404(qs.all(), uuid=uuid)
