"""Vườn hoa Người tốt, việc tốt: published stories of honoured people and collectives, and
citizens' tips about good deeds (moderated by the secretariat).

Search: ``Story.search_text`` holds the title, summary, body, names and unit, lowercased with
diacritics stripped (đ → d) and punctuation replaced by spaces (see ``text.normalise``). It is
maintained in ``Story.save`` and indexed by PostgreSQL full-text (GIN on
``to_tsvector('simple', search_text)``) or by an SQLite FTS5 table kept in sync by triggers;
both are created in migration 0002 for the matching database only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.awards.models import Award
from guongsang.core.formatting import fold
from guongsang.core.models import PublicModel
from guongsang.org.models import Unit
from guongsang.people.models import Person


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã đăng")
    WITHDRAWN = "withdrawn", _("Đã gỡ")


class StoryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=StoryStatus.PUBLISHED, consent_recorded_at__isnull=False)


class Story(PublicModel):
    """Câu chuyện về một gương người tốt, việc tốt (cá nhân hoặc tập thể).

    Only name, unit and the story are public: no citizen ID, phone, address or birth date of
    the person is ever copied here or shown on the public site.
    """

    # The photo is a file (not JSON): the audit log records its change in the reason instead.
    DERIVED_FIELDS = ("search_text", "search_title", "photo")

    title = models.CharField(_("tiêu đề"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True, allow_unicode=False)
    summary = models.CharField(_("tóm tắt"), max_length=400, blank=True)
    body = models.TextField(_("nội dung"))
    photo = models.ImageField(_("ảnh"), upload_to="showcase/%Y/", blank=True)
    photo_alt = models.CharField(
        _("mô tả ảnh"),
        max_length=250,
        blank=True,
        help_text=_("Mô tả ngắn nội dung ảnh cho người dùng trình đọc màn hình."),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="stories", verbose_name=_("đơn vị")
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stories",
        verbose_name=_("cá nhân"),
    )
    collective_name = models.CharField(
        _("tên tập thể"),
        max_length=200,
        blank=True,
        help_text=_("Với câu chuyện về một tập thể: tên tập thể được nêu gương."),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    award = models.ForeignKey(
        Award,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        verbose_name=_("khen thưởng"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=StoryStatus.choices, default=StoryStatus.DRAFT
    )
    consent_recorded_at = models.DateTimeField(_("ngày ghi nhận đồng ý"), null=True, blank=True)
    consent_note = models.CharField(
        _("ghi chú về sự đồng ý"),
        max_length=300,
        blank=True,
        help_text=_("Người/tập thể đồng ý đăng bằng hình thức nào (văn bản, phiếu đồng ý…)."),
    )
    featured = models.BooleanField(_("nổi bật"), default=False)
    published_at = models.DateTimeField(_("ngày đăng"), null=True, blank=True)
    search_title = models.CharField(editable=False, max_length=250, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(consent_recorded_at__isnull=False),
                name="story_published_needs_consent",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="story_status_pub_idx"),
            models.Index(
                fields=["status", "year", "-published_at", "-id"], name="story_status_year_idx"
            ),
            models.Index(fields=["unit", "status"], name="story_unit_status_idx"),
            models.Index(fields=["award"], name="story_award_idx"),
        ]
        verbose_name = _("câu chuyện")
        verbose_name_plural = _("câu chuyện người tốt, việc tốt")

    def __str__(self) -> str:
        return self.title

    @property
    def honouree_name(self) -> str:
        if self.person is not None:
            return self.person.full_name
        return self.collective_name or self.unit.name

    @property
    def unit_with_parent(self) -> str:
        """'Phòng Y tế - Khử khuẩn, Trung tâm …': a unit's name alone rarely says where it is."""
        parent = self.unit.parent
        return f"{self.unit.name}, {parent.name}" if parent is not None else self.unit.name

    @property
    def name_in_title(self) -> bool:
        """The card's title already names the person or collective: say it once."""
        return self.honouree_name in self.title

    @property
    def published_on(self):
        from django.utils import timezone

        return timezone.localdate(self.published_at) if self.published_at else None

    @property
    def is_public(self) -> bool:
        return self.status == StoryStatus.PUBLISHED and self.consent_recorded_at is not None

    def build_search_text(self) -> str:
        from guongsang.showcase.text import normalise

        parts = [self.title, self.summary, self.body, self.collective_name]
        if self.person is not None:
            parts.append(self.person.full_name)
        if self.unit_id is not None:
            parts.append(self.unit.name)
        return normalise(" ".join(p for p in parts if p))

    def save(self, *args, **kwargs):
        from guongsang.showcase.text import normalise

        self.search_title = normalise(self.title)[:250]
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "search_title"}
        super().save(*args, **kwargs)


