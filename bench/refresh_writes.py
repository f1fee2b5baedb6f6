"""Awards written while `stats_refresh` rebuilds the rollup: how long does a write wait?

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gs_perf_scale DJANGO_DEBUG=1
    uv run python manage.py generate_stats_scale --awards 1000000 --units 5000 --people 200000
    uv run python bench/refresh_writes.py [--anchor-only | --aside-only]

On the database of DATABASE_URL (PostgreSQL, filled by `generate_stats_scale`): runs the
refresh in a thread while the main thread, on its own connection, inserts one award and
deletes it again every 50 ms (each its own transaction, as a web request would), until the
refresh has finished. Twice: first the anchor, the rebuild in place (DELETE then INSERT in one
transaction, as before the build aside), then `stats_refresh` building aside and swapping.
Reports the refresh's time and the writes' wait (median, p95, max), then compares both summary
tables with a fresh count. The awards written are deleted again: the history is left as it was.
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django

django.setup()

from django.db import connection  # noqa: E402

from guongsang.stats import rollup, services  # noqa: E402
from guongsang.stats.services import summary  # noqa: E402

PHASES: list[tuple[str, float, float]] = []  # (name, start, end) of the refresh's short steps


def _timed_step(name: str, step):  # type: ignore[no-untyped-def]
    def wrapper(*args):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return step(*args)
        finally:
            PHASES.append((name, started, time.perf_counter()))

    return wrapper


rollup._swap = _timed_step("swap", rollup._swap)
rollup._hold_writers = _timed_step("lock", rollup._hold_writers)

COLUMNS = (
    "uuid, created_at, updated_at, year, level, target, decision_number, decision_date, "
    "authority, amount, source, revoked_on, revoke_reason, person_id, title_id, unit_id"
)


def ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[max(0, round(len(values) * 0.95) - 1)]
    return (
        f"median {statistics.median(values):8.1f} ms   p95 {p95:8.1f} ms"
        f"   max {values[-1]:8.1f} ms   ({len(values)} writes)"
    )


def run(label: str, refresh) -> None:  # type: ignore[no-untyped-def]
    outcome: dict[str, float | BaseException] = {}

    def target() -> None:
        started = time.perf_counter()
        try:
            refresh()
            outcome["seconds"] = time.perf_counter() - started
        except BaseException as exc:
            outcome["error"] = exc
        finally:
            connection.close()

    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id) FROM awards_award")
        (source,) = cursor.fetchone()
    thread = threading.Thread(target=target)
    waits: list[float] = []
    spans: list[tuple[float, float]] = []
    PHASES.clear()
    load = os.getloadavg()[0]
    thread.start()
    time.sleep(0.5)  # let the refresh take its locks
    with connection.cursor() as cursor:
        while thread.is_alive():
            started = time.perf_counter()
            cursor.execute(
                f"INSERT INTO awards_award ({COLUMNS}) SELECT gen_random_uuid(), "
                + COLUMNS.split(", ", 1)[1]
                + " FROM awards_award WHERE id = %s RETURNING id",
                [source],
            )
            (new_id,) = cursor.fetchone()
            spans.append((started, time.perf_counter()))
            started = time.perf_counter()
            cursor.execute("DELETE FROM awards_award WHERE id = %s", [new_id])
            spans.append((started, time.perf_counter()))
            time.sleep(0.05)
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    print(f"--- {label}: refresh {outcome['seconds']:.1f} s, load average {load:.1f}")
    waits = [(end - start) * 1000 for start, end in spans]
    print(f"    award insert or delete meanwhile: {ms(waits)}")
    short = [(name, a, b) for name, a, b in PHASES]
    near = [
        (end - start) * 1000
        for start, end in spans
        if any(start < b and end > a for _name, a, b in short)
    ]
    if near:
        print(f"    of which overlapping the refresh's lock or swap steps: {ms(near)}")
        far = sorted((end - start) * 1000 for start, end in spans)
        print(f"    slowest five writes: {', '.join(f'{w:.0f} ms' for w in far[-5:])}")
    for name, a, b in short:
        print(f"    {name}: {(b - a) * 1000:.1f} ms")


def main() -> None:
    assert connection.vendor == "postgresql", "PostgreSQL only (DATABASE_URL)"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM awards_award")
        awards = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM stats_subtreecount")
        cells = cursor.fetchone()[0]
    print(f"awards {awards:,}; rollup cells {cells:,}; load average {os.getloadavg()[0]:.1f}")
    if "--aside-only" not in sys.argv:
        run(
            "anchor: rebuilt in place, one transaction",
            lambda: summary._refresh_in_place(summary.today()),
        )
    if "--anchor-only" not in sys.argv:
        run("now: built aside, swapped", services.stats_refresh)
    started = time.perf_counter()
    wrong = services.stats_mismatches()
    print(
        f"both summaries against a fresh count: {len(wrong)} mismatches"
        f" (check {time.perf_counter() - started:.1f} s); load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
