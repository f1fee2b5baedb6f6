from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContestsConfig(AppConfig):
    name = "guongsang.contests"
    label = "contests"
    verbose_name = _("Cuộc thi viết")

    def ready(self) -> None:
        from guongsang.contests import (
            permissions,  # noqa: F401
            tasks,  # noqa: F401  (connects the signal receivers)
        )
