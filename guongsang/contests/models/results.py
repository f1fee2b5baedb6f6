"""What a contest leaves behind: the commendation of its authors and the near-duplicate
check (text signatures and matches)."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from guongsang.contests.models.entries import Entry


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
