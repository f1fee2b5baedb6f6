"""The organisation tree as of a date, and one unit's page with its history."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render

from guongsang.core.forms import VNDateField
from guongsang.core.http import AuthedRequest
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.views import require_perm
from guongsang.org import selectors


def _as_of(request: AuthedRequest) -> dt.date:
    """The date of the `ngay` parameter; a bad date falls back to today with a message."""
    try:
        return VNDateField(required=False).clean(request.GET.get("ngay", "")) or selectors.today()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return selectors.today()


@login_required
def tree(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "org.view_unit")
    on = _as_of(request)
    rows = selectors.unit_tree(root_ids=selectors.tree_roots_for(request.user), on=on)
    return render(request, "org/tree.html", {"rows": rows, "on": on})


@login_required
def unit_detail(request: AuthedRequest, uuid: str) -> HttpResponse:
    unit = get_visible_or_404(selectors.unit_list(user=request.user), uuid=uuid)
    require_perm(request, "org.view_unit", unit)
    context = {
        "unit": unit,
        "today_unit": selectors.unit_today(unit),
        "ancestors": selectors.ancestors_of(unit, on=unit.valid_to or selectors.today()),
        "events": unit.events.select_related("related"),
        "names": unit.names.all(),
        "children": selectors.units_under(unit).exclude(pk=unit.pk).filter(parent=unit),
        "clusters": unit.cluster_memberships.select_related("cluster"),
        "staff_count": unit.positions.filter(valid_to=None).count(),
    }
    return render(request, "org/unit_detail.html", context)
