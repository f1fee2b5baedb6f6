"""Keeping the rollup (SubtreeCount) in step with the unit tree without holding up writes.

- `refresh_aside` (PostgreSQL): `stats_refresh` builds the new rollup in a side table under
  one snapshot, while awards are written as usual; the triggers log what they change
  meanwhile (`RollupDelta`), and one short transaction adds the changes the snapshot did not
  see and swaps the tables. Award writes wait only for that swap (lock waits capped at
  `LOCK_TIMEOUT`, retried), never for the build.
- `advance`: a new day on which dated changes of the tree take effect moves the rollup to the
  new day's tree by the closure rows that start or end in between, times the per-unit counts:
  only the ancestors those changes touch, not a rebuild (PostgreSQL and SQLite).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from typing import Any

from django.db import DatabaseError, OperationalError, connection, transaction

KEY = "ancestor_id, year, title_id, level, target, revoked"
SIDE = "stats_subtreecount_next"
LOCK_TIMEOUT = "50ms"
SWAP_ATTEMPTS = 200
# Tables whose writers change the rollup, locked in this order everywhere (tree before
# awards, as the tree trigger holds the tree's rows when it locks the awards).
WRITERS = "org_unitclosure, org_unit, awards_award"
ADVISORY_KEY = 20_061_207  # one refresh at a time

ROLLUP_SELECT = """
SELECT c.ancestor_id, s.year, s.title_id, s.level, s.target, s.revoked, SUM(s.n) AS n
FROM stats_awardcount s
JOIN org_unit u ON u.id = s.unit_id
JOIN org_unitclosure c ON c.descendant_id = u.current_id
WHERE c.valid_from <= %s AND (c.valid_to IS NULL OR c.valid_to > %s)
GROUP BY c.ancestor_id, s.year, s.title_id, s.level, s.target, s.revoked
"""


class RefreshBusy(Exception):
    """Another refresh of the rollup is running."""


def _lock_timed_out(exc: BaseException) -> bool:
    return getattr(exc.__cause__, "sqlstate", None) == "55P03"  # lock_not_available


def _hold_writers(cursor: Any, mode: str, *more: str) -> None:
    """Lock the writers' tables (then `more` statements), waiting at most LOCK_TIMEOUT each."""
    cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    cursor.execute(f"LOCK TABLE {WRITERS} IN {mode} MODE")
    for sql in more:
        cursor.execute(sql)
    cursor.execute("SET LOCAL lock_timeout = DEFAULT")


def _retrying(step: Any) -> Any:
    """Run `step` in a transaction until its lock waits fit in LOCK_TIMEOUT: a writer never
    queues behind us for longer than that."""
    for _attempt in range(SWAP_ATTEMPTS):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                return step(cursor)
        except OperationalError as exc:
            if not _lock_timed_out(exc):
                raise
            time.sleep(0.1)
    raise OperationalError("stats rollup: the writers could not be held for the swap")


def build(cursor: Any, on: dt.date) -> None:
    """Fill the side table with the rollup along the tree of `on` (the long part)."""
    cursor.execute(f"INSERT INTO {SIDE} ({KEY}, n) {ROLLUP_SELECT}", [on, on])


