"""Judging pages: the judge's blind score sheets; the secretariat's round page (assignment,
progress, raw and normalised ranking, calibration), closing, publishing, commending, exports."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from guongsang.accounts.models import User
from guongsang.contests import exports, scoring, selectors, services
from guongsang.contests.blind import BlindLeak, blind_entry, blind_title
from guongsang.contests.models import Assignment, AssignmentStatus, Entry, Round
from guongsang.contests.views import _confirmed, _managed, _posted
from guongsang.core.documents import DOCX_MIME, PDF_MIME, XLSX_MIME, file_response
from guongsang.core.http import AuthedRequest
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.views import require_perm
from guongsang.org.models import Unit

logger = logging.getLogger(__name__)


# --- judges --------------------------------------------------------------------------------
@login_required
def judge_home(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "contests.judge")
    # The contest being judged now comes first; finished years follow.
    sheets = list(
        selectors.judge_assignments(user=request.user)
        .select_related("entry__unit")
        .order_by("-round__contest__year", "-round__number", "entry__code")
    )
    for sheet in sheets:
        sheet.blind_title = blind_title(sheet.entry)  # type: ignore[attr-defined]
    return render(request, "contests/judge_home.html", {"sheets": sheets})


@login_required
def judge_sheet(request: AuthedRequest, uuid: Any) -> HttpResponse:
    require_perm(request, "contests.judge")
    sheet = get_visible_or_404(selectors.judge_assignments(user=request.user), uuid=uuid)
    require_perm(request, "contests.judge", sheet)
    criteria = list(sheet.round.contest.criteria.all())
    error = ""
    if request.method == "POST":
        values = {c.pk: request.POST.get(f"c{c.pk}", "") for c in criteria}
        try:
            services.score_save(
                actor=request.user,
                assignment=sheet,
                values=values,
                comment=request.POST.get("comment", ""),
                submit="submit" in request.POST,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            if "submit" in request.POST:
                done = _(
                    "Đã hoàn thành chấm bài %(code)s: phiếu chấm đã khoá và được tính vào kết quả."
                )
                messages.success(request, done % {"code": sheet.entry.code})
                return redirect("contests:judge_home")
            messages.info(request, DRAFT_SAVED)
            return redirect("contests:judge_sheet", sheet.uuid)
    given = {s.criterion_id: _shown(s.value) for s in sheet.scores.all()}
    rows = [
        {
            "criterion": c,
            "value": request.POST.get(f"c{c.pk}", given.get(c.pk, ""))
            if error
            else given.get(c.pk, ""),
        }
        for c in criteria
    ]
    return render(
        request,
        "contests/judge_sheet.html",
        {
            "sheet": sheet,
            "rows": rows,
            "blind": _blind_or_withheld(request, sheet.entry),
            "error": error,
            "locked": sheet.status == AssignmentStatus.SUBMITTED or sheet.round.is_closed,
        },
    )


DRAFT_SAVED = gettext_lazy(
    "Đã lưu tạm phiếu chấm. Phiếu chưa được tính vào kết quả cho đến khi bấm “Hoàn thành chấm”."
)


def _shown(value: Any) -> str:
    """A score as a Vietnamese reader writes it: 7,5 (the sheet accepts 7.5 too)."""
    return f"{value.normalize():f}".replace(".", ",")


def _blind_or_withheld(request: AuthedRequest, entry: Any) -> dict[str, str] | None:
    """The entry as the judge may see it, or None when a name could not be hidden: the
    judge then sees no text at all (fail closed) and the secretariat is told in the log."""
    try:
        return blind_entry(entry)
    except BlindLeak:
        logger.warning("Blind text withheld for entry %s: a name could not be hidden", entry.pk)
        return None


# --- the secretariat's round page ----------------------------------------------------------
def _round(request: AuthedRequest, uuid: Any, number: int) -> Round:
    contest = _managed(request, uuid)
    return get_visible_or_404(contest.rounds.select_related("contest"), number=number)


@login_required
def round_detail(request: AuthedRequest, uuid: Any, number: int) -> HttpResponse:
    rnd = _round(request, uuid, number)
    contest = rnd.contest
    rows = services.round_rows(rnd)
    ranking = scoring.rank_entries(rows)
    panel, calibration = scoring.calibrate(rows)
    users = {u.pk: u for u in User.objects.filter(contest_panels__contest=contest)}
    for cal in calibration:
        cal.user = users.get(cal.judge_id)  # type: ignore[attr-defined]
    members = {m.entry_id: m for m in rnd.round_entries.select_related("entry__unit")}
    entries = {pk: m.entry for pk, m in members.items()}
    ranked_ids = {r.entry_id for r in ranking}
    assignments = (
        Assignment.objects.filter(round=rnd)
        .exclude(status=AssignmentStatus.WITHDRAWN)
        .select_related("judge", "entry")
        .order_by("entry__code", "judge__full_name")
    )
    return render(
        request,
        "contests/round.html",
        {
            "round": rnd,
            "contest": contest,
            "ranking": [(r, entries.get(r.entry_id), members.get(r.entry_id)) for r in ranking],
            "unscored": [m for pk, m in members.items() if pk not in ranked_ids],
            "panel_stats": panel,
            "calibration": calibration,
            "progress": selectors.judge_progress(contest=contest, in_round=rnd),
            "assignments": assignments,
            "judges": [m.judge for m in contest.panel.filter(active=True).select_related("judge")],
        },
    )


@login_required
@require_POST
def assign_auto(request: AuthedRequest, uuid: Any, number: int) -> HttpResponse:
    rnd = _round(request, uuid, number)
    try:
        per_entry = max(1, min(int(request.POST.get("per_entry", 2)), 7))
        made = services.assign_auto(actor=request.user, round=rnd, per_entry=per_entry)
        messages.success(request, _("Đã phân công %(n)s lượt chấm.") % {"n": made})
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("contests:round", rnd.contest.uuid, rnd.number)


@login_required
@require_POST
def assignment_move(request: AuthedRequest, uuid: Any) -> HttpResponse:
    sheet = get_visible_or_404(Assignment.objects.select_related("round__contest"), uuid=uuid)
    _managed(request, sheet.round.contest.uuid)
    judge = _posted(request, User.objects.all(), "judge")
    try:
        if judge is None:
            raise ValidationError(_("Chọn giám khảo."))
        services.assignment_move(actor=request.user, assignment=sheet, judge=judge)
        messages.success(request, _("Đã chuyển bài sang giám khảo khác."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("contests:round", sheet.round.contest.uuid, sheet.round.number)


@login_required
@require_POST
def judge_replace(request: AuthedRequest, uuid: Any) -> HttpResponse:
    contest = _managed(request, uuid)
    if _confirmed(request):
        judge = _posted(request, User.objects.all(), "judge")
        replacement = _posted(request, User.objects.all(), "replacement")
        try:
            if judge is None:
                raise ValidationError(_("Chọn giám khảo cần thay."))
            moved = services.judge_replace(
                actor=request.user,
                contest=contest,
                judge=judge,
                replacement=replacement,
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("Đã thay giám khảo, chuyển %(n)s bài.") % {"n": moved})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("contests:detail", contest.uuid)


@login_required
@require_POST
def conflict_declare(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """Ghi nhận xung đột lợi ích giám khảo tự khai: their sheets of that unit are withdrawn."""
    contest = _managed(request, uuid)
    judge = _posted(request, User.objects.filter(contest_panels__contest=contest), "judge")
    unit = _posted(request, Unit.objects.all(), "unit")
    try:
        if judge is None or unit is None:
            raise ValidationError(_("Chọn giám khảo và đơn vị."))
        services.conflict_declare(
            actor=request.user,
            contest=contest,
            judge=judge,
            unit=unit,
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, _("Đã ghi nhận xung đột lợi ích."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("contests:detail", contest.uuid)


@login_required
@require_POST
def round_close(request: AuthedRequest, uuid: Any, number: int) -> HttpResponse:
    rnd = _round(request, uuid, number)
    if _confirmed(request):
        picked = request.POST.getlist("chosen")
        chosen = (
            list(Entry.objects.filter(uuid__in=picked, contest=rnd.contest)) if picked else None
        )
        try:
            result = services.round_close(
                actor=request.user,
                round=rnd,
                chosen=chosen,
                reason=request.POST.get("reason", ""),
                normalised=request.POST.get("normalised") == "1",
            )
            messages.success(
                request,
                _("Đã kết thúc %(round)s, chọn %(n)s bài.") % {"round": rnd.name, "n": len(result)},
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("contests:round", rnd.contest.uuid, rnd.number)


@login_required
@require_POST
def contest_publish(request: AuthedRequest, uuid: Any) -> HttpResponse:
    contest = _managed(request, uuid)
    if _confirmed(request):
        try:
            services.contest_publish(actor=request.user, contest=contest)
            messages.success(request, _("Đã công bố kết quả cuộc thi."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("contests:detail", contest.uuid)


@login_required
@require_POST
def commend(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """Đề nghị khen thưởng tác giả: dossiers recommended on the contest result and one draft
    decision, which the secretariat has signed on the decisions pages."""
    contest = _managed(request, uuid)
    entries = list(
        Entry.objects.filter(contest=contest, uuid__in=request.POST.getlist("entries"))
        .select_related("contest__organiser", "unit", "author_person", "prize")
        .order_by("code", "pk")
    )
    try:
        decision = services.authors_commend(
            actor=request.user,
            entries=entries,
            note=request.POST.get("note") or _("Khen thưởng tác giả có bài dự thi xuất sắc"),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "Đã lập dự thảo quyết định khen thưởng %(n)s tác giả: trình ký tại trang "
                "Quyết định khen thưởng."
            )
            % {"n": len(entries)},
        )
        return redirect("decisions:detail", decision.uuid)
    return redirect("contests:detail", contest.uuid)


# --- exports -------------------------------------------------------------------------------
@login_required
def export_blind(request: AuthedRequest, uuid: Any, number: int, fmt: str) -> HttpResponse:
    """The round's entries for judges working offline: codes and texts, no author or unit."""
    if fmt not in {"docx", "pdf"}:
        raise Http404
    rnd = _round(request, uuid, number)
    entries = list(
        Entry.objects.filter(round_entries__round=rnd)
        .order_by("code")
        .only("code", "title", "subject_name", "text", "authors", "contest_id")
    )
    name = f"bai-du-thi-{rnd.contest.year}-vong-{rnd.number}"
    if fmt == "pdf":
        return file_response(exports.blind_pdf(rnd, entries), f"{name}.pdf", PDF_MIME)
    return file_response(exports.blind_docx(rnd, entries), f"{name}.docx", DOCX_MIME)


@login_required
def export_scores(request: AuthedRequest, uuid: Any, number: int) -> HttpResponse:
    rnd = _round(request, uuid, number)
    content = exports.scores_xlsx(rnd)
    return file_response(content, f"diem-{rnd.contest.year}-vong-{rnd.number}.xlsx", XLSX_MIME)
