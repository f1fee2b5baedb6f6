from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "guongsang.stats"
    label = "stats"
    verbose_name = _("Thống kê và báo cáo")

    def ready(self) -> None:
        from guongsang.stats import permissions  # noqa: F401
