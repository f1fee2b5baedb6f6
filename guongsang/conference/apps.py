from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferenceConfig(AppConfig):
    name = "guongsang.conference"
    label = "conference"
    verbose_name = _("Hội nghị biểu dương")

    def ready(self) -> None:
        from guongsang.conference import permissions  # noqa: F401
