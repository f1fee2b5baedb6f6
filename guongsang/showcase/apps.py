from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShowcaseConfig(AppConfig):
    name = "guongsang.showcase"
    label = "showcase"
    verbose_name = _("Vườn hoa Người tốt, việc tốt")

    def ready(self) -> None:
        from guongsang.showcase import permissions, signals  # noqa: F401
