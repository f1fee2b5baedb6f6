"""Chỉ tiêu chuyên môn: sector indicators, their yearly plans per unit and monthly results."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.core.models import PublicModel
from guongsang.org.models import Unit


class Indicator(PublicModel):
    """Chỉ tiêu: jobs created, vocational training enrolments, rehab admissions, …"""

    code = models.SlugField(_("mã chỉ tiêu"), max_length=64, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    measure = models.CharField(_("đơn vị tính"), max_length=32, default="người")
    description = models.TextField(_("mô tả"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self) -> str:
        return self.name


class Plan(PublicModel):
    """Kế hoạch năm: the yearly plan of one indicator for one unit."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="plans", verbose_name=_("chỉ tiêu")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="target_plans", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    value = models.DecimalField(
        _("kế hoạch"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["year", "indicator__order", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "year"], name="target_plan_unique"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_plan_nonneg"),
        ]
        indexes = [models.Index(fields=["year", "unit"], name="target_plan_year_unit")]
        verbose_name = _("kế hoạch chỉ tiêu")
        verbose_name_plural = _("kế hoạch chỉ tiêu")

    def __str__(self) -> str:
        return f"{self.indicator} – {self.unit} – {self.year}"


class Result(PublicModel):
    """Kết quả tháng: what one unit reached on one indicator in one month."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="results", verbose_name=_("chỉ tiêu")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="target_results", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    month = models.PositiveSmallIntegerField(
        _("tháng"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    value = models.DecimalField(
        _("kết quả"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["year", "month", "indicator__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "year", "month"], name="target_result_unique"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="target_result_month"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_result_nonneg"),
        ]
        indexes = [models.Index(fields=["year", "unit", "month"], name="target_result_year_unit")]
        verbose_name = _("kết quả chỉ tiêu")
        verbose_name_plural = _("kết quả chỉ tiêu")

    def __str__(self) -> str:
        return f"{self.indicator} – {self.unit} – {self.month}/{self.year}"
