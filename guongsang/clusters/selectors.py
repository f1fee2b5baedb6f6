"""Reads of cluster scoring: the members of a year, the score grid, the ranking."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from guongsang.clusters.models import Round, Score
from guongsang.clusters.permissions import CLUSTER_VIEW_ROLES
from guongsang.core.permissions import get_visible_or_404, is_superuser, scope_unit_ids
from guongsang.core.types import Actor
from guongsang.org.models import Cluster, ClusterMembership, Unit

CENT = Decimal("0.01")


def cluster_list(*, user: Actor) -> QuerySet[Cluster]:
    """Clusters whose organiser or one of whose members lies in the user's scope."""
    qs = Cluster.objects.select_related("organiser").order_by("organiser__name", "number")
    if is_superuser(user):
        return qs
    ids = scope_unit_ids(user, CLUSTER_VIEW_ROLES)
    if ids is None:
        return qs
    return qs.filter(Q(organiser_id__in=ids) | Q(memberships__unit_id__in=ids)).distinct()


def members_of(cluster: Cluster, year: int) -> list[ClusterMembership]:
    """The memberships that held during the year, the leader first, then by name."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = (
        cluster.memberships.filter(valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=start))
        .select_related("unit")
    )
    return sorted(rows, key=lambda m: (not m.is_head, m.unit.name))


def member_units(scoring: Round) -> list[Unit]:
    return [m.unit for m in members_of(scoring.cluster, scoring.year)]


def score_grid(scoring: Round, scorer: Unit) -> dict[tuple[int, int], Decimal]:
    """(criterion id, scored unit id) → points, as `scorer` gave them."""
    rows = Score.objects.filter(criterion__round=scoring, scorer=scorer)
    return {(s.criterion_id, s.scored_id): s.points for s in rows}


@dataclass
class RankRow:
    unit: Unit
    is_head: bool
    self_total: Decimal | None
    cross: dict[int, Decimal] = field(default_factory=dict)  # scorer id → total given
    average: Decimal | None = None
    rank: int | None = None
    missing: int = 0  # members that have not scored this unit yet
    given: list[tuple[Unit, Decimal | None]] = field(default_factory=list)  # by the others


def ranking(scoring: Round) -> list[RankRow]:
    """Each member's self-score, the totals the other members gave it, and the ranking.

    The ranking is by the average of the other members' totals (chấm chéo): a unit's own
    score is shown beside it but does not rank it. Equal averages share a rank (1, 1, 3).
    One grouped query over the scores.
    """
    memberships = members_of(scoring.cluster, scoring.year)
    ids = {m.unit_id for m in memberships}
    totals: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for scorer, scored, total in (
        Score.objects.filter(criterion__round=scoring, scorer_id__in=ids, scored_id__in=ids)
        .values("scorer_id", "scored_id")
        .annotate(total=Sum("points"))
        .order_by()
        .values_list("scorer_id", "scored_id", "total")
    ):
        totals[scored][scorer] = Decimal(total).quantize(CENT)
    rows = []
    for m in memberships:
        given = totals.get(m.unit_id, {})
        cross = {k: v for k, v in given.items() if k != m.unit_id}
        average = (
            (sum(cross.values(), Decimal(0)) / len(cross)).quantize(CENT, ROUND_HALF_UP)
            if cross
            else None
        )
        rows.append(
            RankRow(
                unit=m.unit,
                is_head=m.is_head,
                self_total=given.get(m.unit_id),
                cross=cross,
                average=average,
                missing=len(ids) - 1 - len(cross),
                given=[
                    (other.unit, cross.get(other.unit_id))
                    for other in memberships
                    if other.unit_id != m.unit_id
                ],
            )
        )
    rows.sort(key=lambda r: (r.average is None, -(r.average or 0), r.unit.name))
    for i, row in enumerate(rows):
        if row.average is None:
            continue
        before = rows[i - 1] if i else None
        row.rank = before.rank if before and before.average == row.average else i + 1
    return rows


def round_for(*, user: Actor, uuid: Any) -> Round:
    visible = cluster_list(user=user).values("pk")
    return get_visible_or_404(
        Round.objects.filter(cluster__in=visible).select_related("cluster__organiser"), uuid=uuid
    )
