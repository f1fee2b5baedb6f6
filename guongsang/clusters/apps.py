from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "guongsang.clusters"
    label = "clusters"
    verbose_name = _("Chấm điểm cụm thi đua")

    def ready(self) -> None:
        # Register this app's rules with the permission layer.
        from guongsang.clusters import permissions  # noqa: F401
