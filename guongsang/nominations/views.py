"""Dossier pages: the list, create and edit with files, the detail with its workflow buttons,
and the secretariat's override. Files are served only through a permission check."""

from __future__ import annotations

import uuid as uuid_lib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guongsang.catalogue.models import Title
from guongsang.core.files import file_response
from guongsang.core.http import AuthedRequest, action_done
from guongsang.core.pagecache import cached_page
from guongsang.core.permissions import get_visible_or_404, has_role, restrict
from guongsang.core.roles import Role
from guongsang.core.views import require_perm
from guongsang.decisions import selectors as decision_selectors
from guongsang.movements import selectors as movement_selectors
from guongsang.movements.models import Movement
from guongsang.nominations import eligibility, exports, notifications, selectors, services
from guongsang.nominations.forms import DossierFilterForm, DossierForm, OverrideForm, ReasonForm
from guongsang.nominations.models import Dossier
from guongsang.nominations.permissions import can_act
from guongsang.nominations.workflow import TRANSITIONS, Transition, sources_for
from guongsang.org.models import Unit
from guongsang.org.selectors import units_acting
from guongsang.people.models import Person

CREATE_ROLES = frozenset({Role.UNIT_OFFICER, Role.SECRETARIAT})
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DESTRUCTIVE = {"withdraw", "reject", "return"}


def _dossier(request: AuthedRequest, uuid: Any) -> Dossier:
    dossier = get_visible_or_404(selectors.dossiers_visible(user=request.user), uuid=uuid)
    require_perm(request, "nominations.view_dossier", dossier)
    return dossier


def _filters(form: DossierFilterForm) -> dict[str, Any]:
    if not form.is_valid():
        return {}
    data = form.cleaned_data
    title = data["title"]
    return {
        "year": data["year"],
        "state": data["status"] or "",
        "title_code": title.code if title is not None else "",
        "text": data["q"] or "",
        # Strings, so the background export can take the same filters.
        "movement_uuid": str(data["movement"].uuid) if data.get("movement") else "",
        "unit_uuid": str(data["unit"].uuid) if data.get("unit") else "",
    }


def _filtered(request: AuthedRequest, form: DossierFilterForm) -> QuerySet[Dossier]:
    return selectors.dossiers_filtered(user=request.user, **_filters(form))


@login_required
def dossier_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "nominations.view_dossier")
    template = "nominations/partials/dossier_rows.html" if request.htmx else "nominations/list.html"

    def build() -> dict[str, Any]:
        form = _filter_form(request)
        page = Paginator(_filtered(request, form), 25).get_page(request.GET.get("page"))
        return {
            "form": form,
            "page": page,
            "can_create": request.user.has_perm("nominations.edit_dossier"),
            "can_import_history": request.user.has_perm("awards.import_award"),
            "can_bulk": has_role(request.user, {Role.SECRETARIAT}),
            "bulk_actions": [TRANSITIONS[a] for a in services.BULK_ACTIONS],
            "query": request.GET.urlencode(),
            "export_sync_limit": exports.SYNC_LIMIT,  # above it the export is queued
        }

    return cached_page(request, template, build, name="dossier_list")


def filter_units(request: AuthedRequest) -> QuerySet[Unit]:
    """The units the list may be filtered by: those proposing or reviewing a visible dossier."""
    visible = selectors.dossiers_visible(user=request.user)
    units = Unit.objects.filter(pk__in=visible.values("unit_id")) | Unit.objects.filter(
        pk__in=visible.values("level_unit_id")
    )
    return units.order_by("name")


def _filter_form(request: AuthedRequest) -> DossierFilterForm:
    visible = selectors.dossiers_visible(user=request.user)
    years = list(visible.order_by("-year").values_list("year", flat=True).distinct())
    titles = Title.objects.filter(pk__in=visible.values("title_id")).order_by("order", "name")
    movements = Movement.objects.filter(pk__in=visible.values("movement_id")).order_by("-year")
    return DossierFilterForm(
        request.GET or None,
        years=years,
        titles=titles,
        movements=movements,
        units=filter_units(request),
    )


@login_required
def dossier_export(request: AuthedRequest) -> HttpResponse:
    """The filtered list as an Excel workbook."""
    require_perm(request, "nominations.view_dossier")
    form = _filter_form(request)
    dossiers = _filtered(request, form)
    if dossiers.count() > exports.SYNC_LIMIT:
        progress = exports.export_dossiers_start(
            actor=request.user, filters=_filters(form), request=request
        )
        return redirect("core:task_progress", uuid=progress.uuid)
    response = HttpResponse(
        exports.dossiers_xlsx(dossiers.iterator(chunk_size=500)), content_type=XLSX
    )
    response["Content-Disposition"] = 'attachment; filename="ho-so-de-nghi.xlsx"'
    return response


