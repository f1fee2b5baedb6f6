"""The yearly book "Những bông hoa đẹp": published stories of the showcase, picked and ordered
by the secretariat, compiled into a print-ready PDF and an EPUB in the background."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from guongsang.core.models import PublicModel, TaskProgress
from guongsang.org.models import Unit
from guongsang.showcase.models import Story

BOOK_TITLE = "Những bông hoa đẹp"


class PageSize(models.TextChoices):
    A5 = "A5", _("A5 (148 × 210 mm)")
    B5 = "B5", _("B5 (176 × 250 mm)")


class Book(PublicModel):
    """Sách "Những bông hoa đẹp" of one year, compiled by the organising unit."""

    title = models.CharField(_("tên sách"), max_length=200, default=BOOK_TITLE)
    subtitle = models.CharField(_("tiêu đề phụ"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    organiser = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="books", verbose_name=_("đơn vị biên soạn")
    )
    page_size = models.CharField(
        _("khổ giấy"), max_length=4, choices=PageSize.choices, default=PageSize.A5
    )
    foreword = models.TextField(_("lời giới thiệu"), blank=True)
    pdf_file = models.FileField(max_length=300, blank=True, editable=False, upload_to="books/")
    epub_file = models.FileField(max_length=300, blank=True, editable=False, upload_to="books/")
    built_at = models.DateTimeField(_("lần dựng sách gần nhất"), null=True, blank=True)
    progress = models.ForeignKey(
        TaskProgress, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-pk"]
        indexes = [models.Index(fields=["organiser", "year"], name="book_organiser_year_idx")]
        verbose_name = _("sách Những bông hoa đẹp")
        verbose_name_plural = _("sách Những bông hoa đẹp")

    def __str__(self) -> str:
        return f"{self.title} {self.year}"


class BookStory(models.Model):
    """A story as a chapter of the book, at its place in the order."""

    book = models.ForeignKey(
        Book, on_delete=models.CASCADE, related_name="entries", verbose_name=_("sách")
    )
    story = models.ForeignKey(
        Story, on_delete=models.PROTECT, related_name="book_entries", verbose_name=_("câu chuyện")
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["book", "story"], name="book_story_unique"),
        ]
        verbose_name = _("chương sách")
        verbose_name_plural = _("các chương sách")

    def __str__(self) -> str:
        return f"{self.order}. {self.story}"
