"""One award revoked, one award deleted: the cost of the summary triggers on a large history.

    createdb -h 127.0.0.1 -U postgres gs_perf_scale
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gs_perf_scale DJANGO_DEBUG=1
    uv run python manage.py migrate
    uv run python manage.py generate_stats_scale --awards 1000000 --units 5000 --people 200000
    uv run python bench/trigger_benchmark.py [samples]          # default 40 of each

On the database of DATABASE_URL (PostgreSQL, filled by `generate_stats_scale`, rollup fresh),
times `samples` revocations (UPDATE … SET revoked_on) and `samples` deletions of single awards
picked at random, then 10,000 awards inserted, revoked and deleted in one statement each, the
summary compared with a fresh count, all rolled back at the end: the database is left as it
was. Reports the median, p95 and max of the single operations and the time of each bulk one.
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


def main() -> None:
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    assert connection.vendor == "postgresql", "PostgreSQL only (DATABASE_URL)"
    rng = random.Random(2026)
    with connection.cursor() as cursor:
        cursor.execute("SELECT stale, built_on FROM stats_rollupstate WHERE id = 1")
        stale, built_on = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM awards_award")
        awards = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM stats_subtreecount")
        cells = cursor.fetchone()[0]
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'stats_subtreecount' ORDER BY 1"
        )
        indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT min(id), max(id) FROM awards_award")
        low, high = cursor.fetchone()
    print(f"awards {awards:,}; rollup cells {cells:,}; rollup stale={stale} built_on={built_on}")
    print(f"indexes on stats_subtreecount: {', '.join(indexes)}")
    print(f"load average: {os.getloadavg()[0]:.1f}")
    timings: dict[str, list[float]] = {"revoke": [], "delete": []}
    with transaction.atomic(), connection.cursor() as cursor:
        for op in ("revoke", "delete"):
            done = 0
            while done < samples:
                cursor.execute(
                    "SELECT id FROM awards_award WHERE id >= %s AND revoked_on IS NULL "
                    "ORDER BY id LIMIT 1",
                    [rng.randint(low, high)],
                )
                row = cursor.fetchone()
                if row is None:
                    continue
                sql = (
                    "UPDATE awards_award SET revoked_on = current_date WHERE id = %s"
                    if op == "revoke"
                    else "DELETE FROM awards_award WHERE id = %s"
                )
                started = time.perf_counter()
                cursor.execute(sql, row)
                timings[op].append((time.perf_counter() - started) * 1000)
                done += 1
        transaction.set_rollback(True)  # leave the history as it was
    for op, values in timings.items():
        print(f"{op:7} one award ({len(values)} samples): {ms(values)}")
    bulk(rng, low, high)


COLUMNS = (
    "uuid, created_at, updated_at, year, level, target, decision_number, decision_date, "
    "authority, amount, source, revoked_on, revoke_reason, person_id, title_id, unit_id"
)


def bulk(rng: random.Random, low: int, high: int, rows: int = 10_000) -> None:
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
        started = time.perf_counter()
        cursor.execute(steps["insert"], [start, start + rows])
        ids = [row[0] for row in cursor.fetchall()]
        took = {"insert": (time.perf_counter() - started) * 1000}
        for op in ("revoke", "delete"):
            started = time.perf_counter()
            cursor.execute(steps[op], [ids])
            took[op] = (time.perf_counter() - started) * 1000
        cursor.execute(steps["insert"], [start, start + rows])  # left in for the check
        started = time.perf_counter()
        mismatches = stats_mismatches()
        check = (time.perf_counter() - started) * 1000
        transaction.set_rollback(True)
    for op, value in took.items():
        print(f"{op:7} {len(ids):,} awards in one statement: {value:9.0f} ms")
    print(
        f"summary against a fresh count after the bulk insert: {len(mismatches)} mismatches"
        f" (check {check:.0f} ms)"
    )


if __name__ == "__main__":
    main()
