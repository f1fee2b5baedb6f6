"""The statistics service: grouped counts, history, scope, and the trigger-kept summary."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guongsang.awards.models import Award
from guongsang.awards.services import award_record, award_revoke
from guongsang.catalogue.models import Title
from guongsang.org import services as org_services
from guongsang.org.tests.factories import make_unit
from guongsang.stats.models import AwardCount
from guongsang.stats.services import award_stats, stats_mismatches, stats_rebuild

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]

GOOD = "nguoi-tot-viec-tot-co-so"
CITY = "nguoi-tot-viec-tot-thanh-pho"
COLLECTIVE = "tap-the-tot"


def _give(code, year, unit, person=None, n=1):
    title = Title.objects.get(code=code)
    return [
        award_record(
            actor=None,
            title=title,
            year=year,
            unit=unit,
            person=person,
            decision_date=dt.date(year, 11, 1),
        )
        for _ in range(n)
    ]


def _raw(**filters) -> int:
    return Award.objects.filter(revoked_on=None, **filters).count()


@pytest.fixture
def history(world):
    _give(GOOD, 2021, world.centre, world.person, n=3)
    _give(GOOD, 2022, world.centre, world.person, n=4)
    _give(CITY, 2022, world.other_centre, world.other_person, n=2)
    _give(COLLECTIVE, 2022, world.other_centre)
    return world


def test_counts_group_by_level_title_and_target(history):
    result = award_stats(from_year=2021, to_year=2022, by=("level", "title", "target"))
    assert result.total_for(title=GOOD) == 7
    assert result.total_for(level="city", target="individual") == 2
    assert result.total_for(title=COLLECTIVE, target="collective") == 1
    assert result.total == 10
    assert result.rows[0].labels["level"] == "Cơ sở"


def test_year_rows_give_cumulative_and_year_over_year_change(history):
    result = award_stats(from_year=2021, to_year=2022, by=("title", "year"), title_codes=[GOOD])
    first, second = result.rows
    assert (first.key["year"], first.count, first.cumulative) == (2021, 3, 3)
    assert (second.count, second.cumulative, second.previous, second.change) == (4, 7, 3, 1)
    assert str(second.change_percent) == "33.3"
    assert first.previous == 0 and first.change_percent is None


def test_a_series_gets_a_zero_row_for_a_year_without_awards(history):
    result = award_stats(from_year=2020, to_year=2022, by=("year", "title"), title_codes=[CITY])
    assert [(r.key["year"], r.count) for r in result.rows] == [(2020, 0), (2021, 0), (2022, 2)]


def test_the_unit_dimension_rolls_awards_up_to_the_units_under_the_chosen_one(history):
    result = award_stats(from_year=2021, to_year=2022, by=("unit",), unit=history.dept)
    counts = {r.labels["unit"]: r.count for r in result.rows}
    assert counts == {history.centre.name: 7, history.other_centre.name: 3}


def test_a_unit_officer_sees_only_their_unit_and_cannot_ask_for_another(history):
    result = award_stats(user=history.officer, from_year=2021, to_year=2022, by=("title",))
    assert result.total == 7
    with pytest.raises(PermissionDenied):
        award_stats(user=history.officer, from_year=2021, to_year=2022, unit=history.other_centre)


def test_a_leader_sees_the_whole_department(history):
    result = award_stats(user=history.leader, from_year=2021, to_year=2022, unit=history.dept)
    assert result.total == 10


def test_a_role_without_statistics_is_refused(history):
    from guongsang.accounts.tests.factories import make_user
    from guongsang.core.roles import Role

    judge = make_user("giamkhao", role=Role.JUDGE, unit=history.dept)
    with pytest.raises(PermissionDenied):
        award_stats(user=judge, from_year=2021, to_year=2022)


def test_bad_input_is_refused_in_vietnamese(history):
    with pytest.raises(ValidationError, match="Năm bắt đầu"):
        award_stats(from_year=2023, to_year=2021)
    with pytest.raises(ValidationError, match="chiều thống kê"):
        award_stats(from_year=2021, to_year=2022, by=("colour",))
    with pytest.raises(ValidationError, match="không hợp lệ"):
        award_stats(from_year=2021, to_year=2022, levels=["moon"])


def test_revoked_awards_are_left_out_unless_asked_for(history):
    award = Award.objects.filter(year=2022, title__code=GOOD).first()
    award_revoke(
        actor=None,
        award=award,
        on=dt.date(2023, 3, 1),
        reason="Sai thành tích",
        decision_number="12/QĐ-SLĐTBXH",
    )
    assert award_stats(from_year=2022, to_year=2022).total == 6
    assert award_stats(from_year=2022, to_year=2022, include_revoked=True).total == 7
    assert stats_mismatches() == []


def test_record_revoke_update_and_delete_keep_the_summary_equal_to_the_awards(history):
    assert stats_mismatches() == []
    award = _give(GOOD, 2020, history.centre, history.person)[0]
    assert AwardCount.objects.get(year=2020).n == 1
    award_revoke(
        actor=None,
        award=award,
        on=dt.date(2021, 3, 1),
        reason="Thu hồi",
        decision_number="1/QĐ",
    )
    assert AwardCount.objects.get(year=2020, revoked=True).n == 1
    assert not AwardCount.objects.filter(year=2020, revoked=False).exists()
    Award.objects.filter(year=2022, unit=history.other_centre).update(unit=history.centre)
    assert stats_mismatches() == []
    Award.objects.filter(year=2021).delete()
    assert stats_mismatches() == []
    assert not AwardCount.objects.filter(year=2021).exists()
    assert award_stats(from_year=2020, to_year=2022).total == _raw(year__gte=2020) == 7
    stats_rebuild()
    assert stats_mismatches() == []


def test_a_merged_unit_counts_under_its_successor_today_and_alone_as_it_was(world):
    old = make_unit("Trung tâm cũ", parent=world.dept)
    _give(COLLECTIVE, 2015, old, n=2)
    _give(COLLECTIVE, 2015, world.centre)
    merged = org_services.unit_merge(
        actor=None,
        units=[old, world.centre],
        on=dt.date(2018, 1, 1),
        code="tt-moi",
        name="Trung tâm mới",
        parent=world.dept,
    )
    today = award_stats(from_year=2015, to_year=2015, unit=merged)
    assert today.total == 3
    before = award_stats(from_year=2015, to_year=2015, unit=old, as_of=dt.date(2016, 1, 1))
    assert before.total == 2
    by_unit = award_stats(from_year=2015, to_year=2015, by=("unit",), unit=world.dept)
    assert {r.labels["unit"]: r.count for r in by_unit.rows} == {"Trung tâm mới": 3}


def test_the_rollup_serves_a_unit_and_follows_a_change_of_the_tree(world):
    """PostgreSQL: the tree's triggers correct the rollup at once. SQLite: it goes stale
    and the next read rebuilds it (a small installation)."""
    from django.db import connection

    from guongsang.stats.models import RollupState, SubtreeCount

    corrected = connection.vendor == "postgresql"

    _give(COLLECTIVE, 2020, world.centre, n=2)
    _give(COLLECTIVE, 2020, world.other_centre)
    assert award_stats(from_year=2020, to_year=2020, unit=world.dept).total == 3
    assert RollupState.objects.get(pk=1).stale is False
    assert SubtreeCount.objects.get(ancestor=world.dept, year=2020).n == 3
    _give(COLLECTIVE, 2020, world.centre)  # kept by the triggers while the tree stands
    assert SubtreeCount.objects.get(ancestor=world.dept, year=2020).n == 4
    assert stats_mismatches() == []
    other_dept = make_unit("Sở Y tế", parent=world.city)
    assert RollupState.objects.get(pk=1).stale is not corrected
    org_services.unit_move(
        actor=None, unit=world.other_centre, new_parent=other_dept, on=dt.date(2021, 1, 1)
    )
    if corrected:  # before any read: the move itself moved the count
        assert SubtreeCount.objects.get(ancestor=world.dept, year=2020).n == 3
        assert SubtreeCount.objects.get(ancestor=other_dept, year=2020).n == 1
        assert stats_mismatches() == []
    assert award_stats(from_year=2020, to_year=2020, unit=world.dept).total == 3
    assert award_stats(from_year=2020, to_year=2020, unit=other_dept).total == 1
    assert RollupState.objects.get(pk=1).stale is False
    assert stats_mismatches() == []
