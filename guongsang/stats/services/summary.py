"""Keeping the summary table (AwardCount) and its subtree rollup right."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models import Q

from guongsang.org.selectors import today
from guongsang.stats import rollup
from guongsang.stats.models import AwardCount, RollupState, SubtreeCount

REBUILD_SQL = """
INSERT INTO stats_awardcount (unit_id, year, title_id, level, target, revoked, n)
SELECT unit_id, year, title_id, level, target, revoked_on IS NOT NULL, COUNT(*)
FROM awards_award
GROUP BY unit_id, year, title_id, level, target, revoked_on IS NOT NULL
"""


ROLLUP_SQL = (
    "INSERT INTO stats_subtreecount (ancestor_id, year, title_id, level, target, revoked, n)"
    + rollup.ROLLUP_SELECT
)
# Below this many summary cells a stale rollup is rebuilt on the spot (milliseconds);
# above it the service counts from AwardCount until `manage.py stats_refresh` runs.
INLINE_REFRESH_CELLS = 100_000


@transaction.atomic
def stats_rebuild() -> int:
    """Recompute the summary table from the awards (after a bulk load with triggers off),
    then the rollup. Returns the number of summary rows. The triggers keep both right on
    every other change."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM stats_awardcount")
        cursor.execute(REBUILD_SQL)
    stats_refresh()
    return AwardCount.objects.count()


def stats_refresh(*, on: dt.date | None = None) -> int:
    """Rebuild the rollup (counts per unit and everything under it) along the tree as it
    stands today. On PostgreSQL outside a transaction it is built aside and swapped in, so
    that award writes go on meanwhile (`rollup.refresh_aside`); otherwise one DELETE and one
    grouped INSERT in a transaction. Run nightly as a check (`manage.py stats_refresh`): the
    triggers and `rollup_fresh` keep it following the tree; small installations refresh on
    the first read when it is stale."""
    on = on or today()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        return rollup.refresh_aside(on)
    return _refresh_in_place(on)


@transaction.atomic
def _refresh_in_place(on: dt.date) -> int:
    state, _created = RollupState.objects.select_for_update().get_or_create(pk=1)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM stats_subtreecount")
        cursor.execute(ROLLUP_SQL, [on, on])
    state.built_on, state.stale, state.building_on = on, False, None
    state.save(update_fields=["built_on", "stale", "building_on"])
    return SubtreeCount.objects.count()


def rollup_fresh() -> bool:
    """Is the rollup built for today's tree? A new day alone changes nothing: it is moved on
    to today, and when dated changes of the tree took effect in between, by those changes
    only (`rollup.advance`; one indexed check, once a day). A small stale one is rebuilt
    here."""
    state = RollupState.objects.filter(pk=1).values_list("built_on", "stale").first()
    on = today()
    if state is not None and not state[1] and state[0] is not None:
        if state[0] == on:
            return True
        if state[0] < on and not _tree_changed_between(state[0], on):
            RollupState.objects.filter(pk=1, stale=False, built_on=state[0]).update(built_on=on)
            return True
        if state[0] < on and rollup.advance(state[0], on):
            return True
    if AwardCount.objects.all()[:INLINE_REFRESH_CELLS].count() < INLINE_REFRESH_CELLS:
        try:
            stats_refresh()
        except rollup.RefreshBusy:  # another process is refreshing it: count this time
            return False
        return True
    return False


def _tree_changed_between(after: dt.date, until: dt.date) -> bool:
    """Does a closure row start or end in (after, until]: a dated move, merge or closure that
    took effect since `after`? Then the tree of `until` differs from the tree of `after`."""
    from guongsang.org.models import UnitClosure

    starts = Q(valid_from__gt=after, valid_from__lte=until)
    ends = Q(valid_to__gt=after, valid_to__lte=until)
    return UnitClosure.objects.filter(starts | ends).exists()


def stats_mismatches() -> list[tuple]:
    """Summary cells that differ from a fresh count of the awards (empty when all is well),
    then rollup cells that differ from the summary along today's tree (when it is fresh)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT unit_id, year, title_id, level, target, revoked, SUM(raw), SUM(summ)
            FROM (
              SELECT unit_id, year, title_id, level, target,
                     revoked_on IS NOT NULL AS revoked, 1 AS raw, 0 AS summ
              FROM awards_award
              UNION ALL
              SELECT unit_id, year, title_id, level, target, revoked, 0, n
              FROM stats_awardcount
            ) AS t
            GROUP BY unit_id, year, title_id, level, target, revoked
            HAVING SUM(raw) <> SUM(summ)
            """
        )
        found = list(cursor.fetchall())
        state = RollupState.objects.filter(pk=1, stale=False).first()
        if state is None or state.built_on is None:
            return found
        expected = ROLLUP_SQL.split("SELECT", 1)[1]
        cursor.execute(
            f"""
            SELECT ancestor_id, year, title_id, level, target, revoked, SUM(want), SUM(have)
            FROM (
              SELECT ancestor_id, year, title_id, level, target, revoked, n AS want, 0 AS have
              FROM (SELECT {expected}) AS e
              UNION ALL
              SELECT ancestor_id, year, title_id, level, target, revoked, 0, n
              FROM stats_subtreecount
            ) AS t
            GROUP BY ancestor_id, year, title_id, level, target, revoked
            HAVING SUM(want) <> SUM(have)
            """,  # noqa: S608 - constant SQL of this module, values passed as parameters
            [state.built_on, state.built_on],
        )
        return found + list(cursor.fetchall())
