"""`stats_refresh` builds the new rollup aside: an award written, revoked or a unit moved
while it runs does not wait for it, and the rollup swapped in counts them. The build is
slowed on purpose (pg_sleep inside it) so that the writes fall in the middle of it; the
figures after are checked against counts made here from the award rows. PostgreSQL only:
on SQLite the single writer makes every write wait for any other, refresh included."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connection

from guongsang.awards.models import Award
from guongsang.awards.services import award_record, award_revoke
from guongsang.catalogue.models import Title
from guongsang.org import services as org_services
from guongsang.org.tests.factories import make_unit
from guongsang.stats import rollup
from guongsang.stats.models import RollupDelta, RollupState, SubtreeCount
from guongsang.stats.services import award_stats, stats_mismatches, stats_refresh
from guongsang.stats.tests.test_bulk_writes import _assert_summaries_exact

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("titles")]

PAUSE = 2.0  # seconds the build sleeps once its rows are in the side table


def _give(unit, n: int, year: int = 2020) -> list[Award]:
    title = Title.objects.get(code="tap-the-tot")
    return [
        award_record(
            actor=None, title=title, year=year, unit=unit, decision_date=dt.date(year, 11, 1)
        )
        for _ in range(n)
    ]


@pytest.fixture
def slowed(monkeypatch):
    """The refresh's build sleeps PAUSE seconds after filling the side table (its snapshot
    taken); `building` is set meanwhile."""
    if connection.vendor != "postgresql":
        pytest.skip("the build aside is PostgreSQL's; SQLite has one writer at a time")
    building, built = threading.Event(), threading.Event()
    original = rollup.build

    def build(cursor, on):
        original(cursor, on)
        building.set()
        cursor.execute("SELECT pg_sleep(%s)", [PAUSE])
        built.set()

    monkeypatch.setattr(rollup, "build", build)

    class Slowed:
        def start(self) -> tuple[threading.Thread, list]:
            """A refresh in a thread; returns once its build is sleeping."""
            building.clear()
            built.clear()
            thread, outcome = _refresh_in_thread()
            assert building.wait(30), outcome
            return thread, outcome

        @staticmethod
        def still_building() -> bool:
            return not built.is_set()

    return Slowed()


def _refresh_in_thread() -> tuple[threading.Thread, list]:
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(stats_refresh())
        except BaseException as exc:
            outcome.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def test_writes_during_a_slowed_refresh_do_not_wait_and_are_counted(world, slowed):
    _give(world.centre, 3)
    revoked_later = _give(world.other_centre, 2)
    stats_refresh()  # a first rollup, live while the next one is built
    assert RollupState.objects.get(pk=1).stale is False
    thread, outcome = slowed.start()
    waited = [
        _timed(lambda: _give(world.centre, 1)),
        _timed(lambda: _give(world.other_centre, 1, year=2021)),
        _timed(
            lambda: award_revoke(
                actor=None,
                award=revoked_later[0],
                on=dt.date(2021, 3, 1),
                reason="Sai đối tượng",
                decision_number="12/QĐ",
            )
        ),
        _timed(lambda: Award.objects.filter(pk=revoked_later[1].pk).delete()),
    ]
    assert slowed.still_building()  # all four fell inside the build
    assert RollupDelta.objects.count() > 0  # and were logged for the swap
    # the live rollup kept serving and counting meanwhile
    assert SubtreeCount.objects.get(ancestor=world.dept, year=2020, revoked=False).n == 4
    thread.join(60)
    assert not thread.is_alive()
    assert not isinstance(outcome[0], BaseException), outcome
    assert max(waited) < 1.0, waited
    # Counted by hand: centre 3 + 1 (2020) and other centre 1 (2021) live; one revoked.
    assert award_stats(from_year=2020, to_year=2021, unit=world.dept).total == 5
    assert (
        award_stats(from_year=2020, to_year=2021, unit=world.dept, include_revoked=True).total == 6
    )
    _assert_summaries_exact()  # every cell against a count made here from the award rows
    assert stats_mismatches() == []
    state = RollupState.objects.get(pk=1)
    assert (state.stale, state.building_on) == (False, None)
    assert RollupDelta.objects.count() == 0


def test_a_unit_moved_during_a_slowed_refresh_counts_under_its_new_parent(world, slowed):
    health = make_unit("Sở Y tế", parent=world.city)
    _give(world.centre, 2)
    _give(world.other_centre, 3)
    stats_refresh()
    thread, outcome = slowed.start()
    moved = _timed(
        lambda: org_services.unit_move(
            actor=None, unit=world.other_centre, new_parent=health, on=dt.date.today()
        )
    )
    assert slowed.still_building()
    thread.join(60)
    assert not isinstance(outcome[0], BaseException), outcome
    assert moved < 1.0
    assert award_stats(from_year=2020, to_year=2020, unit=world.dept).total == 2
    assert award_stats(from_year=2020, to_year=2020, unit=health).total == 3
    _assert_summaries_exact()
    assert stats_mismatches() == []


def test_a_refresh_that_fails_stops_the_logging_and_leaves_the_live_rollup(world, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the build aside is PostgreSQL's; SQLite has one writer at a time")
    _give(world.centre, 2)
    stats_refresh()

    def broken(cursor, on):
        raise RuntimeError("hỏng giữa chừng")

    monkeypatch.setattr(rollup, "build", broken)
    with pytest.raises(RuntimeError):
        stats_refresh()
    state = RollupState.objects.get(pk=1)
    assert (state.stale, state.building_on) == (False, None)
    _give(world.centre, 1)  # kept in the live rollup, and no longer logged
    assert RollupDelta.objects.count() == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [rollup.SIDE])
        assert cursor.fetchone()[0] is None
    assert award_stats(from_year=2020, to_year=2020, unit=world.dept).total == 3
    _assert_summaries_exact()
