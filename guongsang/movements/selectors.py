"""Reads of movements and pledges, always cut to what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from guongsang.catalogue.models import Title
from guongsang.core.permissions import get_visible_or_404, restrict
from guongsang.core.types import Actor
from guongsang.movements.models import LegalBasis, Movement, PlanContent, Pledge
from guongsang.movements.permissions import (
    MOVEMENT_VIEW_ROLES,
    PLEDGE_ROLES,
    PLEDGE_VIEW_ROLES,
    STATUS_ROLES,
    organiser_ids_above,
)
from guongsang.org.models import Unit
from guongsang.org.selectors import active_on, closure_on, today
from guongsang.people.models import Person


def movement_list(*, user: Actor, year: int | None = None) -> QuerySet[Movement]:
    """Movements organised in the user's subtree, and those launched above it."""
    base = Movement.objects.select_related("organiser")
    in_scope = restrict(base, user, roles=MOVEMENT_VIEW_ROLES, unit_field="organiser")
    above = base.filter(organiser_id__in=organiser_ids_above(user, MOVEMENT_VIEW_ROLES))
    qs = in_scope | above
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "-launched_on", "name")


def movement_years(*, user: Actor) -> list[int]:
    return sorted(
        set(movement_list(user=user).order_by().values_list("year", flat=True)), reverse=True
    )


def movement_list_with_pledges(*, user: Actor, year: int | None = None) -> QuerySet[Movement]:
    """The list page: each movement with how many of its pledges the user may see."""
    visible = restrict(
        Pledge.objects.filter(movement=OuterRef("pk")),
        user,
        roles=PLEDGE_VIEW_ROLES,
        unit_field="unit",
    )
    count = visible.order_by().values("movement").annotate(n=Count("pk")).values("n")
    return movement_list(user=user, year=year).annotate(
        visible_pledges=Coalesce(Subquery(count), Value(0))
    )


# Plans cite the law first, then the decrees, then the other texts; older before newer.
CITATION_RANK = {"Luật": 0, "Nghị định": 1, "Thông tư": 2}


def _citation_order(qs: QuerySet[LegalBasis]) -> QuerySet[LegalBasis]:
    rank = Case(
        *(When(kind=kind, then=Value(order)) for kind, order in CITATION_RANK.items()),
        default=Value(len(CITATION_RANK)),
    )
    return qs.annotate(rank=rank).order_by("rank", "issued_on", "number")


def movement_detail(*, user: Actor, uuid: Any) -> Movement:
    """One movement with its plan, legal bases and the linked movements the user may see."""
    visible = movement_list(user=user)
    qs = visible.prefetch_related(
        Prefetch("contents", queryset=PlanContent.objects.order_by("number")),
        Prefetch("legal_bases", queryset=_citation_order(LegalBasis.objects.all())),
        Prefetch("linked", queryset=visible, to_attr="visible_linked"),
        Prefetch("linked_from", queryset=visible, to_attr="visible_linked_from"),
    )
    return get_visible_or_404(qs, uuid=uuid)


def pledge_list(*, user: Actor, movement: Movement) -> QuerySet[Pledge]:
    """The pledges of a movement whose unit the user sees: collectives first, then people."""
    qs = (
        Pledge.objects.filter(movement=movement)
        .select_related("unit", "person", "registered_by")
        .prefetch_related("titles")
    )
    qs = restrict(qs, user, roles=PLEDGE_VIEW_ROLES, unit_field="unit")
    return qs.order_by("unit__name", "unit_id", Coalesce("person__sort_name", Value("")), "pk")


def changeable_unit_ids(*, user: Actor, unit_ids: set[int]) -> set[int]:
    """Of these units, those whose pledges the user may change (one query for a whole page)."""
    if not unit_ids:
        return set()
    units = restrict(
        Unit.objects.filter(pk__in=unit_ids), user, roles=PLEDGE_ROLES, unit_field="pk"
    )
    return set(units.values_list("pk", flat=True))


