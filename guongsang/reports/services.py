"""Writes of annual reports: open (create) a report, save its introduction, start a build."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.core import audit
from guongsang.core.formatting import nfc, vn_number, vn_percent
from guongsang.core.permissions import has_role, in_scope
from guongsang.core.types import Actor
from guongsang.org.models import Unit
from guongsang.reports.checks import Finding, warnings_for
from guongsang.reports.figures import ReportData, report_figures
from guongsang.reports.models import AnnualReport
from guongsang.reports.permissions import EDIT_ROLES

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_INTRODUCTION = 20_000


def _check_edit(user: Actor, unit_id: int) -> None:
    """`user=None` is the system itself (the demo), never a request."""
    if user is None:
        return
    if not (has_role(user, EDIT_ROLES) and in_scope(user, unit_id, EDIT_ROLES)):
        raise PermissionDenied(_("Bạn không có quyền soạn báo cáo của đơn vị này."))


def _change(change: int, noun: str) -> str:
    if change > 0:
        return _("tăng %(n)s %(w)s so với năm trước") % {"n": vn_number(change), "w": noun}
    if change < 0:
        return _("giảm %(n)s %(w)s so với năm trước") % {"n": vn_number(-change), "w": noun}
    return _("bằng năm trước")


def default_introduction(data: ReportData) -> str:
    """A first draft of the introduction, written from the computed figures."""
    parts = [
        _(
            "Năm %(y)s, phong trào thi đua “Người tốt, việc tốt” tiếp tục được %(u)s triển "
            "khai sâu rộng đến từng đơn vị, gắn với việc thực hiện nhiệm vụ chuyên môn."
        )
        % {"y": data.year, "u": data.unit.name}
    ]
    if data.titles:
        parts.append(
            _("Trong năm có %(i)s cá nhân (%(ci)s) và %(c)s tập thể (%(cc)s) được khen thưởng.")
            % {
                "i": vn_number(data.individuals),
                "ci": _change(data.individuals - data.previous_individuals, _("cá nhân")),
                "c": vn_number(data.collectives),
                "cc": _change(data.collectives - data.previous_collectives, _("tập thể")),
            }
        )
    city, base = data.level_count("thanh-pho"), data.level_count("co-so")
    if city or base:
        parts.append(
            _(
                "Danh hiệu “Người tốt, việc tốt”: %(c)s cá nhân cấp Thành phố, "
                "%(b)s cá nhân cấp cơ sở."
            )
            % {"c": vn_number(city or 0), "b": vn_number(base or 0)}
        )
    if data.contest_entries is not None and data.contest_change is not None:
        parts.append(
            _("Cuộc thi viết về gương điển hình tiên tiến nhận được %(n)s bài, %(c)s.")
            % {"n": vn_number(data.contest_entries), "c": _change(data.contest_change, _("bài"))}
        )
    for row in data.targets:
        if row.percent is not None:
            parts.append(
                _("Chỉ tiêu %(name)s đạt %(p)s kế hoạch năm.")
                % {"name": row.name.lower(), "p": vn_percent(row.percent)}
            )
    return " ".join(str(p) for p in parts)


@transaction.atomic
def report_open(*, by: Any, unit: Unit, year: int) -> AnnualReport:
    """The report of `unit` for `year`, created with a drafted introduction the first time."""
    _check_edit(by, unit.pk)
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise ValidationError(_("Năm %(y)s không hợp lệ.") % {"y": year})
    report = AnnualReport.objects.filter(unit=unit, year=year).first()
    if report is not None:
        return report
    data = report_figures(user=by, unit=unit, year=year)
    report = AnnualReport.objects.create(
        unit=unit, year=year, introduction=default_introduction(data), created_by=by
    )
    audit.audit_create(actor=by, obj=report)
    return report


@transaction.atomic
def report_set_issue(
    *, by: Any, report: AnnualReport, number: int | None, issued_on: dt.date | None
) -> AnnualReport:
    """The number and date of issue written in the report's header (either may be blank:
    the draft then leaves room to write them by hand)."""
    _check_edit(by, report.unit_id)
    if number is not None and number < 1:
        raise ValidationError(_("Số báo cáo phải là số nguyên dương."))
    if issued_on is not None and issued_on.year < report.year:
        raise ValidationError(
            _("Ngày ban hành phải sau năm %(y)s của báo cáo.") % {"y": report.year}
        )
    before = audit.snapshot(report)
    report.number, report.issued_on = number, issued_on
    report.save(update_fields=["number", "issued_on", "updated_at"])
    audit.audit_update(actor=by, obj=report, before=before)
    return report


@transaction.atomic
def report_save_introduction(
    *, by: Any, report: AnnualReport, introduction: str
) -> tuple[AnnualReport, list[Finding]]:
    """Save the typed introduction; return the figures in it that disagree with the records.

    The text is saved even when a figure disagrees: the officer decides, the page warns.
    """
    _check_edit(by, report.unit_id)
    text = nfc(introduction or "").strip()
    if len(text) > MAX_INTRODUCTION:
        raise ValidationError(_("Phần mở đầu quá dài (tối đa 20.000 ký tự)."))
    before = audit.snapshot(report)
    report.introduction = text
    report.save(update_fields=["introduction", "updated_at"])
    audit.audit_update(actor=by, obj=report, before=before)
    data = report_figures(user=by, unit=report.unit, year=report.year)
    return report, warnings_for(text, data)
