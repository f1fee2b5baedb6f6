"""Statistics name units as they were on the structure's date; a merged unit says so."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from guongsang.org import services as org_services
from guongsang.org.tests.factories import make_unit
from guongsang.stats.exports import stats_text
from guongsang.stats.services import award_stats
from guongsang.stats.tests.test_services import COLLECTIVE, _give

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]

OLD, NEW = "Trung tâm Giới thiệu việc làm", "Trung tâm Dịch vụ việc làm"


@pytest.fixture
def renamed(world):
    centre = make_unit(OLD, parent=world.dept, valid_from=dt.date(2005, 1, 1))
    _give(COLLECTIVE, 2015, centre, n=2)
    return org_services.unit_rename(actor=None, unit=centre, name=NEW, on=dt.date(2016, 1, 1))


def _labels(result):
    return {r.labels["unit"]: r.count for r in result.rows}


def test_units_are_labelled_with_the_name_of_the_date_asked_for(world, renamed):
    before = award_stats(
        from_year=2015, to_year=2015, by=("unit",), unit=world.dept, as_of=dt.date(2015, 6, 1)
    )
    assert _labels(before) == {OLD: 2}
    after = award_stats(
        from_year=2015, to_year=2015, by=("unit",), unit=world.dept, as_of=dt.date(2016, 6, 1)
    )
    assert _labels(after) == {NEW: 2}
    assert _labels(award_stats(from_year=2015, to_year=2015, by=("unit",), unit=world.dept)) == {
        NEW: 2
    }


def test_the_chosen_unit_is_named_as_it_was(world, renamed):
    result = award_stats(from_year=2015, to_year=2015, unit=renamed, as_of=dt.date(2015, 6, 1))
    assert result.as_dict()["unit"]["name"] == OLD
    assert stats_text(result).startswith(f"Khen thưởng 2015–2015, {OLD}")


def test_the_command_shows_the_name_of_the_date(world, renamed):
    out = io.StringIO()
    call_command("stats", "--unit", world.dept.code, "--as-of", "2015-06-01", stdout=out)
    text = out.getvalue()
    assert OLD in text and NEW not in text
    assert any(line.startswith(OLD) for line in text.splitlines())  # the unit's row


def test_a_merged_unit_says_where_its_records_went(world):
    old = make_unit("Trung tâm Bảo trợ xã hội 5", parent=world.dept)
    _give(COLLECTIVE, 2015, old, n=2)
    merged = org_services.unit_merge(
        actor=None,
        units=[old, world.centre],
        on=dt.date(2018, 1, 1),
        code="tt-ho-tro",
        name="Trung tâm Hỗ trợ xã hội",
        parent=world.dept,
    )
    old.refresh_from_db()
    result = award_stats(from_year=2015, to_year=2015, unit=old)
    assert result.total == 0
    assert f"đã sáp nhập vào “{merged.name}”" in result.note
    assert result.note in stats_text(result)
    assert result.as_dict()["note"] == result.note
    # Asked as it was before the merge: its own figures, no note.
    before = award_stats(from_year=2015, to_year=2015, unit=old, as_of=dt.date(2017, 6, 1))
    assert (before.total, before.note) == (2, "")
