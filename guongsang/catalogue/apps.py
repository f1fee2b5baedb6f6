from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "guongsang.catalogue"
    label = "catalogue"
    verbose_name = _("Danh mục khen thưởng")

    def ready(self) -> None:
        from guongsang.catalogue import permissions  # noqa: F401
