"""The member's ballot page: the open sessions and one vote at a time."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guongsang.core.http import AuthedRequest, error_text
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.views import require_perm
from guongsang.council import selectors, services
from guongsang.council.forms import VoteForm
from guongsang.council.models import AgendaItem


@login_required
def my_ballots(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "council.vote")
    context = {"sheet": selectors.ballot_sheet(user=request.user)}
    return render(request, "council/my_ballots.html", context)


@login_required
@require_POST
def vote(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """Cast a ballot; the receipt is shown in this response only (never kept in the session)."""
    visible = selectors.sessions_visible(user=request.user).values("pk")
    item = get_visible_or_404(
        AgendaItem.objects.filter(session__in=visible).select_related("session", "dossier__person"),
        uuid=uuid,
    )
    require_perm(request, "council.vote", item.session)
    form = VoteForm(request.POST)
    receipt, error = "", ""
    if not form.is_valid():
        error = _("Chọn Đồng ý, Không đồng ý hoặc Không biểu quyết.")
    elif not form.cleaned_data["confirm"]:
        # Nothing is stored until the member confirms the choice shown back to them.
        context = {"item": item, "choice": form.cleaned_data["choice"], "form": form}
        template = (
            "council/partials/vote_confirm.html" if request.htmx else "council/vote_confirm.html"
        )
        return render(request, template, context)
    else:
        try:
            receipt = services.ballot_cast(
                voter=request.user, item=item, choice=form.cleaned_data["choice"]
            )
        except (ValidationError, PermissionDenied) as exc:
            error = error_text(exc)
    context = {"item": item, "receipt": receipt, "error": error}
    template = "council/partials/vote_result.html" if request.htmx else "council/vote_result.html"
    # htmx swaps only 2xx answers: the message is the content there.
    return render(request, template, context, status=400 if error and not request.htmx else 200)
