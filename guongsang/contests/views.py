"""Contest pages: the list, a contest (rules for units, management for the secretariat),
entries (their unit's officers), the near-duplicate report and the statistics."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guongsang.accounts.models import User
from guongsang.contests import duplicates, selectors, services
from guongsang.contests.forms import ContestForm, EntryForm
from guongsang.contests.models import Commendation, Contest, Entry, EntryStatus, Level
from guongsang.core.files import file_response
from guongsang.core.http import AuthedRequest, submitted
from guongsang.core.permissions import get_visible_or_404, has_role, scope_unit_ids
from guongsang.core.roles import Role
from guongsang.core.views import require_perm
from guongsang.core.widgets import picker_response
from guongsang.org.models import Unit
from guongsang.org.pickers import unit_choices


def _contest(request: AuthedRequest, uuid: Any) -> Contest:
    return get_visible_or_404(selectors.contests_visible(user=request.user), uuid=uuid)


def _managed(request: AuthedRequest, uuid: Any) -> Contest:
    contest = get_visible_or_404(selectors.contests_managed(user=request.user), uuid=uuid)
    require_perm(request, "contests.manage_contest", contest)
    return contest


def _entry(request: AuthedRequest, uuid: Any) -> Entry:
    entry = get_visible_or_404(selectors.entries_visible(user=request.user), uuid=uuid)
    require_perm(request, "contests.view_entry", entry)
    return entry


M = TypeVar("M", bound=Model)


def _posted(request: AuthedRequest, qs: QuerySet[M], name: str) -> M | None:
    """The object of ``qs`` whose uuid was posted as ``name``; None when the field is empty."""
    value = request.POST.get(name)
    return qs.filter(uuid=value).first() if value else None


def _confirmed(request: AuthedRequest) -> bool:
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Hãy đánh dấu ô xác nhận trước khi thực hiện."))
        return False
    return True


@login_required
def contest_list(request: AuthedRequest) -> HttpResponse:
    contests = selectors.contests_visible(user=request.user).order_by("-year", "level")
    return render(
        request,
        "contests/list.html",
        {
            "contests": contests,
            "can_create": request.user.has_perm("contests.manage_contest"),
            "is_judge": has_role(request.user, Role.JUDGE),
        },
    )


@login_required
def contest_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "contests.manage_contest")
    ids = scope_unit_ids(request.user, {Role.SECRETARIAT, Role.ADMIN})
    organisers = Unit.objects.filter(
        grants__user=request.user, grants__role__in=["secretariat", "admin"]
    )
    form = ContestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organiser = organisers.first()
        if organiser is None or (ids is not None and not ids.filter(pk=organiser.pk).exists()):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        try:
            contest = services.contest_create(actor=request.user, organiser=organiser, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã tạo cuộc thi."))
            return redirect("contests:detail", contest.uuid)
    return render(request, "contests/contest_form.html", {"form": form})


@login_required
def contest_detail(request: AuthedRequest, uuid: Any) -> HttpResponse:
    contest = _contest(request, uuid)
    manage = request.user.has_perm("contests.manage_contest", contest)
    entries = selectors.entries_visible(user=request.user).filter(contest=contest)
    if not manage:
        own = scope_unit_ids(request.user, {Role.UNIT_OFFICER})
        entries = entries if own is None else entries.filter(unit__in=own)
    context = {
        "contest": contest,
        "manage": manage,
        "can_results": request.user.has_perm("contests.view_results", contest),
        "can_submit": request.user.has_perm("contests.submit_entry", contest)
        and contest.status == "open",
        "entries": entries.prefetch_related("duplicate_matches").order_by("code", "pk"),
        "rounds": contest.rounds.all(),
        "criteria": contest.criteria.all(),
        "prizes": contest.prizes.all(),
        "round_counts": selectors.round_counts(contest=contest),
    }
    if manage or context["can_results"]:
        context["commendations"] = (
            Commendation.objects.filter(entry__contest=contest)
            .select_related("entry", "dossier__person", "recipient__decision", "recipient__award")
            .order_by("entry__code", "pk")
        )
    if manage:
        context["progress"] = selectors.judge_progress(contest=contest)
        context["panel"] = contest.panel.select_related("judge").order_by("-active", "id")
        context["units"] = Unit.objects.filter(
            pk__in=selectors.entries_visible(user=request.user)
            .filter(contest=contest)
            .values("unit_id")
        ).order_by("name")
        context["judges"] = (
            User.objects.filter(grants__role=Role.JUDGE).distinct().order_by("full_name")
        )
    return render(request, "contests/detail.html", context)


@login_required
@require_POST
def panel_add(request: AuthedRequest, uuid: Any) -> HttpResponse:
    contest = _managed(request, uuid)
    judge = _posted(request, User.objects.all(), "judge")
    if judge is None:
        messages.error(request, _("Chọn giám khảo."))
    else:
        try:
            services.panel_add(actor=request.user, contest=contest, judge=judge)
            messages.success(request, _("Đã thêm giám khảo."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("contests:detail", contest.uuid)


def _entry_units(request: AuthedRequest) -> QuerySet[Unit]:
    """The units the user submits entries for: those of their unit officer grants, today."""
    ids = scope_unit_ids(request.user, {Role.UNIT_OFFICER})
    units = Unit.objects.filter(valid_to__isnull=True)
    return (units if ids is None else units.filter(pk__in=ids)).order_by("name")


@login_required
@require_GET
def pick_unit(request: AuthedRequest) -> JsonResponse:
    """The entry form's unit, as the user types: the same units the form accepts."""
    require_perm(request, "contests.submit_entry")
    return picker_response(unit_choices(_entry_units(request), request.GET.get("q", "")))


