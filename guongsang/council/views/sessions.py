"""Council sessions: agenda, attendance, the voting window, written opinions, the tally and
the minutes."""

from __future__ import annotations

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
from guongsang.core.http import AuthedRequest, report_errors
from guongsang.core.views import require_perm
from guongsang.council import minutes, selectors, services
from guongsang.council.forms import (
    SessionForm,
    WrittenOpinionForm,
)
from guongsang.council.models import (
    Ballot,
    EncryptedBallot,
)
from guongsang.council.views.base import _key_context, _session, _session_button, _tallied


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
