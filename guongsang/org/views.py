"""The organisation tree as of a date, and one unit's page with its history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guongsang.awards.selectors import unit_awards
from guongsang.core.forms import VNDateField
from guongsang.core.http import AuthedRequest, report_errors
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.views import require_perm
from guongsang.org import forms, selectors, services
from guongsang.org.models import Unit


def _as_of(request: AuthedRequest) -> dt.date:
    """The date of the `ngay` parameter; a bad date falls back to today with a message."""
    try:
        return VNDateField(required=False).clean(request.GET.get("ngay", "")) or selectors.today()
    except ValidationError as exc:
        report_errors(request, exc)
        return selectors.today()


@login_required
def tree(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "org.view_unit")
    on = _as_of(request)
    rows = selectors.unit_tree(root_ids=selectors.tree_roots_for(request.user), on=on)
    query = request.GET.get("q", "").strip()[:100]
    rows = selectors.tree_search(rows, query)
    return render(request, "org/tree.html", {"rows": rows, "on": on, "q": query})


@login_required
def unit_detail(request: AuthedRequest, uuid: str) -> HttpResponse:
    unit = get_visible_or_404(selectors.unit_list(user=request.user), uuid=uuid)
    require_perm(request, "org.view_unit", unit)
    context = {
        "unit": unit,
        "today_unit": selectors.unit_today(unit),
        "ancestors": selectors.ancestors_of(unit),
        "events": unit.events.select_related("related"),
        "names": unit.names.all(),
        "children": selectors.units_under(unit).exclude(pk=unit.pk).filter(parent=unit),
        "clusters": unit.cluster_memberships.select_related("cluster"),
        "staff_count": unit.positions.filter(valid_to=None).count(),
        "can_manage": request.user.has_perm("org.manage_unit", unit) and unit.is_active,
        "awards": unit_awards(user=request.user, unit=unit),
    }
    return render(request, "org/unit_detail.html", context)


def _manage(request: AuthedRequest, uuid: str) -> Unit:
    unit = get_visible_or_404(selectors.unit_list(user=request.user), uuid=uuid)
    require_perm(request, "org.manage_unit", unit)
    return unit


def _run(form: Any, action: Callable[[], Unit]) -> Unit | None:
    """Call the service; its Vietnamese error becomes a form error and nothing is saved."""
    try:
        return action()
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


@login_required
def unit_create(request: AuthedRequest, uuid: str) -> HttpResponse:
    parent = _manage(request, uuid)
    form = forms.UnitCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = _run(
            form, lambda: services.unit_create(actor=request.user, parent=parent, **data)
        )
        if created:
            messages.success(request, _("Đã thành lập đơn vị “%s”.") % created.name)
            return redirect("org:unit_detail", uuid=created.uuid)
    title = _("Thành lập đơn vị trực thuộc %s") % parent.name
    return render(request, "org/unit_form.html", {"form": form, "unit": parent, "title": title})


@login_required
def unit_rename(request: AuthedRequest, uuid: str) -> HttpResponse:
    unit = _manage(request, uuid)
    form = forms.UnitRenameForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            form, lambda: services.unit_rename(actor=request.user, unit=unit, **form.cleaned_data)
        )
    ):
        messages.success(request, _("Đã đổi tên đơn vị."))
        return redirect("org:unit_detail", uuid=unit.uuid)
    title = _("Đổi tên %s") % unit.name
    return render(request, "org/unit_form.html", {"form": form, "unit": unit, "title": title})


@login_required
def unit_merge(request: AuthedRequest, uuid: str) -> HttpResponse:
    unit = _manage(request, uuid)
    candidates = (
        selectors.units_under(unit.parent_id or unit)
        .filter(parent_id=unit.parent_id, valid_to=None)
        .exclude(pk=unit.pk)
    )
    form = forms.UnitMergeForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        merged = _run(
            form,
            lambda: services.unit_merge(
                actor=request.user,
                units=[unit, *data["others"]],
                on=data["on"],
                code=data["code"],
                name=data["name"],
                reason=data["reason"],
            ),
        )
        if merged:
            messages.success(request, _("Đã sáp nhập thành “%s”.") % merged.name)
            return redirect("org:unit_detail", uuid=merged.uuid)
    title = _("Sáp nhập %s với đơn vị khác") % unit.name
    return render(
        request, "org/unit_form.html", {"form": form, "unit": unit, "title": title, "danger": True}
    )


@login_required
def unit_dissolve(request: AuthedRequest, uuid: str) -> HttpResponse:
    unit = _manage(request, uuid)
    form = forms.UnitDissolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(
            form,
            lambda: services.unit_dissolve(
                actor=request.user, unit=unit, on=data["on"], reason=data["reason"]
            ),
        )
        if done:
            messages.success(request, _("Đã giải thể đơn vị."))
            return redirect("org:unit_detail", uuid=unit.uuid)
    title = _("Giải thể %s") % unit.name
    return render(
        request, "org/unit_form.html", {"form": form, "unit": unit, "title": title, "danger": True}
    )
