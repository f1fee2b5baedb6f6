"""Time the sector-target reads and the annual report on the demo (+ synthetic history).

    uv run python bench/reports_benchmark.py [years_of_history]

Builds a throwaway database (DATABASE_URL, default a SQLite file under /tmp), seeds the demo
and the 2022–2023 targets, adds `years_of_history` (default 20) earlier years of plans and
monthly results for every active unit and indicator, then times:
attainment() of the department, attainment_by_unit(), report_figures(), and the DOCX, PDF
and XLSX builds of the 2023 department report.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/gs_reports_bench.sqlite3")
if os.environ["DATABASE_URL"].startswith("sqlite:////tmp/"):
    Path(os.environ["DATABASE_URL"].removeprefix("sqlite:///")).unlink(missing_ok=True)

import django

django.setup()

from django.core.management import call_command  # noqa: E402


def timed(label: str, fn, repeat: int = 1):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(repeat):
        result = fn()
    ms = (time.perf_counter() - start) * 1000 / repeat
    print(f"{label:<48} {ms:9.1f} ms")
    return result


def main(years: int) -> None:
    call_command("migrate", verbosity=0)
    from guongsang.demo import builder, facts
    from guongsang.org.models import Unit
    from guongsang.reports.documents import BUILDERS
    from guongsang.reports.figures import report_figures
    from guongsang.reports.models import AnnualReport
    from guongsang.targets.models import Indicator, Plan, Result
    from guongsang.targets.selectors import attainment, attainment_by_unit

    timed("demo seed (every step, targets included)", builder.seed)
    units = list(Unit.objects.filter(valid_to=None))
    indicators = list(Indicator.objects.all())
    plans, results = [], []
    for year in range(2022 - years, 2022):
        for unit in units:
            for indicator in indicators:
                plans.append(Plan(indicator=indicator, unit=unit, year=year, value=1200))
                results += [
                    Result(indicator=indicator, unit=unit, year=year, month=m, value=100 + m)
                    for m in range(1, 13)
                ]
    Plan.objects.bulk_create(plans, batch_size=5000)
    Result.objects.bulk_create(results, batch_size=5000)
    print(f"plans: {Plan.objects.count():,}  results: {Result.objects.count():,}")
    dept = Unit.objects.get(code=facts.DEPARTMENT)
    rows = timed(
        "attainment(department, 2023, to month 9)",
        lambda: attainment(user=None, year=2023, unit=dept, to_month=9),
        repeat=20,
    )
    print("   ", [(r.code, f"{r.percent:.1f}") for r in rows])
    timed(
        "attainment_by_unit(department, 2023)",
        lambda: attainment_by_unit(user=None, year=2023, unit=dept, to_month=9),
        repeat=20,
    )
    data = timed(
        "report_figures(department, 2023)",
        lambda: report_figures(user=None, unit=dept, year=2023),
        repeat=5,
    )
    report = AnnualReport.objects.create(unit=dept, year=2023, introduction="Mở đầu.")
    for fmt, build in BUILDERS.items():
        content = timed(f"build {fmt.upper()}", lambda b=build: b(report, data))
        print(f"    {len(content):,} bytes")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
