"""Who may see, draft and sign decisions: roles granted over the issuing authority's unit."""

from typing import Any

import rules

from guongsang.core.permissions import has_role, in_scope, role_predicate
from guongsang.core.roles import Role

VIEW_ROLES = frozenset(
    {Role.SECRETARIAT, Role.SIGNER, Role.COUNCIL_MEMBER, Role.LEADER, Role.ADMIN}
)
DRAFT_ROLES = frozenset({Role.SECRETARIAT})
SIGN_ROLES = frozenset({Role.SIGNER})


def can_at(user: Any, authority_id: int | None, roles: frozenset[str]) -> bool:
    """Does the user hold one of `roles` over the authority (a superuser still needs the role
    to draft or sign)."""
    return has_role(user, roles) and in_scope(user, authority_id, roles)


@rules.predicate
def can_view(user: Any, obj: Any) -> bool:
    if obj is None:
        return bool(role_predicate(*VIEW_ROLES)(user))
    return in_scope(user, obj.authority_id, VIEW_ROLES)


@rules.predicate
def can_draft(user: Any, obj: Any) -> bool:
    if obj is None:
        return has_role(user, DRAFT_ROLES)
    return can_at(user, obj.authority_id, DRAFT_ROLES)


@rules.predicate
def can_sign(user: Any, obj: Any) -> bool:
    if obj is None:
        return has_role(user, SIGN_ROLES)
    return can_at(user, obj.authority_id, SIGN_ROLES)


rules.add_perm("decisions.view_decision", can_view)
rules.add_perm("decisions.draft_decision", can_draft)
rules.add_perm("decisions.sign_decision", can_sign)
