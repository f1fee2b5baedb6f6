"""What waits on the writing contest: a judge's score sheets not yet finished."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Min
from django.urls import reverse
from django.utils.translation import gettext as _

from guongsang.contests.models import AssignmentStatus
from guongsang.contests.selectors import judge_assignments
from guongsang.core.formatting import vn_date
from guongsang.core.permissions import has_role
from guongsang.core.roles import Role
from guongsang.core.todo import TodoItem
from guongsang.core.types import Actor


def todo(user: Actor) -> Iterator[TodoItem]:
    if not has_role(user, {Role.JUDGE}):
        return
    open_sheets = judge_assignments(user=user).filter(
        status__in=[AssignmentStatus.PENDING, AssignmentStatus.DRAFT],
        round__closed_at__isnull=True,
    )
    found = open_sheets.aggregate(deadline=Min("round__contest__judging_deadline"))
    count = open_sheets.count()
    yield TodoItem(
        role=Role.JUDGE,
        label=_("Bài dự thi chưa chấm xong"),
        count=count,
        url=reverse("contests:judge_home"),
        detail=(_("Hạn chấm %(date)s") % {"date": vn_date(found["deadline"])})
        if found["deadline"]
        else "",
        urgent=True,
        icon="clipboard-check",
    )
