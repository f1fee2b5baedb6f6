"""A cluster of three departments, as the scoring tests and the browser journey use it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from guongsang.org.models import Cluster, Unit, UnitType
from guongsang.org.services import cluster_add_member, cluster_create
from guongsang.org.tests.factories import make_unit


def cluster_of_three(world: Any) -> tuple[Cluster, dict[str, Unit]]:
    """Cụm thi đua số 7 of the city: the world's department (A), Health (B, the head) and
    Education (C), members since 2020."""
    units = {
        "A": world.dept,
        "B": make_unit("Sở Y tế", parent=world.city, unit_type=UnitType.DEPARTMENT),
        "C": make_unit("Sở Giáo dục và Đào tạo", parent=world.city, unit_type=UnitType.DEPARTMENT),
    }
    cluster = cluster_create(actor=None, number=7, name="Cụm thi đua số 7", organiser=world.city)
    for key, unit in units.items():
        cluster_add_member(
            actor=None,
            cluster=cluster,
            unit=unit,
            valid_from=dt.date(2020, 1, 1),
            is_head=key == "B",
        )
    return cluster, units
