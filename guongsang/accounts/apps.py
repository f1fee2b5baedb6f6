from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "guongsang.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")

    def ready(self) -> None:
        from guongsang.accounts import permissions, signals  # noqa: F401
