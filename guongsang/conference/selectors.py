"""Reads of conferences, cut to what the user may see, with what their pages need."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from guongsang.awards.models import Award
from guongsang.conference.models import Conference, Honouree
from guongsang.conference.permissions import CONFERENCE_VIEW_ROLES
from guongsang.core.permissions import get_visible_or_404, restrict
from guongsang.core.types import Actor
from guongsang.org.selectors import unit_ids_for_counting


def conference_list(*, user: Actor, year: int | None = None) -> QuerySet[Conference]:
    qs = restrict(
        Conference.objects.select_related("organiser"),
        user,
        roles=CONFERENCE_VIEW_ROLES,
        unit_field="organiser",
    )
    if year is not None:
        qs = qs.filter(held_on__year=year)
    return qs.annotate(honouree_count=Count("honourees", distinct=True)).order_by("-held_on", "-pk")


def _honourees() -> Prefetch:
    return Prefetch(
        "honourees",
        queryset=Honouree.objects.select_related(
            "award__title", "award__person", "award__unit"
        ).order_by("order", "pk"),
    )


def with_everything(qs: QuerySet[Conference]) -> QuerySet[Conference]:
    return qs.select_related("organiser").prefetch_related(
        "guests", "items", "reports", _honourees()
    )


def conference_detail(*, user: Actor, uuid: Any) -> Conference:
    qs = restrict(
        Conference.objects.all(), user, roles=CONFERENCE_VIEW_ROLES, unit_field="organiser"
    )
    return get_visible_or_404(with_everything(qs), uuid=uuid)


def conference_for_day(*, uuid: Any) -> Conference:
    """Any conference (the view then asks whether this user may see its day page)."""
    return get_visible_or_404(with_everything(Conference.objects.all()), uuid=uuid)


def award_candidates(
    *, conference: Conference, year: int | None = None, decision_number: str = ""
) -> QuerySet[Award]:
    """Awards on record that this conference may honour: of the organiser's subtree (as the
    award was recorded), not revoked, of the year (and decision) asked for."""
    qs = Award.objects.filter(
        unit_id__in=unit_ids_for_counting(conference.organiser_id), revoked_on__isnull=True
    ).select_related("title", "person", "unit")
    qs = qs.filter(year=year or conference.award_year)
    if decision_number:
        qs = qs.filter(decision_number__iexact=decision_number.strip())
    return qs.order_by("-title__level", "title__order", "target", "unit__name", "person__sort_name")


def decision_numbers(*, conference: Conference, year: int) -> list[tuple[str, dt.date | None]]:
    """The decisions the awards of that year came from: number and date, most awards first."""
    rows = (
        Award.objects.filter(
            unit_id__in=unit_ids_for_counting(conference.organiser_id),
            year=year,
            revoked_on__isnull=True,
        )
        .exclude(decision_number="")
        .values("decision_number", "decision_date")
        .annotate(n=Count("pk"))
        .order_by("-n", "decision_number")
    )
    return [(r["decision_number"], r["decision_date"]) for r in rows[:50]]


def current_item_index(conference: Conference, now: dt.datetime) -> int | None:
    """The programme item running at `now` (local time) on the conference day, else None."""
    if now.date() != conference.held_on:
        return None
    items = list(conference.items.all())
    current = None
    for index, item in enumerate(items):
        if item.starts_at <= now.time():
            current = index
    return current
