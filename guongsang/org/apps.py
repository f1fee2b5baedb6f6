from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "guongsang.org"
    label = "org"
    verbose_name = _("Tổ chức")

    def ready(self) -> None:
        # Register this app's rules with the permission layer.
        from guongsang.org import permissions  # noqa: F401
