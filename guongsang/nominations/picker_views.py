"""The dossier form's pickers: people and collectives found as the officer types, among those
the form accepts (the user's units and their people), folded like every search."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

from guongsang.core.http import AuthedRequest
from guongsang.core.views import require_perm
from guongsang.core.widgets import picker_response
from guongsang.nominations.views import CREATE_ROLES, _form_choices, filter_units
from guongsang.org.pickers import unit_choices
from guongsang.org.selectors import units_acting
from guongsang.people.pickers import person_choices


@login_required
def pick_person(request: AuthedRequest) -> JsonResponse:
    require_perm(request, "nominations.edit_dossier")
    return picker_response(
        person_choices(_form_choices(request)["people"], request.GET.get("q", ""))
    )


@login_required
def pick_unit(request: AuthedRequest) -> JsonResponse:
    require_perm(request, "nominations.edit_dossier")
    units = units_acting(user=request.user, roles=CREATE_ROLES)
    return picker_response(unit_choices(units, request.GET.get("q", "")))


@login_required
def pick_filter_unit(request: AuthedRequest) -> JsonResponse:
    """The list's unit filter: the units of the dossiers the user sees."""
    require_perm(request, "nominations.view_dossier")
    return picker_response(unit_choices(filter_units(request), request.GET.get("q", "")))
