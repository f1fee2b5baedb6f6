"""Print the demo logins as a table: role, user name, password, scope."""

from typing import Any

from django.core.management.base import BaseCommand

from guongsang.demo.steps.users import login_rows

HEADER = ("Vai trò", "Tên đăng nhập", "Mật khẩu", "Phạm vi")


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # `make demo` has just run them with migrate
    help = "In danh sách tài khoản dùng thử (mỗi vai trò một dòng)."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = [(r.role, r.username, r.password, r.scope) for r in login_rows()]
        if not rows:
            self.stdout.write("Chưa có tài khoản dùng thử: chạy “manage.py seed_demo” trước.")
            return
        widths = [max(len(row[i]) for row in [HEADER, *rows]) for i in range(len(HEADER) - 1)]

        def line(cells: tuple[str, ...]) -> str:
            padded = [cell.ljust(width) for cell, width in zip(cells, widths, strict=False)]
            return "  ".join([*padded, cells[-1]])

        self.stdout.write("Tài khoản dùng thử:")
        self.stdout.write(line(HEADER))
        self.stdout.write("  ".join("-" * w for w in [*widths, len(HEADER[-1])]))
        for row in rows:
            self.stdout.write(line(row))
