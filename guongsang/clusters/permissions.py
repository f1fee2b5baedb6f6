"""Who may see a cluster's scoring, score for a member, and run the round.

A member scores through the people who act for it (its officers and secretariat); the round
is run by the leader of the cluster (its secretariat) or by the organiser's secretariat."""

from __future__ import annotations

from typing import Any

import rules

from guongsang.core.permissions import has_role, in_scope
from guongsang.core.roles import ALL_ROLES, Role
from guongsang.core.types import Actor

CLUSTER_VIEW_ROLES = frozenset(ALL_ROLES - {Role.JUDGE})
SCORE_ROLES = frozenset({Role.UNIT_OFFICER, Role.SECRETARIAT, Role.ADMIN})
RUN_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN})


def reaches_any(user: Actor, unit_ids: list[int], roles: frozenset[str]) -> bool:
    return any(in_scope(user, unit_id, roles) for unit_id in unit_ids)


@rules.predicate
def can_view_cluster(user: Actor, cluster: Any) -> bool:
    """Any role over the organiser or over one of the members."""
    if cluster is None:
        return has_role(user, CLUSTER_VIEW_ROLES)
    ids = [cluster.organiser_id, *cluster.memberships.values_list("unit_id", flat=True)]
    return reaches_any(user, ids, CLUSTER_VIEW_ROLES)


@rules.predicate
def can_run_round(user: Actor, cluster: Any) -> bool:
    """The organiser's secretariat, or the secretariat of the cluster's leading member."""
    if cluster is None:
        return has_role(user, RUN_ROLES)
    heads = list(cluster.memberships.filter(is_head=True).values_list("unit_id", flat=True))
    return reaches_any(user, [cluster.organiser_id, *heads], RUN_ROLES)


@rules.predicate
def can_score_for(user: Actor, unit: Any) -> bool:
    """Scores given in the name of `unit` (a member) are entered by those who act for it."""
    if unit is None:
        return has_role(user, SCORE_ROLES)
    return in_scope(user, unit.pk, SCORE_ROLES)


rules.add_perm("clusters.view_cluster", can_view_cluster)
rules.add_perm("clusters.run_round", can_run_round)
rules.add_perm("clusters.score_for", can_score_for)
