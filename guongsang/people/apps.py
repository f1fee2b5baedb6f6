from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "guongsang.people"
    label = "people"
    verbose_name = _("Nhân sự")

    def ready(self) -> None:
        # Register this app's rules with the permission layer, and its receivers.
        from guongsang.people import permissions, signals  # noqa: F401
