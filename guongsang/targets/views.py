"""Target pages: the attainment table, a unit's page with its score, indicators (admin),
the plan and monthly result forms, Excel export and import."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from guongsang.core.documents import XLSX_MIME, file_response
from guongsang.core.formatting import vn_number, vn_percent
from guongsang.core.http import AuthedRequest, form_saved, submitted
from guongsang.core.permissions import get_visible_or_404, restrict
from guongsang.core.views import require_perm
from guongsang.core.widgets import picker_response
from guongsang.core.xlsx import append_row
from guongsang.org.models import Unit
from guongsang.org.pickers import unit_choices
from guongsang.targets import imports, selectors, services
from guongsang.targets.forms import (
    PURPOSE_PLAN,
    PURPOSE_RESULT,
    PURPOSE_VIEW,
    FigureForm,
    FilterForm,
    IndicatorForm,
    UploadForm,
    units_for,
)
from guongsang.targets.models import Indicator, Result
from guongsang.targets.permissions import PLAN_ROLES, RESULT_ROLES, VIEW_ROLES

SESSION_TOKENS = "targets_import_tokens"


# Whom the unit picker answers, by what the unit is chosen for: the roles of that form.
PICKER_PURPOSES = {
    PURPOSE_VIEW: ("targets.view", VIEW_ROLES),
    PURPOSE_PLAN: ("targets.set_plans", PLAN_ROLES),
    PURPOSE_RESULT: ("targets.enter_results", RESULT_ROLES),
}


def _filters(request: AuthedRequest) -> tuple[FilterForm, int, Unit | None]:
    form = FilterForm(request.GET or None, user=request.user, roles=VIEW_ROLES)
    year = selectors.latest_year(user=request.user) or timezone.localdate().year
    unit = None
    if form.is_valid():
        year = form.cleaned_data["year"] or year
        unit = form.cleaned_data["unit"]
    return form, year, unit


def _table(request: AuthedRequest, year: int, unit: Unit | None) -> dict[str, Any]:
    month = selectors.latest_month(year=year, unit=unit) or 12
    rows = selectors.attainment(user=request.user, year=year, unit=unit, to_month=month)
    indicators, by_unit = selectors.attainment_by_unit(
        user=request.user, year=year, unit=unit, to_month=month
    )
    return {
        "year": year,
        "month": month,
        "rows": rows,
        "indicators": indicators,
        "by_unit": by_unit,
        "unit_rows": [(each, [each.rows.get(i.pk) for i in indicators]) for each in by_unit],
        "score": selectors.score_of(rows),
    }


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "targets.view")
    form, year, unit = _filters(request)
    context = {"form": form, "unit": unit, **_table(request, year, unit)}
    return render(request, "targets/index.html", context)


@login_required
@require_GET
def pick_unit(request: AuthedRequest) -> JsonResponse:
    """The units a target form may choose, typed without diacritics, within the user's scope
    for the roles of that form (`?purpose=`)."""
    perm, roles = PICKER_PURPOSES.get(request.GET.get("purpose", ""), PICKER_PURPOSES[PURPOSE_VIEW])
    require_perm(request, perm)
    units = units_for(request.user, roles).select_related("parent")
    return picker_response(unit_choices(units, request.GET.get("q", "")))


@login_required
def export(request: AuthedRequest) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    require_perm(request, "targets.view")
    _form, year, unit = _filters(request)
    table = _table(request, year, unit)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tỷ lệ đạt"
    ws.append(
        [
            _("Kết quả thực hiện chỉ tiêu năm %(y)s (đến tháng %(m)s)")
            % {"y": year, "m": table["month"]}
        ]
    )
    ws.append(
        [
            _("Đơn vị"),
            _("Chỉ tiêu"),
            _("Đơn vị tính"),
            _("Kế hoạch năm"),
            _("Thực hiện"),
            _("Tỷ lệ"),
        ]
    )
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for each in table["by_unit"]:
        for row in each.rows.values():
            append_row(
                ws,
                [
                    each.unit.name,
                    row.name,
                    row.measure,
                    float(row.plan),
                    float(row.actual),
                    vn_percent(row.percent),
                ],
            )
    for row in table["rows"]:
        append_row(
            ws,
            [
                _("Cộng"),
                row.name,
                row.measure,
                float(row.plan),
                float(row.actual),
                vn_percent(row.percent),
            ],
        )
    ws.column_dimensions["A"].width = 50
    ws.column_dimensions["B"].width = 40
    out = io.BytesIO()
    wb.save(out)
    return file_response(out.getvalue(), f"chi-tieu-{year}.xlsx", XLSX_MIME)


@login_required
def unit_page(request: AuthedRequest, uuid: str) -> HttpResponse:
    unit = get_visible_or_404(
        restrict(Unit.objects.all(), request.user, roles=VIEW_ROLES, unit_field="pk"), uuid=uuid
    )
    require_perm(request, "targets.view", unit)
    _form, year, _unit = _filters(request)
    table = _table(request, year, unit)
    results = Result.objects.filter(unit=unit, year=year).select_related("indicator")
    grid: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    for result in results:
        names[result.indicator_id] = result.indicator.name
        grid.setdefault(result.indicator_id, [""] * 12)[result.month - 1] = vn_number(result.value)
    months = [(names[k], v) for k, v in grid.items()]
    return render(request, "targets/unit.html", {"unit": unit, "months": months, **table})


@login_required
def indicators(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "targets.manage_indicators")
    form = IndicatorForm(request.POST or None)
    if form_saved(
        request, form, lambda: services.indicator_save(by=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("Đã lưu chỉ tiêu."))
        return redirect("targets:indicators")
    return render(
        request, "targets/indicators.html", {"form": form, "indicators": Indicator.objects.all()}
    )


@login_required
def indicator_edit(request: AuthedRequest, uuid: str) -> HttpResponse:
    require_perm(request, "targets.manage_indicators")
    indicator = get_visible_or_404(Indicator.objects.all(), uuid=uuid)
    initial = {
        f: getattr(indicator, f)
        for f in ("code", "name", "measure", "description", "order", "active")
    }
    form = IndicatorForm(request.POST or None, initial=initial)
    if form_saved(
        request,
        form,
        lambda: services.indicator_save(by=request.user, indicator=indicator, **form.cleaned_data),
    ):
        messages.success(request, _("Đã lưu chỉ tiêu."))
        return redirect("targets:indicators")
    return render(request, "targets/indicator_form.html", {"form": form, "indicator": indicator})


def _figure(request: AuthedRequest, *, monthly: bool) -> HttpResponse:
    roles = RESULT_ROLES if monthly else PLAN_ROLES
    require_perm(request, "targets.enter_results" if monthly else "targets.set_plans")
    form = FigureForm(request.POST or None, user=request.user, roles=roles, monthly=monthly)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        figure = {
            "by": request.user,
            "indicator": data["indicator"],
            "unit": data["unit"],
            "year": data["year"],
            "value": data["value"],
        }
        try:
            if monthly:
                services.result_set(month=data["month"], **figure)
            else:
                services.plan_set(**figure)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, str(exc.messages[0] if isinstance(exc, ValidationError) else exc))
        else:
            messages.success(request, _("Đã lưu số liệu."))
            return redirect(f"{request.path}")
    heading = _("Nhập kết quả tháng") if monthly else _("Đặt kế hoạch năm")
    return render(request, "targets/figure_form.html", {"form": form, "heading": heading})


@login_required
def plan_form(request: AuthedRequest) -> HttpResponse:
    return _figure(request, monthly=False)


@login_required
def result_form(request: AuthedRequest) -> HttpResponse:
    return _figure(request, monthly=True)


@login_required
def import_template(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "targets.enter_results")
    return file_response(imports.template_xlsx(), "mau-nhap-chi-tieu.xlsx", XLSX_MIME)


@login_required
def import_upload(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "targets.enter_results")
    form = UploadForm(*submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            token = imports.store_upload(form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            request.session[SESSION_TOKENS] = [*request.session.get(SESSION_TOKENS, [])[-9:], token]
            return redirect("targets:import_preview", token=token)
    return render(request, "targets/import_upload.html", {"form": form})


@login_required
def import_preview(request: AuthedRequest, token: Any) -> HttpResponse:
    require_perm(request, "targets.enter_results")
    if str(token) not in request.session.get(SESSION_TOKENS, []):
        raise Http404(_("Không tìm thấy tệp đã tải lên."))
    file_errors: list[str] = []
    preview = None
    try:
        if request.method == "POST":
            count = imports.commit(user=request.user, token=str(token))
            messages.success(request, _("Đã nhập %(n)s dòng.") % {"n": vn_number(count)})
            return redirect("targets:index")
        preview = imports.preview(user=request.user, token=str(token))
    except ValidationError as exc:
        file_errors = exc.messages
        if preview is None and request.method == "POST":
            try:
                preview = imports.preview(user=request.user, token=str(token))
            except ValidationError:
                preview = None
    return render(
        request,
        "targets/import_preview.html",
        {"preview": preview, "file_errors": file_errors, "token": token},
    )
