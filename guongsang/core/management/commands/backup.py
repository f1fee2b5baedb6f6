"""Sao lưu cơ sở dữ liệu vào một tệp (SQLite: online backup; PostgreSQL: pg_dump)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guongsang.core.backup import BackupError, backup, human_size


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu đang cấu hình vào một tệp "
        "(mặc định var/backups/guongsang-YYYYmmdd-HHMMSS.sqlite3 hoặc .dump)."
    )
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", type=Path, help="Tệp sao lưu cần tạo")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup(output=options["output"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Đã sao lưu CSDL {result.vendor} “{result.database}” vào {result.path}"
            f" ({human_size(result.size)})."
        )
