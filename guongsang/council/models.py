"""Hội đồng Thi đua - Khen thưởng: the council, the public notice before it meets, its sessions,
the agenda, attendance and the secret ballot.

Secrecy of the ballot (bỏ phiếu kín) is a property of what is stored, not of the screens:

- `Participation` says *who* took part in the vote on an agenda item; it holds no choice and no
  timestamp. `Ballot` holds a *choice* and a random receipt code; it holds no voter, no
  timestamp, and its primary key is a random UUID, so neither a key sequence nor a creation
  time orders ballots by when they were cast.
- While the window is open a database administrator could still pair rows through the storage
  itself (PostgreSQL's `xmin` transaction id and the physical row order are shared by a
  ballot and the participation written in the same transaction). Closing the window therefore
  rewrites both tables for the session in one transaction, ballots in random order
  (`services.voting_close`): after the tally every ballot and participation row carries the
  same transaction id and an order that says nothing. (SQLite's hidden rowid, which grows with
  each insert, is reassigned by the same rewrite in random order.) Dead row versions disappear
  at the next VACUUM (autovacuum), as with any deleted data.
- The audit log records that a member voted on an item (never the choice) and, at the close,
  the counts. Agenda items are not touched by a vote, so their `updated_at` says nothing.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.catalogue.models import BallotRule
from guongsang.core.models import PublicModel
from guongsang.nominations.models import Dossier
from guongsang.org.models import Unit


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE = "vice", _("Phó Chủ tịch Hội đồng")
    SECRETARY = "secretary", _("Ủy viên thường trực")
    MEMBER = "member", _("Ủy viên")


class Council(PublicModel):
    """Hội đồng TĐKT of a level (a department, a district, the city)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="councils", verbose_name=_("cấp")
    )
    name = models.CharField(_("tên Hội đồng"), max_length=255)
    active = models.BooleanField(_("đang hoạt động"), default=True)
    # Thời gian công khai: the regulation of each authority sets it (5 working days by default).
    notice_working_days = models.PositiveSmallIntegerField(
        _("thời gian công khai (ngày làm việc)"), default=5
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=Q(active=True), name="council_one_active_per_unit"
            )
        ]
        verbose_name = _("Hội đồng thi đua, khen thưởng")
        verbose_name_plural = _("Hội đồng thi đua, khen thưởng")

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    """Thành viên Hội đồng: a user (linked to a person where known) with a role in the council."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="council_memberships",
        verbose_name=_("người dùng"),
    )
    role = models.CharField(
        _("chức danh trong Hội đồng"),
        max_length=16,
        choices=MemberRole.choices,
        default=MemberRole.MEMBER,
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["council", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="council_member_once")
        ]
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"

    @property
    def display_name(self) -> str:
        user = self.user
        return user.full_name or user.get_username()


class PublicNotice(PublicModel):
    """Công khai danh sách: the list of accepted dossiers shown for objections before the
    council meets (default 5 working days, Monday to Friday)."""

    level_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="public_notices", verbose_name=_("cấp")
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    starts_on = models.DateField(_("ngày bắt đầu"))
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"), default=5)
    ends_on = models.DateField(_("ngày kết thúc"))
    dossiers = models.ManyToManyField(
        Dossier, related_name="public_notices", verbose_name=_("hồ sơ công khai")
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["level_unit", "-starts_on"], name="notice_level_idx")]
        verbose_name = _("đợt công khai")
        verbose_name_plural = _("đợt công khai")

    def __str__(self) -> str:
        return self.title


class Objection(PublicModel):
    """Ý kiến phản ánh received during the public notice, and the secretariat's answer."""

    PERSONAL_FIELDS = ("contact",)

    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="objections")
    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="objections", verbose_name=_("hồ sơ")
    )
    who_name = models.CharField(_("người phản ánh"), max_length=150)
    contact = models.CharField(_("liên hệ"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("thời điểm nhận"))
    text = models.TextField(_("nội dung phản ánh"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(_("trả lời"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("ý kiến phản ánh")
        verbose_name_plural = _("ý kiến phản ánh")

    def __str__(self) -> str:
        return f"{self.who_name}: {self.text[:60]}"

    @property
    def contact_masked(self) -> str:
        return f"{self.contact[:3]}***" if self.contact else ""


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Chuẩn bị")
    OPEN = "open", _("Đang bỏ phiếu")
    # Encrypted ballots only: voting is closed, the key holders publish their decryptions.
    COUNTING = "counting", _("Đang giải mã kết quả")
    TALLIED = "tallied", _("Đã kiểm phiếu")


class CouncilSession(PublicModel):
    """Phiên họp Hội đồng: agenda, attendance, the voting window and the tally."""

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("Hội đồng")
    )
    level_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="council_sessions", verbose_name=_("cấp")
    )
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=255)
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=SessionStatus.choices,
        default=SessionStatus.DRAFT,
        db_index=True,
    )
    quorum_numerator = models.PositiveSmallIntegerField(_("tỷ lệ tối thiểu (tử số)"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("tỷ lệ tối thiểu (mẫu số)"), default=3)
    members_total = models.PositiveSmallIntegerField(_("tổng số thành viên"), default=0)
    present_total = models.PositiveSmallIntegerField(_("số thành viên có mặt"), default=0)
    attendance_recorded = models.BooleanField(default=False)
    # Phiếu mã hóa: ballots are stored encrypted under a key split between the chair and the
    # secretariat, and only the sums are decrypted (see council/crypto.py, docs/security.md).
    encrypted = models.BooleanField(
        _("phiếu mã hóa"),
        default=False,
        help_text=_(
            "Phiếu được mã hóa ngay khi thành viên xác nhận; chỉ tổng số phiếu được giải mã, "
            "bằng khóa chia cho Chủ tịch Hội đồng và Thường trực."
        ),
    )
    # The summed ciphertexts published at the close of an encrypted vote (bulletin board).
    encrypted_sums = models.JSONField(null=True, blank=True, editable=False)
    opened_at = models.DateTimeField(null=True, blank=True)
    tallied_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["level_unit", "-held_on"], name="session_level_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_numerator__lte=models.F("quorum_denominator"))
                & Q(quorum_denominator__gt=0),
                name="session_quorum_ratio",
            )
        ]
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")

    def __str__(self) -> str:
        return f"{self.council} — {self.held_on:%d/%m/%Y}"

    @property
    def quorum_met(self) -> bool:
        """At least the quorum ratio of all members present (default two thirds)."""
        return (
            self.members_total > 0
            and self.present_total * self.quorum_denominator
            >= self.members_total * self.quorum_numerator
        )


