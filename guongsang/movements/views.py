"""Movements by year, a movement's plan and pledges, the pledge form and who has pledged."""

from __future__ import annotations

import uuid as uuid_lib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guongsang.catalogue.models import AwardKind
from guongsang.core.http import AuthedRequest, form_saved
from guongsang.core.views import require_perm
from guongsang.core.widgets import picker_response
from guongsang.movements import selectors, services
from guongsang.movements.forms import MovementForm, PledgeForm, YearFilterForm, movement_initial
from guongsang.movements.models import Movement
from guongsang.movements.permissions import MOVEMENT_MANAGE_ROLES
from guongsang.movements.tasks import export_status_start
from guongsang.org.models import Unit
from guongsang.org.pickers import unit_choices
from guongsang.org.selectors import today, units_acting
from guongsang.people.pickers import person_choices


@login_required
def movement_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "movements.view_movement")
    form = YearFilterForm(request.GET or None, years=selectors.movement_years(user=request.user))
    year = form.cleaned_data.get("year") if form.is_valid() else None
    movements = selectors.movement_list_with_pledges(user=request.user, year=year)
    page = Paginator(movements, 20).get_page(request.GET.get("page"))
    template = "movements/partials/movement_rows.html" if request.htmx else "movements/list.html"
    context = {"page": page, "form": form, "year": year, "today": today()}
    return render(request, template, context)


@login_required
def movement_detail(request: AuthedRequest, uuid: str) -> HttpResponse:
    movement = selectors.movement_detail(user=request.user, uuid=uuid)
    require_perm(request, "movements.view_movement", movement)
    pledges = selectors.pledge_list(user=request.user, movement=movement)
    page = Paginator(pledges, 20).get_page(request.GET.get("page"))
    if request.htmx and request.htmx.target == "pledge-list":
        return render(
            request, "movements/partials/pledge_rows.html", _pledge_context(request, movement, page)
        )
    can_manage = request.user.has_perm("movements.manage_movement", movement)
    context = {
        **_pledge_context(request, movement, page),
        "can_manage": can_manage,
        # After the deadline only the secretariat may still record a (late) pledge.
        "can_pledge": request.user.has_perm("movements.add_pledge", movement)
        and (not selectors.deadline_passed(movement) or can_manage),
        "can_see_status": request.user.has_perm("movements.view_pledge_status", movement),
    }
    return render(request, "movements/detail.html", context)


def _pledge_context(request: AuthedRequest, movement: Movement, page: Any) -> dict[str, Any]:
    """The pledges on the page, and which of them the user may still change."""
    open_to_user = not selectors.deadline_passed(movement) or request.user.has_perm(
        "movements.manage_movement", movement
    )
    unit_ids = {pledge.unit_id for pledge in page}
    changeable = selectors.changeable_unit_ids(user=request.user, unit_ids=unit_ids)
    return {
        "movement": movement,
        "page": page,
        "deadline_passed": selectors.deadline_passed(movement),
        "changeable": changeable if open_to_user else set(),
    }


def _organisers(request: AuthedRequest) -> Any:
    """The units the user may launch a movement for: those the user manages movements of."""
    return units_acting(user=request.user, roles=MOVEMENT_MANAGE_ROLES)


@login_required
@require_GET
def pick_organiser(request: AuthedRequest) -> JsonResponse:
    require_perm(request, "movements.manage_movement")
    return picker_response(unit_choices(_organisers(request), request.GET.get("q", "")))


def _movement_form(request: AuthedRequest, movement: Movement | None = None) -> MovementForm:
    organisers = _organisers(request)
    others = selectors.movement_list(user=request.user)
    if movement is not None:
        others = others.exclude(pk=movement.pk)
    initial = movement_initial(movement) if movement is not None else None
    return MovementForm(
        request.POST or None, initial=initial, organisers=organisers, movements=others
    )


@login_required
def movement_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "movements.manage_movement")
    form = _movement_form(request)
    made = form_saved(
        request, form, lambda: services.movement_create(actor=request.user, **form.cleaned_data)
    )
    if made is not None:
        messages.success(request, _("Đã phát động phong trào “%s”.") % made.name)
        return redirect("movements:detail", uuid=made.uuid)
    context = {"form": form, "title": _("Phát động phong trào thi đua")}
    return render(request, "movements/movement_form.html", context)


@login_required
def movement_edit(request: AuthedRequest, uuid: str) -> HttpResponse:
    movement = selectors.movement_detail(user=request.user, uuid=uuid)
    require_perm(request, "movements.manage_movement", movement)
    form = _movement_form(request, movement)
    if form_saved(
        request,
        form,
        lambda: services.movement_update(
            actor=request.user, movement=movement, **form.cleaned_data
        ),
    ):
        messages.success(request, _("Đã lưu kế hoạch phong trào."))
        return redirect("movements:detail", uuid=movement.uuid)
    context = {"form": form, "movement": movement, "title": _("Sửa phong trào, kế hoạch")}
    return render(request, "movements/movement_form.html", context)


def _chosen_unit(request: AuthedRequest, units: Any) -> Unit | None:
    """The unit picked in the form (its UUID), or the only one the user may pledge for."""
    value = request.POST.get("unit") or request.GET.get("unit")
    if value:
        try:
            return units.filter(uuid=uuid_lib.UUID(value)).first()
        except ValueError:
            return None
    return units.first() if units.count() == 1 else None


