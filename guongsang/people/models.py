"""People (staff and citizens), their positions over time, and their personal data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from guongsang.core.models import PublicModel
from guongsang.org.models import Unit


class PersonKind(models.TextChoices):
    STAFF = "staff", _("Cán bộ, công chức, viên chức, người lao động")
    CITIZEN = "citizen", _("Công dân")


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Person(PublicModel):
    """Cá nhân. Personal data is masked by default; every unmasked view is logged."""

    PERSONAL_FIELDS = ("citizen_id", "date_of_birth", "phone", "address")
    DERIVED_FIELDS = ("sort_name",)  # computed from full_name: not worth a line in the log

    full_name = models.CharField(_("họ và tên"), max_length=150, db_index=True)
    # Vietnamese order (by given name, then family name); see core.formatting.vn_sort_key.
    sort_name = models.CharField(max_length=240, db_index=True, editable=False, default="")
    kind = models.CharField(_("loại"), max_length=16, choices=PersonKind.choices)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)
    home_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("đơn vị quản lý"),
        help_text=_("Đơn vị đang quản lý hồ sơ của người này (quyết định ai được xem)."),
    )
    citizen_id = models.CharField(
        _("số định danh cá nhân"), max_length=12, null=True, blank=True, unique=True
    )
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=15, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    class Meta:
        ordering = ["sort_name", "id"]
        indexes = [models.Index(fields=["home_unit", "sort_name"], name="person_unit_sort_idx")]
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")

    def __str__(self) -> str:
        return self.full_name

    # Masked forms, shown wherever the full value is not needed.
    @property
    def citizen_id_masked(self) -> str:
        return f"{self.citizen_id[:3]}*******{self.citizen_id[-2:]}" if self.citizen_id else ""

    @property
    def phone_masked(self) -> str:
        return f"{self.phone[:3]}****{self.phone[-3:]}" if self.phone else ""

    @property
    def date_of_birth_masked(self) -> str:
        return f"**/**/{self.date_of_birth.year}" if self.date_of_birth else ""

    @property
    def address_masked(self) -> str:
        if not self.address:
            return ""
        # Keep only the last part (district/city), hide the street and number; an address
        # with no comma is all street and number, so nothing of it is shown.
        if "," not in self.address:
            return "***"
        return "***, " + self.address.rsplit(",", 1)[-1].strip()


class Position(models.Model):
    """Chức vụ: a person held a position in a unit over a period."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(_("chức vụ"), max_length=200)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        indexes = [
            models.Index(fields=["unit", "valid_from", "valid_to"], name="position_unit_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gt=models.F("valid_from")),
                name="position_valid_range",
            )
        ]
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")

    def __str__(self) -> str:
        return f"{self.title} — {self.unit}"
