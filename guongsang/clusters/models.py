"""The yearly scoring of an emulation cluster (chấm điểm cụm thi đua).

The cluster (org.Cluster) agrees a table of criteria for the year; each member scores itself
(tự chấm) and every other member (chấm chéo); the leader of the cluster (cụm trưởng) writes
the summary, and the ranking proposes the leading unit to the city for the Cờ thi đua of the
City People's Committee or the Bằng khen of its Chairman (Luật Thi đua, khen thưởng 2022,
Điều 26: the Cờ thi đua of a province goes to the outstanding collectives that lead its
emulation clusters).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.core.formatting import vn_number
from guongsang.core.models import PublicModel


class Round(PublicModel):
    """One cluster's scoring of one year."""

    class State(models.TextChoices):
        OPEN = "open", _("Đang chấm điểm")
        CLOSED = "closed", _("Đã tổng hợp")

    cluster = models.ForeignKey("org.Cluster", on_delete=models.PROTECT, related_name="rounds")
    year = models.PositiveSmallIntegerField(_("năm"))
    state = models.CharField(max_length=8, choices=State.choices, default=State.OPEN)
    summary = models.TextField(_("báo cáo tổng hợp của cụm trưởng"), blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="cluster_round_once")
        ]
        verbose_name = _("đợt chấm điểm cụm thi đua")

    def __str__(self) -> str:
        return f"{self.cluster} — {self.year}"


class Criterion(models.Model):
    """One line of the year's criteria table, with its maximum score."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    name = models.CharField(_("tiêu chí"), max_length=500)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="criterion_number_once"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def max_label(self) -> str:
        """50 → "50", 7.5 → "7,5"."""
        whole = self.max_points == self.max_points.to_integral()
        return vn_number(self.max_points, 0 if whole else 2)


class Score(models.Model):
    """The points `scorer` gives `scored` on one criterion; scorer = scored is a self-score."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    scorer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    scored = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "scorer", "scored"], name="score_once_per_pair"
            ),
            models.CheckConstraint(condition=Q(points__gte=0), name="score_not_negative"),
        ]
        indexes = [models.Index(fields=["scored", "scorer"], name="score_pair_idx")]

    def __str__(self) -> str:
        return f"{self.scorer_id}→{self.scored_id}: {self.points}"


class Proposal(PublicModel):
    """The cluster's proposal of its leading unit to the city, carried by a dossier."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="proposals")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    title = models.ForeignKey("catalogue.Title", on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField()
    dossier = models.OneToOneField(
        "nominations.Dossier", on_delete=models.PROTECT, related_name="cluster_proposal"
    )

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="proposal_once_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.unit} — {self.title}"
