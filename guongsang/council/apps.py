from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "guongsang.council"
    label = "council"
    verbose_name = _("Hội đồng thi đua, khen thưởng")

    def ready(self) -> None:
        from guongsang.council import permissions  # noqa: F401
