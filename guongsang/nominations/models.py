"""Hồ sơ đề nghị khen thưởng: the nomination dossier, its files, and its history of states."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.catalogue.models import Title
from guongsang.core.models import AuthoredModel, PublicModel
from guongsang.org.models import Unit
from guongsang.people.models import Person


class Track(models.TextChoices):
    YEARLY = "yearly", _("Thường xuyên (hằng năm)")
    THEMATIC = "thematic", _("Chuyên đề, theo đợt")
    AD_HOC = "ad_hoc", _("Đột xuất")


class State(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại để bổ sung")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    PUBLIC_NOTICE = "public_notice", _("Đang công khai")
    COUNCIL = "council", _("Trình Hội đồng")
    RECOMMENDED = "recommended", _("Hội đồng đề nghị khen")
    NOT_RECOMMENDED = "not_recommended", _("Hội đồng không đề nghị")
    DECIDED = "decided", _("Đã có quyết định")
    FORWARDED = "forwarded", _("Đã trình cấp trên")
    WITHDRAWN = "withdrawn", _("Đã rút")
    REJECTED = "rejected", _("Không tiếp nhận")


# States in which a dossier still counts as a live proposal (for duplicates and quotas).
LIVE_STATES = (
    State.DRAFT,
    State.SUBMITTED,
    State.RETURNED,
    State.ACCEPTED,
    State.PUBLIC_NOTICE,
    State.COUNCIL,
    State.RECOMMENDED,
    State.DECIDED,
    State.FORWARDED,
)


class Dossier(AuthoredModel):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("đơn vị đề nghị")
    )
    level_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="dossiers_to_review",
        verbose_name=_("cấp xét"),
        help_text=_("Cấp có Hội đồng TĐKT xét hồ sơ (Sở, Thành phố…): thường trực cấp này xử lý."),
    )
    title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("danh hiệu / hình thức"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    track = models.CharField(
        _("loại khen thưởng"), max_length=16, choices=Track.choices, default=Track.YEARLY
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("cá nhân được đề nghị"),
    )
    nominee_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("tập thể được đề nghị"),
    )
    summary = models.TextField(_("tóm tắt thành tích"), blank=True)
    report = models.TextField(_("báo cáo thành tích"), blank=True)
    meeting_date = models.DateField(_("ngày họp xét"), null=True, blank=True)
    votes_yes = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    votes_total = models.PositiveSmallIntegerField(_("tổng số người dự họp"), null=True, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=State.choices, default=State.DRAFT, db_index=True
    )
    state_changed_at = models.DateTimeField(null=True, blank=True)
    forwarded_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwarded_to",
        help_text=_("Hồ sơ của cấp dưới mà hồ sơ này tiếp nhận khi được trình lên."),
    )
    outcome_note = models.CharField(_("kết quả ở cấp trên"), max_length=300, blank=True)
    # The blank form it was made from (see DossierForm.form_token): a form posted twice
    # makes one dossier.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    movement = models.ForeignKey(
        "movements.Movement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("phong trào thi đua"),
    )

    class Meta:
        ordering = ["-year", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(nominee_unit__isnull=True))
                | (Q(person__isnull=True) & Q(nominee_unit__isnull=False)),
                name="dossier_one_nominee",
                violation_error_message=_("Chọn một cá nhân hoặc một tập thể được đề nghị."),
            ),
            models.CheckConstraint(
                condition=Q(votes_yes__isnull=True)
                | Q(votes_total__isnull=True)
                | Q(votes_yes__lte=models.F("votes_total")),
                name="dossier_votes_consistent",
                violation_error_message=_("Số phiếu đồng ý không thể lớn hơn số người dự họp."),
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "year", "state"], name="dossier_unit_year_idx"),
            models.Index(fields=["level_unit", "state"], name="dossier_level_state_idx"),
            models.Index(fields=["title", "year", "state"], name="dossier_title_year_idx"),
            models.Index(fields=["person", "year"], name="dossier_person_year_idx"),
        ]
        verbose_name = _("hồ sơ đề nghị")
        verbose_name_plural = _("hồ sơ đề nghị")

    def __str__(self) -> str:
        return f"{self.title} {self.year} — {self.nominee_name}"

    @property
    def nominee_name(self) -> str:
        """Who is proposed: the person's full name, or the collective's name."""
        return self.person.full_name if self.person is not None else str(self.nominee_unit)

    @property
    def is_collective(self) -> bool:
        return self.person_id is None


class FileKind(models.TextChoices):
    REPORT = "report", _("Báo cáo thành tích")
    EVIDENCE = "evidence", _("Minh chứng")
    MINUTES = "minutes", _("Biên bản họp xét")


class DossierFile(PublicModel):
    """An uploaded file, stored outside the web root and served only after a permission check."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("loại tệp"), max_length=16, choices=FileKind.choices)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    stored_path = models.FileField(max_length=300, upload_to="dossiers/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tệp hồ sơ")
        ordering = ["kind", "created_at"]

    def __str__(self) -> str:
        return self.original_name


class DossierEvent(models.Model):
    """One step of a dossier's life: from which state to which, by whom, why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=32)
    from_state = models.CharField(max_length=16, choices=State.choices)
    to_state = models.CharField(max_length=16, choices=State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class CheckOverride(models.Model):
    """The secretariat lets a dossier through an eligibility check, with a recorded reason."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="overrides")
    check_code = models.CharField(max_length=32)
    reason = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bỏ qua cảnh báo điều kiện")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "check_code"], name="override_once")
        ]

    def __str__(self) -> str:
        return f"{self.check_code}: {self.reason}"


class Notification(models.Model):
    """Thông báo: a dossier came back or moved on, or a deadline nears (a reminder, with the
    page it is about); shown in the app (and e-mailed if set up)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dossier_notifications"
    )
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="notifications", null=True, blank=True
    )
    link = models.CharField(max_length=300, blank=True)  # a reminder's page
    # A reminder is sent once per person and key ("movement:<uuid>:pledge:7"), however many
    # workers look for due reminders.
    key = models.CharField(max_length=120, blank=True)
    message = models.CharField(_("nội dung"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_read_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="notification_once_per_key"
            )
        ]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")

    def __str__(self) -> str:
        return self.message


class ImportLedger(models.Model):
    """What one batch of an Excel import committed, in the batch's own transaction (SQLite
    writes a long import in batches). A worker killed between two batches cannot take its rows
    back; the next try of the same staged file does, before anything else, and the ledger of a
    finished import is deleted with its last write."""

    token = models.CharField(max_length=64, db_index=True)
    people = models.JSONField(default=list)
    awards = models.JSONField(default=list)  # uuid hex strings
    dossiers = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.token}: {len(self.people)} + {len(self.awards)} + {len(self.dossiers)}"
