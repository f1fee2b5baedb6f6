"""What the council pages share: the session or notice a user may open, and the button
that runs one step of a session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from guongsang.core.http import AuthedRequest, report_errors
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.views import require_perm
from guongsang.council import selectors, services
from guongsang.council.forms import PassphraseForm
from guongsang.council.models import (
    CouncilSession,
    KeyHolder,
    PublicNotice,
    SessionStatus,
)


def _session(request: AuthedRequest, uuid: Any, perm: str = "council.read") -> CouncilSession:
    session = get_visible_or_404(selectors.sessions_visible(user=request.user), uuid=uuid)
    require_perm(request, perm, session)
    return session


def _notice(request: AuthedRequest, uuid: Any, perm: str = "council.read_notices") -> PublicNotice:
    notice = get_visible_or_404(selectors.notices_visible(user=request.user), uuid=uuid)
    require_perm(request, perm, notice)
    return notice


def _session_button(
    request: AuthedRequest, session: CouncilSession, action: Callable[[], object], done: str
) -> HttpResponse:
    """A session page's button: the action, then its success message or its refusal (a wrong
    step or role is told on the page, not as a 403), and back to the session."""
    try:
        action()
        messages.success(request, done)
    except (ValidationError, PermissionDenied) as exc:
        report_errors(request, exc)
    return redirect("council:session_detail", uuid=session.uuid)


def _key_context(request: AuthedRequest, session: CouncilSession) -> dict[str, Any]:
    """The key holders' card of an encrypted session: who holds a share, who has decrypted,
    and the form this user may fill (create a share before the vote, decrypt after it)."""
    shares = {s.holder: s for s in session.key_shares.select_related("user")}
    holders = [(value, label, shares.get(value)) for value, label in KeyHolder.choices]
    mine = next((s for s in shares.values() if s.user_id == request.user.pk), None)
    may_hold = services.holders_for(request.user, session) if mine is None else []
    return {
        "key_holders": holders,
        "my_share": mine,
        "can_create_share": session.status == SessionStatus.DRAFT
        and bool(may_hold)
        and may_hold[0] not in shares,
        "can_decrypt": session.status == SessionStatus.COUNTING
        and mine is not None
        and mine.decryption is None,
        "all_decrypted": len(shares) == len(KeyHolder.values)
        and all(s.decryption is not None for s in shares.values()),
        "passphrase_form": PassphraseForm(),
    }


def _encrypted(request: AuthedRequest, uuid: Any) -> CouncilSession:
    session = _session(request, uuid)
    if not session.encrypted:
        raise PermissionDenied(_("Phiên họp này không dùng phiếu mã hóa."))
    return session


def _tallied(request: AuthedRequest, uuid: Any) -> CouncilSession:
    session = _session(request, uuid)
    if session.status != SessionStatus.TALLIED:
        raise PermissionDenied(_("Phiên họp chưa kiểm phiếu."))
    return session
