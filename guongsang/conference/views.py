"""Conference pages: list, create/edit, the detail with guests, programme, honourees and
reports, the documents, and the day page (read only, fit for a phone)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from guongsang.awards.models import Award
from guongsang.conference import documents, selectors, services
from guongsang.conference.forms import (
    AwardFilterForm,
    ConferenceForm,
    GuestForm,
    ItemForm,
    ReportForm,
)
from guongsang.conference.models import Conference
from guongsang.conference.permissions import CONFERENCE_MANAGE_ROLES
from guongsang.core.documents import DOCX_MIME, PDF_MIME, file_response
from guongsang.core.http import AuthedRequest, form_saved, report_errors
from guongsang.core.views import require_perm
from guongsang.core.widgets import picker_response
from guongsang.org.pickers import unit_choices
from guongsang.org.selectors import units_acting

CANDIDATES_SHOWN = 500


def _organisers(request: AuthedRequest) -> Any:
    return units_acting(user=request.user, roles=CONFERENCE_MANAGE_ROLES)


@login_required
@require_GET
def pick_organiser(request: AuthedRequest) -> JsonResponse:
    require_perm(request, "conference.manage_conference")
    return picker_response(unit_choices(_organisers(request), request.GET.get("q", "")))


def _conference(request: AuthedRequest, uuid: Any, *, manage: bool = False) -> Conference:
    conference = selectors.conference_detail(user=request.user, uuid=uuid)
    perm = "conference.manage_conference" if manage else "conference.view_conference"
    require_perm(request, perm, conference)
    return conference


@login_required
def conference_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "conference.view_conference")
    conferences = selectors.conference_list(user=request.user)
    can_create = request.user.has_perm("conference.manage_conference")
    return render(
        request, "conference/list.html", {"conferences": conferences, "can_create": can_create}
    )


@login_required
def conference_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "conference.manage_conference")
    form = ConferenceForm(request.POST or None, organisers=_organisers(request))
    made = form_saved(
        request,
        form,
        lambda: services.conference_create(actor=request.user, **form.cleaned_data),
    )
    if made is not None:
        messages.success(request, _("Đã tạo hội nghị."))
        return redirect("conference:detail", uuid=made.uuid)
    return render(request, "conference/form.html", {"form": form, "title": _("Hội nghị mới")})


@login_required
def conference_edit(request: AuthedRequest, uuid: Any) -> HttpResponse:
    conference = _conference(request, uuid, manage=True)
    initial = {f: getattr(conference, f) for f in ConferenceForm.base_fields}
    form = ConferenceForm(request.POST or None, initial=initial, organisers=_organisers(request))
    if form_saved(
        request,
        form,
        lambda: services.conference_update(
            actor=request.user, conference=conference, **form.cleaned_data
        ),
    ):
        messages.success(request, _("Đã lưu hội nghị."))
        return redirect("conference:detail", uuid=conference.uuid)
    context = {"form": form, "title": _("Sửa hội nghị"), "conference": conference}
    return render(request, "conference/form.html", context)


@login_required
def conference_delete(request: AuthedRequest, uuid: Any) -> HttpResponse:
    conference = _conference(request, uuid, manage=True)
    if request.method == "POST":
        services.conference_delete(actor=request.user, conference=conference)
        messages.success(request, _("Đã xoá hội nghị."))
        return redirect("conference:list")
    return render(request, "conference/confirm_delete.html", {"conference": conference})


@login_required
def conference_detail(request: AuthedRequest, uuid: Any) -> HttpResponse:
    conference = _conference(request, uuid)
    context = {
        "conference": conference,
        "can_manage": request.user.has_perm("conference.manage_conference", conference),
        "guest_form": GuestForm(),
        "item_form": ItemForm(),
        "report_form": ReportForm(),
        "kinds": documents.KINDS,
    }
    return render(request, "conference/detail.html", context)


def _after_change(
    request: AuthedRequest, conference: Conference, error: Any = None
) -> HttpResponse:
    if error is not None:
        report_errors(request, error)
    return redirect("conference:detail", uuid=conference.uuid)


def _form_error(form: Any) -> ValidationError:
    return ValidationError([str(e) for errors in form.errors.values() for e in errors])


@dataclass(frozen=True)
class Part:
    """A part of a conference added from its form on the detail page and removed there: the
    services take it as the argument named by its key in PARTS."""

    form: type[forms.Form]
    add: Callable[..., object]
    remove: Callable[..., object]
    related_name: str
    added: Any = ""


PARTS = {
    "guest": Part(GuestForm, services.guest_add, services.guest_remove, "guests"),
    "item": Part(ItemForm, services.item_add, services.item_remove, "items"),
    "report": Part(
        ReportForm,
        services.report_add,
        services.report_remove,
        "reports",
        gettext_lazy("Đã thêm bài tham luận."),
    ),
}


@login_required
@require_POST
def part_add(request: AuthedRequest, uuid: Any, part: str) -> HttpResponse:
    """A guest, a programme item or a report added: the form's or the service's refusal is
    shown on the detail page, one message per reason."""
    conference = _conference(request, uuid, manage=True)
    kind = PARTS[part]
    form = kind.form(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise _form_error(form)
        kind.add(actor=request.user, conference=conference, **form.cleaned_data)
    except ValidationError as exc:
        return _after_change(request, conference, exc)
    if kind.added:
        messages.success(request, str(kind.added))
    return _after_change(request, conference)


@login_required
@require_POST
def part_remove(request: AuthedRequest, uuid: Any, pk: int, part: str) -> HttpResponse:
    """A guest, a programme item or a report removed; one of another conference is not
    found."""
    conference = _conference(request, uuid, manage=True)
    kind = PARTS[part]
    found = getattr(conference, kind.related_name).filter(pk=pk).first()
    if found is None:
        raise Http404
    kind.remove(actor=request.user, **{part: found})
    return _after_change(request, conference)


@login_required
def honourees_pick(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """The picker: awards of a year (and decision) to tick; POST adds the ticked ones."""
    conference = _conference(request, uuid, manage=True)
    data = request.GET if "year" in request.GET else {"year": conference.award_year}
    form = AwardFilterForm(data)
    year = form.cleaned_data["year"] if form.is_valid() else conference.award_year
    number = form.cleaned_data.get("decision_number", "") if form.is_valid() else ""
    candidates = selectors.award_candidates(
        conference=conference, year=year, decision_number=number
    )
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("award") if v.isdigit()]
        try:
            added = services.honourees_add(
                actor=request.user, conference=conference, awards=Award.objects.filter(pk__in=ids)
            )
        except ValidationError as exc:
            return _after_change(request, conference, exc)
        messages.success(request, _("Đã thêm %(n)s người được biểu dương.") % {"n": added})
        return redirect("conference:detail", uuid=conference.uuid)
    chosen = {h.award_id for h in conference.honourees.all()}
    shown = list(candidates[: CANDIDATES_SHOWN + 1])
    context = {
        "conference": conference,
        "form": form,
        "candidates": shown[:CANDIDATES_SHOWN],
        # More than a page can hold: say how many, and that a decision number narrows them.
        "candidates_total": candidates.count() if len(shown) > CANDIDATES_SHOWN else len(shown),
        "chosen": chosen,
        "decisions": selectors.decision_numbers(conference=conference, year=year),
    }
    return render(request, "conference/honourees_pick.html", context)


@login_required
@require_POST
def honourees_remove(request: AuthedRequest, uuid: Any) -> HttpResponse:
    conference = _conference(request, uuid, manage=True)
    ids = [int(v) for v in request.POST.getlist("honouree") if v.isdigit()]
    services.honourees_remove(
        actor=request.user,
        conference=conference,
        honourees=list(conference.honourees.filter(pk__in=ids)),
    )
    return _after_change(request, conference)


@login_required
def document(request: AuthedRequest, uuid: Any, kind: str, fmt: str) -> HttpResponse:
    conference = _conference(request, uuid)
    if kind not in documents.KINDS or fmt not in documents.FORMATS:
        raise Http404(_("Không có tài liệu này."))
    if fmt == "pdf":
        content, mime = documents.render_pdf(conference, kind), PDF_MIME
    else:
        content, mime = documents.render_docx(conference, kind), DOCX_MIME
    return file_response(content, documents.filename(conference, kind, fmt), mime)


def day(request: HttpRequest, uuid: Any) -> HttpResponse:
    """Trang ngày hội nghị: staff who see the conference, everyone when it is public."""
    conference = selectors.conference_for_day(uuid=uuid)
    if not request.user.has_perm("conference.view_day", conference):
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem."))
    now = timezone.localtime()
    context = {
        "conference": conference,
        "current": selectors.current_item_index(conference, now),
        "is_today": now.date() == conference.held_on,
        "now": now,
    }
    return render(request, "conference/day.html", context)
