"""Danh mục: emulation titles and commendation forms, their rules, and the base salary.

Legal values that change (coefficients, thresholds, quotas, base salary) are data with a
valid-from date, edited by the admin, never constants in code.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.core.models import PublicModel


class AwardKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class Level(models.TextChoices):
    BASE = "base", _("Cơ sở")
    CITY = "city", _("Cấp Thành phố")
    NATIONAL = "national", _("Toàn quốc")


class Target(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    BOTH = "both", _("Cá nhân và tập thể")


class BallotRule(models.TextChoices):
    """How the council's yes votes are counted for this title."""

    OF_ALL_MEMBERS = "all_members", _("Tỷ lệ trên tổng số thành viên Hội đồng")
    OF_PRESENT = "present", _("Tỷ lệ trên số thành viên có mặt")


class DisciplineRule(models.TextChoices):
    """When a discipline (kỷ luật) of the nominee stops a proposal of this title."""

    IN_YEAR = "in_year", _("Bị kỷ luật trong năm xét thì không xét tặng")
    RUNNING = "running", _("Đang trong thời gian thi hành kỷ luật thì không đề nghị")
    NONE = "none", _("Không áp dụng")


class Title(PublicModel):
    """A danh hiệu or hình thức khen thưởng as the law and the city's rules define it."""

    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=8, choices=AwardKind.choices)
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices)
    target = models.CharField(_("đối tượng"), max_length=16, choices=Target.choices)
    authority = models.CharField(_("thẩm quyền quyết định"), max_length=200)
    conferred_by_department = models.BooleanField(
        _("Sở quyết định"),
        default=True,
        help_text=_("Bỏ chọn khi Sở chỉ đề nghị cấp trên (trình Thành phố, Trung ương)."),
    )
    criteria = models.JSONField(_("tiêu chuẩn"), default=list, blank=True)
    legal_basis = models.CharField(
        _("căn cứ tiêu chuẩn"),
        max_length=300,
        blank=True,
        help_text=_("Điều, khoản của Luật, Nghị định quy định tiêu chuẩn này."),
    )
    ballot_rule = models.CharField(
        _("cách tính phiếu"),
        max_length=16,
        choices=BallotRule.choices,
        default=BallotRule.OF_PRESENT,
    )
    ballot_threshold = models.DecimalField(
        _("ngưỡng phiếu đồng ý (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        help_text=_("Ví dụ: 90 (trên tổng số thành viên) hoặc 50 (quá nửa số có mặt)."),
    )
    ballot_strictly_above = models.BooleanField(
        _("phải vượt ngưỡng"),
        default=True,
        help_text=_("Chọn khi cần “quá” ngưỡng (quá nửa); bỏ chọn khi “đạt từ” ngưỡng (từ 90%)."),
    )
    quota_percent = models.DecimalField(
        _("tỷ lệ tối đa (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    quota_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tính trên số"),
        # xgettext:no-python-format
        help_text=_("Ví dụ: Chiến sĩ thi đua cơ sở không quá 15% số Lao động tiên tiến."),
    )
    quota_basis = models.CharField(_("căn cứ tỷ lệ"), max_length=300, blank=True)
    coefficient = models.DecimalField(_("hệ số tiền thưởng"), max_digits=5, decimal_places=2)
    coefficient_basis = models.CharField(_("căn cứ hệ số"), max_length=300, blank=True)
    collective_doubles = models.BooleanField(
        _("tập thể được gấp đôi"),
        default=False,
        help_text=_("Hình thức khen thưởng: tập thể được gấp đôi hệ số của cá nhân."),
    )
    interval_years = models.PositiveSmallIntegerField(
        _("số năm giữa hai lần tặng"),
        default=1,
        help_text=_(
            "1: xét hằng năm. Ví dụ: Chiến sĩ thi đua cấp Thành phố cần 3 lần liên tục "
            "Chiến sĩ thi đua cơ sở nên hai lần tặng cách nhau ít nhất 3 năm."
        ),
    )
    interval_basis = models.CharField(_("căn cứ khoảng cách"), max_length=300, blank=True)
    unit_vote_threshold = models.DecimalField(
        _("ngưỡng phiếu họp xét của đơn vị (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        help_text=_("Tỷ lệ phiếu đồng ý trên số người dự cuộc họp xét của đơn vị."),
    )
    unit_vote_strictly_above = models.BooleanField(
        _("phiếu họp xét phải vượt ngưỡng"), default=True
    )
    unit_vote_basis = models.CharField(_("căn cứ phiếu họp xét"), max_length=300, blank=True)
    discipline_rule = models.CharField(
        _("khi bị kỷ luật"),
        max_length=16,
        choices=DisciplineRule.choices,
        default=DisciplineRule.RUNNING,
    )
    discipline_basis = models.CharField(_("căn cứ về kỷ luật"), max_length=300, blank=True)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("hết áp dụng từ ngày"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ballot_threshold__gte=0) & Q(ballot_threshold__lte=100),
                name="title_threshold_range",
            ),
            models.CheckConstraint(condition=Q(coefficient__gte=0), name="title_coefficient_pos"),
            models.CheckConstraint(
                condition=Q(unit_vote_threshold__gte=0) & Q(unit_vote_threshold__lte=100),
                name="title_unit_vote_range",
            ),
            models.CheckConstraint(condition=Q(interval_years__gte=1), name="title_interval_pos"),
        ]
        verbose_name = _("danh hiệu / hình thức")
        verbose_name_plural = _("danh hiệu / hình thức")

    def __str__(self) -> str:
        return self.name


class Counting(models.TextChoices):
    """How the law counts a prerequisite."""

    YEARS = "years", _("N năm liên tục đạt danh hiệu")
    AWARDS = "awards", _("N lần liên tục được tặng (theo chu kỳ của danh hiệu)")
    AFTER = "after", _("Đã được tặng, từ đó đủ N năm")


class Prerequisite(models.Model):
    """Điều kiện: a title needs another one, counted as the law counts it: N consecutive years
    (Chiến sĩ thi đua cơ sở needs Lao động tiên tiến the same year), N consecutive awards in
    the required title's own cycle (Chiến sĩ thi đua toàn quốc needs two consecutive awards of
    the city's, which comes once in 3 years), or N years since an award (Huân chương Lao động
    hạng Ba, 5 years after the Prime Minister's Bằng khen)."""

    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="prerequisites")
    required = models.ForeignKey(
        Title, on_delete=models.PROTECT, related_name="+", verbose_name=_("cần có")
    )
    counting = models.CharField(
        _("cách tính"), max_length=8, choices=Counting.choices, default=Counting.YEARS
    )
    consecutive_years = models.PositiveSmallIntegerField(_("N (số năm / số lần)"), default=1)
    same_year = models.BooleanField(
        _("tính cả năm xét"),
        default=True,
        help_text=_("Chọn khi năm xét là năm cuối của chuỗi (ví dụ: cùng năm)."),
    )
    blocking = models.BooleanField(
        _("bắt buộc"),
        default=True,
        help_text=_(
            "Bỏ chọn khi đây chỉ là một trong các tiêu chuẩn thay thế nhau: thiếu thì nhắc, "
            "không chặn hồ sơ."
        ),
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("điều kiện")
        verbose_name_plural = _("điều kiện")

    def __str__(self) -> str:
        return f"{self.title} ← {self.consecutive_years} × {self.required}"


class BaseSalary(models.Model):
    """Mức lương cơ sở, in force from a date until the next row's date."""

    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    valid_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")

    def __str__(self) -> str:
        return f"{self.amount:,} từ {self.valid_from:%d/%m/%Y}"
