from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "guongsang.initiatives"
    label = "initiatives"
    verbose_name = _("Sáng kiến")

    def ready(self) -> None:
        # Register this app's rules with the permission layer.
        from guongsang.initiatives import permissions  # noqa: F401
