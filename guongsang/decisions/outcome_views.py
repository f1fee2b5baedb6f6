"""Outside outcome pages: the decisions recorded from levels outside this installation, the
form that records one, its lines with the dossier each matched, and picking the dossier of a
line that matched none. The package ZIP of a submission is downloaded from here too."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guongsang.core.documents import file_response
from guongsang.core.http import AuthedRequest, action_done, page_of, report_errors
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.views import require_perm
from guongsang.decisions import outcomes, package, selectors
from guongsang.decisions.models import OutsideDecision, OutsideLine, SubmissionState
from guongsang.decisions.outcome_forms import OutsideDecisionForm, ResolveForm
from guongsang.decisions.permissions import DRAFT_ROLES, can_at
from guongsang.decisions.submission_views import submission_for

ZIP_MIME = "application/zip"


@login_required
def submission_zip(request: AuthedRequest, uuid: Any) -> HttpResponse:
    submission = submission_for(request, uuid)
    content = package.package_zip(submission)
    return file_response(content, package.package_filename(submission), ZIP_MIME)


@login_required
def outcome_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "decisions.view_decision")
    page = page_of(request, selectors.outside_decisions_visible(user=request.user))
    can_record = request.user.has_perm("decisions.draft_decision")
    return render(request, "decisions/outcome_list.html", {"page": page, "can_record": can_record})


@login_required
def outcome_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "decisions.draft_decision")
    units = selectors.recording_units(user=request.user)
    submissions = selectors.submissions_visible(user=request.user).filter(
        state=SubmissionState.SENT, authority__in=units
    )
    initial = {"submission": request.GET.get("submission", "")}
    form = OutsideDecisionForm(
        request.POST or None, initial=initial, units=units, submissions=submissions
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = outcomes.outside_decision_record(
                actor=request.user,
                recorded_by=data["recorded_by"],
                authority=data["authority"],
                number=data["number"],
                decision_date=data["decision_date"],
                lines=data["lines"],
                submission=data["submission"],
            )
        except ValidationError as exc:
            report_errors(request, exc, form=form)
        else:
            messages.success(
                request, _("Đã ghi nhận Quyết định số %(n)s.") % {"n": decision.number}
            )
            return redirect("decisions:outcome_detail", uuid=decision.uuid)
    return render(request, "decisions/outcome_form.html", {"form": form})


def _decision(request: AuthedRequest, uuid: Any) -> OutsideDecision:
    require_perm(request, "decisions.view_decision")
    return get_visible_or_404(selectors.outside_decisions_visible(user=request.user), uuid=uuid)


@login_required
def outcome_detail(request: AuthedRequest, uuid: Any) -> HttpResponse:
    decision = _decision(request, uuid)
    may_resolve = can_at(request.user, decision.recorded_by_id, DRAFT_ROLES)
    items = outcomes.open_items(decision.recorded_by, decision.submission)
    rows = [
        (line, ResolveForm(items=items, prefix=str(line.uuid)) if may_resolve else None)
        for line in selectors.outside_lines(decision)
    ]
    rows = [(line, form if not line.is_matched else None) for line, form in rows]
    return render(request, "decisions/outcome_detail.html", {"decision": decision, "rows": rows})


@login_required
@require_POST
def outcome_resolve(request: AuthedRequest, uuid: Any) -> HttpResponse:
    line = get_visible_or_404(
        OutsideLine.objects.filter(
            decision__in=selectors.outside_decisions_visible(user=request.user)
        ).select_related("decision__recorded_by", "decision__submission"),
        uuid=uuid,
    )
    decision = line.decision
    if not can_at(request.user, decision.recorded_by_id, DRAFT_ROLES):
        raise PermissionDenied(_("Chỉ Thường trực Hội đồng được ghi nhận kết quả."))
    items = outcomes.open_items(decision.recorded_by, decision.submission)
    form = ResolveForm(request.POST, items=items, prefix=str(line.uuid))
    if not form.is_valid():
        for text in form.errors.get("item", []):
            messages.error(request, str(text))
    else:
        action_done(
            request,
            lambda: outcomes.outside_line_resolve(
                actor=request.user, line=line, item=form.cleaned_data["item"]
            ),
            _("Đã gắn “%(n)s” với hồ sơ.") % {"n": line.name},
        )
    return redirect("decisions:outcome_detail", uuid=decision.uuid)
