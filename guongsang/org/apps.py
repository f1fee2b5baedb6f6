from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "guongsang.org"
    label = "org"
    verbose_name = _("Tổ chức")

    def ready(self) -> None:
        # Register this app's rules with the permission layer.
        from guongsang.core.permissions import subtree_register
        from guongsang.org import permissions  # noqa: F401
        from guongsang.org.selectors import scope_ids_under

        # The permission layer's unit scopes are subtrees of this app's tree.
        subtree_register(scope_ids_under)
