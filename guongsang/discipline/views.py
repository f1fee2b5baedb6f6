"""The secretariat's register of disciplines: the list, and a page to record one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from guongsang.core.http import AuthedRequest, report_errors
from guongsang.core.permissions import restrict
from guongsang.core.views import require_perm
from guongsang.core.widgets import picker_response
from guongsang.discipline import selectors, services
from guongsang.discipline.forms import DisciplineRecordForm
from guongsang.discipline.permissions import DISCIPLINE_ROLES
from guongsang.org.models import Unit
from guongsang.org.pickers import unit_choices
from guongsang.people.models import Person
from guongsang.people.pickers import person_choices


@login_required
def discipline_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "discipline.record")
    page = Paginator(selectors.discipline_list(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "discipline/list.html", {"page": page})


def _choices(request: AuthedRequest) -> tuple[QuerySet[Person], QuerySet[Unit]]:
    """Whom the user may record a discipline for: people and current units of the scope."""
    people = restrict(
        Person.objects.select_related("home_unit").order_by("full_name"),
        request.user,
        roles=DISCIPLINE_ROLES,
        unit_field="home_unit_id",
    )
    units = restrict(
        Unit.objects.filter(valid_to=None).order_by("name"),
        request.user,
        roles=DISCIPLINE_ROLES,
        unit_field="pk",
    )
    return people, units


@login_required
@require_GET
def pick_person(request: AuthedRequest) -> JsonResponse:
    require_perm(request, "discipline.record")
    return picker_response(person_choices(_choices(request)[0], request.GET.get("q", "")))


@login_required
@require_GET
def pick_unit(request: AuthedRequest) -> JsonResponse:
    require_perm(request, "discipline.record")
    return picker_response(unit_choices(_choices(request)[1], request.GET.get("q", "")))


@login_required
def discipline_new(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "discipline.record")
    people, units = _choices(request)
    initial = {"person": request.GET.get("ca-nhan"), "subject": "person"}
    form = DisciplineRecordForm(request.POST or None, people=people, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.discipline_record(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            report_errors(request, exc, form=form)
        else:
            messages.success(request, _("Đã ghi quyết định kỷ luật."))
            return redirect("discipline:list")
    return render(request, "discipline/form.html", {"form": form})
