"""Reads of the award history, cut to the user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from guongsang.awards.models import Award
from guongsang.awards.permissions import AWARD_VIEW_ROLES
from guongsang.core.permissions import restrict
from guongsang.org.models import Unit
from guongsang.org.selectors import unit_ids_for_counting
from guongsang.people.models import Person


def awards_visible(*, user: Any) -> QuerySet[Award]:
    return restrict(
        Award.objects.select_related("title", "unit", "person"),
        user,
        roles=AWARD_VIEW_ROLES,
        unit_field="unit",
    )


def person_awards(*, user: Any, person: Person) -> QuerySet[Award]:
    return awards_visible(user=user).filter(person=person).order_by("-year", "title__order")


def unit_awards(*, user: Any, unit: Unit) -> QuerySet[Award]:
    """Awards to the unit as a collective (its people's awards are on their pages)."""
    return awards_visible(user=user).filter(unit=unit, person=None).order_by("-year")


def years_held(
    *, person: Person | None = None, unit: Unit | None = None, title_id: int
) -> set[int]:
    """The years a person (or a collective) held a title and kept it (not revoked)."""
    qs = Award.objects.filter(title_id=title_id, revoked_on=None)
    qs = qs.filter(person=person) if person is not None else qs.filter(unit=unit, person=None)
    return set(qs.values_list("year", flat=True))


def count_by_title(*, unit: Unit, year_from: int, year_to: int) -> dict[str, int]:
    """Awards under a unit (its subtree today, history included) per title code."""
    rows = (
        Award.objects.filter(
            unit__in=unit_ids_for_counting(unit),
            year__gte=year_from,
            year__lte=year_to,
            revoked_on=None,
        )
        .values("title__code")
        .annotate(n=Count("id"))
    )
    return {row["title__code"]: row["n"] for row in rows}
