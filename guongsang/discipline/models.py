"""Kỷ luật: a discipline decided on a person or a unit, with the period it runs. While it
runs (and, for the yearly titles, in any year it touches) the eligibility checks refuse a
nomination, per the title's rule (Title.discipline_rule)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.core.models import PublicModel
from guongsang.org.models import Unit
from guongsang.people.models import Person


class DisciplineForm(models.TextChoices):
    """Hình thức kỷ luật (Luật Cán bộ, công chức; Luật Viên chức; for an organisation, the
    Party's and the State's rules)."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    SALARY_DOWN = "salary_down", _("Hạ bậc lương")
    DEMOTION = "demotion", _("Giáng chức")
    DISMISSAL = "dismissal", _("Cách chức")
    TERMINATION = "termination", _("Buộc thôi việc")


class Discipline(PublicModel):
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disciplines",
        verbose_name=_("cá nhân"),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disciplines",
        verbose_name=_("tập thể"),
    )
    form = models.CharField(_("hình thức kỷ luật"), max_length=16, choices=DisciplineForm.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    starts_on = models.DateField(_("thi hành từ ngày"))
    ends_on = models.DateField(
        _("hết thời hạn ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống khi chưa xác định (coi như đang thi hành)."),
    )
    reason = models.TextField(_("lý do"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(unit__isnull=True))
                | (Q(person__isnull=True) & Q(unit__isnull=False)),
                name="discipline_one_subject",
                violation_error_message=_("Chọn một cá nhân hoặc một tập thể bị kỷ luật."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="discipline_period_order",
                violation_error_message=_("Ngày hết thời hạn phải sau ngày thi hành."),
            ),
        ]
        indexes = [
            models.Index(fields=["person", "starts_on"], name="discipline_person_idx"),
            models.Index(fields=["unit", "starts_on"], name="discipline_unit_idx"),
        ]
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")

    def __str__(self) -> str:
        who = self.person.full_name if self.person is not None else str(self.unit)
        return f"{self.get_form_display()} — {who} ({self.decision_number})"

    def runs_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def touches_year(self, year: int) -> bool:
        return self.starts_on.year <= year and (self.ends_on is None or self.ends_on.year >= year)
