"""Decision pages: the register, drafting from recommended dossiers, editing the draft, signing
with confirmation, the DOCX/PDF/XLSX downloads, certificates in the background, revocation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guongsang.core.documents import PDF_MIME, file_response
from guongsang.core.http import AuthedRequest, form_saved, page_of, report_errors
from guongsang.core.validators import parse_year
from guongsang.core.views import require_perm, visible_object
from guongsang.decisions import certificates, codes, documents, selectors, services, tasks
from guongsang.decisions.forms import DecisionForm, DraftForm, RevokeForm, SignForm
from guongsang.decisions.models import Decision, DecisionKind


def decision_for(
    request: AuthedRequest, uuid: Any, perm: str = "decisions.view_decision"
) -> Decision:
    """The decision the user may see (404 otherwise), after the one permission check for
    `perm`: every decision page starts here, the signing pages of guongsang.signatures too."""
    return visible_object(request, selectors.decisions_visible(user=request.user), perm, uuid=uuid)


def register_year(request: AuthedRequest) -> int | None:
    """The year the register is filtered by (`?year=`); a year out of range never gets here:
    core.middleware.QueryParamsMiddleware answers it with a 400."""
    return parse_year(request.GET.get("year"))


@login_required
def decision_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "decisions.view_decision")
    year = register_year(request)
    page = page_of(request, selectors.decisions_visible(user=request.user, year=year))
    can_draft = request.user.has_perm("decisions.draft_decision")
    return render(
        request, "decisions/list.html", {"page": page, "can_draft": can_draft, "year": year or ""}
    )


@login_required
def decision_draft(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "decisions.draft_decision")
    available = selectors.dossiers_to_decide(user=request.user)
    form = DraftForm(request.POST or None, dossiers=available)
    decision = form_saved(
        request,
        form,
        lambda: services.decision_draft(
            actor=request.user,
            authority=form.authority,
            dossiers=form.cleaned_data["dossiers"],
            summary=form.cleaned_data["summary"],
            decision_date=form.cleaned_data["decision_date"],
        ),
    )
    if decision is not None:
        messages.success(request, _("Đã soạn dự thảo quyết định."))
        return redirect("decisions:detail", uuid=decision.uuid)
    return render(request, "decisions/draft.html", {"form": form, "count": len(available)})


@login_required
def decision_detail(request: AuthedRequest, uuid: Any) -> HttpResponse:
    decision = decision_for(request, uuid)
    lines = selectors.decision_recipients(decision)
    user = request.user
    context = {
        "decision": decision,
        "lines": lines,
        "total": sum(line.amount for line in lines),
        "can_edit": not decision.is_signed and user.has_perm("decisions.draft_decision", decision),
        "can_sign": not decision.is_signed and user.has_perm("decisions.sign_decision", decision),
        "can_certify": decision.is_signed
        and decision.kind == DecisionKind.AWARD
        and user.has_perm("decisions.print_certificates", decision),
        "can_revoke": decision.is_signed
        and decision.kind == DecisionKind.AWARD
        and user.has_perm("decisions.draft_decision", decision),
        "amendments": selectors.decisions_visible(user=user)
        .filter(amends=decision)
        .order_by("created_at"),
    }
    return render(request, "decisions/detail.html", context)


@login_required
def decision_edit(request: AuthedRequest, uuid: Any) -> HttpResponse:
    decision = decision_for(request, uuid, "decisions.draft_decision")
    if decision.is_signed:
        messages.error(request, _("Quyết định đã ký không sửa được."))
        return redirect("decisions:detail", uuid=decision.uuid)
    form = DecisionForm(request.POST or None, instance=Decision.objects.get(pk=decision.pk))
    if form_saved(
        request,
        form,
        lambda: services.decision_update(
            actor=request.user,
            decision=decision,
            **{name: form.cleaned_data[name] for name in form.Meta.fields},
        ),
    ):
        messages.success(request, _("Đã lưu dự thảo."))
        return redirect("decisions:detail", uuid=decision.uuid)
    return render(request, "decisions/edit.html", {"decision": decision, "form": form})


@login_required
def decision_sign(request: AuthedRequest, uuid: Any) -> HttpResponse:
    decision = decision_for(request, uuid, "decisions.sign_decision")
    initial = {
        "on": decision.decision_date or timezone.localdate(),
        "signer_name": request.user.full_name,
    }
    form = SignForm(request.POST or None, initial=initial)
    signed = form_saved(
        request,
        form,
        lambda: services.decision_sign(
            actor=request.user,
            decision=decision,
            on=form.cleaned_data["on"],
            signer_name=form.cleaned_data["signer_name"],
            as_deputy=form.cleaned_data["as_deputy"],
            backdate_reason=form.cleaned_data["backdate_reason"],
        ),
    )
    if signed is not None:
        messages.success(request, _("Đã ký quyết định số %(n)s.") % {"n": signed.full_number})
        return redirect("decisions:detail", uuid=signed.uuid)
    lines = selectors.decision_recipients(decision)
    return render(
        request, "decisions/sign.html", {"decision": decision, "form": form, "lines": lines}
    )


@login_required
def decision_file(request: AuthedRequest, uuid: Any, fmt: str) -> HttpResponse:
    return file_response(*documents.decision_file(decision_for(request, uuid), fmt))


@login_required
@require_POST
def decision_certificates(request: AuthedRequest, uuid: Any) -> HttpResponse:
    decision = decision_for(request, uuid, "decisions.print_certificates")
    try:
        progress = tasks.certificates_start(actor=request.user, decision=decision)
    except ValidationError as exc:
        report_errors(request, exc)
        return redirect("decisions:detail", uuid=decision.uuid)
    return redirect("core:task_progress", uuid=progress.uuid)


@login_required
def certificate_download(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """One recipient's certificate, for the proposing unit as well as the authority."""
    line = visible_object(
        request,
        selectors.certificates_visible(user=request.user),
        "decisions.download_certificate",
        uuid=uuid,
    )
    content = certificates.render(certificates.for_line(line))
    filename = f"giay-khen-{codes.grouped(line.certificate_code or '')}.pdf"
    return file_response(content, filename, PDF_MIME)


@login_required
def decision_revoke(request: AuthedRequest, uuid: Any) -> HttpResponse:
    decision = decision_for(request, uuid, "decisions.draft_decision")
    lines = decision.recipients.select_related("title", "person", "unit").filter(
        award__revoked_on__isnull=True, award__isnull=False
    )
    form = RevokeForm(request.POST or None, lines=lines)
    revocation = form_saved(
        request,
        form,
        lambda: services.revocation_draft(
            actor=request.user,
            decision=decision,
            lines=list(form.cleaned_data["lines"].select_related("award")),
            reason=form.cleaned_data["reason"],
        ),
    )
    if revocation is not None:
        messages.success(request, _("Đã soạn dự thảo quyết định thu hồi: trình ký."))
        return redirect("decisions:detail", uuid=revocation.uuid)
    return render(request, "decisions/revoke.html", {"decision": decision, "form": form})
