"""Reads of the award history, cut to the user's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet

from guongsang.awards.models import Award
from guongsang.awards.permissions import AWARD_VIEW_ROLES
from guongsang.core.permissions import restrict
from guongsang.core.types import Actor
from guongsang.org.models import Unit
from guongsang.org.selectors import unit_ids_for_counting
from guongsang.people.models import Person


def awards_visible(*, user: Actor) -> QuerySet[Award]:
    return restrict(
        Award.objects.select_related("title", "unit", "person"),
        user,
        roles=AWARD_VIEW_ROLES,
        unit_field="unit",
    )


def person_awards(*, user: Actor, person: Person) -> QuerySet[Award]:
    return awards_visible(user=user).filter(person=person).order_by("-year", "title__order")


def unit_awards(*, user: Actor, unit: Unit) -> QuerySet[Award]:
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


@dataclass(frozen=True)
class TitleCounts:
    title: str
    counts: list[int]  # one per year of the table
    total: int


@dataclass(frozen=True)
class CountTable:
    """Awards under a unit per title (rows) and year (columns)."""

    years: list[int]
    rows: list[TitleCounts]
    totals: list[int]  # one per year
    total: int


def count_table(*, user: Actor, unit: Unit, years: int = 5, until: int | None = None) -> CountTable:
    """Awards under a unit (its subtree today, merged predecessors included; revoked ones
    left out) per title and year, for the last `years` years on record up to `until`.

    A unit that has ended counts its subtree as it was on its last day. One query finds the
    latest year on record, one grouped query counts.
    """
    last_day = unit.valid_to - dt.timedelta(days=1) if unit.valid_to else None
    units = unit_ids_for_counting(unit, as_of=last_day)
    qs = awards_visible(user=user).filter(unit__in=units, revoked_on=None)
    if until is not None:
        qs = qs.filter(year__lte=until)
    latest = qs.aggregate(latest=Max("year"))["latest"]
    if latest is None:
        return CountTable(years=[], rows=[], totals=[], total=0)
    span = list(range(latest - years + 1, latest + 1))
    grouped = (
        qs.filter(year__gte=span[0])
        .values("year", "title_id", "title__name", "title__order")
        .annotate(n=Count("id"))
        .order_by()
    )
    cells: dict[tuple[int, int], int] = {}
    titles: dict[int, tuple[int, str]] = {}
    for row in grouped:
        cells[row["title_id"], row["year"]] = row["n"]
        titles[row["title_id"]] = (row["title__order"], row["title__name"])
    rows = []
    for title_id, (_order, name) in sorted(titles.items(), key=lambda item: item[1]):
        counts = [cells.get((title_id, year), 0) for year in span]
        rows.append(TitleCounts(title=name, counts=counts, total=sum(counts)))
    totals = [sum(row.counts[i] for row in rows) for i in range(len(span))]
    return CountTable(years=span, rows=rows, totals=totals, total=sum(totals))
