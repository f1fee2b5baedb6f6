"""Awards on record: what was conferred on whom, by which decision (lịch sử khen thưởng).

Filled by decisions and by imports of historic records; prerequisite checks and all
statistics read it. Level, target and year are copied from the title and the decision so
that grouped counts over millions of rows need no join.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.catalogue.models import Level, Target, Title
from guongsang.core.models import PublicModel
from guongsang.org.models import Unit
from guongsang.people.models import Person


class AwardSource(models.TextChoices):
    DECISION = "decision", _("Quyết định trong hệ thống")
    IMPORT = "import", _("Nhập từ hồ sơ lưu trữ")


class Award(PublicModel):
    title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("danh hiệu / hình thức"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices)
    target = models.CharField(_("đối tượng"), max_length=16, choices=Target.choices)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("cá nhân"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("đơn vị"),
        help_text=_("Tập thể được khen, hoặc đơn vị của cá nhân vào lúc được khen."),
    )
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    authority = models.CharField(_("cấp quyết định"), max_length=200, blank=True)
    amount = models.PositiveIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    source = models.CharField(_("nguồn"), max_length=16, choices=AwardSource.choices)
    revoked_on = models.DateField(_("ngày thu hồi"), null=True, blank=True)
    revoke_reason = models.TextField(_("lý do thu hồi"), blank=True)

    class Meta:
        ordering = ["-year", "title__order"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(target=Target.INDIVIDUAL) & Q(person__isnull=False))
                | (Q(target=Target.COLLECTIVE) & Q(person__isnull=True)),
                name="award_recipient_matches_target",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "level", "target"], name="award_year_level_idx"),
            models.Index(fields=["unit", "year"], name="award_unit_year_idx"),
            models.Index(fields=["title", "year"], name="award_title_year_idx"),
            models.Index(fields=["person", "year"], name="award_person_year_idx"),
        ]
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("lịch sử khen thưởng")

    def __str__(self) -> str:
        who = self.person.full_name if self.person is not None else self.unit.name
        return f"{self.title} {self.year} — {who}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_on is not None
