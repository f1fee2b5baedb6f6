"""Entries, their photos and rounds, and the blind scoring: assignments and scores."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.contests.models.contest import Contest, Criterion, Prize, Round
from guongsang.core.models import PublicModel
from guongsang.org.models import Unit
from guongsang.people.models import Person


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
