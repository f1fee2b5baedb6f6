"""People: a list and a page per person, personal data masked until asked for."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guongsang.awards.selectors import person_awards
from guongsang.core.http import AuthedRequest, form_saved
from guongsang.core.permissions import restrict
from guongsang.core.views import require_perm
from guongsang.core.widgets import picker_response
from guongsang.org.models import Unit
from guongsang.org.pickers import unit_choices
from guongsang.people import selectors, services
from guongsang.people.forms import PersonForm
from guongsang.people.permissions import PERSON_MANAGE_ROLES
from guongsang.people.tasks import export_people_start


@login_required
def person_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "people.view_person")
    query = request.GET.get("q", "").strip()
    people = selectors.person_list(user=request.user, query=query)
    page = Paginator(people, 25).get_page(request.GET.get("page"))
    template = "people/partials/person_rows.html" if request.htmx else "people/person_list.html"
    return render(request, template, {"page": page, "q": query})


@login_required
def person_detail(request: AuthedRequest, uuid: str) -> HttpResponse:
    person = selectors.person_detail(user=request.user, uuid=uuid)
    require_perm(request, "people.view_person", person)
    can_unmask = request.user.has_perm("people.view_personal_data", person)
    context = {
        "person": person,
        "can_unmask": can_unmask,
        "awards": person_awards(user=request.user, person=person),
    }
    return render(request, "people/person_detail.html", context)


@login_required
@require_POST
def personal_data(request: AuthedRequest, uuid: str) -> HttpResponse:
    """htmx: replace the masked block by the clear values (logged)."""
    person = selectors.person_detail(user=request.user, uuid=uuid)
    require_perm(request, "people.view_personal_data", person)
    data = services.personal_data_reveal(actor=request.user, person=person, request=request)
    return render(request, "people/partials/personal_data.html", {"person": person, "data": data})


def _form_units(request: AuthedRequest) -> Any:
    """The units in force a person may be managed under: those of the user's scope."""
    active = Unit.objects.filter(valid_to=None).order_by("name")
    return restrict(active, request.user, roles=PERSON_MANAGE_ROLES, unit_field="pk")


@login_required
@require_GET
def pick_unit(request: AuthedRequest) -> JsonResponse:
    require_perm(request, "people.manage_person")
    units = _form_units(request).select_related("parent")
    return picker_response(unit_choices(units, request.GET.get("q", "")))


@login_required
def person_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "people.manage_person")
    form = PersonForm(request.POST or None, units=_form_units(request))
    made = form_saved(
        request, form, lambda: services.person_create(actor=request.user, **form.cleaned_data)
    )
    if made is not None:
        messages.success(request, _("Đã thêm %s.") % made.full_name)
        return redirect("people:detail", uuid=made.uuid)
    return render(request, "people/person_form.html", {"form": form, "title": _("Thêm cá nhân")})


@login_required
def person_edit(request: AuthedRequest, uuid: str) -> HttpResponse:
    person = selectors.person_detail(user=request.user, uuid=uuid)
    require_perm(request, "people.manage_person", person)
    initial = {
        "full_name": person.full_name,
        "kind": person.kind,
        "gender": person.gender,
        "home_unit": person.home_unit,
        "email": person.email,
    }
    form = PersonForm(
        request.POST or None, initial=initial, units=_form_units(request), editing=True
    )
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if v not in ("", None)}
        try:
            services.person_update(actor=request.user, person=person, **changes)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("people:detail", uuid=person.uuid)
    title = _("Sửa thông tin %s") % person.full_name
    return render(
        request, "people/person_form.html", {"form": form, "title": title, "person": person}
    )


@login_required
@require_POST
def export(request: AuthedRequest) -> HttpResponse:
    """Queue the Excel export of the people the user may see; follow it on its progress page."""
    require_perm(request, "people.view_person")
    progress = export_people_start(actor=request.user, request=request)
    return redirect("core:task_progress", uuid=progress.uuid)
