"""Công khai on the public site: the notices that run today, and the objection form.

The board is rendered without the session (cacheable for a minute, like the rest of the
public site); the form needs its CSRF token, so it is rendered with the request."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from guongsang.core import ratelimit
from guongsang.council import selectors, services
from guongsang.council.forms import PublicObjectionForm, TrackingCodeForm
from guongsang.council.models import EncryptedBallot

BOARD_MAX_AGE = 60


@require_GET
def notice_board(request: HttpRequest) -> HttpResponse:
    context = {
        "notices": selectors.notices_running(on=timezone.localdate()),
        "current": request.path,
    }
    response = HttpResponse(render_to_string("council/public_board.html", context))
    patch_cache_control(response, public=True, max_age=BOARD_MAX_AGE)
    return response


def objection_form(request: HttpRequest, uuid: Any) -> HttpResponse:
    notice = get_object_or_404(selectors.notices_running(on=timezone.localdate()), uuid=uuid)
    form = PublicObjectionForm(request.POST or None, dossiers=notice.dossiers.all())
    if request.method == "POST":
        if not ratelimit.allow(request, "objection", ratelimit.TIP_LIMIT):
            context = {"what": _("gửi ý kiến phản ánh"), "public": True}
            return render(request, "showcase/rate_limited.html", context, status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.objection_submit(
                    notice=notice,
                    dossier=data["dossier"],
                    who=data["who"],
                    contact=data["contact"],
                    text=data["text"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("public_notices:thanks")
    context = {"notice": notice, "form": form, "current": request.path}
    return render(request, "council/public_objection.html", context)


@require_GET
def objection_thanks(request: HttpRequest) -> HttpResponse:
    return HttpResponse(render_to_string("council/public_thanks.html", {"current": request.path}))


def ballot_check(request: HttpRequest) -> HttpResponse:
    """Kiểm tra phiếu mã hóa on the public site: by tracking code only. A code on a session's
    bulletin board gives that session's check (every proof, the sums, the decryption, the
    outcome) and its election record; nothing else is listed without a code."""
    form = TrackingCodeForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "current": request.path}
    if request.method == "POST":
        if not ratelimit.allow(request, "ballot-code", ratelimit.LOOKUP_LIMIT):
            context = {"what": _("kiểm tra mã phiếu"), "public": True}
            return render(request, "showcase/rate_limited.html", context, status=429)
        if form.is_valid():
            code = form.cleaned_data["code"].strip().upper()
            ballot = (
                EncryptedBallot.objects.select_related("item__session__council")
                .filter(receipt=code)
                .first()
            )
            context["code"] = code
            if ballot is not None:
                session = ballot.item.session
                context["session"] = session
                context["report"] = services.verify_session(session)
            else:
                context["missing"] = True
    return render(request, "council/public_ballot_check.html", context)


@require_GET
def ballot_record(request: HttpRequest, code: str) -> HttpResponse:
    """The election record of the session whose board carries this tracking code."""
    if not ratelimit.allow(request, "ballot-code", ratelimit.LOOKUP_LIMIT):
        context = {"what": _("kiểm tra mã phiếu"), "public": True}
        return render(request, "showcase/rate_limited.html", context, status=429)
    ballot = get_object_or_404(
        EncryptedBallot.objects.select_related("item__session"), receipt=code.upper()
    )
    session = ballot.item.session
    body = json.dumps(services.build_record(session), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"ho-so-kiem-phieu-{session.held_on:%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
