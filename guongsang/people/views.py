"""People: a list and a page per person, personal data masked until asked for."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from guongsang.core.http import AuthedRequest
from guongsang.core.views import require_perm
from guongsang.people import selectors, services


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
    return render(
        request, "people/person_detail.html", {"person": person, "can_unmask": can_unmask}
    )


@login_required
@require_POST
def personal_data(request: AuthedRequest, uuid: str) -> HttpResponse:
    """htmx: replace the masked block by the clear values (logged)."""
    person = selectors.person_detail(user=request.user, uuid=uuid)
    require_perm(request, "people.view_personal_data", person)
    data = services.personal_data_reveal(actor=request.user, person=person, request=request)
    return render(request, "people/partials/personal_data.html", {"person": person, "data": data})
