"""The clusters app's part of the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

SCOPED_LISTS = {"clusters:list"}


def object_routes(world) -> dict[str, list]:
    """A cluster of the other unit alone: nothing of it is the officer's."""
    import datetime as dt
    from decimal import Decimal

    from guongsang.clusters import services
    from guongsang.org.services import cluster_add_member, cluster_create

    cluster = cluster_create(
        actor=None, number=99, name="Cụm thi đua thử", organiser=world.other_centre
    )
    cluster_add_member(
        actor=None, cluster=cluster, unit=world.other_centre, valid_from=dt.date(2020, 1, 1)
    )
    scoring = services.round_open(
        actor=None, cluster=cluster, year=2024, criteria=[("Nhiệm vụ", Decimal(10))]
    )
    other = world.other_centre.uuid
    return {
        "clusters:round_create": [cluster.uuid],
        "clusters:round": [scoring.uuid],
        "clusters:score": [scoring.uuid, other, other],
        "clusters:close": [scoring.uuid],
        "clusters:propose": [scoring.uuid],
        "clusters:export": [scoring.uuid],
        "clusters:import": [scoring.uuid],
    }


def api_substitutions(world) -> dict[str, str]:
    return {}
