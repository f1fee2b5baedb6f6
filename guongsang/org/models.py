"""Units over time (đơn vị), their history, and emulation clusters (cụm thi đua)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.core.models import PublicModel


class UnitType(models.TextChoices):
    CITY = "thanh_pho", _("Thành phố")
    PEOPLES_COMMITTEE = "ubnd", _("Uỷ ban nhân dân")
    BOARD = "ban", _("Ban")
    DEPARTMENT = "so", _("Sở")
    DISTRICT = "quan_huyen", _("Quận/huyện")
    DIVISION = "phong", _("Phòng")
    CENTRE = "trung_tam", _("Trung tâm")
    SCHOOL = "truong", _("Trường")
    REHAB = "co_so_cai_nghien", _("Cơ sở cai nghiện")
    FACULTY = "khoa", _("Khoa")
    ENTERPRISE = "doanh_nghiep", _("Doanh nghiệp")
    MINISTRY = "bo", _("Bộ")
    OTHER = "khac", _("Khác")


class Unit(PublicModel):
    """Đơn vị: one node of the organisation tree, with the dates it existed.

    `parent` is the unit's present (or last) parent; the dated tree lives in UnitClosure.
    `current` answers "what unit is this today": itself while active, its successor
    (transitively) after a merge.
    """

    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    unit_type = models.CharField(_("loại đơn vị"), max_length=32, choices=UnitType.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(_("ngày thành lập"))
    valid_to = models.DateField(_("ngày giải thể/sáp nhập"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="predecessors"
    )
    current = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="lineage"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="unit_valid_range",
            )
        ]
        indexes = [models.Index(fields=["current"], name="unit_current_idx")]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.valid_to is None


class UnitName(models.Model):
    """A name the unit bore over a period (renames keep the unit's identity)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=255)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return self.name


class UnitClosure(models.Model):
    """Closure table with dates: `ancestor` contains `descendant` during [valid_from, valid_to).

    "Units under X as of D" is one indexed query on this table.
    """

    ancestor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    descendant = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    depth = models.PositiveSmallIntegerField()
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["ancestor", "valid_from", "valid_to"], name="closure_anc_idx"),
            models.Index(fields=["descendant", "valid_from", "valid_to"], name="closure_desc_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.ancestor_id}→{self.descendant_id} ({self.depth})"


class UnitEventKind(models.TextChoices):
    CREATED = "created", _("Thành lập")
    RENAMED = "renamed", _("Đổi tên")
    MOVED = "moved", _("Chuyển trực thuộc")
    MERGED = "merged", _("Sáp nhập")
    DISSOLVED = "dissolved", _("Giải thể")


class UnitEvent(models.Model):
    """One line of a unit's history, shown on its page."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=UnitEventKind.choices)
    on = models.DateField()
    description = models.CharField(max_length=500)
    related = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return self.description


class Cluster(PublicModel):
    """Cụm/khối thi đua: peer agencies that score and rank one another yearly."""

    number = models.PositiveSmallIntegerField(_("số cụm"))
    name = models.CharField(_("tên cụm"), max_length=255)
    organiser = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="organised_clusters",
        help_text=_("Cấp tổ chức cụm (ví dụ: Thành phố)."),
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["organiser", "number"], name="cluster_number_unique")
        ]
        verbose_name = _("cụm thi đua")
        verbose_name_plural = _("cụm thi đua")

    def __str__(self) -> str:
        return self.name


class ClusterMembership(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cluster_memberships")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    is_head = models.BooleanField(_("cụm trưởng"), default=False)

    class Meta:
        verbose_name = _("thành viên cụm thi đua")
        ordering = ["cluster", "unit__name"]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.unit}"