def refresh_aside(on: dt.date) -> int:
    """Rebuild the rollup along the tree of `on` beside the live one and swap them. PostgreSQL,
    outside any transaction. Returns the number of rollup cells."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_KEY])
        if not cursor.fetchone()[0]:
            raise RefreshBusy
    try:
        return _refresh_aside(on)
    except BaseException:
        _abandon()
        raise
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])


def _abandon() -> None:
    """A refresh that failed stops the logging and leaves no side table behind."""
    if connection.in_atomic_block:
        return  # the failure is inside the caller's transaction: it rolls back
    # Best effort: with the connection lost, the next refresh clears them when it starts.
    with contextlib.suppress(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE stats_rollupstate SET building_on = NULL WHERE id = 1")
        cursor.execute("DELETE FROM stats_rollupdelta")
        cursor.execute(f"DROP TABLE IF EXISTS {SIDE}")


def _refresh_aside(on: dt.date) -> int:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {SIDE}")
        cursor.execute("DELETE FROM stats_rollupdelta")
        cursor.execute(
            "INSERT INTO stats_rollupstate (id, built_on, stale, building_on)"
            " VALUES (1, NULL, true, %s)"
            " ON CONFLICT (id) DO UPDATE SET building_on = EXCLUDED.building_on",
            [on],
        )
    # From here every new write logs its change. Wait for those begun before (they may not
    # have): the snapshot below then holds all the writes that are not in the log.
    _retrying(lambda cursor: _hold_writers(cursor, "SHARE"))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_current_snapshot()::text")
        (snapshot,) = cursor.fetchone()
        cursor.execute(
            f"CREATE TABLE {SIDE} (LIKE stats_subtreecount"
            " INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS)"
        )
        build(cursor, on)
        cursor.execute(
            f"ALTER TABLE {SIDE} ADD CONSTRAINT {SIDE}_pkey PRIMARY KEY (id),"
            f" ADD CONSTRAINT {SIDE}_key UNIQUE ({KEY})"
        )
        cursor.execute(f"ANALYZE {SIDE}")
    _retrying(lambda cursor: _swap(cursor, on, snapshot))
    with connection.cursor() as cursor:  # counted after the swap, holding nothing
        cursor.execute("SELECT count(*) FROM stats_subtreecount")
        return int(cursor.fetchone()[0])


def _swap(cursor: Any, on: dt.date, snapshot: str) -> dt.date:
    """Add to the side table what the writes logged after the build's snapshot, then put it
    in place of the live rollup; the writers are held for this transaction only."""
    _hold_writers(cursor, "SHARE", "LOCK TABLE stats_subtreecount IN ACCESS EXCLUSIVE MODE")
    cursor.execute("SELECT building_on FROM stats_rollupstate WHERE id = 1 FOR UPDATE")
    (building_on,) = cursor.fetchone()
    complete = building_on == on  # a tree change that could not hold the awards clears it
    cursor.execute(
        f"""
        WITH d AS MATERIALIZED (
            SELECT {KEY}, SUM(n)::integer AS n FROM stats_rollupdelta
            WHERE NOT pg_visible_in_snapshot(txid::text::xid8, %s::pg_snapshot)
            GROUP BY {KEY} HAVING SUM(n) <> 0
        ),
        grow AS (
            INSERT INTO {SIDE} AS t ({KEY}, n) SELECT {KEY}, n FROM d WHERE n > 0
            ON CONFLICT ({KEY}) DO UPDATE SET n = t.n + EXCLUDED.n
        ),
        shrink AS (
            UPDATE {SIDE} AS t SET n = t.n + d.n FROM d
            WHERE d.n < 0 AND t.n + d.n > 0 AND {_same("t", "d")}
        )
        DELETE FROM {SIDE} AS t USING d WHERE d.n < 0 AND t.n + d.n <= 0 AND {_same("t", "d")}
        """,  # noqa: S608 - constant SQL of this module, values passed as parameters
        [snapshot],
    )
    cursor.execute("DROP TABLE stats_subtreecount")
    cursor.execute(f"ALTER TABLE {SIDE} RENAME TO stats_subtreecount")
    for suffix in ("pkey", "key"):
        cursor.execute(
            f"ALTER TABLE stats_subtreecount RENAME CONSTRAINT {SIDE}_{suffix}"
            f" TO stats_subtreecount_{suffix}"
        )
    cursor.execute("DELETE FROM stats_rollupdelta")
    cursor.execute(
        "UPDATE stats_rollupstate SET built_on = %s, stale = %s, building_on = NULL WHERE id = 1",
        [on, not complete],
    )
    return on


def _same(a: str, b: str) -> str:
    return " AND ".join(f"{a}.{c} = {b}.{c}" for c in KEY.split(", "))


ADVANCE_SQL = """
SELECT c.ancestor_id, a.year, a.title_id, a.level, a.target, a.revoked, SUM(c.sign * a.n) AS n
FROM (
    SELECT ancestor_id, descendant_id,
           CASE WHEN valid_from <= %(on)s AND (valid_to IS NULL OR valid_to > %(on)s)
                THEN 1 ELSE 0 END
           - CASE WHEN valid_from <= %(since)s AND (valid_to IS NULL OR valid_to > %(since)s)
                THEN 1 ELSE 0 END AS sign
    FROM org_unitclosure
    WHERE (valid_from > %(since)s AND valid_from <= %(on)s)
       OR (valid_to > %(since)s AND valid_to <= %(on)s)
) AS c
JOIN org_unit u ON u.current_id = c.descendant_id
JOIN stats_awardcount a ON a.unit_id = u.id
WHERE c.sign <> 0
GROUP BY c.ancestor_id, a.year, a.title_id, a.level, a.target, a.revoked
HAVING SUM(c.sign * a.n) <> 0
"""
ADVANCE_PG = f"""
WITH d AS MATERIALIZED ({ADVANCE_SQL}),
grow AS (
    INSERT INTO stats_subtreecount AS t ({KEY}, n) SELECT {KEY}, n FROM d WHERE n > 0
    ON CONFLICT ({KEY}) DO UPDATE SET n = t.n + EXCLUDED.n
),
shrink AS (
    UPDATE stats_subtreecount AS t SET n = t.n + d.n FROM d
    WHERE d.n < 0 AND t.n + d.n > 0 AND {_same("t", "d")}
)
DELETE FROM stats_subtreecount AS t USING d
WHERE d.n < 0 AND t.n + d.n <= 0 AND {_same("t", "d")}
"""  # noqa: S608 - constant SQL of this module, values passed as parameters
WHERE_KEY = " AND ".join(f"{c} = %s" for c in KEY.split(", "))


def advance(since: dt.date, on: dt.date) -> bool:
    """Move a fresh rollup from the tree of `since` to the tree of `on` (a later day on which
    dated changes took effect): for each closure row that starts or ends in between, the
    counts of the units under its descendant added to or taken from its ancestor. Award and
    tree writes are held meanwhile (PostgreSQL: at most LOCK_TIMEOUT waiting for them, else
    False and the caller counts from AwardCount this time). True when the rollup follows `on`."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                _hold_writers(cursor, "SHARE ROW EXCLUSIVE")
            # The state row is written first: on SQLite that takes the write lock.
            cursor.execute(
                "UPDATE stats_rollupstate SET built_on = %s"
                " WHERE id = 1 AND built_on = %s AND NOT stale",
                [on, since],
            )
            if cursor.rowcount != 1:  # moved on or marked stale meanwhile
                cursor.execute("SELECT built_on, stale FROM stats_rollupstate WHERE id = 1")
                built_on, stale = cursor.fetchone()
                return built_on == on and not stale
            if connection.vendor == "postgresql":  # one statement, as the triggers do
                cursor.execute(ADVANCE_PG, {"since": since, "on": on})
            else:
                cursor.execute(ADVANCE_SQL, {"since": since, "on": on})
                _apply(cursor, cursor.fetchall())
    except OperationalError as exc:
        if _lock_timed_out(exc):
            return False
        raise
    return True


def _apply(cursor: Any, deltas: list[tuple]) -> None:
    """Add per-cell changes (key…, delta) to the live rollup: empty cells deleted."""
    grow = [row for row in deltas if row[-1] > 0]
    shrink = [(*row[:-1], -row[-1]) for row in deltas if row[-1] < 0]
    if grow:
        cursor.executemany(
            f"INSERT INTO stats_subtreecount ({KEY}, n) VALUES (%s, %s, %s, %s, %s, %s, %s)"  # noqa: S608
            f" ON CONFLICT ({KEY}) DO UPDATE SET n = stats_subtreecount.n + excluded.n",
            grow,
        )
    if shrink:
        cursor.executemany(
            f"DELETE FROM stats_subtreecount WHERE {WHERE_KEY} AND n <= %s",  # noqa: S608
            shrink,
        )
        cursor.executemany(
            f"UPDATE stats_subtreecount SET n = n - %s WHERE {WHERE_KEY}",  # noqa: S608
            [(row[-1], *row[:-1]) for row in shrink],
        )