def _save_entry(
    request: AuthedRequest, form: EntryForm, contest: Contest, entry: Entry | None
) -> Entry | None:
    data = form.cleaned_data
    unit = data["unit"]  # one of _entry_units: the form accepts no other
    fields = {k: data[k] for k in ("title", "authors", "subject_name", "text")}
    try:
        if data["photo"]:
            services.photo_check(data["photo"])
        if entry is None:
            entry = services.entry_create(
                actor=request.user, contest=contest, unit=unit, upload=data["upload"], **fields
            )
        else:
            entry = services.entry_update(
                actor=request.user, entry=entry, upload=data["upload"], **fields
            )
        if data["photo"]:
            services.entry_add_photo(actor=request.user, entry=entry, upload=data["photo"])
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    return entry


@login_required
def entry_create(request: AuthedRequest, uuid: Any) -> HttpResponse:
    contest = _contest(request, uuid)
    require_perm(request, "contests.submit_entry", contest)
    form = EntryForm(*submitted(request), units=_entry_units(request))
    if request.method == "POST" and form.is_valid():
        entry = _save_entry(request, form, contest, None)
        if entry is not None:
            messages.success(request, _("Đã lưu bài dự thi. Kiểm tra rồi bấm “Nộp bài”."))
            return redirect("contests:entry_detail", entry.uuid)
    return render(request, "contests/entry_form.html", {"form": form, "contest": contest})


@login_required
def entry_edit(request: AuthedRequest, uuid: Any) -> HttpResponse:
    entry = _entry(request, uuid)
    require_perm(request, "contests.edit_entry", entry)
    initial = {
        "title": entry.title,
        "authors": entry.authors,
        "subject_name": entry.subject_name,
        "text": entry.text,
        "unit": str(entry.unit.uuid),
    }
    form = EntryForm(*submitted(request), initial=initial, units=_entry_units(request))
    saved = request.method == "POST" and form.is_valid()
    if saved and _save_entry(request, form, entry.contest, entry) is not None:
        messages.success(request, _("Đã lưu bài dự thi."))
        return redirect("contests:entry_detail", entry.uuid)
    return render(
        request,
        "contests/entry_form.html",
        {"form": form, "contest": entry.contest, "entry": entry},
    )


@login_required
def entry_detail(request: AuthedRequest, uuid: Any) -> HttpResponse:
    entry = _entry(request, uuid)
    return render(
        request,
        "contests/entry_detail.html",
        {
            "entry": entry,
            "problems": services.entry_problems(entry) if entry.status == EntryStatus.DRAFT else [],
            "can_edit": request.user.has_perm("contests.edit_entry", entry),
            "manage": request.user.has_perm("contests.manage_contest", entry.contest),
            "photos": entry.photos.all(),
            "matches": entry.duplicate_matches.all(),
        },
    )


@login_required
@require_POST
def entry_submit(request: AuthedRequest, uuid: Any) -> HttpResponse:
    entry = _entry(request, uuid)
    require_perm(request, "contests.edit_entry", entry)
    if _confirmed(request):
        try:
            services.entry_submit(actor=request.user, entry=entry)
            messages.success(request, _("Đã nộp bài dự thi."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    return redirect("contests:entry_detail", entry.uuid)


@login_required
def entry_photo(request: AuthedRequest, uuid: Any, pk: int) -> HttpResponseBase:
    entry = _entry(request, uuid)
    photo = entry.photos.filter(pk=pk).first()
    if photo is None:
        raise Http404
    return file_response(photo.path, content_type=photo.content_type, as_attachment=False)


@login_required
def entry_duplicates(request: AuthedRequest, uuid: Any) -> HttpResponse:
    entry = _entry(request, uuid)
    require_perm(request, "contests.manage_contest", entry.contest)
    rows = []
    for match in entry.duplicate_matches.all():
        other = next((p for p in duplicates.providers() if p.source == match.source), None)
        text = other.get([match.object_id]).get(match.object_id) if other else None
        rows.append(
            {
                "match": match,
                "mine": duplicates.highlight(entry.text, match.entry_spans),
                "theirs": duplicates.highlight(text.text, match.other_spans) if text else "",
            }
        )
    return render(request, "contests/duplicates.html", {"entry": entry, "rows": rows})


@login_required
def stats(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "contests.view_results")
    ids = scope_unit_ids(request.user, {Role.SECRETARIAT, Role.ADMIN, Role.LEADER})
    counts = selectors.entry_counts_by_year(unit_ids=ids, level=Level.DEPARTMENT)
    sent = selectors.sent_to_city_counts(unit_ids=ids)
    rows = selectors.year_over_year(counts)
    for row in rows:
        row["sent"] = sent.get(row["year"], 0)
    per_contest = [
        {
            "contest": c,
            "units": selectors.entry_counts_by_unit(contest=c)[: selectors.STATS_UNITS],
            "rounds": selectors.round_counts(contest=c),
        }
        for c in selectors.stats_contests(unit_ids=ids)[: selectors.STATS_CONTESTS]
    ]
    return render(request, "contests/stats.html", {"rows": rows, "per_contest": per_contest})
