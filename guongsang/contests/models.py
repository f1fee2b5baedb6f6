"""Cuộc thi viết về gương điển hình tiên tiến, Người tốt, việc tốt: contests, rounds, rubric,
entries, blind judging, results and the near-duplicate check."""

import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.core.models import PublicModel
from guongsang.org.models import Unit
from guongsang.people.models import Person


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


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    WITHDRAWN = "withdrawn", _("Đã rút")


class Entry(PublicModel):
    """Bài dự thi, submitted by a unit officer for their unit."""

    contest = models.ForeignKey(
        Contest, on_delete=models.PROTECT, related_name="entries", verbose_name=_("cuộc thi")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="contest_entries", verbose_name=_("đơn vị")
    )
    code = models.CharField(_("số phách"), max_length=16, blank=True, db_index=True)
    title = models.CharField(_("tên bài viết"), max_length=300)
    authors = models.CharField(_("tác giả"), max_length=300)
    author_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contest_entries_written",
        verbose_name=_("tác giả (trong danh sách cá nhân)"),
    )
    subject_name = models.CharField(_("nhân vật được viết về"), max_length=150)
    subject_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contest_entries_about",
        verbose_name=_("nhân vật (trong danh sách cá nhân)"),
    )
    text = models.TextField(_("nội dung bài viết"), blank=True)
    source_file = models.CharField(max_length=300, blank=True)
    word_count = models.PositiveIntegerField(_("số chữ"), default=0)
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=EntryStatus.choices,
        default=EntryStatus.DRAFT,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    prize = models.ForeignKey(
        Prize,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
        verbose_name=_("giải"),
    )
    duplicate_checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["contest", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "code"],
                condition=~Q(code=""),
                name="entry_unique_code",
            )
        ]
        indexes = [
            models.Index(fields=["contest", "status"], name="entry_contest_status_idx"),
            models.Index(fields=["unit", "contest"], name="entry_unit_contest_idx"),
        ]
        verbose_name = _("bài dự thi")
        verbose_name_plural = _("bài dự thi")

    def __str__(self) -> str:
        return self.title


class EntryPhoto(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="photos")
    path = models.FileField(max_length=300, upload_to="contests/")
    content_type = models.CharField(max_length=50)
    caption = models.CharField(_("chú thích"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ảnh minh hoạ")
        verbose_name_plural = _("ảnh minh hoạ")

    def __str__(self) -> str:
        return self.caption or self.path.name


class RoundEntry(models.Model):
    """An entry taking part in a round; `advanced` once it is chosen for the next one."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="round_entries")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="round_entries")
    rank = models.PositiveSmallIntegerField(_("xếp hạng"), null=True, blank=True)
    score = models.DecimalField(
        _("điểm trung bình"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    advanced = models.BooleanField(_("được chọn vào vòng sau"), default=False)
    choice_reason = models.CharField(_("lý do lựa chọn"), max_length=300, blank=True)

    class Meta:
        ordering = ["round", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "entry"], name="round_entry_unique")
        ]
        indexes = [models.Index(fields=["round", "advanced"], name="round_entry_adv_idx")]
        verbose_name = _("bài trong vòng thi")
        verbose_name_plural = _("bài trong vòng thi")

    def __str__(self) -> str:
        return f"{self.round} — {self.entry}"


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", _("Chưa chấm")
    DRAFT = "draft", _("Đang chấm")
    SUBMITTED = "submitted", _("Đã chấm xong")
    WITHDRAWN = "withdrawn", _("Đã chuyển giám khảo khác")


class Assignment(models.Model):
    """Phân công chấm: one judge, one entry, one round; the judge's comment and state."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="assignments")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contest_assignments"
    )
    status = models.CharField(
        max_length=16, choices=AssignmentStatus.choices, default=AssignmentStatus.PENDING
    )
    comment = models.TextField(_("nhận xét"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "entry__code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "entry", "judge"], name="assignment_unique_judge"
            )
        ]
        indexes = [
            models.Index(fields=["judge", "round", "status"], name="assignment_judge_idx"),
            models.Index(fields=["round", "status"], name="assignment_round_idx"),
        ]
        verbose_name = _("phân công chấm")
        verbose_name_plural = _("phân công chấm")

    def __str__(self) -> str:
        return f"{self.entry} — {self.judge}"


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("điểm"), max_digits=5, decimal_places=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_unique")
        ]
        verbose_name = _("điểm")
        verbose_name_plural = _("điểm")

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Commendation(models.Model):
    """Khen thưởng tác giả vì thành tích trong cuộc thi. It goes through the real machinery: a
    dossier (track đột xuất) recommended on the contest result, then a line of the authority's
    decision; the award is on record once that decision is signed (recipient.award)."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="commendations")
    dossier = models.OneToOneField(
        "nominations.Dossier",
        null=True,
        on_delete=models.PROTECT,
        related_name="contest_commendation",
        verbose_name=_("hồ sơ đề nghị khen"),
    )
    # A deleted draft decision leaves the dossier recommended, ready for a new draft.
    recipient = models.OneToOneField(
        "decisions.Recipient",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contest_commendation",
        verbose_name=_("dòng của quyết định"),
    )
    note = models.CharField(_("ghi chú"), max_length=300)

    class Meta:
        verbose_name = _("khen thưởng tác giả")
        verbose_name_plural = _("khen thưởng tác giả")

    def __str__(self) -> str:
        return self.note

    @property
    def decision(self) -> Any:
        return self.recipient.decision if self.recipient is not None else None

    @property
    def award(self) -> Any:
        """The award on record, once the decision is signed."""
        return self.recipient.award if self.recipient is not None else None


class TextSignature(models.Model):
    """The MinHash signature of one text of the duplicate corpus (an entry or a story)."""

    source = models.CharField(max_length=32)
    object_id = models.CharField(max_length=64)
    digest = models.CharField(max_length=64, help_text="sha256 of the normalised text")
    hashvalues = models.BinaryField()
    shingles = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="signature_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.object_id}"


class DuplicateMatch(models.Model):
    """Bài có dấu hiệu trùng lặp: an entry against an earlier entry or a published story."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="duplicate_matches")
    source = models.CharField(max_length=32)
    object_id = models.CharField(max_length=64)
    label = models.CharField(max_length=300)
    estimated = models.FloatField(_("Jaccard ước lượng"))
    jaccard = models.FloatField(_("Jaccard"))
    containment = models.FloatField(_("tỉ lệ trùng"))
    entry_spans = models.JSONField(default=list)
    other_spans = models.JSONField(default=list)
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-containment"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "source", "object_id"], name="duplicate_unique"
            )
        ]
        verbose_name = _("bài có dấu hiệu trùng lặp")
        verbose_name_plural = _("bài có dấu hiệu trùng lặp")

    def __str__(self) -> str:
        return f"{self.entry} ~ {self.label}"
