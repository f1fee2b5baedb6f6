"""Who may write and read annual summary reports.

The secretariat (and admin) of a level writes the report of its subtree; leaders and signers
read it; unit officers read and write the report of their own unit's subtree.
"""

from typing import Any

import rules

from guongsang.core.permissions import has_role, in_scope
from guongsang.core.roles import Role
from guongsang.core.types import Actor

EDIT_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN, Role.UNIT_OFFICER})
VIEW_ROLES = frozenset(EDIT_ROLES | {Role.LEADER, Role.SIGNER})


def _scoped(roles: frozenset[str]) -> rules.Predicate:
    @rules.predicate(name=f"reports_scope:{'|'.join(sorted(roles))}")
    def _check(user: Actor, report: Any = None) -> bool:
        if report is None:
            return has_role(user, roles)
        unit_id = getattr(report, "unit_id", None) or getattr(report, "pk", None)
        return has_role(user, roles) and in_scope(user, unit_id, roles)

    return _check


can_view_report = _scoped(VIEW_ROLES)
can_edit_report = _scoped(EDIT_ROLES)
rules.add_perm("reports.view_report", can_view_report)
rules.add_perm("reports.edit_report", can_edit_report)
