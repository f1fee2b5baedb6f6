"""Reminders of open ballots, sent by the task worker (core.periodic): a member who has not
voted on every dossier of an open session hears of it once a day while it stays open."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_date
from guongsang.council import selectors
from guongsang.council.models import SessionStatus
from guongsang.nominations.notifications import remind


def ballot_reminders(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    sent = 0
    members = (
        get_user_model()
        .objects.filter(
            is_active=True,
            council_memberships__council__sessions__status=SessionStatus.OPEN,
        )
        .distinct()
    )
    for user in members:
        for session, items, voted in selectors.open_ballots_for_member(user=user):
            left = len(items) - len(voted)
            if not left:
                continue
            sent += len(
                remind(
                    users=[user],
                    key=f"ballot:{session.uuid}:{today.isoformat()}",
                    message=_("Nhắc việc: còn %(n)s hồ sơ chờ bạn bỏ phiếu, phiên họp %(date)s.")
                    % {"n": left, "date": vn_date(session.held_on)},
                    link=reverse("council:my_ballots"),
                )
            )
    return sent
