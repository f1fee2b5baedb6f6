"""Reminders before a movement's deadlines, sent by the task worker (core.periodic): the
officers of each unit expected to take part hear of the pledge deadline (if the unit has not
pledged) and of the nomination deadline, a week before and the day before."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_date
from guongsang.core.roles import Role
from guongsang.movements.models import Movement, Pledge
from guongsang.movements.selectors import units_expected_to_pledge
from guongsang.nominations.notifications import remind

# Days before a deadline on which the reminder goes (once each).
DAYS_BEFORE = (7, 1)


def _officers(unit_ids: Any) -> list[Any]:
    users = get_user_model().objects.filter(
        is_active=True, grants__role=Role.UNIT_OFFICER, grants__unit_id__in=unit_ids
    )
    return list(users.distinct())


def _due(deadline: dt.date | None, today: dt.date) -> int | None:
    """The reminder's day count when one is due today (the smallest reached), else None."""
    if deadline is None or deadline < today:
        return None
    left = (deadline - today).days
    reached = [days for days in DAYS_BEFORE if left <= days]
    return min(reached) if reached else None


def movement_reminders(today: dt.date | None = None) -> int:
    """Send the reminders due on `today`; returns how many were sent."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=max(DAYS_BEFORE))
    movements = Movement.objects.filter(
        Q(pledge_deadline__range=(today, horizon)) | Q(nomination_deadline__range=(today, horizon))
    )
    sent = 0
    for movement in movements:
        link = reverse("movements:detail", args=[movement.uuid])
        expected = units_expected_to_pledge(movement)
        days = _due(movement.pledge_deadline, today)
        if days is not None:
            pledged = Pledge.objects.filter(movement=movement, person__isnull=True).values("unit")
            missing = expected.exclude(pk__in=pledged).values("pk")
            sent += len(
                remind(
                    users=_officers(missing),
                    key=f"movement:{movement.uuid}:pledge:{days}",
                    message=_(
                        "Nhắc việc: đơn vị chưa đăng ký thi đua (%(name)s); hạn đăng ký %(date)s."
                    )
                    % {"name": movement.name, "date": vn_date(movement.pledge_deadline)},
                    link=link,
                )
            )
        days = _due(movement.nomination_deadline, today)
        if days is not None:
            sent += len(
                remind(
                    users=_officers(expected.values("pk")),
                    key=f"movement:{movement.uuid}:nomination:{days}",
                    message=_(
                        "Nhắc việc: hạn gửi hồ sơ đề nghị khen thưởng (%(name)s) là %(date)s."
                    )
                    % {"name": movement.name, "date": vn_date(movement.nomination_deadline)},
                    link=link,
                )
            )
    return sent
