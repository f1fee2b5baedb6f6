"""The statistics service at city scale, beside the same report by hand in SQL and a naive loop.

    createdb -h 127.0.0.1 -U postgres gs_scale
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gs_scale
    uv run python manage.py migrate && uv run python manage.py generate_stats_scale
    uv run python bench/stats_benchmark.py

The report: awards of the whole city (its subtree today, merged units folded in, revoked
awards left out) over 30 years, grouped by year, level, title and target — what the
statistics page, the command and the API compute. Measured, in one run, warm, median of
REPEAT runs:

1. the service `award_stats(...)` (reads the trigger-kept rollup `stats_subtreecount`: counts
   per unit and everything under it, year, title, level, target; one index range scan);
2. the same query written by hand in SQL over that rollup (grouped counts only), and 2t the
   same table the service returns written in SQL (dense years, cumulative and previous-year
   figures by window functions);
2b. the same report by hand over the per-unit summary `stats_awardcount` (subtree semi-join);
3. the same query written by hand in SQL over the raw award table (no summary);
4. a naive ORM loop over the awards (one Python iteration per award), bounded to the first
   LOOP_LIMIT awards of the range (by id) and extrapolated linearly to the whole range.

Also: the service for one department's subtree, and a check that 1, 2 and 3 agree.

    uv run python bench/stats_benchmark.py --new-day [samples]     # default 20

The first request of a new day (the rollup built yesterday, no change of the tree since),
`samples` times, each in a transaction rolled back: now (the rollup moved on to today after
one check of the closure table, then read) beside its anchor, the path the service took
before when the date alone marked the rollup stale (counting from stats_awardcount).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("REPEAT", "7"))
LOOP_LIMIT = int(os.environ.get("LOOP_LIMIT", "200000"))


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to the scale database, e.g. postgres://…/gs_scale")
    import django

    django.setup()


def _timed(fn: Callable[[], Any], repeat: int = REPEAT) -> tuple[float, Any]:
    fn()  # warm the cache and the plan
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


SUMMARY_SQL = """
SELECT s.year, s.level, t.code, s.target, SUM(s.n)
FROM stats_awardcount s JOIN catalogue_title t ON t.id = s.title_id
WHERE s.year BETWEEN %(a)s AND %(b)s AND NOT s.revoked
  AND s.unit_id IN (
    SELECT u.id FROM org_unit u WHERE u.current_id IN (
      SELECT c.descendant_id FROM org_unitclosure c
      WHERE c.ancestor_id = %(root)s AND c.valid_from <= CURRENT_DATE
        AND (c.valid_to IS NULL OR c.valid_to > CURRENT_DATE)))
