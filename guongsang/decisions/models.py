"""Quyết định khen thưởng: decisions, their numbering, recipients, and the submissions
(tờ trình) by which a department proposes titles it does not confer to the level above.

A decision is drafted without a number; the number is taken at signing from a counter row per
authority, series and calendar year (locked, so numbers are never reused or skipped). A signed
decision is never edited: a correction is a new decision that amends it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.awards.models import Award
from guongsang.catalogue.models import Title
from guongsang.core.models import AuthoredModel, PublicModel
from guongsang.decisions import codes
from guongsang.nominations.models import Dossier
from guongsang.org.models import Unit
from guongsang.people.models import Person


class Series(models.TextChoices):
    """The document type in the number: "125/QĐ-SLĐTBXH", "12/TTr-SLĐTBXH"."""

    DECISION = "QĐ", _("Quyết định")
    SUBMISSION = "TTr", _("Tờ trình")


class NumberCounter(models.Model):
    """The last number an authority gave in a series and calendar year (sổ đăng ký văn bản)."""

    authority = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    series = models.CharField(max_length=8, choices=Series.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "series", "year"], name="counter_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last}"


class AuthorityProfile(models.Model):
    """How an issuing unit writes its documents: names in the header, the signer's titles,
    the short code in numbers, and (optionally) its own DOCX template uploaded by the admin."""

    authority = models.OneToOneField(
        Unit, on_delete=models.CASCADE, related_name="decision_profile", verbose_name=_("cơ quan")
    )
    code = models.CharField(_("ký hiệu cơ quan"), max_length=32, help_text=_("Ví dụ: SLĐTBXH"))
    parent_name = models.CharField(
        _("cơ quan chủ quản"), max_length=200, blank=True, help_text=_("UBND THÀNH PHỐ HÀ NỘI")
    )
    issuer_name = models.CharField(_("tên cơ quan ban hành"), max_length=200)
    place = models.CharField(_("địa danh"), max_length=100, default="Hà Nội")
    head_title = models.CharField(_("chức vụ người đứng đầu"), max_length=100, default="GIÁM ĐỐC")
    deputy_title = models.CharField(_("chức vụ cấp phó"), max_length=100, default="PHÓ GIÁM ĐỐC")
    docx_template = models.FileField(
        _("mẫu quyết định (DOCX)"),
        upload_to="decision_templates/",
        blank=True,
        help_text=_("Để trống để dùng mẫu chung của hệ thống."),
    )

    class Meta:
        verbose_name = _("thông tin cơ quan ban hành")
        verbose_name_plural = _("thông tin cơ quan ban hành")

    def __str__(self) -> str:
        return self.issuer_name


class DecisionKind(models.TextChoices):
    AWARD = "award", _("Khen thưởng")
    REVOCATION = "revocation", _("Thu hồi khen thưởng")


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SIGNED = "signed", _("Đã ký")


class Decision(AuthoredModel):
    authority = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("cơ quan ban hành")
    )
    kind = models.CharField(
        _("loại quyết định"), max_length=16, choices=DecisionKind.choices, default="award"
    )
    state = models.CharField(
        _("trạng thái"), max_length=8, choices=DecisionState.choices, default="draft"
    )
    year = models.PositiveSmallIntegerField(_("năm khen thưởng"))
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True)
    code = models.CharField(_("ký hiệu"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày ký"), null=True, blank=True)
    summary = models.CharField(_("trích yếu"), max_length=500)
    legal_bases = models.TextField(_("căn cứ"), help_text=_("Mỗi căn cứ một dòng."))
    articles = models.TextField(
        _("các điều"), help_text=_("Mỗi điều một dòng, không ghi “Điều 1.”.")
    )
    recipients_list = models.TextField(_("nơi nhận"), help_text=_("Mỗi nơi nhận một dòng."))
    reason = models.TextField(_("lý do thu hồi"), blank=True)
    signer_name = models.CharField(_("người ký"), max_length=200, blank=True)
    signed_as_deputy = models.BooleanField(_("cấp phó ký thay"), default=False)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    amends = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
        verbose_name=_("sửa đổi, bổ sung quyết định"),
    )

    class Meta:
        ordering = ["-year", "-number", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "number_year", "number"],
                condition=Q(number__isnull=False),
                name="decision_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(state="draft", number__isnull=True)
                | Q(state="signed", number__isnull=False, decision_date__isnull=False),
                name="decision_number_only_when_signed",
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "state", "year"], name="decision_auth_state_idx"),
        ]
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")

    def __str__(self) -> str:
        return self.full_number or str(_("Dự thảo quyết định")) + f" {self.summary}"

    @property
    def full_number(self) -> str:
        """'125/QĐ-SLĐTBXH' once signed, empty for a draft."""
        return f"{self.number}/{self.code}" if self.number else ""

    @property
    def is_signed(self) -> bool:
        return self.state == DecisionState.SIGNED


class Recipient(PublicModel):
    """One line of the annex: who receives what, and the reward; linked to the award on record
    and carrying the certificate's verification code once the decision is signed."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="recipients")
    order = models.PositiveSmallIntegerField(default=0)
    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.PROTECT, related_name="decision_lines"
    )
    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Tập thể được khen, hoặc đơn vị của cá nhân."),
    )
    achievement = models.TextField(_("thành tích"), blank=True)
    amount = models.PositiveIntegerField(_("tiền thưởng (đồng)"), default=0)
    award = models.OneToOneField(
        Award, null=True, blank=True, on_delete=models.PROTECT, related_name="decision_line"
    )
    revokes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revoked_by",
        help_text=_("Trong quyết định thu hồi: dòng của quyết định khen thưởng bị thu hồi."),
    )
    certificate_code = models.CharField(max_length=16, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["decision", "order", "id"]
        verbose_name = _("người, tập thể được khen")
        verbose_name_plural = _("danh sách kèm theo")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.person is not None:
            return self.person.full_name
        return self.unit.name

    @property
    def is_collective(self) -> bool:
        return self.person_id is None


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SENT = "sent", _("Đã trình")


class Submission(AuthoredModel):
    """Tờ trình: the department proposes titles it does not confer to the level above."""

    authority = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("cơ quan trình")
    )
    to_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("trình cấp")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    state = models.CharField(
        _("trạng thái"), max_length=8, choices=SubmissionState.choices, default="draft"
    )
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    code = models.CharField(_("ký hiệu"), max_length=64, blank=True)
    submitted_on = models.DateField(_("ngày trình"), null=True, blank=True)
    summary = models.CharField(_("trích yếu"), max_length=500)
    body = models.TextField(_("nội dung"))
    signer_name = models.CharField(_("người ký"), max_length=200, blank=True)

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("tờ trình")
        verbose_name_plural = _("tờ trình")

    def __str__(self) -> str:
        return self.full_number or self.summary

    @property
    def full_number(self) -> str:
        return f"{self.number}/{self.code}" if self.number else ""


