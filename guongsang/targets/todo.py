"""For a leader: the sector's targets of the latest planned year, as a share of plan."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_percent
from guongsang.core.permissions import has_role
from guongsang.core.roles import Role
from guongsang.core.todo import TodoItem
from guongsang.core.types import Actor
from guongsang.targets.selectors import attainment, latest_year


def todo(user: Actor) -> Iterator[TodoItem]:
    if not has_role(user, {Role.LEADER}):
        return
    year = latest_year(user=user)
    if year is None:
        return
    percents = [
        (row.percent, row.name)
        for row in attainment(user=user, year=year)
        if row.percent is not None
    ]
    reached = sum(1 for percent, _name in percents if percent >= 100)
    lowest = min(percents, default=None)
    yield TodoItem(
        role=Role.LEADER,
        label=_("Chỉ tiêu năm %(year)s đạt kế hoạch") % {"year": year},
        count=reached,
        url=reverse("targets:index"),
        badge=f"{reached}/{len(percents)}",
        detail=(
            _("Thấp nhất: %(name)s, %(percent)s")
            % {"name": lowest[1], "percent": vn_percent(lowest[0])}
        )
        if lowest
        else "",
        urgent=bool(lowest and lowest[0] < 100),
        always=True,
        icon="bullseye",
    )
