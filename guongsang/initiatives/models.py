"""Initiatives (sáng kiến): registered by a unit, assessed by an initiative council.

Luật Thi đua, khen thưởng 2022, Điều 3 khoản 4: a sáng kiến is a new technical, management,
operational or applied-technology solution, applied at the unit with real benefit, that can
be spread and is recognised by the competent level. The recognised scope (cơ sở, thành phố,
toàn quốc) is what the Chiến sĩ thi đua titles ask for (Điều 21, 22, 23 of the Law).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.core.formatting import vn_number
from guongsang.core.models import PublicModel


class Field(models.TextChoices):
    """The four kinds of solution the Law names (Điều 3 khoản 4)."""

    TECHNICAL = "technical", _("Giải pháp kỹ thuật")
    MANAGEMENT = "management", _("Giải pháp quản lý")
    OPERATIONS = "operations", _("Giải pháp tác nghiệp")
    APPLIED = "applied", _("Ứng dụng tiến bộ kỹ thuật")


class Scope(models.TextChoices):
    """Phạm vi công nhận: how far the initiative's effect reaches, as the council found."""

    BASE = "base", _("Cơ sở")
    CITY = "city", _("Thành phố")
    NATIONAL = "national", _("Toàn quốc")


SCOPE_RANK = {Scope.BASE: 1, Scope.CITY: 2, Scope.NATIONAL: 3}


def scopes_at_least(scope: str) -> list[str]:
    """The scopes as wide as `scope` or wider (a national initiative serves a base title)."""
    floor = SCOPE_RANK[Scope(scope)]
    return [s.value for s, rank in SCOPE_RANK.items() if rank >= floor]


class Status(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký, chờ đánh giá")
    RECOGNISED = "recognised", _("Đã công nhận")
    REFUSED = "refused", _("Không công nhận")


class Initiative(PublicModel):
    """Sáng kiến: what it is, who made it, where it was applied."""

    title = models.CharField(_("tên sáng kiến"), max_length=300)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("đơn vị")
    )
    field = models.CharField(_("lĩnh vực"), max_length=16, choices=Field.choices)
    started_on = models.DateField(_("ngày bắt đầu áp dụng"))
    registered_on = models.DateField(_("ngày đăng ký"))
    description = models.TextField(_("mô tả"))
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=Status.choices, default=Status.REGISTERED
    )
    # The widest scope recognised so far, kept with the status for the register's filters.
    scope = models.CharField(
        _("phạm vi công nhận"), max_length=16, choices=Scope.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-registered_on", "title"]
        indexes = [
            models.Index(fields=["unit", "registered_on"], name="initiative_unit_idx"),
            models.Index(fields=["status", "scope"], name="initiative_status_idx"),
        ]
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")

    def __str__(self) -> str:
        return self.title


class Author(models.Model):
    """Tác giả: a person and their share of the initiative, in percent."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="initiative_authorships"
    )
    share = models.DecimalField(_("tỷ lệ đóng góp (%)"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["-share", "id"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="author_once"),
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=100), name="author_share_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.share_label}%)"

    @property
    def share_label(self) -> str:
        """60 → "60", 33.5 → "33,5": the share the way it is written."""
        return vn_number(self.share, 0 if self.share == self.share.to_integral() else 2)


class Evidence(PublicModel):
    """A file that shows the initiative applied (report, minutes, photos), checked by content."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evidence")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    stored_path = models.FileField(max_length=300, upload_to="initiatives/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.original_name


class Assessment(PublicModel):
    """The initiative council's finding (Hội đồng sáng kiến): score, scope, decision.

    An initiative recognised at the base may later be recognised by the city: each finding
    is its own row, and the register shows the widest."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="assessments")
    council = models.CharField(_("hội đồng sáng kiến"), max_length=255)
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2)
    recognised = models.BooleanField(_("công nhận"))
    scope = models.CharField(
        _("phạm vi công nhận"), max_length=16, choices=Scope.choices, blank=True
    )
    decision_number = models.CharField(_("số quyết định"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["decision_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(recognised=True) & ~Q(scope="")) | (Q(recognised=False) & Q(scope="")),
                name="assessment_scope_when_recognised",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100), name="assessment_score_range"
            ),
        ]
        indexes = [
            models.Index(fields=["recognised", "scope", "decision_date"], name="assessment_idx")
        ]
        verbose_name = _("kết quả đánh giá sáng kiến")

    def __str__(self) -> str:
        return f"{self.decision_number} — {self.initiative}"