class Outcome(models.TextChoices):
    PENDING = "", _("Chưa kiểm phiếu")
    RECOMMENDED = "recommended", _("Đề nghị khen")
    NOT_RECOMMENDED = "not_recommended", _("Không đề nghị")


class AgendaItem(PublicModel):
    """One dossier on the session's agenda with the rule its title requires (copied from the
    catalogue when the session is created, so a later edit of the catalogue does not change a
    past tally) and, after the tally, its counts and outcome."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="items")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(default=0)
    ballot_rule = models.CharField(max_length=16, choices=BallotRule.choices)
    threshold = models.DecimalField(max_digits=5, decimal_places=2)
    strictly_above = models.BooleanField(default=True)
    outcome = models.CharField(
        _("kết quả"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING, blank=True
    )
    yes = models.PositiveSmallIntegerField(_("đồng ý"), default=0)
    no = models.PositiveSmallIntegerField(_("không đồng ý"), default=0)
    abstain = models.PositiveSmallIntegerField(_("không biểu quyết"), default=0)
    written_yes = models.PositiveSmallIntegerField(default=0)
    written_no = models.PositiveSmallIntegerField(default=0)
    written_abstain = models.PositiveSmallIntegerField(default=0)
    base = models.PositiveSmallIntegerField(_("số tính tỷ lệ"), default=0)

    class Meta:
        ordering = ["session", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "dossier"], name="agenda_dossier_once")
        ]
        verbose_name = _("hồ sơ trong chương trình họp")
        verbose_name_plural = _("chương trình họp")

    def __str__(self) -> str:
        return str(self.dossier)

    @property
    def counted_yes(self) -> int:
        """Yes votes that count: written opinions only under the rule of all members."""
        if self.ballot_rule == BallotRule.OF_ALL_MEMBERS:
            return self.yes + self.written_yes
        return self.yes


class Attendance(models.Model):
    """Điểm danh: whether a member is present at the session."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("có mặt"), default=False)

    class Meta:
        ordering = ["member__order", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {'có mặt' if self.present else 'vắng'}"


class Participation(models.Model):
    """Who voted on an item (in person or by a written opinion): no choice, no timestamp.

    The unique constraint makes a second vote by the same member impossible, whatever the
    concurrency. The key is a random UUID, so rows do not reveal the order of voting.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    written = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("lượt tham gia phiên họp")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="participation_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.item_id}"


class Choice(models.TextChoices):
    YES = "yes", _("Đồng ý")
    NO = "no", _("Không đồng ý")
    ABSTAIN = "abstain", _("Không biểu quyết")


class Ballot(models.Model):
    """Phiếu bầu: a choice and its receipt code. Deliberately no voter, no timestamp, and a
    random key (see the module docstring)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(max_length=8, choices=Choice.choices)
    written = models.BooleanField(default=False)
    receipt = models.CharField(max_length=16, unique=True)

    class Meta:
        ordering = ["receipt"]

    def __str__(self) -> str:
        return self.receipt


class KeyHolder(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    SECRETARIAT = "secretariat", _("Thường trực Hội đồng")


class KeyShare(models.Model):
    """Phần khóa: one holder's share of an encrypted session's key. The public part and its
    proof are published; the secret part is stored sealed under a key derived from the
    holder's passphrase (scrypt + AES-GCM), which the system never stores."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="key_shares")
    holder = models.CharField(max_length=16, choices=KeyHolder.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    public_key = models.TextField()
    proof = models.JSONField()
    sealed = models.JSONField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The partial decryptions of the session's sums, with their proofs, once published.
    decryption = models.JSONField(null=True, blank=True, editable=False)
    decrypted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "holder"]
        constraints = [models.UniqueConstraint(fields=["session", "holder"], name="key_share_once")]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.holder}"


class EncryptedBallot(models.Model):
    """Phiếu mã hóa: the ciphertexts of a choice and their proofs, under a tracking code.
    Like `Ballot`: no voter, no timestamp, a random key, rewritten at every vote."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="encrypted_ballots")
    written = models.BooleanField(default=False)
    receipt = models.CharField(max_length=16, unique=True)
    selection = models.JSONField()

    class Meta:
        ordering = ["receipt"]

    def __str__(self) -> str:
        return self.receipt
