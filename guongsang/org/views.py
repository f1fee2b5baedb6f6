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
from guongsang.core.http import AuthedRequest, form_saved, report_errors
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.views import require_perm
from guongsang.org import forms, selectors, services
from guongsang.org.models import Unit


def _as_of(request: AuthedRequest) -> dt.date:
    """The date of the `on` parameter; a bad date falls back to today with a message."""
    try:
        return VNDateField(required=False).clean(request.GET.get("on", "")) or selectors.today()
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


def _unit_form(
    request: AuthedRequest,
    form: Any,
    save: Callable[[], Unit],
    *,
    unit: Unit,
    title: str,
    done: Callable[[Unit], str],
    danger: bool = False,
) -> HttpResponse:
    """One change to a unit: on a valid POST the service runs and the person lands on the
    unit it returns, told `done(unit)`; else (not sent, not valid, or the service refused,
    its Vietnamese reason above the fields and nothing saved) the form, under `title`."""
    changed = form_saved(request, form, save)
    if changed is not None:
        messages.success(request, done(changed))
        return redirect("org:unit_detail", uuid=changed.uuid)
    context = {"form": form, "unit": unit, "title": title, "danger": danger}
    return render(request, "org/unit_form.html", context)


@login_required
def unit_create(request: AuthedRequest, uuid: str) -> HttpResponse:
    parent = _manage(request, uuid)
    form = forms.UnitCreateForm(request.POST or None)
    return _unit_form(
        request,
        form,
        lambda: services.unit_create(actor=request.user, parent=parent, **form.cleaned_data),
        unit=parent,
        title=_("Thành lập đơn vị trực thuộc %s") % parent.name,
        done=lambda created: _("Đã thành lập đơn vị “%s”.") % created.name,
    )


@login_required
def unit_rename(request: AuthedRequest, uuid: str) -> HttpResponse:
    unit = _manage(request, uuid)
    form = forms.UnitRenameForm(request.POST or None)
    return _unit_form(
        request,
        form,
        lambda: services.unit_rename(actor=request.user, unit=unit, **form.cleaned_data),
        unit=unit,
        title=_("Đổi tên %s") % unit.name,
        done=lambda _unit: _("Đã đổi tên đơn vị."),
    )


@login_required
def unit_merge(request: AuthedRequest, uuid: str) -> HttpResponse:
    unit = _manage(request, uuid)
    candidates = (
        selectors.units_under(unit.parent_id or unit)
        .filter(parent_id=unit.parent_id, valid_to=None)
        .exclude(pk=unit.pk)
    )
    form = forms.UnitMergeForm(request.POST or None, candidates=candidates)

    def save() -> Unit:
        data = form.cleaned_data
        return services.unit_merge(
            actor=request.user,
            units=[unit, *data["others"]],
            on=data["on"],
            code=data["code"],
            name=data["name"],
            reason=data["reason"],
            move_staff=data["move_staff"],
        )

    return _unit_form(
        request,
        form,
        save,
        unit=unit,
        title=_("Sáp nhập %s với đơn vị khác") % unit.name,
        done=lambda merged: _("Đã sáp nhập thành “%s”.") % merged.name,
        danger=True,
    )


@login_required
def unit_dissolve(request: AuthedRequest, uuid: str) -> HttpResponse:
    unit = _manage(request, uuid)
    form = forms.UnitDissolveForm(request.POST or None)
    return _unit_form(
        request,
        form,
        lambda: services.unit_dissolve(
            actor=request.user,
            unit=unit,
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"],
        ),
        unit=unit,
        title=_("Giải thể %s") % unit.name,
        done=lambda _unit: _("Đã giải thể đơn vị."),
        danger=True,
    )
