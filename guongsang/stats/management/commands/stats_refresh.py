"""manage.py stats_refresh: rebuild the statistics rollup along today's unit tree.

The triggers and the first read of a day keep the rollup following the tree; run it nightly as
a check, and after a bulk load with --rebuild (which also recomputes the per-unit summary from
the awards). On PostgreSQL the rollup is built aside and swapped in: awards can be written
meanwhile."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guongsang.stats.rollup import RefreshBusy
from guongsang.stats.services import stats_mismatches, stats_rebuild, stats_refresh


class Command(BaseCommand):
    help = "Làm mới bảng tổng hợp thống kê khen thưởng theo cây đơn vị hôm nay."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="Tính lại cả bảng theo đơn vị")
        parser.add_argument("--check", action="store_true", help="So sánh với số đếm trực tiếp")

    def handle(self, *args: Any, **opts: Any) -> None:
        started = time.perf_counter()
        if opts["rebuild"]:
            cells = stats_rebuild()
            self.stdout.write(f"Bảng theo đơn vị: {cells:,} ô.")
        try:
            rows = stats_refresh()
        except RefreshBusy as exc:
            raise CommandError("Một lần làm mới khác đang chạy: thử lại sau.") from exc
        self.stdout.write(
            f"Bảng theo cây đơn vị: {rows:,} ô ({time.perf_counter() - started:.1f} giây)."
        )
        if opts["check"]:
            wrong = stats_mismatches()
            self.stdout.write("Khớp với số đếm trực tiếp." if not wrong else f"Lệch: {wrong[:10]}")
