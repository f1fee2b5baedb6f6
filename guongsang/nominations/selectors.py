"""Reads of dossiers, cut to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from guongsang.core.permissions import (
    get_visible_or_404,
    in_scope,
    is_superuser,
    scope_unit_ids,
)
from guongsang.core.roles import Role
from guongsang.core.selectors import filter_given
from guongsang.core.textsearch import fold_search
from guongsang.core.types import Actor
from guongsang.nominations.models import Dossier, DossierFile
from guongsang.nominations.permissions import LEVEL_ROLES
from guongsang.org.models import Unit
from guongsang.org.selectors import unit_ids_for_counting


def dossiers_visible(*, user: Actor) -> QuerySet[Dossier]:
    """Officers see their units' dossiers; the other roles those their level reviews."""
    qs = Dossier.objects.select_related(
        "title", "unit", "level_unit", "person", "nominee_unit", "movement"
    )
    if is_superuser(user):
        return qs
    officer_units = scope_unit_ids(user, {Role.UNIT_OFFICER})
    level_units = scope_unit_ids(user, LEVEL_ROLES)
    return qs.filter(Q(unit__in=officer_units) | Q(level_unit__in=level_units))


def dossier_access_row(*, user: Actor, uuid: Any) -> Dossier:
    """The columns the permission needs (pk, unit, level, state) of one dossier the user sees,
    or 404: the rule of dossiers_visible, checked against the scope's unit ids as sets (kept
    for the request and in the cache, see core.permissions.in_scope) instead of compiling its
    two nested scope subqueries, which the dossier page did on every request."""
    found = get_visible_or_404(
        Dossier.objects.only("pk", "unit_id", "level_unit_id", "state"), uuid=uuid
    )
    if (
        is_superuser(user)
        or in_scope(user, found.unit_id, {Role.UNIT_OFFICER})
        or in_scope(user, found.level_unit_id, LEVEL_ROLES)
    ):
        return found
    return get_visible_or_404(Dossier.objects.none(), uuid=uuid)  # the same 404 as elsewhere


def dossiers_filtered(
    *,
    user: Actor,
    year: int | None = None,
    state: str = "",
    title_code: str = "",
    text: str = "",
    movement_uuid: str = "",
    unit_uuid: str = "",
) -> QuerySet[Dossier]:
    """The list page's filters (also used by its Excel export, in the background or not)."""
    dossiers = filter_given(
        dossiers_visible(user=user),
        year=year,
        state=state,
        title__code=title_code,
        movement__uuid=movement_uuid,
    )
    if unit_uuid:
        # The unit's subtree today, with the units merged into it over the years.
        unit = Unit.objects.filter(uuid=unit_uuid).first()
        dossiers = (
            dossiers.filter(unit__in=unit_ids_for_counting(unit)) if unit else dossiers.none()
        )
    if text := text.strip():
        dossiers = fold_search(
            dossiers, text, "person__full_name", "nominee_unit__name", "unit__name", "summary"
        )
    return dossiers


def dossier_file_for(*, user: Actor, uuid: Any) -> DossierFile:
    visible = dossiers_visible(user=user).values("pk")
    return get_visible_or_404(
        DossierFile.objects.filter(dossier__in=visible).select_related("dossier"), uuid=uuid
    )
