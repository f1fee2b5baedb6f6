"""The dossier form's pickers: people and collectives found as the officer types, among those
the form accepts (the user's units and their people), folded like every search."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_short_date
from guongsang.core.http import AuthedRequest
from guongsang.core.textsearch import fold_search, search_terms
from guongsang.core.views import require_perm
from guongsang.nominations.forms import person_label
from guongsang.nominations.views import CREATE_ROLES, _form_choices
from guongsang.org.selectors import units_acting
from guongsang.people.exports import with_current_positions

LIMIT = 20


def _query(request: AuthedRequest) -> str:
    return request.GET.get("q", "")[:100]


@login_required
def pick_person(request: AuthedRequest) -> JsonResponse:
    require_perm(request, "nominations.edit_dossier")
    query = _query(request)
    if not search_terms(query):
        return JsonResponse({"results": []})
    people = fold_search(_form_choices(request)["people"], query, "full_name")
    results = []
    for person in with_current_positions(people[:LIMIT]):
        parts = []
        if person.date_of_birth:
            parts.append(_("sinh năm %(year)s") % {"year": person.date_of_birth.year})
        parts += [p.title for p in person.current_positions]  # type: ignore[attr-defined]
        parts.append(person.home_unit.name)
        results.append(
            {"value": str(person.uuid), "text": person_label(person), "meta": " · ".join(parts)}
        )
    return JsonResponse({"results": results})


@login_required
def pick_unit(request: AuthedRequest) -> JsonResponse:
    require_perm(request, "nominations.edit_dossier")
    query = _query(request)
    if not search_terms(query):
        return JsonResponse({"results": []})
    units = units_acting(user=request.user, roles=CREATE_ROLES).select_related("parent")
    results = [
        {
            "value": str(unit.uuid),
            "text": unit.name,
            "meta": " · ".join(
                part
                for part in (
                    unit.parent.name if unit.parent else "",
                    _("thành lập %(date)s") % {"date": vn_short_date(unit.valid_from)},
                )
                if part
            ),
        }
        for unit in fold_search(units, query, "name", "short_name")[:LIMIT]
    ]
    return JsonResponse({"results": results})
