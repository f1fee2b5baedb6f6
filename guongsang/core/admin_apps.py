from django.contrib.admin.apps import AdminConfig


class GSAdminConfig(AdminConfig):
    """Django admin for support work only, open to the admin role alone."""

    default_site = "guongsang.core.admin_site.GSAdminSite"
