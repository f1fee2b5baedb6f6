"""The reward amount's arithmetic without a database: coefficient × base salary, doubled for a
collective receiving a form, rounded up to the next 10,000 đồng (worked out by hand)."""

import datetime as dt
from decimal import Decimal

import pytest

from guongsang.catalogue import selectors
from guongsang.catalogue.models import Title
from guongsang.catalogue.selectors import reward_amount, round_up


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("0", 0),
        ("1", 10_000),
        ("9999.99", 10_000),
        ("10000", 10_000),
        ("10000.01", 20_000),
        ("536400", 540_000),  # 0.3 × 1,788,000
        ("1117500", 1_120_000),
    ],
)
def test_an_amount_is_rounded_up_to_the_next_ten_thousand(amount, expected):
    assert round_up(Decimal(amount)) == expected


def test_rounding_takes_another_step_when_asked():
    assert round_up(Decimal("1001"), step=1_000) == 2_000
    assert round_up(Decimal("1000"), step=1_000) == 1_000


@pytest.fixture
def salary(monkeypatch):
    """The base salary in force: 1,490,000 đồng, whatever the date."""
    days = []

    def base_salary_on(on):
        days.append(on)
        return 1_490_000

    monkeypatch.setattr(selectors, "base_salary_on", base_salary_on)
    return days


def test_the_amount_is_the_coefficient_times_the_salary_rounded_up(salary):
    title = Title(coefficient=Decimal("0.3"), collective_doubles=False)
    # 0.3 × 1,490,000 = 447,000 → 450,000, for an individual and a collective alike.
    assert reward_amount(title=title, on=dt.date(2023, 6, 30), collective=False) == 450_000
    assert reward_amount(title=title, on=dt.date(2023, 6, 30), collective=True) == 450_000
    assert salary == [dt.date(2023, 6, 30)] * 2


def test_a_collective_receiving_a_form_gets_twice_the_coefficient(salary):
    title = Title(coefficient=Decimal("1.5"), collective_doubles=True)
    # 1.5 × 1,490,000 = 2,235,000 → 2,240,000; doubled: 3 × 1,490,000 = 4,470,000.
    assert reward_amount(title=title, on=dt.date(2023, 1, 1), collective=False) == 2_240_000
    assert reward_amount(title=title, on=dt.date(2023, 1, 1), collective=True) == 4_470_000
