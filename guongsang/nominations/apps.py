from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "guongsang.nominations"
    label = "nominations"
    verbose_name = _("Hồ sơ đề nghị khen thưởng")

    def ready(self) -> None:
        from guongsang.nominations import permissions  # noqa: F401
