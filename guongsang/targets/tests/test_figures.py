"""The percentage of plan reached on figures entered here by hand for a small subtree; the
expected plan, result and percentage are computed in the test from the same numbers."""

from decimal import Decimal

import pytest

from guongsang.core.formatting import vn_percent
from guongsang.targets import selectors, services
from guongsang.targets.tests.factories import make_indicator

pytestmark = pytest.mark.django_db

# unit -> (plan of the year, results of the months 1 to 12)
JOBS = {
    "centre": (1_300, (90, 110, 95, 120, 130, 105, 99, 101, 140, 0, 0, 0)),
    "other_centre": (2_450, (200, 180, 230, 210, 190, 205, 260, 215, 240, 0, 0, 0)),
}
REHAB = {
    "centre": (60, (4, 6, 5, 7, 3, 8, 6, 5, 9, 0, 0, 0)),
    "other_centre": (45, (5, 4, 6, 3, 5, 4, 6, 5, 7, 0, 0, 0)),
}


def _enter(world, indicator, figures):
    officers = {"centre": world.officer, "other_centre": world.other_officer}
    for name, (plan, months) in figures.items():
        unit = getattr(world, name)
        services.plan_set(
            by=world.secretariat, indicator=indicator, unit=unit, year=2023, value=plan
        )
        for month, value in enumerate(months, start=1):
            if value:
                services.result_set(
                    by=officers[name],
                    indicator=indicator,
                    unit=unit,
                    year=2023,
                    month=month,
                    value=value,
                )


def _by_hand(figures, *, units, to_month):
    plan = sum(figures[u][0] for u in units)
    actual = sum(sum(figures[u][1][:to_month]) for u in units)
    return Decimal(plan), Decimal(actual), Decimal(actual * 100) / Decimal(plan)


@pytest.mark.parametrize("to_month", [3, 9, 12])
def test_the_department_reaches_the_sum_of_its_units_over_the_sum_of_their_plans(world, to_month):
    jobs, rehab = make_indicator(), make_indicator("cai-nghien", "Tiếp nhận cai nghiện")
    _enter(world, jobs, JOBS)
    _enter(world, rehab, REHAB)
    rows = {
        r.code: r
        for r in selectors.attainment(
            user=world.secretariat, year=2023, unit=world.dept, to_month=to_month
        )
    }
    for indicator, figures in ((jobs, JOBS), (rehab, REHAB)):
        plan, actual, percent = _by_hand(figures, units=figures, to_month=to_month)
        row = rows[indicator.code]
        assert (row.plan, row.actual) == (plan, actual)
        assert vn_percent(row.percent) == vn_percent(percent)


def test_a_unit_reaches_its_own_figures_only(world):
    jobs = make_indicator()
    _enter(world, jobs, JOBS)
    [row] = selectors.attainment(user=world.officer, year=2023, to_month=9)
    plan, actual, percent = _by_hand(JOBS, units=["centre"], to_month=9)
    assert (row.plan, row.actual, vn_percent(row.percent)) == (plan, actual, vn_percent(percent))


def test_the_unit_score_is_the_mean_of_the_capped_percentages(world):
    jobs, rehab = make_indicator(), make_indicator("cai-nghien", "Tiếp nhận cai nghiện")
    _enter(world, jobs, JOBS)
    _enter(world, rehab, REHAB)
    score = selectors.unit_score(user=world.secretariat, year=2023, unit=world.centre)
    percents = [_by_hand(figures, units=["centre"], to_month=12)[2] for figures in (JOBS, REHAB)]
    expected = sum(min(p, Decimal(100)) for p in percents) / len(percents)
    assert round(score, 1) == round(expected, 1)
