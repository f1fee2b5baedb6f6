"""What the council's services share: the quorum and notice defaults, the access check of
the secretariat of a level, working days and receipt codes."""

from __future__ import annotations

import datetime as dt
import secrets
from fractions import Fraction

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from guongsang.core.types import Actor
from guongsang.council.permissions import can_manage_level

DEFAULT_QUORUM = Fraction(2, 3)
# Quy chế Hội đồng: a session is valid with at least two thirds of all members present; a
# council may ask for more, never for less.
MIN_QUORUM = Fraction(2, 3)
DEFAULT_NOTICE_DAYS = 5
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed back


def _require_manage(actor: Actor, unit_id: int | None) -> None:
    if not can_manage_level(actor, unit_id):
        raise PermissionDenied(_("Chỉ thường trực Hội đồng của cấp này được thực hiện thao tác."))


def add_working_days(starts_on: dt.date, days: int) -> dt.date:
    """The last day of a period of `days` working days (Monday–Friday) starting on `starts_on`
    (counted as the first day when it is a working day). Public holidays are not known to the
    system: the secretariat lengthens the period by hand around Tết."""
    if days < 1:
        raise ValidationError(_("Thời gian công khai phải từ 1 ngày làm việc trở lên."))
    day, counted = starts_on, 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted == days:
                return day
        day += dt.timedelta(days=1)


def new_receipt() -> str:
    """A random receipt code such as 'K7QM-3XHP-TZ': 10 symbols of 32, about 50 bits."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
