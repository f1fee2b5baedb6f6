"""The two kinds of import, their columns and who may run them."""

from __future__ import annotations

from typing import Any

from guongsang.core.permissions import has_role
from guongsang.core.roles import Role

NOMINATIONS = "de-nghi"
AWARDS = "lich-su"
KINDS = (NOMINATIONS, AWARDS)
NOMINATION_ROLES = frozenset({Role.UNIT_OFFICER, Role.SECRETARIAT})
AWARD_ROLES = frozenset({Role.ADMIN})
LARGE_FILE_ROWS = 2_000

COLUMNS = [
    "Họ và tên",
    "Ngày sinh (dd/mm/yyyy)",
    "Đơn vị (tên hoặc mã)",
    "Danh hiệu/hình thức (tên hoặc mã)",
    "Năm",
    "Tóm tắt thành tích",
]
AWARD_COLUMNS = [*COLUMNS, "Số quyết định", "Ngày quyết định"]


def columns_for(kind: str) -> list[str]:
    return AWARD_COLUMNS if kind == AWARDS else COLUMNS


def roles_for(kind: str) -> frozenset[str]:
    return AWARD_ROLES if kind == AWARDS else NOMINATION_ROLES


def may_import(user: Any, kind: str) -> bool:
    return kind in KINDS and has_role(user, roles_for(kind))