def _late_allowed(request: AuthedRequest, movement: Movement) -> tuple[bool, bool]:
    """(is the deadline past, may this user still record a late pledge)."""
    return (
        selectors.deadline_passed(movement),
        request.user.has_perm("movements.manage_movement", movement),
    )


def _pledge_form_page(
    request: AuthedRequest, form: PledgeForm, movement: Movement, pledge: Any = None
) -> HttpResponse:
    late, allow_late = _late_allowed(request, movement)
    context = {
        "form": form,
        "movement": movement,
        "pledge": pledge,
        "closed": late and not allow_late,
        "late": late,
        "closed_message": services.deadline_message(movement),
        "title_groups": AwardKind.choices,
    }
    return render(request, "movements/pledge_form.html", context)


@login_required
def pledge_create(request: AuthedRequest, uuid: str) -> HttpResponse:
    movement = selectors.movement_detail(user=request.user, uuid=uuid)
    require_perm(request, "movements.add_pledge", movement)
    late, allow_late = _late_allowed(request, movement)
    units = selectors.pledge_units(user=request.user, movement=movement)
    unit = _chosen_unit(request, units)
    people = (
        selectors.pledge_people(user=request.user, movement=movement, unit=unit) if unit else None
    )
    form = PledgeForm(
        request.POST or None,
        initial={"unit": unit.uuid} if unit else None,
        units=units,
        people=people,
        titles=selectors.titles_for_pledges(movement),
        late=late and allow_late,
        units_url=reverse("movements:pledge_units", args=[movement.uuid]),
        people_url=reverse("movements:pledge_people", args=[movement.uuid]),
    )
    made = form_saved(
        request,
        form,
        lambda: services.pledge_register(
            actor=request.user, movement=movement, allow_late=allow_late, **form.cleaned_data
        ),
    )
    if made is not None:
        messages.success(
            request, _("Đã ghi nhận đăng ký thi đua của %s.") % (made.person or made.unit)
        )
        return redirect("movements:detail", uuid=movement.uuid)
    return _pledge_form_page(request, form, movement)


@login_required
@require_GET
def pledge_units(request: AuthedRequest, uuid: str) -> JsonResponse:
    """The pledge form's unit picker: units the user may pledge for, found as they type."""
    movement = selectors.movement_detail(user=request.user, uuid=uuid)
    require_perm(request, "movements.add_pledge", movement)
    units = selectors.pledge_units(user=request.user, movement=movement)
    return picker_response(unit_choices(units, request.GET.get("q", "")))


@login_required
@require_GET
def pledge_people(request: AuthedRequest, uuid: str) -> JsonResponse:
    """The pledge form's person picker: people of the chosen unit (`?unit=`) who have not
    pledged yet, found as the user types."""
    movement = selectors.movement_detail(user=request.user, uuid=uuid)
    require_perm(request, "movements.add_pledge", movement)
    units = selectors.pledge_units(user=request.user, movement=movement)
    unit = _chosen_unit(request, units)
    if unit is None:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem."))
    people = selectors.pledge_people(user=request.user, movement=movement, unit=unit)
    return picker_response(person_choices(people, request.GET.get("q", "")))


@login_required
def pledge_edit(request: AuthedRequest, uuid: str) -> HttpResponse:
    pledge = selectors.pledge_detail(user=request.user, uuid=uuid)
    require_perm(request, "movements.change_pledge", pledge)
    movement = pledge.movement
    late, allow_late = _late_allowed(request, movement)
    initial = {"titles": list(pledge.titles.all()), "commitments": pledge.commitments}
    form = PledgeForm(
        request.POST or None,
        initial=initial,
        units=None,
        people=None,
        titles=selectors.titles_for_pledges(movement),
        late=late and allow_late,
    )
    if form_saved(
        request,
        form,
        lambda: services.pledge_update(
            actor=request.user, pledge=pledge, allow_late=allow_late, **form.cleaned_data
        ),
    ):
        messages.success(request, _("Đã lưu đăng ký thi đua."))
        return redirect("movements:detail", uuid=movement.uuid)
    return _pledge_form_page(request, form, movement, pledge)


@login_required
def pledge_status(request: AuthedRequest, uuid: str) -> HttpResponse:
    movement = selectors.movement_detail(user=request.user, uuid=uuid)
    require_perm(request, "movements.view_pledge_status", movement)
    status = selectors.pledge_status(user=request.user, movement=movement)
    show = request.GET.get("show", "")
    rows = {"not_pledged": status.not_pledged, "pledged": status.pledged}.get(show, status.rows)
    context = {"movement": movement, "status": status, "rows": rows, "show": show}
    return render(request, "movements/status.html", context)


@login_required
@require_POST
def status_export(request: AuthedRequest, uuid: str) -> HttpResponse:
    """Queue the Excel file of who has and has not pledged; follow it on its progress page."""
    movement = selectors.movement_detail(user=request.user, uuid=uuid)
    require_perm(request, "movements.view_pledge_status", movement)
    progress = export_status_start(actor=request.user, movement=movement, request=request)
    return redirect("core:task_progress", uuid=progress.uuid)
