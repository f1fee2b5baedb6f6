"""Demo step for statistics: build the rollup along today's tree (the per-unit summary is
already right: the award triggers filled it as the demo history went in)."""

from __future__ import annotations

from guongsang.demo.context import DemoContext
from guongsang.stats.services import stats_refresh


def step(ctx: DemoContext) -> None:
    """Counts the rollup cells; running it again changes nothing."""
    ctx.made["rollup_cells"] = stats_refresh()
