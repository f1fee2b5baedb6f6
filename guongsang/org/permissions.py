"""Who may see and change the organisation."""

import rules

from guongsang.core.permissions import is_admin, unit_scope_predicate
from guongsang.core.roles import ALL_ROLES, Role

UNIT_VIEW_ROLES = ALL_ROLES
UNIT_MANAGE_ROLES = frozenset({Role.ADMIN})

can_view_unit = unit_scope_predicate(UNIT_VIEW_ROLES, "pk")
can_manage_unit = is_admin & unit_scope_predicate(UNIT_MANAGE_ROLES, "pk")

rules.add_perm("org.view_unit", can_view_unit)
rules.add_perm("org.manage_unit", can_manage_unit)
