"""The register of initiatives, registration, and the council's finding."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from guongsang.core.files import file_response
from guongsang.core.http import AuthedRequest, form_saved
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.validators import parse_page
from guongsang.core.views import require_perm
from guongsang.core.widgets import picker_response
from guongsang.initiatives import selectors, services
from guongsang.initiatives.forms import AssessmentForm, InitiativeForm, RegisterFilterForm
from guongsang.initiatives.models import Assessment, Evidence, Initiative
from guongsang.initiatives.permissions import INITIATIVE_REGISTER_ROLES
from guongsang.org.pickers import unit_choices
from guongsang.org.selectors import units_acting
from guongsang.people.pickers import person_choices
from guongsang.people.selectors import person_list


@login_required
def initiative_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "initiatives.view_initiative")
    filters = RegisterFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    initiatives = selectors.initiative_list(
        user=request.user,
        status=data.get("status", ""),
        scope=data.get("scope", ""),
        field=data.get("field", ""),
        year=data.get("year"),
        query=data.get("q", ""),
    )
    page = Paginator(initiatives, 25).get_page(parse_page(request.GET.get("page")))
    context = {
        "filters": filters,
        "page": page,
        "can_register": request.user.has_perm("initiatives.add_initiative"),
    }
    return render(request, "initiatives/list.html", context)


@login_required
@require_GET
def pick_person(request: AuthedRequest) -> JsonResponse:
    """The authors' picker: the people the user may see, found as they type."""
    require_perm(request, "initiatives.add_initiative")
    people = person_list(user=request.user)
    return picker_response(person_choices(people, request.GET.get("q", "")))


@login_required
@require_GET
def pick_unit(request: AuthedRequest) -> JsonResponse:
    """The unit picker: the units in force the user registers initiatives for."""
    require_perm(request, "initiatives.add_initiative")
    units = units_acting(user=request.user, roles=INITIATIVE_REGISTER_ROLES)
    return picker_response(unit_choices(units, request.GET.get("q", "")))


@login_required
def initiative_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "initiatives.add_initiative")
    units = units_acting(user=request.user, roles=INITIATIVE_REGISTER_ROLES)
    form = InitiativeForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        people=person_list(user=request.user),
    )

    def register() -> Initiative:
        data = form.cleaned_data  # the unit comes from the units the user registers for
        return services.initiative_register(
            actor=request.user,
            unit=data["unit"],
            title=data["title"],
            field=data["field"],
            started_on=data["started_on"],
            registered_on=data["registered_on"],
            description=data["description"],
            authors=form.authors(),
            files=[data["evidence"]] if data.get("evidence") else [],
        )

    initiative = form_saved(request, form, register)
    if initiative is not None:
        messages.success(request, _("Đã đăng ký sáng kiến “%s”.") % initiative.title)
        return redirect("initiatives:detail", uuid=initiative.uuid)
    return render(request, "initiatives/form.html", {"form": form})


@login_required
def initiative_detail(request: AuthedRequest, uuid: str) -> HttpResponse:
    initiative = selectors.initiative_detail(user=request.user, uuid=uuid)
    require_perm(request, "initiatives.view_initiative", initiative)
    can_assess = request.user.has_perm("initiatives.assess_initiative", initiative)
    form = AssessmentForm(request.POST or None) if can_assess else None
    if request.method == "POST":
        require_perm(request, "initiatives.assess_initiative", initiative)
    if form is not None:  # a POST without the right was refused just above
        assessed = form_saved(request, form, partial(_assess, request, initiative, form))
        if assessed is not None:
            messages.success(request, _("Đã ghi kết quả đánh giá của hội đồng sáng kiến."))
            return redirect("initiatives:detail", uuid=initiative.uuid)
    context = {
        "initiative": initiative,
        "assessments": initiative.assessments.all(),
        "evidence": initiative.evidence.all(),
        "form": form,
    }
    return render(request, "initiatives/detail.html", context)


def _assess(request: AuthedRequest, initiative: Initiative, form: AssessmentForm) -> Assessment:
    data = form.cleaned_data
    return services.initiative_assess(
        actor=request.user,
        initiative=initiative,
        council=data["council"],
        score=data["score"],
        recognised=data["result"] == "yes",
        scope=data["scope"],
        decision_number=data["decision_number"],
        decision_date=data["decision_date"],
        note=data["note"],
    )


@login_required
def evidence_download(request: AuthedRequest, uuid: str) -> HttpResponseBase:
    visible = selectors.initiative_list(user=request.user).values("pk")
    evidence = get_visible_or_404(
        Evidence.objects.filter(initiative__in=visible).select_related("initiative"), uuid=uuid
    )
    require_perm(request, "initiatives.view_initiative", evidence.initiative)
    return file_response(
        evidence.stored_path, filename=evidence.original_name, content_type=evidence.content_type
    )
