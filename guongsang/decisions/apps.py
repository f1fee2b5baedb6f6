from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "guongsang.decisions"
    label = "decisions"
    verbose_name = _("Quyết định khen thưởng")

    def ready(self) -> None:
        from guongsang.decisions import permissions  # noqa: F401
