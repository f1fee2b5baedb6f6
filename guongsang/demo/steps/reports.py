"""Demo report: the department's 2023 summary report, its introduction drafted from the
computed figures (run last: it reads the awards, contests and targets of the other demos)."""

from __future__ import annotations

from guongsang.demo import facts
from guongsang.demo.context import DemoContext
from guongsang.org.models import Unit
from guongsang.reports.models import AnnualReport
from guongsang.reports.services import report_open

YEAR = 2023


def seed() -> AnnualReport | None:
    department = Unit.objects.filter(code=facts.DEPARTMENT).first()
    if department is None:
        return None
    return report_open(by=None, unit=department, year=YEAR)


def step(ctx: DemoContext) -> None:
    ctx.made["reports"] = 1 if seed() is not None else 0
