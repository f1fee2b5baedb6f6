"""Reads of people, always cut to the user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from guongsang.core.permissions import get_visible_or_404, restrict
from guongsang.core.textsearch import fold_search
from guongsang.core.types import Actor
from guongsang.org.selectors import unit_ids_under
from guongsang.people.models import Person, Position
from guongsang.people.permissions import PERSON_VIEW_ROLES


def person_list(*, user: Actor, query: str = "", unit: Any = None) -> QuerySet[Person]:
    qs = restrict(
        Person.objects.select_related("home_unit"),
        user,
        roles=PERSON_VIEW_ROLES,
        unit_field="home_unit",
    )
    if query:
        qs = fold_search(qs, query, "full_name", "positions__title").distinct()
    if unit is not None:
        qs = qs.filter(home_unit__in=unit_ids_under(unit))
    return qs.order_by("sort_name", "pk")


def person_detail(*, user: Actor, uuid: Any) -> Person:
    qs = person_list(user=user).prefetch_related(
        Prefetch("positions", queryset=Position.objects.select_related("unit"))
    )
    return get_visible_or_404(qs, uuid=uuid)
