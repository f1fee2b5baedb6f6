"""Reads of annual reports, cut to the user's scope."""

from __future__ import annotations

from django.db.models import QuerySet

from guongsang.core.permissions import restrict
from guongsang.core.types import Actor
from guongsang.org.models import Unit
from guongsang.org.selectors import units_acting
from guongsang.reports.models import AnnualReport
from guongsang.reports.permissions import EDIT_ROLES, VIEW_ROLES


def reports_visible(*, user: Actor) -> QuerySet[AnnualReport]:
    qs = AnnualReport.objects.select_related("unit", "unit__parent", "last_build", "created_by")
    return restrict(qs, user, roles=VIEW_ROLES, unit_field="unit_id")


def units_for_reports(*, user: Actor) -> QuerySet[Unit]:
    """Units the user may open a report for (active units in the editing scope)."""
    return units_acting(user=user, roles=EDIT_ROLES)
