"""Reads of dossiers, cut to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from guongsang.core.permissions import is_superuser, scope_unit_ids
from guongsang.core.roles import Role
from guongsang.nominations.models import Dossier, DossierFile
from guongsang.nominations.permissions import LEVEL_ROLES


def dossiers_visible(*, user: Any) -> QuerySet[Dossier]:
    """Officers see their units' dossiers; the other roles those their level reviews."""
    qs = Dossier.objects.select_related("title", "unit", "level_unit", "person", "nominee_unit")
    if is_superuser(user):
        return qs
    officer_units = scope_unit_ids(user, {Role.UNIT_OFFICER})
    level_units = scope_unit_ids(user, LEVEL_ROLES)
    return qs.filter(Q(unit__in=officer_units) | Q(level_unit__in=level_units))


def dossier_file_for(*, user: Any, uuid: Any) -> DossierFile:
    from guongsang.core.permissions import get_visible_or_404

    visible = dossiers_visible(user=user).values("pk")
    return get_visible_or_404(
        DossierFile.objects.filter(dossier__in=visible).select_related("dossier"), uuid=uuid
    )
