"""One award revoked, one award deleted: the cost of the summary triggers on a large history.

    createdb -h 127.0.0.1 -U postgres gs_perf_scale
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gs_perf_scale DJANGO_DEBUG=1
    uv run python manage.py migrate
    uv run python manage.py generate_stats_scale --awards 1000000 --units 5000 --people 200000
    uv run python bench/trigger_benchmark.py [samples] [--statement-only]   # default 40 of each

On the database of DATABASE_URL (PostgreSQL, filled by `generate_stats_scale`, rollup fresh),
times `samples` revocations (UPDATE … SET revoked_on) and `samples` deletions of single awards
picked at random, the same for 100 awards in one statement, then 10,000 awards inserted,
revoked and deleted in one statement each, the summary compared with a fresh count, all
rolled back at the end: the database is left as it was. Twice: first with the row-level
triggers of before (the anchor, put back inside the rolled-back transaction), then with the
statement-level triggers. Reports the median, p95 and max of the single operations and the
time of each bulk one.
(The plans of the trigger's statements are checked by guongsang/stats/tests/test_trigger_plans.py.)
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402


def ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[max(0, round(len(values) * 0.95) - 1)]
    return (
        f"median {statistics.median(values):7.2f} ms   p95 {p95:7.2f} ms   max {values[-1]:7.2f} ms"
    )


def use_row_triggers(cursor) -> None:  # type: ignore[no-untyped-def]
    """The anchor: the row-level triggers of migrations 0002 and 0004 (one PL/pgSQL call per
    award row) and their index, put back inside the benchmark's transaction and rolled back
    with it."""
    from importlib import import_module

    first = import_module("guongsang.stats.migrations.0002_award_count_triggers")
    rows = import_module("guongsang.stats.migrations.0004_subtree_count_triggers")
    for name in ("stats_award_ins", "stats_award_upd", "stats_award_del"):
        cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON awards_award")
    cursor.execute(rows.PG_FORWARD[0])
    for sql in first.PG_FORWARD[1:]:
        cursor.execute(sql)
    # and the partial index their removal path needs (migration 0005, dropped by 0007)
    cursor.execute(
        "CREATE INDEX IF NOT EXISTS stats_subtreecount_empty ON stats_subtreecount"
        " (year, title_id, level, target, revoked) WHERE n <= 0"
    )


def pick(cursor, rng: random.Random, low: int, high: int, n: int) -> list[int]:  # type: ignore[no-untyped-def]
    """`n` consecutive live awards from a random place in the history."""
    while True:
        cursor.execute(
            "SELECT id FROM awards_award WHERE id >= %s AND revoked_on IS NULL"
            " ORDER BY id LIMIT %s",
            [rng.randint(low, high), n],
        )
        ids = [row[0] for row in cursor.fetchall()]
        if len(ids) == n:
            return ids


def singles(mode: str, samples: int, low: int, high: int) -> dict[str, list[float]]:
    """Revoke and delete one award, and 100 awards in one statement, `samples` times each."""
    rng = random.Random(2026)
    timings: dict[str, list[float]] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        if mode == "row":
            use_row_triggers(cursor)
        for size in (1, 100):
            for op in ("revoke", "delete"):
                sql = (
                    "UPDATE awards_award SET revoked_on = current_date WHERE id = ANY(%s)"
                    if op == "revoke"
                    else "DELETE FROM awards_award WHERE id = ANY(%s)"
                )
                values = timings.setdefault(f"{op} {size}", [])
                for _ in range(samples if size == 1 else max(5, samples // 4)):
                    ids = pick(cursor, rng, low, high, size)
                    started = time.perf_counter()
                    cursor.execute(sql, [ids])
                    values.append((time.perf_counter() - started) * 1000)
        transaction.set_rollback(True)  # leave the history as it was
    return timings


def main() -> None:
    samples = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 40
    modes = ("statement",) if "--statement-only" in sys.argv else ("row", "statement")
    assert connection.vendor == "postgresql", "PostgreSQL only (DATABASE_URL)"
    with connection.cursor() as cursor:
        cursor.execute("SELECT stale, built_on FROM stats_rollupstate WHERE id = 1")
        stale, built_on = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM awards_award")
        awards = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM stats_subtreecount")
        cells = cursor.fetchone()[0]
        cursor.execute("SELECT min(id), max(id) FROM awards_award")
        low, high = cursor.fetchone()
    print(f"awards {awards:,}; rollup cells {cells:,}; rollup stale={stale} built_on={built_on}")
    print(f"load average: {os.getloadavg()[0]:.1f}")
    cursor = connection.cursor()
    cursor.execute(
        "SELECT reloptions FROM pg_class"
        " WHERE relname IN ('stats_subtreecount', 'stats_awardcount')"
    )
    print(f"storage options of the summary tables: {cursor.fetchall()}")
    for mode in modes:
        print(f"--- {mode}-level triggers")
        for name, values in singles(mode, samples, low, high).items():
            print(f"{name:>11} award(s) in one statement ({len(values)} samples): {ms(values)}")
        bulk(mode, random.Random(7), low, high)
    print(f"load average: {os.getloadavg()[0]:.1f}")


COLUMNS = (
    "uuid, created_at, updated_at, year, level, target, decision_number, decision_date, "
    "authority, amount, source, revoked_on, revoke_reason, person_id, title_id, unit_id"
)


def bulk(mode: str, rng: random.Random, low: int, high: int, rows: int = 10_000) -> None:
    """One statement each: `rows` awards inserted (copies of a random stretch of the history),
    revoked, then deleted; the summary checked against a fresh count; all rolled back."""
    from guongsang.stats.services import stats_mismatches

    start = rng.randint(low, high - 2 * rows)
    steps = {
        "insert": f"INSERT INTO awards_award ({COLUMNS}) SELECT gen_random_uuid(), "
        + COLUMNS.split(", ", 1)[1]
        + " FROM awards_award WHERE id >= %s AND id < %s RETURNING id",
        "revoke": "UPDATE awards_award SET revoked_on = current_date WHERE id = ANY(%s)",
        "delete": "DELETE FROM awards_award WHERE id = ANY(%s)",
    }
    with transaction.atomic(), connection.cursor() as cursor:
        if mode == "row":
            use_row_triggers(cursor)
        started = time.perf_counter()
        cursor.execute(steps["insert"], [start, start + rows])
        ids = [row[0] for row in cursor.fetchall()]
        took = {"insert": (time.perf_counter() - started) * 1000}
        for op in ("revoke", "delete"):
            started = time.perf_counter()
            cursor.execute(steps[op], [ids])
            took[op] = (time.perf_counter() - started) * 1000
        cursor.execute(steps["insert"], [start, start + rows])  # left in for the check
        cursor.execute(
            steps["revoke"].replace("= ANY(%s)", ">= %s AND id < %s"), [start, start + rows // 2]
        )
        started = time.perf_counter()
        mismatches = stats_mismatches()
        check = (time.perf_counter() - started) * 1000
        transaction.set_rollback(True)
    for op, value in took.items():
        print(f"{op:>11} {len(ids):,} awards in one statement: {value:9.0f} ms")
    print(
        "summary and rollup against a fresh count after a bulk insert and revoke:"
        f" {len(mismatches)} mismatches"
        f" (check {check:.0f} ms)"
    )


if __name__ == "__main__":
    main()
