import datetime as dt

import pytest

from guongsang.awards import selectors, services
from guongsang.catalogue.models import Title
from guongsang.people.tests.factories import make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def _give(code, year, *, unit, person=None):
    return services.award_record(
        actor=None, title=Title.objects.get(code=code), year=year, unit=unit, person=person
    )


def test_the_count_table_groups_the_last_years_on_record_by_title(world, django_assert_num_queries):
    for year in (2015, 2019, 2020, 2020):
        _give(
            "nguoi-tot-viec-tot-co-so",
            year,
            unit=world.centre,
            person=make_person(unit=world.centre),
        )
    _give("tap-the-tot", 2020, unit=world.other_centre)
    revoked = _give("tap-the-tot", 2019, unit=world.centre)
    services.award_revoke(
        actor=None, award=revoked, on=dt.date(2020, 1, 2), reason="Sai", decision_number="1/QĐ"
    )
    selectors.count_table(user=world.secretariat, unit=world.dept)  # the user's grants, cached
    with django_assert_num_queries(2):
        table = selectors.count_table(user=world.secretariat, unit=world.dept)
    assert table.years == [2016, 2017, 2018, 2019, 2020]
    assert [(row.title, row.counts) for row in table.rows] == [
        ("“Người tốt, việc tốt” cấp cơ sở", [0, 0, 0, 1, 2]),
        ("“Tập thể tốt”", [0, 0, 0, 0, 1]),
    ]
    assert table.totals == [0, 0, 0, 1, 3] and table.total == 4


def test_the_count_table_stops_at_the_given_year_and_is_empty_without_records(world):
    _give("tap-the-tot", 2020, unit=world.centre)
    _give("tap-the-tot", 2023, unit=world.centre)
    table = selectors.count_table(user=world.secretariat, unit=world.dept, years=3, until=2022)
    assert table.years == [2018, 2019, 2020] and table.total == 1
    empty = selectors.count_table(user=world.secretariat, unit=world.other_centre)
    assert (empty.years, empty.rows, empty.total) == ([], [], 0)


def test_the_count_table_counts_only_what_the_user_may_see(world):
    _give("tap-the-tot", 2020, unit=world.centre)
    _give("tap-the-tot", 2020, unit=world.other_centre)
    assert selectors.count_table(user=world.secretariat, unit=world.dept).total == 2
    assert selectors.count_table(user=world.officer, unit=world.dept).total == 1
