"""Load the demo data once; a second run changes nothing."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from guongsang.core.formatting import vn_number
from guongsang.demo.builder import is_seeded, seed


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # `make demo` has just run them with migrate
    help = "Tạo dữ liệu mẫu (đơn vị, cán bộ, lãnh đạo, tài khoản dùng thử) nếu chưa có."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--print-logins", action="store_true", help="In tài khoản dùng thử sau khi tạo."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self._seed()
        if options["print_logins"]:
            call_command("demo_logins", stdout=self.stdout)

    def _seed(self) -> None:
        if is_seeded():
            self.stdout.write("Dữ liệu mẫu đã có sẵn: không tạo lại.")
            return
        started = time.monotonic()
        with _queries_not_logged():
            result = seed()
        elapsed = vn_number(time.monotonic() - started, 1)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo dữ liệu mẫu: {vn_number(result.units)} đơn vị, "
                f"{vn_number(result.people)} cá nhân, {vn_number(result.positions)} chức vụ, "
                f"{vn_number(result.users)} tài khoản ({elapsed} giây)."
            )
        )


@contextmanager
def _queries_not_logged() -> Iterator[None]:
    """With DEBUG on (`make run`), Django keeps every query for the debug page and, on SQLite,
    asks the database to quote each one's parameters for that record: a twentieth of the
    demo's build. The build's 20,000 queries are of no use there."""
    debug = settings.DEBUG
    settings.DEBUG = False
    try:
        yield
    finally:
        settings.DEBUG = debug
