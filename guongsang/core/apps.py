from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "guongsang.core"
    label = "core"
    verbose_name = _("Lõi hệ thống")

    def ready(self) -> None:
        import rules

        from guongsang.core import pagecache, textsearch
        from guongsang.core.permissions import is_admin

        pagecache.connect()
        textsearch.connect()

        # The audit log and the Django admin belong to the admin role alone.
        rules.add_perm("core.view_audit", is_admin)
        rules.add_perm("core.use_admin_site", is_admin)
