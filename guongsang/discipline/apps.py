from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisciplineConfig(AppConfig):
    name = "guongsang.discipline"
    verbose_name = _("Kỷ luật")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from guongsang.discipline import permissions  # noqa: F401  (registers the rules)
