"""Who may run, see and vote in a council's work.

The secretariat of a level (its grant covers the council's unit) prepares notices and sessions;
leaders, signers and the admin of that level may read them; a council member votes only in the
sessions of a council they belong to and reads those sessions.
"""

from __future__ import annotations

from typing import Any

import rules

from guongsang.core.permissions import has_role, in_scope, is_superuser
from guongsang.core.roles import Role
from guongsang.council.models import CouncilMember

MANAGE_ROLES = frozenset({Role.SECRETARIAT})
READ_ROLES = frozenset({Role.SECRETARIAT, Role.LEADER, Role.SIGNER, Role.ADMIN})
LIST_ROLES = READ_ROLES | {Role.COUNCIL_MEMBER}


def can_manage_level(user: Any, unit_id: int | None) -> bool:
    """The secretariat whose grant covers this level (a superuser still needs the role)."""
    return has_role(user, MANAGE_ROLES) and in_scope(user, unit_id, MANAGE_ROLES)


def is_member(user: Any, council_id: int) -> bool:
    if not getattr(user, "is_authenticated", False) or not has_role(user, Role.COUNCIL_MEMBER):
        return False
    return CouncilMember.objects.filter(council_id=council_id, user=user).exists()


@rules.predicate
def can_manage(user: Any, obj: Any = None) -> bool:
    """obj: anything with a `level_unit_id` (session, notice) or a council (`unit_id`)."""
    if obj is None:
        return has_role(user, MANAGE_ROLES)
    unit_id = getattr(obj, "level_unit_id", None) or getattr(obj, "unit_id", None)
    return can_manage_level(user, unit_id)


@rules.predicate
def can_read(user: Any, obj: Any = None) -> bool:
    if obj is None:
        return has_role(user, LIST_ROLES) or is_superuser(user)
    unit_id = getattr(obj, "level_unit_id", None) or getattr(obj, "unit_id", None)
    if has_role(user, READ_ROLES) and in_scope(user, unit_id, READ_ROLES):
        return True
    council_id = getattr(obj, "council_id", None)
    return council_id is not None and is_member(user, council_id)


@rules.predicate
def can_vote(user: Any, session: Any = None) -> bool:
    if session is None:
        return has_role(user, Role.COUNCIL_MEMBER)
    return is_member(user, session.council_id)


@rules.predicate
def can_read_notices(user: Any, obj: Any = None) -> bool:
    if obj is None:
        return has_role(user, READ_ROLES) or is_superuser(user)
    return has_role(user, READ_ROLES) and in_scope(user, obj.level_unit_id, READ_ROLES)


rules.add_perm("council.manage", can_manage)
rules.add_perm("council.read", can_read)
rules.add_perm("council.vote", can_vote)
rules.add_perm("council.read_notices", can_read_notices)