@login_required
@require_POST
def dossier_bulk(request: AuthedRequest) -> HttpResponse:
    """The secretariat applies one step to the ticked dossiers; each succeeds or is refused."""
    if not has_role(request.user, {Role.SECRETARIAT}):
        raise PermissionDenied(_("Chỉ thường trực Hội đồng được xử lý hàng loạt."))
    action = request.POST.get("action", "")
    if action not in services.BULK_ACTIONS:
        raise Http404(_("Thao tác không tồn tại."))
    chosen = request.POST.getlist("dossier")
    dossiers = selectors.dossiers_visible(user=request.user).filter(uuid__in=_uuids(chosen))
    outcome = services.dossier_bulk_transition(
        actor=request.user,
        dossiers=list(dossiers),
        action=action,
        reason=request.POST.get("reason", ""),
    )
    context = {"outcome": outcome, "transition": TRANSITIONS[action], "asked": len(chosen)}
    return render(request, "nominations/bulk_result.html", context)


def _uuids(values: list[str]) -> list[uuid_lib.UUID]:
    found = []
    for value in values:
        try:
            found.append(uuid_lib.UUID(value))
        except ValueError:
            continue
    return found


@login_required
def notification_list(request: AuthedRequest) -> HttpResponse:
    """The user's own notifications; posting marks them all read."""
    if request.method == "POST":
        notifications.notifications_mark_read(user=request.user)
        return redirect("nominations:notifications")
    items = notifications.notifications_with_outcomes(user=request.user)
    return render(request, "nominations/notifications.html", {"items": items})


def _form_choices(request: AuthedRequest) -> dict[str, Any]:
    """The units the user proposes for, their people, and the catalogue's titles in force."""
    units = units_acting(user=request.user, roles=CREATE_ROLES)
    people = restrict(
        Person.objects.select_related("home_unit").order_by("sort_name", "pk"),
        request.user,
        roles=CREATE_ROLES,
        unit_field="home_unit",
    )
    titles = Title.objects.filter(valid_to=None).order_by("order", "name")
    movements = movement_selectors.movement_list(user=request.user)
    return {"units": units, "people": people, "titles": titles, "movements": movements}


def _attach_all(request: AuthedRequest, dossier: Dossier, form: DossierForm) -> int:
    for kind, upload in form.uploads():
        services.dossier_attach(actor=request.user, dossier=dossier, kind=kind, upload=upload)
    return len(form.uploads())


@login_required
def dossier_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "nominations.edit_dossier")
    form = DossierForm(request.POST or None, request.FILES or None, **_form_choices(request))
    if request.method == "POST" and form.is_valid():
        token, fields = form.cleaned_data.get("form_token"), form.dossier_fields()
        if made := services.dossier_from_form(actor=request.user, form_token=token, fields=fields):
            return _made_already(request, made)
        try:
            with transaction.atomic():  # the dossier and its files, or nothing
                dossier = services.dossier_create(
                    actor=request.user, form_token=token, **form.dossier_fields()
                )
                _attach_all(request, dossier, form)
        except ValidationError as exc:
            form.add_error(None, exc)
        except IntegrityError:  # the same form, posted twice at once: the other one won
            if made := services.dossier_from_form(
                actor=request.user, form_token=token, fields=fields
            ):
                return _made_already(request, made)
            # Another person's token (a copied form): nothing saved; a fresh token to retry.
            data = request.POST.copy()
            data["form_token"] = str(uuid_lib.uuid4())
            form.data = data
            form.add_error(None, _("Biểu mẫu đã được dùng. Bấm “Lưu hồ sơ” lần nữa để tạo hồ sơ."))
        else:
            messages.success(request, _("Đã tạo hồ sơ đề nghị."))
            return redirect("nominations:detail", uuid=dossier.uuid)
    return render(request, "nominations/form.html", {"form": form, "title": _("Tạo hồ sơ")})


def _made_already(request: AuthedRequest, dossier: Dossier) -> HttpResponse:
    messages.info(request, _("Biểu mẫu này đã được gửi: hồ sơ đã tạo trước đó, không tạo thêm."))
    return redirect("nominations:detail", uuid=dossier.uuid)


