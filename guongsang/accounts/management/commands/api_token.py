"""Create or revoke an API token for a machine client (the key is printed once)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guongsang.accounts.models import ApiToken, User
from guongsang.accounts.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Tạo hoặc thu hồi mã truy cập API (API token) cho một người dùng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Tên đăng nhập của tài khoản dùng API")
        parser.add_argument("--name", default="Máy khách API", help="Tên gợi nhớ của mã")
        parser.add_argument("--revoke", metavar="PREFIX", help="Thu hồi mã có tiền tố này")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"Không có người dùng “{options['username']}”.") from exc
        if options["revoke"]:
            token = ApiToken.objects.filter(user=user, prefix=options["revoke"]).first()
            if token is None:
                raise CommandError("Không tìm thấy mã có tiền tố này.")
            api_token_revoke(actor=None, token=token)
            self.stdout.write(f"Đã thu hồi mã {token.prefix}… của {user.username}.")
            return
        token, key = api_token_create(actor=None, user=user, name=options["name"])
        self.stdout.write(f"Mã truy cập cho {user.username} (chỉ hiện một lần):\n{key}")
