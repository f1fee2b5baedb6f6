"""Who may see and run a commendation conference.

The secretariat (and the admin) of the organising unit's subtree manage it; leaders (and the
signer, the council members) of that subtree read it. Unit officers do not see conferences in
the back office; the day page of a conference marked public is open to everyone.
"""

from __future__ import annotations

from typing import Any

import rules

from guongsang.core.permissions import unit_scope_predicate
from guongsang.core.roles import Role
from guongsang.core.types import Actor

CONFERENCE_MANAGE_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN})
CONFERENCE_VIEW_ROLES = frozenset(
    {Role.SECRETARIAT, Role.ADMIN, Role.LEADER, Role.SIGNER, Role.COUNCIL_MEMBER}
)

can_view_conference = unit_scope_predicate(CONFERENCE_VIEW_ROLES, "organiser_id")
can_manage_conference = unit_scope_predicate(CONFERENCE_MANAGE_ROLES, "organiser_id")


@rules.predicate
def can_view_day(user: Actor, conference: Any) -> bool:
    if conference is not None and conference.is_public:
        return True
    return bool(can_view_conference(user, conference))


rules.add_perm("conference.view_conference", can_view_conference)
rules.add_perm("conference.manage_conference", can_manage_conference)
rules.add_perm("conference.view_day", can_view_day)
