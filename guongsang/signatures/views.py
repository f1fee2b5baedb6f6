"""Pages of digital signing: sign on the server, download the prepared PDF and upload it back
signed, download the signed PDF; and the public check of any PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from guongsang.core import ratelimit
from guongsang.core.documents import PDF_MIME, file_response
from guongsang.core.files import file_read
from guongsang.core.http import AuthedRequest
from guongsang.core.permissions import get_visible_or_404
from guongsang.decisions import documents
from guongsang.decisions.models import Decision
from guongsang.decisions.views import decision_for
from guongsang.signatures import services
from guongsang.signatures.forms import CheckForm, SignForm, UploadSignedForm
from guongsang.signatures.models import SignedDocument


def _signer_decision(request: AuthedRequest, uuid: Any) -> Decision:
    """The decision, for the person who signed it (numbering it) only."""
    decision = decision_for(request, uuid)
    if decision.signed_by_id != request.user.pk:
        raise PermissionDenied(_("Chỉ người đã ký quyết định mới ký số được văn bản này."))
    return decision


@login_required
def sign(request: AuthedRequest, uuid: Any) -> HttpResponse:
    decision = _signer_decision(request, uuid)
    form = SignForm(request.POST or None)
    upload = UploadSignedForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_on_server(
                actor=request.user, decision=decision, secret=form.cleaned_data["secret"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Đã ký số quyết định số %(n)s.") % {"n": decision.full_number}
            )
            return redirect("decisions:detail", uuid=decision.uuid)
    context = {
        "decision": decision,
        "form": form,
        "upload": upload,
        "credential": services.credential_of(request.user),
    }
    return render(request, "signatures/sign.html", context)


@login_required
def prepared(request: AuthedRequest, uuid: Any) -> HttpResponse:
    decision = _signer_decision(request, uuid)
    try:
        document = services.prepared_document(actor=request.user, decision=decision)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("decisions:detail", uuid=decision.uuid)
    name = documents.decision_filename(decision, "pdf").replace(".pdf", "-de-ky.pdf")
    return file_response(file_read(document.prepared), name, PDF_MIME)


@login_required
def upload(request: AuthedRequest, uuid: Any) -> HttpResponse:
    decision = _signer_decision(request, uuid)
    form = UploadSignedForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_external(
                actor=request.user, decision=decision, content=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(
                request,
                _("Đã nhận bản ký số của quyết định số %(n)s.") % {"n": decision.full_number},
            )
            return redirect("decisions:detail", uuid=decision.uuid)
    context = {
        "decision": decision,
        "form": SignForm(),
        "upload": form,
        "credential": services.credential_of(request.user),
    }
    return render(request, "signatures/sign.html", context, status=400 if form.errors else 200)


@login_required
def signed(request: AuthedRequest, uuid: Any) -> HttpResponse:
    decision = decision_for(request, uuid)
    document = get_visible_or_404(
        SignedDocument.objects.exclude(signed_sha256=""), decision=decision
    )
    name = documents.decision_filename(decision, "pdf").replace(".pdf", "-ky-so.pdf")
    return file_response(file_read(document.signed), name, PDF_MIME)


@never_cache
def public_check(request: HttpRequest) -> HttpResponse:
    """Anyone brings a PDF and learns whether it is a decision of this system, who signed it
    and when, whether it changed since, and whether the decision was later revoked."""
    form = CheckForm(request.POST or None, request.FILES or None)
    verdict = None
    if request.method == "POST":
        if not ratelimit.allow(request, "document-check", ratelimit.LOOKUP_LIMIT):
            context = {"what": _("kiểm tra văn bản"), "public": True}
            return render(request, "showcase/rate_limited.html", context, status=429)
        if form.is_valid():
            verdict = services.verify(form.cleaned_data["file"])
    context = {"form": form, "verdict": verdict, "current": request.path}
    response = render(request, "signatures/public_check.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