class TipStatus(models.TextChoices):
    NEW = "new", _("Mới nhận")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    MERGED = "merged", _("Đã gộp")
    REJECTED = "rejected", _("Không tiếp nhận")


# What a tipster writes instead of a name; shown as it is, never abbreviated to 'Ẩ. danh'.
NO_NAME = frozenset({"an danh", "giau ten", "khong ten", "khong ro", "khong de ten"})


class Tip(PublicModel):
    """Tin báo của người dân về một việc tốt. The tipster's contact is personal data."""

    PERSONAL_FIELDS = ("tipster_name", "tipster_contact")
    SECRET_FIELDS = ("ip_hash",)

    # Số tiếp nhận: what the citizen quotes when calling about the tip (TB-2026-00042).
    reference = models.CharField(_("số tiếp nhận"), max_length=20, blank=True, db_index=True)
    about_who = models.CharField(_("người / tập thể làm việc tốt"), max_length=200)
    where = models.CharField(_("ở đâu"), max_length=250)
    what = models.TextField(_("việc tốt"))
    tipster_name = models.CharField(_("họ tên người báo tin"), max_length=120)
    tipster_contact = models.CharField(_("điện thoại hoặc email người báo tin"), max_length=150)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=TipStatus.choices, default=TipStatus.NEW
    )
    reject_reason = models.TextField(_("lý do không tiếp nhận"), blank=True)
    merged_into_tip = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_tips",
        verbose_name=_("gộp vào tin báo"),
    )
    merged_into_story = models.ForeignKey(
        Story,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_tips",
        verbose_name=_("gộp vào câu chuyện"),
    )
    dossier = models.OneToOneField(
        "nominations.Dossier",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tip",
        verbose_name=_("hồ sơ đề nghị"),
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("ngày xử lý"), null=True, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"], name="tip_status_created_idx")]
        verbose_name = _("tin báo việc tốt")
        verbose_name_plural = _("tin báo việc tốt")

    def __str__(self) -> str:
        return f"{self.about_who} — {self.where}"

    @property
    def tipster_name_masked(self) -> str:
        """'Trần Thị Hoa' -> 'T. T. Hoa': enough to tell tips apart in a list. A tipster who
        signed 'Ẩn danh' (or 'Giấu tên') gave no name, so that stays as written."""
        words = self.tipster_name.split()
        if fold(" ".join(words)) in NO_NAME:
            return " ".join(words)
        if len(words) <= 1:
            return (words[0][:1] + "***") if words else ""
        return " ".join([*(w[:1] + "." for w in words[:-1]), words[-1]])

    @property
    def tipster_contact_masked(self) -> str:
        from guongsang.showcase.text import mask_contact

        return mask_contact(self.tipster_contact)


def published_stories():
    """Stories the public may read: published and with recorded consent."""
    return Story.objects.published()


class TipPhoto(PublicModel):
    """A photo sent with a tip: checked by content and stripped of every metadata (the place a
    phone wrote into it above all) before it is stored; private, shown only to moderators."""

    MAX_PER_TIP = 3

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(max_length=300, upload_to="tips/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ảnh tin báo")
        verbose_name_plural = _("ảnh tin báo")

    def __str__(self) -> str:
        return self.original_name
