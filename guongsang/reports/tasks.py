"""Background build of an annual report (DOCX, PDF or XLSX) with progress."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from guongsang.accounts.models import User
from guongsang.core import audit
from guongsang.core.files import file_save
from guongsang.core.formatting import file_slug
from guongsang.core.models import AuditAction, TaskProgress
from guongsang.core.permissions import has_role, in_scope
from guongsang.core.tasks import (
    progress_finish,
    progress_run,
    progress_update,
    task_queue,
)
from guongsang.reports.documents import BUILDERS
from guongsang.reports.figures import report_figures
from guongsang.reports.models import AnnualReport, ReportFormat
from guongsang.reports.permissions import VIEW_ROLES

BUILD_LABEL = "Xuất báo cáo tổng kết"


def build_start(*, by: Any, report: AnnualReport, fmt: str, unresolved: int = 0) -> TaskProgress:
    """Queue the build of `report` in `fmt`; the task page follows its progress.
    `unresolved`: the figure warnings the officer confirmed building with (audited)."""
    if fmt not in ReportFormat.values:
        raise ValidationError(_("Định dạng “%(f)s” không hỗ trợ.") % {"f": fmt})
    if not (has_role(by, VIEW_ROLES) and in_scope(by, report.unit_id, VIEW_ROLES)):
        raise PermissionDenied(_("Bạn không có quyền xem báo cáo này."))

    def record(progress: TaskProgress) -> None:
        AnnualReport.objects.filter(pk=report.pk).update(last_build=progress, last_format=fmt)
        after = {"format": fmt, "unresolved_warnings": unresolved}
        audit.audit_log(actor=by, action=AuditAction.EXPORT, obj=report, after=after)

    return task_queue(
        owner=by,
        label=f"{BUILD_LABEL} {report.year} ({fmt.upper()})",
        task=build_run,
        args=[by.pk, report.pk, fmt],
        record=record,
        source_url=reverse("reports:detail", args=[report.uuid]),
        source_label=f"{BUILD_LABEL} {report.year}",
    )


def file_name(report: AnnualReport, fmt: str) -> str:
    return f"bao-cao-tong-ket-{report.year}-{file_slug(report.unit.code)}.{fmt}"


@task()
def build_run(progress_id: int, user_id: int, report_id: int, fmt: str) -> str:
    with progress_run(progress_id), translation.override("vi"):
        user = User.objects.get(pk=user_id)
        report = AnnualReport.objects.select_related("unit", "unit__parent").get(pk=report_id)
        progress_update(progress_id, 10, "Đang tính số liệu…")
        data = report_figures(user=user, unit=report.unit, year=report.year)
        progress_update(progress_id, 50, "Đang dựng văn bản…")
        content = BUILDERS[fmt](report, data)
        relative = file_save(folder="exports", extension=f".{fmt}", content=content)
        progress_finish(
            progress_id,
            result_file=relative,
            result_name=file_name(report, fmt),
            message="Đã xuất báo cáo.",
        )
    return relative
