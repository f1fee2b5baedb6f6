"""What waits on movements for a unit officer: the deadlines of open movements, and the
collective pledges the officer's units have not yet made."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_date
from guongsang.core.permissions import has_role, restrict
from guongsang.core.roles import Role
from guongsang.core.todo import TodoItem
from guongsang.core.types import Actor
from guongsang.movements.models import Pledge
from guongsang.movements.selectors import movement_list, units_expected_to_pledge

# A deadline within this many days is shown as urgent.
SOON_DAYS = 7


def todo(user: Actor) -> Iterator[TodoItem]:
    if not has_role(user, {Role.UNIT_OFFICER}):
        return
    today = timezone.localdate()
    open_movements = list(
        movement_list(user=user).filter(
            Q(pledge_deadline__gte=today) | Q(nomination_deadline__gte=today)
        )
    )
    for movement in open_movements:
        url = reverse("movements:detail", args=[movement.uuid])
        if movement.pledge_deadline and movement.pledge_deadline >= today:
            mine = restrict(
                units_expected_to_pledge(movement), user, roles={Role.UNIT_OFFICER}, unit_field="pk"
            )
            pledged = Pledge.objects.filter(
                movement=movement, person__isnull=True, unit__in=mine
            ).values("unit")
            missing = mine.exclude(pk__in=pledged).count()
            days = (movement.pledge_deadline - today).days
            yield TodoItem(
                role=Role.UNIT_OFFICER,
                label=_("Đơn vị chưa đăng ký thi đua: %(name)s") % {"name": movement.name},
                count=missing,
                url=url,
                detail=_("Hạn đăng ký %(date)s") % {"date": vn_date(movement.pledge_deadline)},
                urgent=days <= SOON_DAYS,
                icon="flag",
            )
        if movement.nomination_deadline and movement.nomination_deadline >= today:
            days = (movement.nomination_deadline - today).days
            yield TodoItem(
                role=Role.UNIT_OFFICER,
                label=_("Hạn gửi hồ sơ đề nghị khen thưởng: %(name)s") % {"name": movement.name},
                count=days,
                url=url,
                detail=_("Đến %(date)s") % {"date": vn_date(movement.nomination_deadline)},
                badge=_("còn %(days)s ngày") % {"days": days},
                urgent=days <= SOON_DAYS,
                always=True,
                icon="calendar-event",
            )
