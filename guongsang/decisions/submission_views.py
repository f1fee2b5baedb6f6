"""Tờ trình pages: the list, drafting from recommended dossiers the level does not confer,
the detail with each dossier's outcome above, sending (with confirmation), DOCX and PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core.documents import file_response
from guongsang.core.http import AuthedRequest, form_saved, page_of
from guongsang.core.views import require_perm, visible_object
from guongsang.decisions import documents, selectors, services
from guongsang.decisions.forms import SendForm, SubmissionDraftForm
from guongsang.decisions.models import Submission, SubmissionState


def submission_for(
    request: AuthedRequest, uuid: Any, perm: str = "decisions.view_decision"
) -> Submission:
    """The submission the user may see (404 otherwise), after the permission check."""
    visible = selectors.submissions_visible(user=request.user)
    return visible_object(request, visible, perm, uuid=uuid)


@login_required
def submission_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "decisions.view_decision")
    page = page_of(request, selectors.submissions_visible(user=request.user))
    can_draft = request.user.has_perm("decisions.draft_decision")
    return render(request, "decisions/submission_list.html", {"page": page, "can_draft": can_draft})


@login_required
def submission_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "decisions.draft_decision")
    available = selectors.dossiers_to_forward(user=request.user)
    form = SubmissionDraftForm(request.POST or None, dossiers=available)
    submission = form_saved(
        request,
        form,
        lambda: services.submission_draft(
            actor=request.user,
            authority=form.authority,
            dossiers=form.cleaned_data["dossiers"],
            summary=form.cleaned_data["summary"],
        ),
    )
    if submission is not None:
        messages.success(request, _("Đã lập dự thảo tờ trình."))
        return redirect("decisions:submission_detail", uuid=submission.uuid)
    return render(
        request, "decisions/submission_form.html", {"form": form, "count": len(available)}
    )


@login_required
def submission_detail(request: AuthedRequest, uuid: Any) -> HttpResponse:
    submission = submission_for(request, uuid)
    items = [
        (item, selectors.item_outcome_label(item))
        for item in selectors.submission_items(submission)
    ]
    may_draft = request.user.has_perm("decisions.draft_decision", submission)
    can_send = submission.state == SubmissionState.DRAFT and may_draft
    # Sent outside this installation: its outcome comes back as an outside decision.
    can_record = (
        submission.state == SubmissionState.SENT
        and may_draft
        and any(item.upper_id is None and item.conferred is None for item, _label in items)
    )
    return render(
        request,
        "decisions/submission_detail.html",
        {"submission": submission, "items": items, "can_send": can_send, "can_record": can_record},
    )


@login_required
def submission_send(request: AuthedRequest, uuid: Any) -> HttpResponse:
    submission = submission_for(request, uuid, "decisions.draft_decision")
    initial = {"on": timezone.localdate(), "signer_name": ""}
    form = SendForm(request.POST or None, initial=initial)
    sent = form_saved(
        request,
        form,
        lambda: services.submission_send(
            actor=request.user,
            submission=submission,
            on=form.cleaned_data["on"],
            signer_name=form.cleaned_data["signer_name"],
        ),
    )
    if sent is not None:
        messages.success(request, _("Đã trình tờ trình số %(n)s.") % {"n": sent.full_number})
        return redirect("decisions:submission_detail", uuid=sent.uuid)
    return render(
        request, "decisions/submission_send.html", {"submission": submission, "form": form}
    )


@login_required
def submission_file(request: AuthedRequest, uuid: Any, fmt: str) -> HttpResponse:
    return file_response(*documents.submission_file(submission_for(request, uuid), fmt))
