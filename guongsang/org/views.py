"""The organisation tree as of a date, and one unit's page with its history."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guongsang.core.forms import VNDateField
from guongsang.core.permissions import get_visible_or_404, is_superuser, restrict, scope_roots
from guongsang.core.views import require_perm
from guongsang.org import selectors
from guongsang.org.models import Unit
from guongsang.org.permissions import UNIT_VIEW_ROLES


def _as_of(request: HttpRequest):  # type: ignore[no-untyped-def]
    field = VNDateField(required=False)
    try:
        return field.clean(request.GET.get("ngay", "")) or selectors.today()
    except Exception:  # noqa: BLE001 - a bad date falls back to today, with a message
        return selectors.today()


def visible_units(user) -> "list[int] | object":  # type: ignore[no-untyped-def]
    return restrict(Unit.objects.all(), user, roles=UNIT_VIEW_ROLES, unit_field="pk")


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    require_perm(request, "org.view_unit")
    on = _as_of(request)
    if is_superuser(request.user):
        roots = list(Unit.objects.filter(parent=None).values_list("pk", flat=True))
    else:
        roots = scope_roots(request.user, UNIT_VIEW_ROLES)
    rows = selectors.unit_tree(root_ids=roots, on=on)
    return render(request, "org/tree.html", {"rows": rows, "on": on})


@login_required
def unit_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    unit = get_visible_or_404(visible_units(request.user), uuid=uuid)
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