GROUP BY s.year, s.level, t.code, s.target
"""
ROLLUP_SQL = """
SELECT s.year, s.level, t.code, s.target, SUM(s.n)
FROM stats_subtreecount s JOIN catalogue_title t ON t.id = s.title_id
WHERE s.ancestor_id = %(root)s AND s.year BETWEEN %(a)s AND %(b)s AND NOT s.revoked
GROUP BY s.year, s.level, t.code, s.target
"""
# The same table as the service returns: every series over every year of the range, with the
# running total from the first year and the previous year's count (window functions).
TABLE_SQL = """
WITH g AS (
  SELECT year, level, title_id, target, SUM(n) AS n FROM stats_subtreecount
  WHERE ancestor_id = %(root)s AND year BETWEEN %(a)s - 1 AND %(b)s AND NOT revoked
  GROUP BY year, level, title_id, target
), s AS (
  SELECT DISTINCT level, title_id, target FROM g WHERE year >= %(a)s
), d AS (
  SELECT y.year, s.level, s.title_id, s.target, COALESCE(g.n, 0) AS n
  FROM s CROSS JOIN generate_series(%(a)s - 1, %(b)s) AS y(year)
  LEFT JOIN g ON g.year = y.year AND g.level = s.level AND g.title_id = s.title_id
             AND g.target = s.target
), w AS (
  SELECT year, level, title_id, target, n,
         SUM(CASE WHEN year >= %(a)s THEN n ELSE 0 END)
           OVER (PARTITION BY level, title_id, target ORDER BY year) AS cumulative,
         COALESCE(LAG(n) OVER (PARTITION BY level, title_id, target ORDER BY year), 0) AS prev
  FROM d
)
SELECT w.year, w.level, t.code, w.target, w.n, w.cumulative, w.prev
FROM w JOIN catalogue_title t ON t.id = w.title_id
WHERE w.year >= %(a)s
ORDER BY t."order", t.name, w.year
"""
RAW_SQL = (
    SUMMARY_SQL.replace("stats_awardcount", "awards_award")
    .replace("SUM(s.n)", "COUNT(*)")
    .replace("NOT s.revoked", "s.revoked_on IS NULL")
)


def new_day(samples: int) -> None:
    import datetime as dt

    from django.db import connection, transaction

    from guongsang.org.models import Unit
    from guongsang.stats.services import award_stats, summary

    root = Unit.objects.get(parent=None, code="scale-city")
    department = Unit.objects.get(code="scale-l1-1")
    by = ("year", "level", "title", "target")
    today = summary.today()

    from guongsang.org.services import unit_move

    # A dated move taking effect today: a unit of the second level and its sub-units go to
    # another department (recorded before the request, applied by the request's check).
    moved = Unit.objects.get(code="scale-l2-7")
    elsewhere = Unit.objects.get(code="scale-l1-2")

    def first_request(unit: Unit, *, stale: bool, days: int = 1, move: bool = False) -> float:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE stats_rollupstate SET built_on = %s, stale = %s WHERE id = 1",
                    [today - dt.timedelta(days=days), stale],
                )
            if move:
                unit_move(actor=None, unit=moved, new_parent=elsewhere, on=today)
            started = time.perf_counter()
            award_stats(from_year=1994, to_year=2023, by=by, unit=unit)
            took = (time.perf_counter() - started) * 1000
            transaction.set_rollback(True)
        return took

    summary.INLINE_REFRESH_CELLS = 0  # as at scale: never rebuilt on a read
    print(f"load average {os.getloadavg()[0]:.1f}")
    for name, unit in (("city", root), ("department", department)):
        for label, stale, days, move in (
            ("anchor (stale: counted from AwardCount)", True, 1, False),
            ("now", False, 1, False),
            ("now, a dated move taking effect that day", False, 1, True),
            ("for comparison: a later request that day", False, 0, False),
        ):
            times = sorted(
                first_request(unit, stale=stale, days=days, move=move) for _ in range(samples)
            )
            p95 = times[max(0, round(len(times) * 0.95) - 1)]
            print(
                f"first request of a new day, {name:10}, {label:40}"
                f" median {statistics.median(times):8.1f} ms  p95 {p95:8.1f} ms"
            )
    print(f"load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    _setup_django()
    if "--new-day" in sys.argv:
        rest = sys.argv[sys.argv.index("--new-day") + 1 :]
        new_day(int(rest[0]) if rest else 20)
        return
    from django.db import connection

    from guongsang.awards.models import Award
    from guongsang.org.models import Unit
    from guongsang.org.selectors import unit_ids_for_counting
    from guongsang.stats.models import AwardCount
    from guongsang.stats.services import award_stats

    root = Unit.objects.get(parent=None, code="scale-city")
    department = Unit.objects.get(code="scale-l1-1")
    a = Award.objects.order_by("year").values_list("year", flat=True)[:1][0]
    b = Award.objects.order_by("-year").values_list("year", flat=True)[:1][0]
    by = ("year", "level", "title", "target")
    awards = Award.objects.count()
    cells = AwardCount.objects.count()
    units = Unit.objects.count()

    def service() -> dict:
        result = award_stats(from_year=a, to_year=b, by=by, unit=root)
        return {tuple(r.key[d] for d in by): r.count for r in result.rows if r.count}

    def service_department() -> int:
        return award_stats(from_year=a, to_year=b, by=by, unit=department).total

    def hand(sql: str) -> Callable[[], dict]:
        def run() -> dict:
            with connection.cursor() as cursor:
                cursor.execute(sql, {"a": a, "b": b, "root": root.pk})
                return {(y, lv, t, tg): int(n) for y, lv, t, tg, n in cursor.fetchall()}

        return run

    def hand_table() -> dict:
        with connection.cursor() as cursor:
            cursor.execute(TABLE_SQL, {"a": a, "b": b, "root": root.pk})
            return {
                (y, lv, t, tg): (int(n), int(cum), int(prev))
                for y, lv, t, tg, n, cum, prev in cursor.fetchall()
            }

    def naive() -> tuple[int, Counter]:
        counter: Counter = Counter()
        qs = (
            Award.objects.filter(
                year__gte=a,
                year__lte=b,
                revoked_on=None,
                unit__in=unit_ids_for_counting(root),
            )
            .select_related("title")
            .order_by("pk")[:LOOP_LIMIT]
        )
        n = 0
        for award in qs.iterator(chunk_size=5000):
            counter[award.year, award.level, award.title.code, award.target] += 1
            n += 1
        return n, counter

    t_service, r_service = _timed(service)
    t_dept, dept_total = _timed(service_department)
    t_rollup, r_rollup = _timed(hand(ROLLUP_SQL))
    t_table, r_table = _timed(hand_table)
    t_summary, r_summary = _timed(hand(SUMMARY_SQL), repeat=3)
    t_raw, r_raw = _timed(hand(RAW_SQL), repeat=3)
    started = time.perf_counter()
    looped, _counter = naive()
    t_loop_sample = time.perf_counter() - started
    in_range = sum(r_service.values())
    t_loop = t_loop_sample * in_range / max(looped, 1)

    full = award_stats(from_year=a, to_year=b, by=by, unit=root)
    same_table = {
        tuple(r.key[d] for d in by): (r.count, r.cumulative, r.previous) for r in full.rows
    } == r_table
    agree = r_service == r_rollup == r_summary == r_raw and same_table
    cpu = platform.processor() or platform.machine()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    print(f"Machine: {platform.node()} {cpu}, {os.cpu_count()} cores, PostgreSQL {pg}")
    print(f"Data: {awards:,} awards, {units:,} units, summary table {cells:,} cells")
    print(f"Report: whole city {a}–{b} by {', '.join(by)} ({len(r_service):,} groups)")
    print(f"  1. service award_stats          {t_service * 1000:9.1f} ms")
    print(f"  2. hand SQL, rollup table       {t_rollup * 1000:9.1f} ms   (what the service runs)")
    print(
        f"  2t. hand SQL, same full table   {t_table * 1000:9.1f} ms"
        "   (dense years, cumulative, previous)"
    )
    print(f"  2b. hand SQL, per-unit summary  {t_summary * 1000:9.1f} ms")
    print(f"  3. hand SQL, raw award table    {t_raw * 1000:9.1f} ms")
    print(
        f"  4. naive ORM loop (est.)        {t_loop * 1000:9.1f} ms"
        f"  [looped {looped:,} of {in_range:,} awards in {t_loop_sample:.1f} s,"
        f" ×{in_range / max(looped, 1):.1f}]"
    )
    print(f"  service / hand SQL (full table) {t_service / t_table:9.2f}×")
    print(f"  service / hand SQL (rollup)     {t_service / t_rollup:9.2f}×")
    print(f"  service / hand SQL (summary)    {t_service / t_summary:9.3f}×")
    print(f"  service / hand SQL (raw table)  {t_service / t_raw:9.3f}×")
    print(f"  service / naive loop            {t_service / t_loop:9.5f}×")
    print(f"  one department's subtree: {t_dept * 1000:.1f} ms ({dept_total:,} awards)")
    print(f"  results agree: {agree}; median of {REPEAT} warm runs (2b and 3: 3 runs)")
    if not agree:
        sys.exit(1)


if __name__ == "__main__":
    main()
