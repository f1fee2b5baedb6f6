"""Báo cáo tổng kết phong trào: the annual summary report of a unit's subtree.

Only the introduction is typed (and saved per report); every figure is computed from the
records when the report is shown or built.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guongsang.core.models import PublicModel, TaskProgress
from guongsang.org.models import Unit


class ReportFormat(models.TextChoices):
    DOCX = "docx", _("Word (DOCX)")
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Excel (XLSX)")


class AnnualReport(PublicModel):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="annual_reports", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    introduction = models.TextField(_("phần mở đầu"), blank=True)
    # Written when the report is issued (Decree 30: "Số: 12/BC-SLĐTBXH", place and date);
    # a blank number and date in the draft, to be filled by hand otherwise.
    number = models.PositiveIntegerField(_("số báo cáo"), null=True, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    last_build = models.ForeignKey(
        TaskProgress,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lần xuất gần nhất"),
    )
    last_format = models.CharField(
        _("định dạng xuất gần nhất"), max_length=8, choices=ReportFormat.choices, blank=True
    )

    class Meta:
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="annual_report_unit_year")
        ]
        verbose_name = _("báo cáo tổng kết")
        verbose_name_plural = _("báo cáo tổng kết")

    def __str__(self) -> str:
        return f"Báo cáo tổng kết năm {self.year} – {self.unit}"
