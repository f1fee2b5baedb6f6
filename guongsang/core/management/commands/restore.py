"""Khôi phục cơ sở dữ liệu từ một tệp sao lưu (ghi đè toàn bộ dữ liệu hiện có)."""

from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from guongsang.core.backup import BackupError, human_size, restore


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu từ tệp do lệnh backup tạo ra. Toàn bộ dữ liệu hiện có bị "
        "thay thế: hãy dừng máy chủ và bộ chạy tác vụ trước."
    )
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Tệp sao lưu")
        parser.add_argument("--yes", action="store_true", help="Không hỏi xác nhận")
        parser.add_argument(
            "--database-url",
            help="Khôi phục vào CSDL này thay vì CSDL đang cấu hình (ví dụ để thử bản sao lưu)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        database = (
            dj_database_url.parse(options["database_url"]) if options["database_url"] else None
        )
        target = (database or settings.DATABASES["default"])["NAME"]
        if not options["yes"]:
            answer = input(
                f"Mọi dữ liệu của CSDL {target} sẽ bị thay bằng nội dung của {options['file']}.\n"
                "Gõ “yes” để tiếp tục: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Đã huỷ, không khôi phục.")
        try:
            result = restore(source=options["file"], database=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Đã khôi phục CSDL {result.vendor} “{result.database}” từ {result.path}"
            f" ({human_size(result.size)})."
        )
