"""Who may see and enter sector targets (chỉ tiêu).

- every role but judges sees the plans and results of the units under its grants;
- unit officers and the secretariat enter monthly results for units in their scope;
- the secretariat (and admin) sets the yearly plans of the units under it;
- only the admin defines indicators.
"""

from typing import Any

import rules

from guongsang.core.permissions import has_role, in_scope
from guongsang.core.roles import ALL_ROLES, Role
from guongsang.core.types import Actor

VIEW_ROLES = frozenset(ALL_ROLES - {Role.JUDGE})
RESULT_ROLES = frozenset({Role.UNIT_OFFICER, Role.SECRETARIAT, Role.ADMIN})
PLAN_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN})
INDICATOR_ROLES = frozenset({Role.ADMIN})


def _unit_id(obj: Any) -> int | None:
    if obj is None:
        return None
    return getattr(obj, "unit_id", None) or getattr(obj, "pk", None)


def _scoped(roles: frozenset[str]) -> rules.Predicate:
    @rules.predicate(name=f"targets_scope:{'|'.join(sorted(roles))}")
    def _check(user: Actor, obj: Any = None) -> bool:
        if obj is None:
            return has_role(user, roles)
        return has_role(user, roles) and in_scope(user, _unit_id(obj), roles)

    return _check


can_view_targets = _scoped(VIEW_ROLES)
can_enter_results = _scoped(RESULT_ROLES)
can_set_plans = _scoped(PLAN_ROLES)
can_manage_indicators = rules.predicate(lambda user: has_role(user, INDICATOR_ROLES))

rules.add_perm("targets.view", can_view_targets)
rules.add_perm("targets.enter_results", can_enter_results)
rules.add_perm("targets.set_plans", can_set_plans)
rules.add_perm("targets.manage_indicators", can_manage_indicators)
