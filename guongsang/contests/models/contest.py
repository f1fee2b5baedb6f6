"""The contest, its rounds, rubric and prizes, and the judges' panel with their declared
conflicts."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.core.models import PublicModel
from guongsang.org.models import Unit


class Level(models.TextChoices):
    DEPARTMENT = "department", _("Cấp Sở")
    CITY = "city", _("Cấp Thành phố")


class ContestStatus(models.TextChoices):
    OPEN = "open", _("Đang nhận bài")
    JUDGING = "judging", _("Đang chấm")
    PUBLISHED = "published", _("Đã công bố kết quả")


class Contest(PublicModel):
    """Cuộc thi viết: one per organiser, year and level."""

    name = models.CharField(_("tên cuộc thi"), max_length=300)
    year = models.PositiveSmallIntegerField(_("năm"))
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices)
    organiser = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="contests", verbose_name=_("đơn vị tổ chức")
    )
    rules = models.TextField(_("thể lệ"), blank=True)
    min_words = models.PositiveIntegerField(_("số chữ tối thiểu"), default=1000)
    max_words = models.PositiveIntegerField(_("số chữ tối đa"), default=3000)
    submission_deadline = models.DateField(_("hạn nộp bài"))
    judging_deadline = models.DateField(_("hạn chấm"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ContestStatus.choices, default=ContestStatus.OPEN
    )
    published_at = models.DateTimeField(_("ngày công bố"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["organiser", "year", "level"], name="contest_unique_year_level"
            ),
            models.CheckConstraint(
                condition=Q(max_words__gte=models.F("min_words")), name="contest_word_range"
            ),
        ]
        indexes = [models.Index(fields=["year", "level"], name="contest_year_level_idx")]
        verbose_name = _("cuộc thi viết")
        verbose_name_plural = _("cuộc thi viết")

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class Round(models.Model):
    """Vòng thi: department preliminary (sơ khảo) → city rounds (chung khảo)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("vòng số"))
    name = models.CharField(_("tên vòng"), max_length=200)
    level = models.CharField(_("cấp chấm"), max_length=16, choices=Level.choices)
    advance_count = models.PositiveSmallIntegerField(
        _("số bài được chọn"),
        null=True,
        blank=True,
        default=5,
        help_text=_("Số bài điểm cao nhất vào vòng sau (để trống: tất cả)."),
    )
    closed_at = models.DateTimeField(_("ngày kết thúc vòng"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["contest", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="round_unique_number")
        ]
        verbose_name = _("vòng thi")
        verbose_name_plural = _("vòng thi")

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Criterion(models.Model):
    """Tiêu chí chấm: weight and score range."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tiêu chí"), max_length=200)
    description = models.TextField(_("hướng dẫn"), blank=True)
    weight = models.DecimalField(
        _("trọng số"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    min_score = models.DecimalField(_("điểm thấp nhất"), max_digits=5, decimal_places=1, default=0)
    max_score = models.DecimalField(_("điểm cao nhất"), max_digits=5, decimal_places=1, default=10)

    class Meta:
        ordering = ["contest", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_score__gt=models.F("min_score")), name="criterion_score_range"
            )
        ]
        verbose_name = _("tiêu chí chấm")
        verbose_name_plural = _("tiêu chí chấm")

    def __str__(self) -> str:
        return self.name


class Prize(models.Model):
    """Giải thưởng."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="prizes")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tên giải"), max_length=100)
    count = models.PositiveSmallIntegerField(_("số giải"), default=1)
    amount = models.PositiveIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)

    class Meta:
        ordering = ["contest", "order"]
        verbose_name = _("giải thưởng")
        verbose_name_plural = _("giải thưởng")

    def __str__(self) -> str:
        return self.name


class PanelMember(models.Model):
    """Thành viên Ban Giám khảo of a contest."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="panel")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contest_panels",
        verbose_name=_("giám khảo"),
    )
    is_chair = models.BooleanField(_("trưởng ban"), default=False)
    active = models.BooleanField(_("đang tham gia"), default=True)
    left_reason = models.CharField(_("lý do thay thế"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contest", "judge"], name="panel_unique_judge")
        ]
        verbose_name = _("thành viên Ban Giám khảo")
        verbose_name_plural = _("Ban Giám khảo")

    def __str__(self) -> str:
        return str(self.judge)


class DeclaredConflict(models.Model):
    """Xung đột lợi ích do giám khảo tự khai: a unit whose entries they must not score."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="conflicts")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("lý do"), max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "judge", "unit"], name="conflict_unique_unit"
            )
        ]
        verbose_name = _("xung đột lợi ích")
        verbose_name_plural = _("xung đột lợi ích")

    def __str__(self) -> str:
        return f"{self.judge} — {self.unit}"
