"""Sessions with encrypted ballots: the key shares, the decryption of the sums, the bulletin
board and the election record."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guongsang.core.http import AuthedRequest, report_errors
from guongsang.council import services
from guongsang.council.forms import TrackingCodeForm
from guongsang.council.models import SessionStatus
from guongsang.council.views.base import _encrypted, _session, _session_button


@login_required
@require_POST
def key_share_create(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """Tạo phần khóa: the chair or the secretariat types a passphrase (twice)."""
    session = _session(request, uuid)
    return _session_button(
        request,
        session,
        lambda: services.key_share_create(
            actor=request.user,
            session=session,
            passphrase=request.POST.get("passphrase", ""),
            confirm=request.POST.get("confirm", ""),
        ),
        _("Đã tạo phần khóa của bạn. Hãy nhớ cụm mật khẩu: cần nhập lại khi kiểm phiếu."),
    )


@login_required
@require_POST
def decryption_publish(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """Giải mã phần của mình: the holder types the passphrase once more."""
    session = _session(request, uuid)
    try:
        services.decryption_publish(
            actor=request.user, session=session, passphrase=request.POST.get("passphrase", "")
        )
        session.refresh_from_db()
        if session.status == SessionStatus.TALLIED:  # the last share finished the tally
            messages.success(
                request, _("Đã công bố phần giải mã; đã kiểm phiếu và công bố kết quả.")
            )
        else:
            messages.success(request, _("Đã công bố phần giải mã tổng số phiếu của bạn."))
    except (ValidationError, PermissionDenied) as exc:
        report_errors(request, exc)
    return redirect("council:session_detail", uuid=session.uuid)


@login_required
@require_POST
def tally_finish(request: AuthedRequest, uuid: Any) -> HttpResponse:
    session = _session(request, uuid, "council.manage")
    return _session_button(
        request,
        session,
        lambda: services.tally_finish(actor=request.user, session=session),
        _("Đã kiểm phiếu và công bố kết quả."),
    )


@login_required
def bulletin_board(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """Bảng tin phiếu mã hóa: every encrypted ballot by tracking code, the sums, the partial
    decryptions and the result; “Kiểm tra” verifies the board in the server."""
    session = _encrypted(request, uuid)
    record = services.build_record(session)
    form = TrackingCodeForm(request.POST or None)
    check: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip().upper()
        report = services.verify_session(session)
        check = {"code": code, "found": code in report.codes, "report": report}
    return render(
        request,
        "council/bulletin_board.html",
        {
            "session": session,
            "record": record,
            "board": _board_rows(record),
            "form": form,
            "check": check,
        },
    )


def _fingerprint(value: Any) -> str:
    """A short SHA-256 of a JSON part, to show on the page (the record has it in full)."""
    raw = json.dumps(value, sort_keys=True, separators=(",", ":")).encode()
    digest = hashlib.sha256(raw).hexdigest().upper()
    return f"{digest[:8]}-{digest[8:16]}"


def _board_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for item in record["items"]:
        rows.append(
            {
                "item": item,
                "ballots": [
                    {"code": b["code"], "written": b["written"], "fp": _fingerprint(b["selection"])}
                    for b in item["ballots"]
                ],
                "sums_fp": _fingerprint(item["sums"]) if item["sums"] else "",
                "decryptions": [
                    (holder, _fingerprint(part))
                    for holder, part in sorted((item["decryptions"] or {}).items())
                ],
            }
        )
    return rows


@login_required
def election_record(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """Hồ sơ kiểm phiếu (JSON): what `manage.py verify_tally --record` checks."""
    session = _encrypted(request, uuid)
    body = json.dumps(services.build_record(session), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"ho-so-kiem-phieu-{session.held_on:%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
