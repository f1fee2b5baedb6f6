"""For a leader: the awards of this year so far against the whole of last year."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_number
from guongsang.core.permissions import has_role
from guongsang.core.roles import Role
from guongsang.core.todo import TodoItem
from guongsang.core.types import Actor
from guongsang.stats.services import award_stats


def todo(user: Actor) -> Iterator[TodoItem]:
    if not has_role(user, {Role.LEADER}):
        return
    year = timezone.localdate().year
    result = award_stats(user=user, from_year=year - 1, to_year=year, by=("year",))
    this_year, last_year = result.total_for(year=year), result.total_for(year=year - 1)
    yield TodoItem(
        role=Role.LEADER,
        label=_("Khen thưởng năm %(year)s") % {"year": year},
        count=this_year,
        url=reverse("stats:dashboard"),
        detail=_("Năm %(year)s: %(count)s") % {"year": year - 1, "count": vn_number(last_year)},
        always=True,
        icon="bar-chart",
    )
