"""Who may see and run movements and pledges.

- Everyone reads the movements that concern them: those organised in their subtree and those
  launched by a level above them (the department's units see the department's and the city's).
- The secretariat (and the admin) of the organising unit's subtree manage a movement.
- Unit officers (and the secretariat, the admin) pledge for the units of their subtree.
- A pledge is seen by whoever sees its unit.
- Who has and has not pledged is seen by the secretariat, the admin and leaders, cut to their
  subtree.
"""

from __future__ import annotations

from typing import Any

import rules

from guongsang.core.permissions import (
    has_role,
    in_scope,
    role_predicate,
    scope_roots,
    unit_scope_predicate,
)
from guongsang.core.roles import ALL_ROLES, Role
from guongsang.core.types import Actor
from guongsang.org.selectors import closure_on

MOVEMENT_VIEW_ROLES = ALL_ROLES
MOVEMENT_MANAGE_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN})
PLEDGE_ROLES = frozenset({Role.UNIT_OFFICER, Role.SECRETARIAT, Role.ADMIN})
PLEDGE_VIEW_ROLES = ALL_ROLES
STATUS_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN, Role.LEADER})


def organiser_ids_above(user: Actor, roles: frozenset[str]) -> Any:
    """Subquery: the units above (or at) the user's grants today, whose movements reach them."""
    return closure_on().filter(descendant_id__in=scope_roots(user, roles)).values("ancestor_id")


def _organiser_above(user: Actor, organiser_id: int) -> bool:
    """Is the organising unit above (or at) one of the user's grants today?"""
    roots = scope_roots(user, MOVEMENT_VIEW_ROLES)
    return closure_on().filter(ancestor_id=organiser_id, descendant_id__in=roots).exists()


@rules.predicate
def can_view_movement(user: Actor, movement: Any) -> bool:
    if movement is None:
        return has_role(user, MOVEMENT_VIEW_ROLES)
    if in_scope(user, movement.organiser_id, MOVEMENT_VIEW_ROLES):
        return True
    return _organiser_above(user, movement.organiser_id)


can_manage_movement = unit_scope_predicate(MOVEMENT_MANAGE_ROLES, "organiser_id")
can_pledge = can_view_movement & role_predicate(*PLEDGE_ROLES)
can_pledge_for_unit = unit_scope_predicate(PLEDGE_ROLES, "pk")
can_view_status = can_view_movement & role_predicate(*STATUS_ROLES)

rules.add_perm("movements.view_movement", can_view_movement)
rules.add_perm("movements.manage_movement", can_manage_movement)
rules.add_perm("movements.add_pledge", can_pledge)
rules.add_perm("movements.pledge_for_unit", can_pledge_for_unit)
rules.add_perm("movements.view_pledge", unit_scope_predicate(PLEDGE_VIEW_ROLES, "unit_id"))
rules.add_perm("movements.change_pledge", unit_scope_predicate(PLEDGE_ROLES, "unit_id"))
rules.add_perm("movements.view_pledge_status", can_view_status)
