"""The demo's contract: every figure of the articles (guongsang/demo/facts.py) comes out of the
records the demo wrote, counted by the system's own statistics, targets and contest code.

This is the one test of the demo's figures. The code that computes them is tested on small data
built by hand in each app (stats/tests/test_figures.py, targets/tests/test_figures.py).
"""

import pytest
from django.utils import timezone

from guongsang.awards.selectors import count_by_title
from guongsang.demo import facts
from guongsang.demo.steps.org import MERGED
from guongsang.org.models import Unit
from guongsang.stats.services import award_stats, stats_mismatches

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]

BASE = "nguoi-tot-viec-tot-co-so"
CITY = "nguoi-tot-viec-tot-thanh-pho"
COLLECTIVE = "tap-the-tot"


@pytest.fixture
def department():
    return Unit.objects.get(code=facts.DEPARTMENT)


def test_the_history_gives_the_figures_of_2009_to_2021(department):
    first, last = facts.HISTORY_YEARS
    result = award_stats(from_year=first, to_year=last, by=("level", "title", "target"))
    assert result.total_for(level="base", title=BASE) == facts.GOOD_PEOPLE_DEPARTMENT_2009_2021
    assert (
        result.total_for(level="base", title=COLLECTIVE, target="collective")
        == facts.GOOD_COLLECTIVES_DEPARTMENT_2009_2021
    )
    assert result.total_for(level="city", title=CITY) == facts.GOOD_PEOPLE_CITY_2009_2021
    counts = count_by_title(unit=department, year_from=first, year_to=last)
    assert (counts[BASE], counts[COLLECTIVE], counts[CITY]) == (
        facts.GOOD_PEOPLE_DEPARTMENT_2009_2021,
        facts.GOOD_COLLECTIVES_DEPARTMENT_2009_2021,
        facts.GOOD_PEOPLE_CITY_2009_2021,
    )


def test_2022_and_2023_give_the_city_and_department_levels(department):
    for year in (facts.YEAR_2022, facts.YEAR_2023):
        counts = count_by_title(unit=department, year_from=year.year, year_to=year.year)
        assert (counts[CITY], counts[BASE]) == (year.good_people_city, year.good_people_department)


def test_the_statistics_summary_and_rollup_agree_with_a_fresh_count(department):
    from guongsang.stats.models import RollupState

    assert RollupState.objects.get(pk=1).stale is False
    assert stats_mismatches() == []
    merged = Unit.objects.get(code=MERGED.code)
    first, last = facts.HISTORY_YEARS
    today = award_stats(from_year=first, to_year=last, unit=merged).total
    as_it_was = award_stats(from_year=first, to_year=last, unit=merged, as_of=merged.valid_from)
    assert 0 < as_it_was.total < today  # the merged-away centres' history counts under it


def test_the_contests_give_the_entries_and_rounds_of_2022_and_2023():
    from guongsang.contests import selectors
    from guongsang.contests.models import Commendation, Contest

    entries = selectors.entry_counts_by_year()
    # 2023: the articles give the entries sent to the city; the department round kept them all.
    # (This year's contest, still in judging, is the demo's present, not a seed figure.)
    seeds = {year: entries[year] for year in (2022, 2023)}
    assert seeds == {2022: facts.YEAR_2022.contest_entries, 2023: facts.YEAR_2023.contest_to_city}
    assert set(entries) <= {2022, 2023, timezone.localdate().year}
    sent = selectors.sent_to_city_counts()
    assert sent == {2022: facts.YEAR_2022.contest_to_city, 2023: facts.YEAR_2023.contest_to_city}
    final = Contest.objects.get(year=2023).rounds.get(number=3)
    assert final.round_entries.count() == facts.YEAR_2023.contest_city_final
    commended = Commendation.objects.filter(entry__contest__year=2023)
    assert commended.count() == facts.YEAR_2023.contest_commended_by_director


def test_the_2023_targets_give_the_percentages_after_nine_months(department):
    from guongsang.targets.selectors import attainment

    rows = {r.code: r for r in attainment(user=None, year=2023, unit=department, to_month=9)}
    for target in facts.TARGETS_2023:
        row = rows[target.code]
        assert (row.plan, row.actual) == (target.plan, target.result_9_months)
        assert round(row.percent, 1) == target.reported_percent, target.code


def test_the_plans_have_the_number_of_contents_the_articles_give():
    from guongsang.movements.models import Movement

    for year, contents in (
        (2022, facts.YEAR_2022.plan_contents),
        (2024, facts.YEAR_2024_PLAN_CONTENTS),
    ):
        movement = Movement.objects.get(organiser__code=facts.DEPARTMENT, year=year)
        assert movement.contents.count() == contents
