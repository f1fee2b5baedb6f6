from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "guongsang.targets"
    label = "targets"
    verbose_name = _("Chỉ tiêu chuyên môn")

    def ready(self) -> None:
        from guongsang.targets import permissions  # noqa: F401
