"""Reads of disciplines: the ones a user may see, and the ones of a nominee."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from guongsang.core.permissions import scope_unit_ids
from guongsang.core.types import Actor
from guongsang.discipline.models import Discipline
from guongsang.discipline.permissions import DISCIPLINE_ROLES


def discipline_list(*, user: Actor) -> QuerySet[Discipline]:
    records = Discipline.objects.select_related("person__home_unit", "unit")
    ids = scope_unit_ids(user, DISCIPLINE_ROLES)
    if ids is None:  # a superuser
        return records
    return records.filter(Q(person__home_unit_id__in=ids) | Q(unit_id__in=ids))


def disciplines_of(*, person_id: int | None, unit_id: int | None) -> QuerySet[Discipline]:
    """Every discipline of one nominee (for the eligibility checks: no user scope)."""
    if person_id is not None:
        return Discipline.objects.filter(person_id=person_id)
    return Discipline.objects.filter(unit=unit_id, person=None)
