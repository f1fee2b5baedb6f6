"""Emulation movements (phong trào thi đua), their plans, and the pledges made against them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.catalogue.models import Title
from guongsang.core.models import PublicModel
from guongsang.org.models import Unit
from guongsang.people.models import Person


class LegalBasis(models.Model):
    """Căn cứ pháp lý: a law, decree or directive that plans cite ("Căn cứ Luật …")."""

    number = models.CharField(_("số hiệu"), max_length=64, unique=True)
    kind = models.CharField(_("loại văn bản"), max_length=64)
    title = models.CharField(_("trích yếu"), max_length=300)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    issued_on = models.DateField(_("ngày ban hành"))

    class Meta:
        ordering = ["issued_on", "number"]
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        """As plans cite it: "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022",
        "Chỉ thị số 34-CT/TW ngày 7/4/2014 của Bộ Chính trị về …" (a law names itself)."""
        on = self.issued_on
        date = f"ngày {on.day}/{on.month}/{on.year}"
        if self.kind == "Luật":
            return f"{self.kind} {self.title} số {self.number} {date}"
        return f"{self.kind} số {self.number} {date} của {self.issuer} {self.title}"


class MovementKind(models.TextChoices):
    """The two ways the Law organises emulation (Luật Thi đua, khen thưởng 2022, Điều 9)."""

    REGULAR = "thuong_xuyen", _("Thi đua thường xuyên")
    THEMATIC = "chuyen_de", _("Thi đua theo chuyên đề")


class Movement(PublicModel):
    """Phong trào thi đua: launched by a level (the department, the city) with its plan."""

    name = models.CharField(_("tên phong trào"), max_length=300)
    kind = models.CharField(
        _("hình thức"), max_length=16, choices=MovementKind.choices, default=MovementKind.REGULAR
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    organiser = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="movements",
        verbose_name=_("cấp phát động"),
        help_text=_("Đơn vị phát động (Sở, Thành phố); các đơn vị trực thuộc đăng ký thi đua."),
    )
    launched_on = models.DateField(_("ngày phát động"))
    pledge_deadline = models.DateField(_("hạn đăng ký thi đua"), null=True, blank=True)
    nomination_deadline = models.DateField(
        _("hạn nộp hồ sơ đề nghị khen thưởng"), null=True, blank=True
    )
    plan_number = models.CharField(_("số kế hoạch"), max_length=64, blank=True)
    plan_date = models.DateField(_("ngày ban hành kế hoạch"), null=True, blank=True)
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    legal_bases = models.ManyToManyField(
        LegalBasis, blank=True, related_name="movements", verbose_name=_("căn cứ pháp lý")
    )
    linked = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="linked_from",
        verbose_name=_("gắn với phong trào"),
        help_text=_("Phong trào mà phong trào này hưởng ứng, gắn với (ví dụ: của Thành phố)."),
    )

    class Meta:
        ordering = ["-year", "-launched_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organiser", "year", "name"], name="movement_unique_per_level_year"
            ),
            models.CheckConstraint(
                condition=Q(pledge_deadline__isnull=True)
                | Q(pledge_deadline__gte=models.F("launched_on")),
                name="movement_pledge_after_launch",
            ),
            models.CheckConstraint(
                condition=Q(nomination_deadline__isnull=True)
                | Q(nomination_deadline__gte=models.F("launched_on")),
                name="movement_nomination_after_launch",
            ),
        ]
        indexes = [models.Index(fields=["organiser", "year"], name="movement_organiser_year_idx")]
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")

    def __str__(self) -> str:
        return self.name


class PlanContent(models.Model):
    """Nội dung thi đua: one numbered content of the movement's plan (kế hoạch)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="contents")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    title = models.CharField(_("nội dung"), max_length=500)
    description = models.TextField(_("diễn giải"), blank=True)

    class Meta:
        ordering = ["movement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "number"], name="plan_content_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="plan_content_number_pos"),
        ]
        verbose_name = _("nội dung kế hoạch")
        verbose_name_plural = _("nội dung kế hoạch")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Pledge(PublicModel):
    """Đăng ký thi đua: a unit pledges for itself (person empty) or for one of its people.

    `unit` is the pledging collective, or the unit of the person at the time of the pledge;
    a pledge made after the deadline is kept only with the secretariat's reason.
    """

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="pledges", verbose_name=_("phong trào")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("đơn vị")
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
        verbose_name=_("cá nhân"),
    )
    titles = models.ManyToManyField(
        Title, related_name="pledges", verbose_name=_("danh hiệu, hình thức đăng ký")
    )
    commitments = models.TextField(_("nội dung cam kết"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người đăng ký"),
    )
    is_late = models.BooleanField(_("đăng ký muộn"), default=False)
    late_reason = models.TextField(_("lý do ghi nhận đăng ký muộn"), blank=True)

    class Meta:
        ordering = ["movement", "unit__name", "person__sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit"],
                condition=Q(person__isnull=True),
                name="pledge_one_per_unit",
            ),
            models.UniqueConstraint(
                fields=["movement", "person"],
                condition=Q(person__isnull=False),
                name="pledge_one_per_person",
            ),
            models.CheckConstraint(
                condition=Q(is_late=False) | ~Q(late_reason=""), name="pledge_late_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["unit", "movement"], name="pledge_unit_movement_idx")]
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")

    def __str__(self) -> str:
        who = self.person.full_name if self.person is not None else self.unit.name
        return f"{who} — {self.movement}"

    @property
    def is_collective(self) -> bool:
        return self.person_id is None