def pledge_detail(*, user: Actor, uuid: Any) -> Pledge:
    qs = restrict(
        Pledge.objects.select_related("movement", "movement__organiser", "unit", "person"),
        user,
        roles=PLEDGE_VIEW_ROLES,
        unit_field="unit",
    ).prefetch_related("titles")
    return get_visible_or_404(qs, uuid=uuid)


def pledge_date(movement: Movement) -> dt.date:
    """The date the set of units is taken on: the pledge deadline, else the launch date."""
    return movement.pledge_deadline or movement.launched_on


def units_expected_to_pledge(movement: Movement) -> QuerySet[Unit]:
    """Units under the organising unit (not itself), active on the pledge deadline."""
    on = pledge_date(movement)
    under = (
        closure_on(on)
        .filter(ancestor_id=movement.organiser_id, depth__gt=0)
        .values("descendant_id")
    )
    return Unit.objects.filter(active_on(on), pk__in=under)


def pledge_units(*, user: Actor, movement: Movement) -> QuerySet[Unit]:
    """Units the user may pledge for in this movement."""
    return restrict(
        units_expected_to_pledge(movement), user, roles=PLEDGE_ROLES, unit_field="pk"
    ).order_by("name")


def pledge_people(*, user: Actor, movement: Movement, unit: Unit) -> QuerySet[Person]:
    """People of a unit the user may pledge for who have not pledged yet in this movement."""
    qs = restrict(
        Person.objects.filter(home_unit=unit), user, roles=PLEDGE_ROLES, unit_field="home_unit"
    )
    return qs.exclude(pledges__movement=movement).order_by("sort_name", "pk")


@dataclass(frozen=True)
class UnitPledgeStatus:
    """One row of the secretariat's table: a unit and what it pledged."""

    unit: Unit
    collective: bool
    individuals: int
    late: bool
    last_at: dt.datetime | None

    @property
    def pledged(self) -> bool:
        return self.collective


@dataclass(frozen=True)
class PledgeStatus:
    movement: Movement
    on: dt.date
    rows: list[UnitPledgeStatus]

    @property
    def pledged(self) -> list[UnitPledgeStatus]:
        return [row for row in self.rows if row.pledged]

    @property
    def not_pledged(self) -> list[UnitPledgeStatus]:
        return [row for row in self.rows if not row.pledged]

    @property
    def percent(self) -> float:
        return 100 * len(self.pledged) / len(self.rows) if self.rows else 0.0


def pledge_status(*, user: Actor, movement: Movement) -> PledgeStatus:
    """Who has and has not pledged: every unit expected to pledge that the user sees, with its
    collective pledge and the number of individual pledges, in ONE grouped query."""
    of_movement = Q(pledges__movement=movement)
    units = restrict(
        units_expected_to_pledge(movement), user, roles=STATUS_ROLES, unit_field="pk"
    ).select_related("parent")
    rows = units.annotate(
        collective_count=Count("pledges", filter=of_movement & Q(pledges__person__isnull=True)),
        individual_count=Count("pledges", filter=of_movement & Q(pledges__person__isnull=False)),
        late_count=Count(
            "pledges", filter=of_movement & Q(pledges__person__isnull=True, pledges__is_late=True)
        ),
        last_at=Max("pledges__created_at", filter=of_movement),
    ).order_by("name", "pk")
    return PledgeStatus(
        movement=movement,
        on=pledge_date(movement),
        rows=[
            UnitPledgeStatus(
                unit=unit,
                collective=unit.collective_count > 0,
                individuals=unit.individual_count,
                late=unit.late_count > 0,
                last_at=unit.last_at,
            )
            for unit in rows
        ],
    )


def deadline_passed(movement: Movement, on: dt.date | None = None) -> bool:
    return movement.pledge_deadline is not None and (on or today()) > movement.pledge_deadline


def titles_for_pledges(movement: Movement) -> QuerySet[Title]:
    """Titles and forms a pledge may name: those not ended before the movement's year."""
    start = dt.date(movement.year, 1, 1)
    in_force = Q(valid_to__isnull=True) | Q(valid_to__gt=start)
    return Title.objects.filter(in_force).order_by("-kind", "order", "name")
