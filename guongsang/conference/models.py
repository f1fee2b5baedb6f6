"""The commendation conference (hội nghị biểu dương): when and where, its guests, programme,
honourees (chosen among the awards on record) and the speakers' reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from guongsang.awards.models import Award
from guongsang.core.models import PublicModel
from guongsang.org.models import Unit
from guongsang.people.models import Person


class Conference(PublicModel):
    """Hội nghị biểu dương, run by the secretariat of the organising unit."""

    name = models.CharField(_("tên hội nghị"), max_length=300)
    organiser = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="conferences", verbose_name=_("đơn vị tổ chức")
    )
    held_on = models.DateField(_("ngày tổ chức"))
    starts_at = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=300)
    award_year = models.PositiveSmallIntegerField(_("năm khen thưởng"))
    is_public = models.BooleanField(
        _("công khai trang ngày hội nghị"),
        default=False,
        help_text=_("Người dân xem được chương trình và danh sách được biểu dương."),
    )
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["organiser", "held_on"], name="conf_organiser_date_idx")]
        verbose_name = _("hội nghị biểu dương")
        verbose_name_plural = _("hội nghị biểu dương")

    def __str__(self) -> str:
        return self.name


class Guest(models.Model):
    """Đại biểu: an official in the role they came in."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="guests", verbose_name=_("hội nghị")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    role = models.CharField(_("chức vụ"), max_length=300, blank=True)
    organisation = models.CharField(_("cơ quan"), max_length=300, blank=True)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cá nhân trong hệ thống"),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")

    def __str__(self) -> str:
        return self.full_name


class ProgrammeItem(models.Model):
    """Một mục của chương trình hội nghị."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="items", verbose_name=_("hội nghị")
    )
    starts_at = models.TimeField(_("thời gian"))
    title = models.CharField(_("nội dung"), max_length=400)
    speaker = models.CharField(_("người thực hiện"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình")

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M} {self.title}"


class Honouree(models.Model):
    """A recipient honoured at the conference: one award on record (from a decision)."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="honourees", verbose_name=_("hội nghị")
    )
    award = models.ForeignKey(
        Award, on_delete=models.PROTECT, related_name="+", verbose_name=_("khen thưởng")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "award"], name="conf_honouree_unique")
        ]
        verbose_name = _("người được biểu dương")
        verbose_name_plural = _("danh sách biểu dương")

    def __str__(self) -> str:
        return str(self.award)

    @property
    def name(self) -> str:
        return self.award.person.full_name if self.award.person else self.award.unit.name


class SpeakerReport(models.Model):
    """Bài phát biểu, tham luận: the text a speaker gives, typed or read from an uploaded
    DOCX/TXT file (only the text is kept)."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="reports", verbose_name=_("hội nghị")
    )
    speaker = models.CharField(_("người trình bày"), max_length=200)
    role = models.CharField(_("chức vụ, đơn vị"), max_length=300, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    source_name = models.CharField(_("tệp gốc"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("bài tham luận")
        verbose_name_plural = _("bài tham luận")

    def __str__(self) -> str:
        return f"{self.speaker}: {self.title}"
