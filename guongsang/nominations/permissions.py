"""Who may see and act on a dossier.

Unit officers act for the proposing unit's subtree; the secretariat and the signer act at the
level that reviews the dossier (its `level_unit`), so a department's secretariat never handles
what was forwarded to the city.
"""

from typing import Any

import rules

from guongsang.core.permissions import has_role, in_scope, role_predicate
from guongsang.core.roles import ALL_ROLES, Role
from guongsang.core.types import Actor
from guongsang.nominations.models import State

DOSSIER_VIEW_ROLES = frozenset(ALL_ROLES - {Role.JUDGE})
LEVEL_ROLES = frozenset(
    {Role.SECRETARIAT, Role.SIGNER, Role.COUNCIL_MEMBER, Role.LEADER, Role.ADMIN}
)


def can_act(user: Actor, dossier: Any, roles: frozenset[str]) -> bool:
    """Does one of `roles` reach this dossier: officers by its unit, the rest by its level."""
    officer = roles & {Role.UNIT_OFFICER}
    others = roles - {Role.UNIT_OFFICER}
    if not has_role(user, roles):  # a superuser still needs the role to take part
        return False
    return bool(
        (officer and in_scope(user, dossier.unit_id, officer))
        or (others and in_scope(user, dossier.level_unit_id, others))
    )


@rules.predicate
def can_view_dossier(user: Actor, dossier: Any) -> bool:
    if dossier is None:
        return bool(role_predicate(*DOSSIER_VIEW_ROLES)(user))
    return can_act(user, dossier, frozenset({Role.UNIT_OFFICER})) or can_act(
        user, dossier, LEVEL_ROLES
    )


@rules.predicate
def can_edit_dossier(user: Actor, dossier: Any) -> bool:
    if dossier is None:
        return bool(role_predicate(Role.UNIT_OFFICER, Role.SECRETARIAT)(user))
    editable = dossier.state in {State.DRAFT, State.RETURNED}
    return editable and can_act(user, dossier, frozenset({Role.UNIT_OFFICER, Role.SECRETARIAT}))


rules.add_perm("nominations.view_dossier", can_view_dossier)
rules.add_perm("nominations.edit_dossier", can_edit_dossier)
rules.add_perm(
    "nominations.override_check",
    rules.predicate(
        lambda user, dossier: (
            dossier is not None and can_act(user, dossier, frozenset({Role.SECRETARIAT}))
        )
    ),
)
