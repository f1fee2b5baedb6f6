"""Reads of the catalogue: the base salary on a date and the reward a title carries."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.catalogue.models import BaseSalary, Title
from guongsang.core.formatting import vn_short_date

ROUND_TO = 10_000  # "làm tròn số lên hàng chục nghìn đồng"


def base_salary_on(on: dt.date) -> int:
    amount = (
        BaseSalary.objects.filter(valid_from__lte=on)
        .order_by("-valid_from")
        .values_list("amount", flat=True)
        .first()
    )
    if amount is None:
        raise ValidationError(
            _("Chưa có mức lương cơ sở áp dụng vào ngày %(date)s.") % {"date": vn_short_date(on)}
        )
    return amount


def round_up(amount: Decimal, step: int = ROUND_TO) -> int:
    return int((amount / step).to_integral_value(rounding=ROUND_CEILING)) * step


def reward_amount(*, title: Title, on: dt.date, collective: bool) -> int:
    """Coefficient × base salary in force on the decision date, rounded up to 10,000 đồng;
    a collective receiving a form gets twice the individual coefficient."""
    coefficient = Decimal(title.coefficient)
    if collective and title.collective_doubles:
        coefficient *= 2
    return round_up(coefficient * base_salary_on(on))


def titles_in_force(on: dt.date | None = None):
    on = on or timezone.localdate()
    return Title.objects.filter(
        Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))
    )
