"""Khôi phục cơ sở dữ liệu và các tệp đã lưu từ bản sao lưu (ghi đè toàn bộ dữ liệu hiện có)."""

from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from guongsang.core.backup import BackupError, human_size, restore
from guongsang.core.backup_files import archive_for, check_files_archive, files_restore


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu từ tệp do lệnh backup tạo ra, cùng các tệp đã lưu từ tệp "
        ".files.tar bên cạnh. Toàn bộ dữ liệu hiện có bị thay thế: hãy dừng máy chủ và bộ "
        "chạy tác vụ trước."
    )
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Tệp sao lưu CSDL")
        parser.add_argument("--yes", action="store_true", help="Không hỏi xác nhận")
        parser.add_argument(
            "--database-url",
            help="Khôi phục vào CSDL này thay vì CSDL đang cấu hình (ví dụ để thử bản sao lưu);"
            " các tệp khi đó không được khôi phục",
        )
        parser.add_argument(
            "--no-files", action="store_true", help="Chỉ khôi phục CSDL, giữ nguyên các tệp"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        database = (
            dj_database_url.parse(options["database_url"]) if options["database_url"] else None
        )
        target = (database or settings.DATABASES["default"])["NAME"]
        archive = archive_for(options["file"])
        # The files go with the configured database only: a trial restore into another
        # database must not replace the files the running site uses.
        with_files = not options["no_files"] and database is None and archive.exists()
        if not options["yes"]:
            also = f" và mọi tệp đã lưu sẽ bị thay bằng {archive}" if with_files else ""
            answer = input(
                f"Mọi dữ liệu của CSDL {target} sẽ bị thay bằng nội dung của {options['file']}"
                f"{also}.\nGõ “yes” để tiếp tục: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Đã huỷ, không khôi phục.")
        try:
            if with_files:
                check_files_archive(archive)  # refused before the database is touched
            result = restore(source=options["file"], database=database)
            self.stdout.write(
                f"Đã khôi phục CSDL {result.vendor} “{result.database}” từ {result.path}"
                f" ({human_size(result.size)})."
            )
            if with_files:
                files = files_restore(source=archive)
                self.stdout.write(f"Đã khôi phục {files.count} tệp từ {files.path}.")
            elif database is None and not options["no_files"]:
                self.stdout.write(f"Không có tệp {archive}: các tệp đã lưu được giữ nguyên.")
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
