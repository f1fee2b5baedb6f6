"""Statistics pages: the dashboard (charts with their tables, JSON for the charts, Excel) and
the grouped table (choose the dimensions; cumulative and year-over-year columns; Excel).

Every figure comes from services.award_stats or selectors.dashboard, cut to the user's scope.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from guongsang.core.documents import XLSX_MIME, file_response
from guongsang.core.formatting import vn_number
from guongsang.core.http import AuthedRequest, error_text
from guongsang.core.pagecache import cached_page
from guongsang.core.permissions import scope_unit_ids
from guongsang.core.views import require_perm
from guongsang.core.widgets import picker_response
from guongsang.org.pickers import unit_choices
from guongsang.org.selectors import unit_list
from guongsang.stats import exports, selectors
from guongsang.stats.forms import StatsFilterForm, StatsTableForm
from guongsang.stats.selectors import Chart, DashboardFilter
from guongsang.stats.services import STATS_ROLES, StatsResult, award_stats

PERM = "stats.view_stats"


def _units(request: AuthedRequest) -> Any:
    scope = scope_unit_ids(request.user, STATS_ROLES)
    units = unit_list(user=request.user).filter(valid_to=None)
    if scope is not None:
        units = units.filter(pk__in=scope)
    return units.order_by("name")


@login_required
@require_GET
def pick_unit(request: AuthedRequest) -> JsonResponse:
    """The unit filter: the units in force of the user's statistics scope, typed."""
    require_perm(request, PERM)
    return picker_response(unit_choices(_units(request), request.GET.get("q", "")))


def _form(request: AuthedRequest, form_class: type[StatsFilterForm]) -> StatsFilterForm:
    start = selectors.default_filter(request.user)
    data = request.GET.copy()
    data.setdefault("year_from", str(start.from_year))
    data.setdefault("year_to", str(start.to_year))
    if form_class is StatsTableForm and "by" not in data:
        data.setlist("by", ["year", "level", "title"])
    return form_class(data, units=_units(request))


def _filter(form: StatsFilterForm) -> DashboardFilter:
    if not form.is_valid():
        raise ValidationError(
            [str(e) for errors in form.errors.values() for e in errors]
            or [_("Bộ lọc không hợp lệ.")]
        )
    d = form.cleaned_data
    return DashboardFilter(
        from_year=d["year_from"],
        to_year=d["year_to"],
        unit=d.get("unit"),
        levels=(d["level"],) if d.get("level") else (),
        targets=(d["target"],) if d.get("target") else (),
    )


def _charts(request: AuthedRequest) -> tuple[DashboardFilter, list[Chart]]:
    """The filter the address asks for and the dashboard's charts under it; a bad filter
    raises ValidationError."""
    f = _filter(_form(request, StatsFilterForm))
    return f, selectors.dashboard(user=request.user, f=f)


def _bad_request(exc: ValidationError, *, as_json: bool = False) -> HttpResponse:
    message = error_text(exc)
    if as_json:
        return JsonResponse({"detail": message}, status=400)
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


@login_required
@require_GET
def dashboard(request: AuthedRequest) -> HttpResponse:
    require_perm(request, PERM)

    def build() -> dict[str, Any]:
        form = _form(request, StatsFilterForm)
        charts: list[Chart] = []
        if form.is_valid():
            charts = selectors.dashboard(user=request.user, f=_filter(form))
        return {"form": form, "charts": charts, "query": request.GET.urlencode()}

    return cached_page(request, "stats/dashboard.html", build, name="stats_dashboard")


@login_required
@require_GET
def dashboard_data(request: AuthedRequest) -> HttpResponse:
    """The charts' data as JSON (what the page's Chart.js draws)."""
    require_perm(request, PERM)
    try:
        _f, charts = _charts(request)
    except ValidationError as exc:
        return _bad_request(exc, as_json=True)
    return JsonResponse({"charts": [c.as_dict() for c in charts]})


@login_required
@require_GET
def dashboard_xlsx(request: AuthedRequest) -> HttpResponse:
    """Every chart's table on its own sheet (or one chart: ?chart=key)."""
    require_perm(request, PERM)
    try:
        f, charts = _charts(request)
    except ValidationError as exc:
        return _bad_request(exc)
    wanted = request.GET.get("chart", "")
    if wanted:
        charts = [c for c in charts if c.key == wanted]
    name = f"bang-dieu-khien-{wanted or 'tat-ca'}-{f.from_year}-{f.to_year}.xlsx"
    return file_response(exports.charts_xlsx(charts), name, XLSX_MIME)


def _table_result(request: AuthedRequest) -> tuple[StatsFilterForm, StatsResult]:
    form = _form(request, StatsTableForm)
    f = _filter(form)
    d = form.cleaned_data
    result = award_stats(
        user=request.user,
        from_year=f.from_year,
        to_year=f.to_year,
        by=d.get("by") or ("year",),
        unit=f.unit,
        as_of=d.get("on"),
        levels=f.levels or None,
        targets=f.targets or None,
        include_revoked=bool(d.get("include_revoked")),
    )
    return form, result


@login_required
@require_GET
def table(request: AuthedRequest) -> HttpResponse:
    require_perm(request, PERM)
    form: StatsFilterForm
    result: StatsResult | None
    try:
        form, result = _table_result(request)
    except ValidationError:
        form, result = _form(request, StatsTableForm), None
        form.is_valid()
    context = {
        "form": form,
        "result": result,
        "headers": exports.headers(result) if result else [],
        "rows": exports.shown_rows(result) if result else [],
        "description": exports.describe(result) if result else "",
        "total": vn_number(result.total) if result else "",
        "dims": len(result.by) if result else 0,
        "numeric_end": exports.numeric_end(result) if result else 0,
        "extra_cols": len(exports.headers(result)) - len(result.by) - 1 if result else 0,
        "query": request.GET.urlencode(),
    }
    return render(request, "stats/table.html", context)


@login_required
@require_GET
def table_xlsx(request: AuthedRequest) -> HttpResponse:
    require_perm(request, PERM)
    try:
        _form_unused, result = _table_result(request)
    except ValidationError as exc:
        return _bad_request(exc)
    name = f"thong-ke-{result.from_year}-{result.to_year}.xlsx"
    return file_response(exports.stats_xlsx(result), name, XLSX_MIME)
