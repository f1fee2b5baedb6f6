"""Annual report pages: the list, opening a report, the report with its checked figures,
saving the introduction (htmx: warnings come back at once) and building the files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guongsang.core.formatting import nfc
from guongsang.core.http import AuthedRequest, action_done
from guongsang.core.permissions import get_visible_or_404
from guongsang.core.views import require_perm
from guongsang.core.widgets import picker_response
from guongsang.org.pickers import unit_choices
from guongsang.reports import selectors, services
from guongsang.reports.charts import svg_bar_chart
from guongsang.reports.checks import Finding, warnings_for
from guongsang.reports.documents import aligned, charts_of, narrative, tables
from guongsang.reports.figures import report_figures
from guongsang.reports.forms import IntroductionForm, IssueForm, OpenReportForm
from guongsang.reports.models import AnnualReport, ReportFormat
from guongsang.reports.tasks import build_start


def _report(request: AuthedRequest, uuid: str, perm: str = "reports.view_report") -> AnnualReport:
    report = get_visible_or_404(selectors.reports_visible(user=request.user), uuid=uuid)
    require_perm(request, perm, report)
    return report


@login_required
def report_list(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "reports.view_report")
    reports = selectors.reports_visible(user=request.user)
    form = OpenReportForm(user=request.user)
    return render(request, "reports/list.html", {"reports": reports, "form": form})


@login_required
@require_GET
def pick_unit(request: AuthedRequest) -> JsonResponse:
    """The units a report may be opened for, typed without diacritics."""
    require_perm(request, "reports.edit_report")
    units = selectors.units_for_reports(user=request.user)
    return picker_response(unit_choices(units, request.GET.get("q", "")))


@login_required
def report_create(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "reports.edit_report")
    form = OpenReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_open(
                by=request.user, unit=form.cleaned_data["unit"], year=form.cleaned_data["year"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("reports:detail", uuid=report.uuid)
    reports = selectors.reports_visible(user=request.user)
    return render(request, "reports/list.html", {"reports": reports, "form": form})


@login_required
def detail(request: AuthedRequest, uuid: str) -> HttpResponse:
    report = _report(request, uuid)
    data = report_figures(user=request.user, unit=report.unit, year=report.year)
    context = {
        "report": report,
        "data": data,
        "tables": {key: aligned(table) for key, table in tables(data).items()},
        "narrative": narrative(data),
        "charts": [svg_bar_chart(*chart) for chart in charts_of(data)],
        "warnings": warnings_for(report.introduction, data),
        "form": IntroductionForm(initial={"introduction": report.introduction}),
        "issue_form": IssueForm(initial={"number": report.number, "date": report.issued_on}),
        "can_edit": request.user.has_perm("reports.edit_report", report),
        "formats": ReportFormat.choices,
    }
    return render(request, "reports/detail.html", context)


@login_required
@require_POST
def save_introduction(request: AuthedRequest, uuid: str) -> HttpResponse:
    report = _report(request, uuid, "reports.edit_report")
    form = IntroductionForm(request.POST)
    warnings: list[Finding] = []
    saved = False
    if form.is_valid():
        try:
            report, warnings = services.report_save_introduction(
                by=request.user, report=report, introduction=form.cleaned_data["introduction"]
            )
            saved = True
        except ValidationError as exc:
            form.add_error("introduction", exc)
    if request.htmx:
        return render(
            request,
            "reports/partials/warnings.html",
            {"warnings": warnings, "saved": saved, "errors": form.errors},
        )
    if saved:
        if warnings:
            messages.warning(request, _("Đã lưu; có số liệu không khớp với dữ liệu, xem cảnh báo."))
        else:
            messages.success(request, _("Đã lưu phần mở đầu."))
    return redirect("reports:detail", uuid=report.uuid)


@login_required
@require_POST
def set_issue(request: AuthedRequest, uuid: str) -> HttpResponse:
    """The number and date of issue of the report ("Số: 12/BC-…", "ngày … tháng …")."""
    report = _report(request, uuid, "reports.edit_report")
    form = IssueForm(request.POST)
    if form.is_valid():
        action_done(
            request,
            lambda: services.report_set_issue(
                by=request.user,
                report=report,
                number=form.cleaned_data["number"],
                issued_on=form.cleaned_data["date"],
            ),
            _("Đã lưu số và ngày ban hành."),
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("reports:detail", uuid=report.uuid)


@login_required
@require_POST
def check(request: AuthedRequest, uuid: str) -> HttpResponse:
    """Check a text without saving it (htmx, as the officer types a stated figure)."""
    report = _report(request, uuid)
    data = report_figures(user=request.user, unit=report.unit, year=report.year)
    text = nfc(request.POST.get("introduction", ""))[:20_000]
    return render(
        request,
        "reports/partials/warnings.html",
        {"warnings": warnings_for(text, data), "saved": False, "checked": True},
    )


# The formats that carry the typed introduction (the XLSX holds only the computed tables).
WITH_TEXT = (ReportFormat.DOCX, ReportFormat.PDF)


@login_required
@require_POST
def build(request: AuthedRequest, uuid: str, fmt: str) -> HttpResponse:
    """Start a build; a DOCX or PDF whose introduction still states figures that disagree
    with the records is built only once the officer has seen them and confirmed."""
    report = _report(request, uuid)
    if fmt not in ReportFormat.values:
        raise Http404(_("Định dạng không hỗ trợ."))
    unresolved: list[Finding] = []
    if fmt in WITH_TEXT:
        data = report_figures(user=request.user, unit=report.unit, year=report.year)
        unresolved = warnings_for(report.introduction, data)
    if unresolved and request.POST.get("confirm") != "1":
        context = {
            "report": report,
            "warnings": unresolved,
            "fmt": fmt,
            "label": ReportFormat(fmt).label,
        }
        return render(request, "reports/confirm_build.html", context)
    progress = build_start(by=request.user, report=report, fmt=fmt, unresolved=len(unresolved))
    return redirect("core:task_progress", uuid=progress.uuid)
