"""The statistics service (thống kê khen thưởng): the one place award figures are computed.

Every screen, export, API endpoint, command and document asks `award_stats` for its figures.
It reads the summary table `AwardCount` (kept equal to the award table by database triggers)
with one grouped query; no Python loop ever runs over awards, only over the groups.

    from guongsang.stats.services import award_stats

    result = award_stats(user=None, unit=department, from_year=2009, to_year=2021,
                         by=("level", "title", "target"))
    result.total_for(title="nguoi-tot-viec-tot-co-so")   # 661 on the demo
    for row in result.rows: row.key, row.labels, row.count, row.cumulative, row.change

    result    dimensions, year bounds, the rows and the result
    counting  award_stats itself: the grouped query, cut to the user's scope
    rows      groups turned into labelled, sorted rows with running totals
    summary   keeping the summary table and its subtree rollup right
"""

from guongsang.stats.services.counting import STATS_ROLES, award_stats, latest_year
from guongsang.stats.services.result import (
    DIMENSIONS,
    MAX_YEAR,
    MIN_YEAR,
    PivotRow,
    StatsResult,
    StatsRow,
    check_years,
    parse_dimensions,
)
from guongsang.stats.services.summary import (
    INLINE_REFRESH_CELLS,
    rollup_fresh,
    stats_mismatches,
    stats_rebuild,
    stats_refresh,
)

__all__ = [
    "DIMENSIONS",
    "INLINE_REFRESH_CELLS",
    "MAX_YEAR",
    "MIN_YEAR",
    "STATS_ROLES",
    "PivotRow",
    "StatsResult",
    "StatsRow",
    "award_stats",
    "check_years",
    "latest_year",
    "parse_dimensions",
    "rollup_fresh",
    "stats_mismatches",
    "stats_rebuild",
    "stats_refresh",
]
