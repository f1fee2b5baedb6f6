from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "guongsang.reports"
    label = "reports"
    verbose_name = _("Báo cáo tổng kết")

    def ready(self) -> None:
        from guongsang.reports import permissions  # noqa: F401
