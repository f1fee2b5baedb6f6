"""Bảng tổng hợp khen thưởng: award counts per unit, year, title, level, target and revoked
state, kept equal to the award table by database triggers (migration 0002, PostgreSQL and
SQLite), so grouped statistics over millions of awards read a few thousand rows."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


def _bare_reference(to: str) -> "models.ForeignKey[Any, Any]":
    """A reference the triggers write: no foreign-key constraint, no index of its own (the
    table's key and index cover it), no reverse accessor."""
    return models.ForeignKey(
        to, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )


class CountCell(models.Model):
    """The columns both summaries share besides their unit: year, title, level, target and
    revoked state, and how many awards have them (`n`). The unit column is each table's own."""

    year = models.PositiveSmallIntegerField(_("năm"))
    title = _bare_reference("catalogue.Title")
    level = models.CharField(_("cấp"), max_length=16)
    target = models.CharField(_("đối tượng"), max_length=16)
    revoked = models.BooleanField(_("đã thu hồi"), default=False)
    n = models.PositiveIntegerField(_("số lượt"), default=0)

    class Meta:
        abstract = True


class AwardCount(CountCell):
    """One cell of the summary: how many awards share this unit, year, title, level, target
    and revoked state. Written only by the triggers on awards_award (and `stats_rebuild`)."""

    unit = _bare_reference("org.Unit")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "title", "level", "target", "revoked"],
                name="stats_awardcount_key",
            )
        ]
        indexes = [
            models.Index(
                # every column the report reads: an index-only scan on PostgreSQL
                fields=["year", "revoked", "unit", "title", "level", "target", "n"],
                name="stats_awardcount_year_idx",
            )
        ]
        verbose_name = _("ô tổng hợp khen thưởng")
        verbose_name_plural = _("bảng tổng hợp khen thưởng")

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}/{self.title_id}: {self.n}"


class SubtreeCount(CountCell):
    """The same counts rolled up to every unit above (the unit itself included), along the
    tree as it stood on RollupState.built_on, merged units folded into what they became:
    "awards under X" for any X is one index range scan, whatever the size of X's subtree.
    Kept by the same triggers; on PostgreSQL a change of the tree corrects it at once (the
    tree's triggers), and a dated change on its day (`rollup.advance`, on the first read); on
    SQLite a change of the tree marks it stale and the service counts from AwardCount until it
    is rebuilt. A new day alone never makes it stale."""

    ancestor = _bare_reference("org.Unit")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ancestor", "year", "title", "level", "target", "revoked"],
                name="stats_subtreecount_key",
            )
        ]
        # SQLite also has stats_subtreecount_empty (migrations 0005 and 0007): a partial index
        # for its row-level triggers' removal path, outside the model so that PostgreSQL,
        # whose statement-level triggers delete by the full key, keeps its updates HOT.
        verbose_name = _("ô tổng hợp theo cây đơn vị")
        verbose_name_plural = _("bảng tổng hợp theo cây đơn vị")

    def __str__(self) -> str:
        return f"{self.ancestor_id}/{self.year}/{self.title_id}: {self.n}"


class RollupState(models.Model):
    """One row: the date whose tree SubtreeCount follows, and whether the tree changed since.
    `building_on`: set while `stats_refresh` builds a new rollup aside (for that date's tree);
    the triggers then also write their changes to RollupDelta, applied to it at the swap."""

    built_on = models.DateField(null=True, blank=True)
    stale = models.BooleanField(default=True)
    building_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("trạng thái bảng tổng hợp")
        verbose_name_plural = _("trạng thái bảng tổng hợp")

    def __str__(self) -> str:
        return f"{self.built_on} ({'stale' if self.stale else 'fresh'})"


class RollupDelta(models.Model):
    """What the writes did to the rollup while a new one was being built aside (PostgreSQL):
    one row per trigger statement and rollup cell, with the writing transaction's id, so that
    the swap adds exactly the changes its snapshot did not see."""

    txid = models.BigIntegerField()
    ancestor_id = models.BigIntegerField()
    year = models.PositiveSmallIntegerField()
    title_id = models.BigIntegerField()
    level = models.CharField(max_length=16)
    target = models.CharField(max_length=16)
    revoked = models.BooleanField()
    n = models.IntegerField()

    class Meta:
        verbose_name = _("thay đổi trong lúc làm mới bảng tổng hợp")
        verbose_name_plural = _("thay đổi trong lúc làm mới bảng tổng hợp")

    def __str__(self) -> str:
        return f"{self.txid}: {self.ancestor_id}/{self.year}/{self.title_id} {self.n:+d}"
