"""The roles a user may be granted over a unit subtree (see DESIGN.md, "Who uses it")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", _("Cán bộ thi đua đơn vị")
    SECRETARIAT = "secretariat", _("Thường trực Hội đồng TĐKT")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng TĐKT")
    SIGNER = "signer", _("Lãnh đạo ký quyết định")
    JUDGE = "judge", _("Thành viên Ban Giám khảo")
    LEADER = "leader", _("Lãnh đạo (xem báo cáo)")
    ADMIN = "admin", _("Quản trị hệ thống")


# Roles that must use two-factor authentication outside DEBUG: every role that can change
# records (only the read-only leader is left out).
TWO_FACTOR_ROLES = frozenset(
    {
        Role.UNIT_OFFICER,
        Role.SECRETARIAT,
        Role.COUNCIL_MEMBER,
        Role.SIGNER,
        Role.JUDGE,
        Role.ADMIN,
    }
)
# Every role sees the organisation and staff of the subtree it was granted over.
ALL_ROLES = frozenset(Role)
# Roles that may unmask personal data (citizen ID, date of birth, phone, address).
PERSONAL_DATA_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN, Role.UNIT_OFFICER})
