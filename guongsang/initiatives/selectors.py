"""Reads of initiatives: the register for a user, and the recognised ones of a person."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from guongsang.core.formatting import nfc
from guongsang.core.permissions import get_visible_or_404, restrict
from guongsang.core.types import Actor
from guongsang.initiatives.models import (
    SCOPE_RANK,
    Assessment,
    Author,
    Initiative,
    Scope,
    scopes_at_least,
)
from guongsang.initiatives.permissions import INITIATIVE_VIEW_ROLES


def initiative_list(
    *,
    user: Actor,
    unit_ids: Any = None,
    status: str = "",
    scope: str = "",
    field: str = "",
    year: int | None = None,
    query: str = "",
) -> QuerySet[Initiative]:
    """The register (sổ sáng kiến) the user may see, with its filters; authors prefetched."""
    qs = restrict(Initiative.objects.all(), user, roles=INITIATIVE_VIEW_ROLES, unit_field="unit")
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    if status:
        qs = qs.filter(status=status)
    if scope:
        qs = qs.filter(scope__in=scopes_at_least(scope))
    if field:
        qs = qs.filter(field=field)
    if year:
        qs = qs.filter(registered_on__year=year)
    if query:
        text = nfc(query).strip()
        qs = qs.filter(
            Q(title__icontains=text) | Q(authors__person__full_name__icontains=text)
        ).distinct()
    authors = Author.objects.select_related("person")
    return qs.select_related("unit").prefetch_related(Prefetch("authors", queryset=authors))


def initiative_detail(*, user: Actor, uuid: Any) -> Initiative:
    return get_visible_or_404(initiative_list(user=user), uuid=uuid)


def recognised_for(
    *, person_id: int, min_scope: str, start: dt.date, end: dt.date
) -> QuerySet[Assessment]:
    """Findings that recognised an initiative of this author at `min_scope` or wider, with
    the decision dated in [start, end] (the eligibility of Chiến sĩ thi đua reads this)."""
    return (
        Assessment.objects.filter(
            recognised=True,
            scope__in=scopes_at_least(min_scope),
            decision_date__gte=start,
            decision_date__lte=end,
            initiative__authors__person_id=person_id,
        )
        .select_related("initiative")
        .order_by("-decision_date")
    )


def best_recognised(*, person_id: int, start: dt.date, end: dt.date) -> Assessment | None:
    """The widest recognition of an initiative of this author in [start, end], if any."""
    found = recognised_for(person_id=person_id, min_scope=Scope.BASE, start=start, end=end)
    return max(found, key=lambda a: SCOPE_RANK[Scope(a.scope)], default=None)
