"""The main menu: each entry names the roles that see it; related pages share a drop-down."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guongsang.core.permissions import has_role
from guongsang.core.roles import ALL_ROLES, Role
from guongsang.core.types import Actor


@dataclass(frozen=True)
class MenuItem:
    label: Any
    url_name: str
    icon: str
    roles: frozenset[str]

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class MenuGroup:
    label: Any
    icon: str
    items: list[MenuItem] = field(default_factory=list)


# The department's own work (council, decisions, events): those who run it and those who read it.
MANAGERS_AND_READERS = frozenset(
    {Role.SECRETARIAT, Role.ADMIN, Role.LEADER, Role.SIGNER, Role.COUNCIL_MEMBER}
)
READERS = frozenset({Role.SECRETARIAT, Role.ADMIN, Role.LEADER, Role.SIGNER})
STATS_READERS = frozenset(
    {Role.SECRETARIAT, Role.ADMIN, Role.LEADER, Role.SIGNER, Role.UNIT_OFFICER}
)
SECRETARIAT = frozenset({Role.SECRETARIAT, Role.ADMIN})
NOT_JUDGES = frozenset(ALL_ROLES - {Role.JUDGE})
ADMIN = frozenset({Role.ADMIN})

MENU: list[MenuItem | MenuGroup] = [
    MenuItem(_("Trang chủ"), "core:home", "house", ALL_ROLES),
    MenuGroup(
        _("Đơn vị"),
        "diagram-3",
        [
            MenuItem(_("Tổ chức"), "org:tree", "diagram-3", ALL_ROLES),
            MenuItem(_("Cá nhân"), "people:list", "people", ALL_ROLES),
        ],
    ),
    MenuGroup(
        _("Phong trào"),
        "flag",
        [
            MenuItem(_("Phong trào"), "movements:list", "flag", ALL_ROLES),
            MenuItem(_("Chỉ tiêu chuyên môn"), "targets:index", "bullseye", NOT_JUDGES),
            MenuItem(_("Cuộc thi viết"), "contests:list", "pencil-square", ALL_ROLES),
            MenuItem(
                _("Phiếu chấm của tôi"),
                "contests:judge_home",
                "clipboard-check",
                frozenset({Role.JUDGE}),
            ),
        ],
    ),
    MenuGroup(
        _("Khen thưởng"),
        "folder2-open",
        [
            MenuItem(_("Hồ sơ khen thưởng"), "nominations:list", "folder2-open", NOT_JUDGES),
            MenuItem(_("Sổ sáng kiến"), "initiatives:list", "lightbulb", NOT_JUDGES),
            MenuItem(_("Cụm thi đua"), "clusters:list", "trophy", NOT_JUDGES),
            MenuItem(_("Công khai danh sách"), "council:notice_list", "megaphone", READERS),
            MenuItem(_("Hội đồng"), "council:session_list", "people", MANAGERS_AND_READERS),
            MenuItem(_("Quyết định"), "decisions:list", "file-earmark-check", MANAGERS_AND_READERS),
            MenuItem(_("Tờ trình cấp trên"), "decisions:submissions", "send", MANAGERS_AND_READERS),
            MenuItem(_("Kỷ luật"), "discipline:list", "slash-circle", SECRETARIAT),
        ],
    ),
    MenuGroup(
        _("Báo cáo"),
        "bar-chart",
        [
            MenuItem(_("Bảng điều khiển"), "stats:dashboard", "speedometer2", STATS_READERS),
            MenuItem(_("Bảng thống kê"), "stats:table", "table", STATS_READERS),
            MenuItem(
                _("Thống kê cuộc thi viết"),
                "contests:stats",
                "bar-chart",
                frozenset({Role.SECRETARIAT, Role.ADMIN, Role.LEADER}),
            ),
            MenuItem(
                _("Báo cáo tổng kết"),
                "reports:list",
                "file-earmark-text",
                STATS_READERS,
            ),
        ],
    ),
    MenuGroup(
        _("Tuyên truyền"),
        "megaphone",
        [
            MenuItem(_("Câu chuyện Vườn hoa"), "showcase:manage_stories", "flower1", SECRETARIAT),
            MenuItem(_("Tin báo việc tốt"), "showcase:tips", "envelope-paper", SECRETARIAT),
            MenuItem(_("Vườn hoa"), "showcase:home", "globe", ALL_ROLES),
            MenuItem(_("Hội nghị biểu dương"), "conference:list", "award", MANAGERS_AND_READERS),
            MenuItem(_("Sách Những bông hoa đẹp"), "books:list", "book", MANAGERS_AND_READERS),
        ],
    ),
    MenuGroup(
        _("Quản trị"),
        "gear",
        [
            MenuItem(_("Người dùng"), "accounts:user_list", "person-gear", ADMIN),
            MenuItem(_("Nhật ký hệ thống"), "core:audit_list", "journal-text", ADMIN),
        ],
    ),
]


def menu_for(user: Actor) -> list[MenuItem | MenuGroup]:
    """The entries this user sees; a group with one visible item becomes that item."""
    if not getattr(user, "is_authenticated", False):
        return []
    entries: list[MenuItem | MenuGroup] = []
    for entry in MENU:
        if isinstance(entry, MenuItem):
            if has_role(user, entry.roles):
                entries.append(entry)
            continue
        visible = [item for item in entry.items if has_role(user, item.roles)]
        if len(visible) == 1:
            entries.append(visible[0])
        elif visible:
            entries.append(MenuGroup(entry.label, entry.icon, visible))
    return entries
