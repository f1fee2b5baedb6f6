"""Sao lưu cơ sở dữ liệu (SQLite: online backup; PostgreSQL: pg_dump) và các tệp đã lưu."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from guongsang.core.backup import BackupError, backup, default_path, human_size, vendor_of
from guongsang.core.backup_files import archive_for, files_backup


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu đang cấu hình vào một tệp "
        "(mặc định var/backups/guongsang-YYYYmmdd-HHMMSS.sqlite3 hoặc .dump) và các tệp đã "
        "lưu (hồ sơ, minh chứng, văn bản đã tạo) vào tệp .files.tar cùng tên bên cạnh."
    )
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", type=Path, help="Tệp sao lưu CSDL cần tạo")
        parser.add_argument(
            "--no-files", action="store_true", help="Chỉ sao lưu CSDL, không sao lưu các tệp"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = options["output"] or default_path(
            vendor_of(connections[DEFAULT_DB_ALIAS].settings_dict)
        )
        archive = None if options["no_files"] else archive_for(output)
        try:
            if archive is not None and archive.exists():
                raise BackupError(f"Tệp “{archive}” đã tồn tại; hãy chọn tên khác.")
            result = backup(output=output)
            self.stdout.write(
                f"Đã sao lưu CSDL {result.vendor} “{result.database}” vào {result.path}"
                f" ({human_size(result.size)})."
            )
            if archive is not None:
                files = files_backup(output=archive)
                self.stdout.write(
                    f"Đã sao lưu {files.count} tệp vào {files.path} ({human_size(files.size)})."
                )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
