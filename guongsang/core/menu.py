"""The main menu: each entry names the permission that shows it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guongsang.core.permissions import has_role
from guongsang.core.roles import ALL_ROLES, Role


@dataclass(frozen=True)
class MenuItem:
    label: Any
    url_name: str
    icon: str
    roles: frozenset[str]

    @property
    def url(self) -> str:
        return reverse(self.url_name)


MENU = [
    MenuItem(_("Trang chủ"), "core:home", "house", ALL_ROLES),
    MenuItem(_("Tổ chức"), "org:tree", "diagram-3", ALL_ROLES),
    MenuItem(_("Cá nhân"), "people:list", "people", ALL_ROLES),
    MenuItem(_("Phong trào"), "movements:list", "flag", ALL_ROLES),
    MenuItem(
        _("Hồ sơ khen thưởng"),
        "nominations:list",
        "folder2-open",
        frozenset(ALL_ROLES - {Role.JUDGE}),
    ),
    MenuItem(_("Người dùng"), "accounts:user_list", "person-gear", frozenset({Role.ADMIN})),
    MenuItem(_("Nhật ký hệ thống"), "core:audit_list", "journal-text", frozenset({Role.ADMIN})),
]


def menu_for(user: Any) -> list[MenuItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [item for item in MENU if has_role(user, item.roles)]
