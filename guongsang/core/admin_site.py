from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from guongsang.core.permissions import has_role
from guongsang.core.roles import Role


class GSAdminSite(admin.AdminSite):
    site_header = _("Gương Sáng — quản trị")
    site_title = _("Gương Sáng")
    index_title = _("Quản trị hệ thống")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and has_role(user, Role.ADMIN))


admin_site = admin.site