class SubmissionItem(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="submission_items")
    upper = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    conferred = models.BooleanField(_("được khen"), null=True)
    outcome_number = models.CharField(_("số quyết định cấp trên"), max_length=64, blank=True)
    outcome_date = models.DateField(_("ngày quyết định cấp trên"), null=True, blank=True)

    class Meta:
        ordering = ["submission", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "dossier"], name="submission_item_once")
        ]

    def __str__(self) -> str:
        return str(self.dossier)


class OutsideDecision(AuthoredModel):
    """Quyết định của cấp ngoài hệ thống: a decision made elsewhere (the President's Huân
    chương, the Prime Minister's Bằng khen) recorded by the level that proposed it, with its
    lines matched to the dossiers of that level's submissions."""

    recorded_by = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan ghi nhận")
    )
    submission = models.ForeignKey(
        Submission,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outside_decisions",
        verbose_name=_("tờ trình"),
    )
    authority = models.CharField(_("cấp quyết định"), max_length=200)
    number = models.CharField(_("số quyết định"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    year = models.PositiveSmallIntegerField(_("năm khen thưởng"))

    class Meta:
        ordering = ["-decision_date", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_by", "authority", "number", "decision_date"],
                name="outside_decision_once",
            )
        ]
        verbose_name = _("quyết định của cấp trên")
        verbose_name_plural = _("quyết định của cấp trên")

    def __str__(self) -> str:
        return f"{self.number} ({self.authority})"


class OutsideLine(PublicModel):
    """One person or collective in an outside decision, as written there; `item` is the
    submission line it was matched to (None until a person resolves it)."""

    decision = models.ForeignKey(OutsideDecision, on_delete=models.CASCADE, related_name="lines")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("họ tên / tập thể"), max_length=300)
    unit_name = models.CharField(_("đơn vị"), max_length=300, blank=True)
    title_name = models.CharField(_("danh hiệu, hình thức"), max_length=300)
    item = models.OneToOneField(
        SubmissionItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outside_line",
    )
    award = models.OneToOneField(
        Award, null=True, blank=True, on_delete=models.PROTECT, related_name="outside_line"
    )
    certificate_code = models.CharField(max_length=16, null=True, blank=True, unique=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["decision", "order", "id"]
        verbose_name = _("dòng quyết định của cấp trên")
        verbose_name_plural = _("danh sách quyết định của cấp trên")

    def __str__(self) -> str:
        return self.name

    @property
    def is_matched(self) -> bool:
        return self.item_id is not None

    @property
    def grouped_code(self) -> str:
        """The verification code as printed: "7KQ2M-XH4TR"."""
        return codes.grouped(self.certificate_code or "")