@login_required
def dossier_edit(request: AuthedRequest, uuid: str) -> HttpResponse:
    dossier = _dossier(request, uuid)
    require_perm(request, "nominations.edit_dossier", dossier)
    initial = {name: getattr(dossier, name) for name in services.EDITABLE_FIELDS}
    form = DossierForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        editing=True,
        year=dossier.year,
        movements=movement_selectors.movement_list(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.dossier_update(
                    actor=request.user, dossier=dossier, **form.dossier_fields()
                )
                _attach_all(request, dossier, form)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("nominations:detail", uuid=dossier.uuid)
    context = {"form": form, "title": _("Sửa hồ sơ"), "dossier": dossier}
    return render(request, "nominations/form.html", context)


def available_actions(user: Any, dossier: Dossier) -> list[Transition]:
    """The workflow steps this user may take on this dossier now. At the top of the
    installation there is no level above to forward to: a tờ trình carries the dossier out."""
    return [
        t
        for t in TRANSITIONS.values()
        if t.procedure is None
        and dossier.state in sources_for(t, dossier.track)
        and can_act(user, dossier, t.roles)
        and not (t.action == "forward" and dossier.level_unit.parent_id is None)
    ]


@login_required
def dossier_detail(request: AuthedRequest, uuid: str) -> HttpResponse:
    # The access check reads only what the permission needs; the page, when it is not in the
    # cache, reads the dossier with everything it shows.
    checked = selectors.dossier_access_row(user=request.user, uuid=uuid)
    require_perm(request, "nominations.view_dossier", checked)
    return cached_page(
        request, "nominations/detail.html", lambda: _detail(request, checked.pk), name="dossier"
    )


def _detail(request: AuthedRequest, pk: int) -> dict[str, Any]:
    dossier = selectors.dossiers_visible(user=request.user).get(pk=pk)
    events = list(dossier.events.select_related("by"))
    findings = eligibility.check_dossier(dossier)
    return {
        "dossier": dossier,
        "findings": findings,
        "files": dossier.files.all(),
        "events": events,
        "last_event": events[-1] if events else None,
        "actions": available_actions(request.user, dossier),
        "destructive": DESTRUCTIVE,
        "can_edit": request.user.has_perm("nominations.edit_dossier", dossier),
        "can_run_procedure": can_act(request.user, dossier, frozenset({Role.SECRETARIAT})),
        "can_override": any(f.blocking and f.code != "missing" for f in findings)
        and request.user.has_perm("nominations.override_check", dossier),
        "outcomes": decision_selectors.dossier_outcomes(
            user=request.user, dossier_ids=[dossier.pk]
        ).get(dossier.pk, []),
    }


@login_required
@require_POST
def dossier_transition(request: AuthedRequest, uuid: str, action: str) -> HttpResponse:
    dossier = _dossier(request, uuid)
    transition = TRANSITIONS.get(action)
    if transition is None or transition.procedure is not None:
        raise Http404(_("Thao tác không tồn tại."))
    if not can_act(request.user, dossier, transition.roles):
        raise PermissionDenied(
            _("Bạn không có quyền thực hiện bước “%(label)s” với hồ sơ này.")
            % {"label": transition.label}
        )
    form = ReasonForm(request.POST, required=transition.needs_reason)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    action_done(
        request,
        lambda: services.dossier_transition(
            actor=request.user, dossier=dossier, action=action, reason=reason
        ),
        str(transition.done),
    )
    return redirect("nominations:detail", uuid=dossier.uuid)


def _override_codes(dossier: Dossier) -> list[tuple[str, str]]:
    return [
        (f.code, f.message)
        for f in eligibility.check_dossier(dossier)
        if f.code != "missing" and (f.blocking or f.overridden)
    ]


@login_required
def dossier_override(request: AuthedRequest, uuid: str) -> HttpResponse:
    dossier = _dossier(request, uuid)
    require_perm(request, "nominations.override_check", dossier)
    form = OverrideForm(request.POST or None, codes=_override_codes(dossier))
    if request.method == "POST" and form.is_valid():
        try:
            services.check_override(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã cho phép hồ sơ vượt điều kiện này."))
            return redirect("nominations:detail", uuid=dossier.uuid)
    return render(request, "nominations/override_form.html", {"form": form, "dossier": dossier})


@login_required
def file_download(request: AuthedRequest, uuid: str) -> HttpResponseBase:
    attached = selectors.dossier_file_for(user=request.user, uuid=uuid)
    require_perm(request, "nominations.view_dossier", attached.dossier)
    return file_response(
        attached.stored_path, filename=attached.original_name, content_type=attached.content_type
    )
