from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    name = "guongsang.movements"
    label = "movements"
    verbose_name = _("Phong trào thi đua")

    def ready(self) -> None:
        from guongsang.movements import permissions  # noqa: F401
