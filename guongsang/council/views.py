"""Council pages: public notice with objections, sessions (agenda, attendance, voting window,
written opinions, tally, minutes), the member's ballot page and the published tally."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guongsang.core.documents import DOCX_MIME, PDF_MIME, file_response
from guongsang.core.http import AuthedRequest, error_text, report_errors
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.views import require_perm
from guongsang.council import minutes, selectors, services
from guongsang.council.forms import (
    AnswerForm,
    NoticeForm,
    ObjectionForm,
    PassphraseForm,
    SessionForm,
    TrackingCodeForm,
    VoteForm,
    WrittenOpinionForm,
)
from guongsang.council.models import (
    AgendaItem,
    Ballot,
    CouncilSession,
    EncryptedBallot,
    KeyHolder,
    Objection,
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


# ----------------------------------------------------------------------------- notices


@login_required
def notice_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "council.read_notices")
    notices = selectors.notices_visible(user=request.user).prefetch_related("dossiers")
    can_manage = request.user.has_perm("council.manage")
    return render(
        request, "council/notice_list.html", {"notices": notices, "can_manage": can_manage}
    )


@login_required
def notice_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "council.manage")
    council = selectors.councils_managed(user=request.user).first()
    period = council.notice_working_days if council else services.DEFAULT_NOTICE_DAYS
    form = NoticeForm(
        request.POST or None,
        dossiers=selectors.dossiers_to_publish(user=request.user),
        initial={"working_days": period, "starts_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = services.notice_publish(
                actor=request.user,
                dossiers=list(data["dossiers"]),
                starts_on=data["starts_on"],
                working_days=data["working_days"],
                title=data["title"],
            )
        except (ValidationError, PermissionDenied) as exc:
            report_errors(request, exc)
        else:
            messages.success(request, _("Đã đưa danh sách ra công khai."))
            return redirect("council:notice_detail", uuid=notice.uuid)
    return render(request, "council/notice_form.html", {"form": form})


@login_required
def notice_detail(request: AuthedRequest, uuid: Any) -> HttpResponse:
    notice = _notice(request, uuid)
    dossiers = notice.dossiers.select_related("title", "person", "nominee_unit", "unit")
    objections = notice.objections.select_related(
        "dossier__person", "dossier__nominee_unit", "answered_by"
    )
    can_manage = request.user.has_perm("council.manage", notice)
    context = {
        "notice": notice,
        "dossiers": dossiers,
        "objections": objections,
        "can_manage": can_manage,
        "form": ObjectionForm(dossiers=dossiers) if can_manage else None,
        "answer_form": AnswerForm(),
    }
    return render(request, "council/notice_detail.html", context)


@login_required
@require_POST
def objection_create(request: AuthedRequest, uuid: Any) -> HttpResponse:
    notice = _notice(request, uuid, "council.manage")
    form = ObjectionForm(request.POST, dossiers=notice.dossiers.all())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.objection_record(
                actor=request.user,
                notice=notice,
                dossier=data["dossier"],
                who=data["who"],
                text=data["text"],
                contact=data["contact"],
            )
            messages.success(request, _("Đã ghi nhận ý kiến phản ánh."))
        except (ValidationError, PermissionDenied) as exc:
            report_errors(request, exc)
    else:
        messages.error(request, _("Cần chọn hồ sơ, ghi người phản ánh và nội dung."))
    return redirect("council:notice_detail", uuid=notice.uuid)


@login_required
@require_POST
def objection_answer(request: AuthedRequest, uuid: Any) -> HttpResponse:
    visible = selectors.notices_visible(user=request.user).values("pk")
    objection = get_visible_or_404(
        Objection.objects.filter(notice__in=visible).select_related("notice"), uuid=uuid
    )
    require_perm(request, "council.manage", objection.notice)
    form = AnswerForm(request.POST)
    try:
        answer = form.data.get("answer", "")
        services.objection_answer(actor=request.user, objection=objection, answer=answer)
        messages.success(request, _("Đã ghi câu trả lời."))
    except (ValidationError, PermissionDenied) as exc:
        report_errors(request, exc)
    return redirect("council:notice_detail", uuid=objection.notice.uuid)


# ----------------------------------------------------------------------------- sessions


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


@login_required
def session_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "council.read")
    sessions = selectors.sessions_visible(user=request.user)
    can_manage = request.user.has_perm("council.manage")
    return render(
        request, "council/session_list.html", {"sessions": sessions, "can_manage": can_manage}
    )


@login_required
def session_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "council.manage")
    candidates = selectors.dossiers_for_agenda(user=request.user)
    waiting = services.agenda_blockers(candidates, on=timezone.localdate())
    form = SessionForm(
        request.POST or None,
        councils=selectors.councils_managed(user=request.user),
        dossiers=candidates.exclude(pk__in=list(waiting)),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.session_create(
                actor=request.user,
                council=data["council"],
                held_on=data["held_on"],
                place=data["place"],
                dossiers=list(data["dossiers"]),
                quorum=data["quorum"],
                encrypted=data["encrypted"],
            )
        except (ValidationError, PermissionDenied) as exc:
            report_errors(request, exc)
        else:
            messages.success(request, _("Đã tạo phiên họp."))
            return redirect("council:session_detail", uuid=session.uuid)
    context = {"form": form, "waiting": list(waiting.values())}
    return render(request, "council/session_form.html", context)


@login_required
def session_detail(request: AuthedRequest, uuid: Any) -> HttpResponse:
    session = _session(request, uuid)
    items = selectors.agenda(session)
    attendance = list(session.attendance.select_related("member__user").order_by("member__order"))
    can_manage = request.user.has_perm("council.manage", session)
    absent = session.council.members.filter(
        pk__in=[a.member_id for a in attendance if not a.present]
    ).select_related("user")
    conflicts = selectors.conflicts(session, items)
    for item in items:
        item.rule_label = services.rule_text(item)  # type: ignore[attr-defined]
        item.conflicts = conflicts.get(item.pk, [])  # type: ignore[attr-defined]
    member = selectors.member_of(session, request.user)
    context = {
        "session": session,
        "items": items,
        "attendance": attendance,
        "can_manage": can_manage,
        "written_form": WrittenOpinionForm(
            items=session.items.filter(ballot_rule="all_members"), members=absent
        ),
        "voted": selectors.voted_item_ids(member, items) if member else None,
    }
    if session.encrypted:
        context.update(_key_context(request, session))
    return render(request, "council/session_detail.html", context)


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


def _encrypted(request: AuthedRequest, uuid: Any) -> CouncilSession:
    session = _session(request, uuid)
    if not session.encrypted:
        raise PermissionDenied(_("Phiên họp này không dùng phiếu mã hóa."))
    return session


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


@login_required
@require_POST
def session_attendance(request: AuthedRequest, uuid: Any) -> HttpResponse:
    session = _session(request, uuid, "council.manage")
    chosen = set(request.POST.getlist("present"))
    users = [m.user for m in session.council.members.select_related("user") if str(m.pk) in chosen]
    return _session_button(
        request,
        session,
        lambda: services.attendance_record(
            actor=request.user, session=session, present_users=users
        ),
        _("Đã ghi điểm danh."),
    )


@login_required
@require_POST
def session_open(request: AuthedRequest, uuid: Any) -> HttpResponse:
    session = _session(request, uuid, "council.manage")
    return _session_button(
        request,
        session,
        lambda: services.voting_open(actor=request.user, session=session),
        _("Đã mở bỏ phiếu."),
    )


@login_required
def session_close(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """GET asks for confirmation; POST closes the window and counts."""
    session = _session(request, uuid, "council.manage")
    if request.method != "POST":
        return render(request, "council/session_close.html", {"session": session})
    try:
        services.voting_close(actor=request.user, session=session)
        if session.encrypted:
            messages.success(
                request,
                _(
                    "Đã đóng bỏ phiếu; tổng các phiếu mã hóa đã được công bố. Chủ tịch Hội đồng "
                    "và Thường trực nhập cụm mật khẩu để giải mã tổng."
                ),
            )
        else:
            messages.success(request, _("Đã đóng bỏ phiếu và kiểm phiếu."))
    except (ValidationError, PermissionDenied) as exc:
        report_errors(request, exc)
    return redirect("council:session_detail", uuid=session.uuid)


@login_required
@require_POST
def written_opinion(request: AuthedRequest, uuid: Any) -> HttpResponse:
    session = _session(request, uuid, "council.manage")
    form = WrittenOpinionForm(
        request.POST, items=session.items.all(), members=session.council.members.all()
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            receipt = services.written_opinion_record(
                actor=request.user,
                item=data["item"],
                member_user=data["member"].user,
                choice=data["choice"],
            )
            messages.success(
                request, _("Đã nhập ý kiến bằng văn bản. Mã biên nhận: %(r)s") % {"r": receipt}
            )
        except (ValidationError, PermissionDenied) as exc:
            report_errors(request, exc)
    else:
        messages.error(request, _("Cần chọn hồ sơ, thành viên và ý kiến."))
    return redirect("council:session_detail", uuid=session.uuid)


def _tallied(request: AuthedRequest, uuid: Any) -> CouncilSession:
    session = _session(request, uuid)
    if session.status != SessionStatus.TALLIED:
        raise PermissionDenied(_("Phiên họp chưa kiểm phiếu."))
    return session


@login_required
def minutes_docx(request: AuthedRequest, uuid: Any) -> HttpResponse:
    session = _tallied(request, uuid)
    name = f"bien-ban-hop-hoi-dong-{session.held_on:%Y%m%d}.docx"
    return file_response(minutes.minutes_docx(session), name, DOCX_MIME)


@login_required
def minutes_pdf(request: AuthedRequest, uuid: Any) -> HttpResponse:
    session = _tallied(request, uuid)
    name = f"bien-ban-hop-hoi-dong-{session.held_on:%Y%m%d}.pdf"
    return file_response(minutes.minutes_pdf(session), name, PDF_MIME)


@login_required
def tally(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """Kết quả kiểm phiếu: counts per dossier and every receipt counted (without choices)."""
    session = _tallied(request, uuid)
    items = selectors.agenda(session)
    model = EncryptedBallot if session.encrypted else Ballot
    receipts = model.objects.filter(item__session=session).order_by("receipt")
    by_item: dict[int, list[str]] = {}
    for ballot in receipts.values("item_id", "receipt"):
        by_item.setdefault(ballot["item_id"], []).append(ballot["receipt"])
    rows = [(item, by_item.get(item.pk, [])) for item in items]
    return render(request, "council/tally.html", {"session": session, "rows": rows})


# ----------------------------------------------------------------------------- ballots


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
