"""The rollup follows the tree by date: a new day alone keeps it in use; a dated change of the
tree takes effect on its date. PostgreSQL and SQLite."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guongsang.awards.services import award_record
from guongsang.catalogue.models import Title
from guongsang.org import selectors as org_selectors
from guongsang.org import services as org_services
from guongsang.org.tests.factories import make_unit
from guongsang.stats.models import RollupState, SubtreeCount
from guongsang.stats.services import (
    award_stats,
    counting,
    rows,
    stats_mismatches,
    stats_refresh,
    summary,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def _give(unit, n):
    title = Title.objects.get(code="tap-the-tot")
    for _ in range(n):
        award_record(
            actor=None, title=title, year=2020, unit=unit, decision_date=dt.date(2020, 11, 1)
        )


def _set_today(monkeypatch, day: dt.date) -> None:
    for module in (counting, rows, summary):
        monkeypatch.setattr(module, "today", lambda: day)
    monkeypatch.setattr(org_selectors, "today", lambda: day)


@pytest.fixture
def large(monkeypatch):
    """As on a large installation: a stale rollup is never rebuilt on a read."""
    monkeypatch.setattr(summary, "INLINE_REFRESH_CELLS", 0)


def test_a_new_day_without_a_tree_change_keeps_the_fast_path(world, large, monkeypatch):
    _give(world.centre, 2)
    _give(world.other_centre, 1)
    stats_refresh()
    tomorrow = org_selectors.today() + dt.timedelta(days=1)
    _set_today(monkeypatch, tomorrow)
    with CaptureQueriesContext(connection) as queries:
        result = award_stats(from_year=2020, to_year=2020, unit=world.dept)
    assert result.total == 3
    assert not any("stats_awardcount" in q["sql"] for q in queries.captured_queries)
    assert RollupState.objects.get(pk=1).built_on == tomorrow
    with CaptureQueriesContext(connection) as queries:  # the next request: the one query
        award_stats(from_year=2020, to_year=2020, unit=world.dept)
    assert len(queries.captured_queries) == 1
    _give(world.centre, 1)  # the triggers keep the rollup along the tree of the new day
    assert award_stats(from_year=2020, to_year=2020, unit=world.dept).total == 4
    assert stats_mismatches() == []


def test_a_dated_move_counts_under_the_new_parent_from_its_date(world, large, monkeypatch):
    health = make_unit("Sở Y tế", parent=world.city)
    _give(world.centre, 2)
    _give(world.other_centre, 1)
    day = org_selectors.today() + dt.timedelta(days=5)
    org_services.unit_move(actor=None, unit=world.other_centre, new_parent=health, on=day)
    stats_refresh()  # the nightly refresh, before the move takes effect
    assert award_stats(from_year=2020, to_year=2020, unit=world.dept).total == 3
    assert award_stats(from_year=2020, to_year=2020, unit=health).total == 0
    _set_today(monkeypatch, day - dt.timedelta(days=1))  # not yet: still the fast path
    assert award_stats(from_year=2020, to_year=2020, unit=world.dept).total == 3
    _set_today(monkeypatch, day)
    assert award_stats(from_year=2020, to_year=2020, unit=world.dept).total == 2
    assert award_stats(from_year=2020, to_year=2020, unit=health).total == 1
    stats_refresh()
    assert RollupState.objects.get(pk=1).built_on == day
    assert award_stats(from_year=2020, to_year=2020, unit=health).total == 1
    assert stats_mismatches() == []


def _rollup_rows(unit) -> dict:
    return {
        (row.year, row.title_id, row.revoked): (row.pk, row.n)
        for row in SubtreeCount.objects.filter(ancestor=unit)
    }


def test_a_dated_move_is_applied_on_its_day_to_the_ancestors_it_touches(world, large, monkeypatch):
    health = make_unit("Sở Y tế", parent=world.city)
    clinic = make_unit("Trạm y tế", parent=health)
    _give(world.centre, 2)
    _give(world.other_centre, 3)
    _give(clinic, 4)
    day = org_selectors.today() + dt.timedelta(days=3)
    org_services.unit_move(actor=None, unit=world.other_centre, new_parent=clinic, on=day)
    stats_refresh()
    city_before = _rollup_rows(world.city)
    _set_today(monkeypatch, day)
    with CaptureQueriesContext(connection) as queries:
        assert award_stats(from_year=2020, to_year=2020, unit=world.dept).total == 2
    assert not any(q["sql"].strip() == "DELETE FROM stats_subtreecount" for q in queries)
    state = RollupState.objects.get(pk=1)
    assert (state.built_on, state.stale) == (day, False)
    # Counted by hand: the clinic now holds its 4 and the moved centre's 3, the health
    # department the same 7; the city, above both sides of the move, is not touched (same
    # rows, same counts).
    assert award_stats(from_year=2020, to_year=2020, unit=clinic).total == 7
    assert award_stats(from_year=2020, to_year=2020, unit=health).total == 7
    assert award_stats(from_year=2020, to_year=2020, unit=world.city).total == 9
    assert _rollup_rows(world.city) == city_before
    assert stats_mismatches() == []
    _give(world.other_centre, 1)  # along the new day's tree
    assert award_stats(from_year=2020, to_year=2020, unit=clinic).total == 8
    assert stats_mismatches() == []


def test_a_move_dated_today_keeps_the_rollup_exact_without_a_refresh(world, large):
    """PostgreSQL: the tree's triggers correct the rollup in the same transaction. SQLite
    marks it stale (its installations refresh it on a read)."""
    health = make_unit("Sở Y tế", parent=world.city)
    _give(world.centre, 2)
    _give(world.other_centre, 3)
    stats_refresh()
    org_services.unit_move(
        actor=None, unit=world.other_centre, new_parent=health, on=org_selectors.today()
    )
    state = RollupState.objects.get(pk=1)
    if connection.vendor != "postgresql":
        assert state.stale is True
        return
    assert state.stale is False
    with CaptureQueriesContext(connection) as queries:
        assert award_stats(from_year=2020, to_year=2020, unit=health).total == 3
    assert len(queries.captured_queries) == 1  # the rollup, fresh, in one query
    assert award_stats(from_year=2020, to_year=2020, unit=world.dept).total == 2
    assert stats_mismatches() == []
