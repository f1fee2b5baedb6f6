"""Who may see, draft and sign decisions: roles granted over the issuing authority's unit; and
who hears the outcome: the unit that proposed a dossier the signed decision names."""

from typing import Any

import rules
from django.db.models import Q

from guongsang.core.permissions import has_role, in_scope, role_predicate, scope_unit_ids
from guongsang.core.roles import Role
from guongsang.core.types import Actor
from guongsang.decisions.models import Recipient

VIEW_ROLES = frozenset(
    {Role.SECRETARIAT, Role.SIGNER, Role.COUNCIL_MEMBER, Role.LEADER, Role.ADMIN}
)
DRAFT_ROLES = frozenset({Role.SECRETARIAT})
SIGN_ROLES = frozenset({Role.SIGNER})
# The proposing unit's officers, and the secretariat of a level above that unit, read the
# signed decision that names their dossier and download that recipient's certificate.
OUTCOME_ROLES = frozenset({Role.UNIT_OFFICER, Role.SECRETARIAT})
# A recipient line names a dossier; a dossier forwarded upward keeps the one it came from
# (centre → department → city → the national level at most).
PROPOSING_UNIT_PATHS = (
    "dossier__unit",
    "dossier__forwarded_from__unit",
    "dossier__forwarded_from__forwarded_from__unit",
)


def can_at(user: Actor, authority_id: int | None, roles: frozenset[str]) -> bool:
    """Does the user hold one of `roles` over the authority (a superuser still needs the role
    to draft or sign)."""
    return has_role(user, roles) and in_scope(user, authority_id, roles)


def proposed_by(unit_ids: Any, prefix: str = "") -> Q:
    """Recipient lines whose dossier (or the dossier it was forwarded from) was proposed by one
    of `unit_ids`; `prefix` reaches the line from another model ("recipients__")."""
    q = Q()
    for path in PROPOSING_UNIT_PATHS:
        q |= Q(**{f"{prefix}{path}__in": unit_ids})
    return q


def revoking(unit_ids: Any) -> Q:
    """Lines of a revocation that take back an award of a dossier those units proposed."""
    return proposed_by(unit_ids, prefix="revokes__")


def proposes_line(user: Actor, line: Any) -> bool:
    """Is the line's dossier one the user's unit (or a unit under their secretariat) proposed."""
    if not has_role(user, OUTCOME_ROLES):
        return False
    ids = scope_unit_ids(user, OUTCOME_ROLES)
    if ids is None:
        return True
    return Recipient.objects.filter(proposed_by(ids), pk=line.pk).exists()


def names_own_dossier(user: Actor, decision: Any) -> bool:
    """A signed decision that names a dossier the user's unit proposed (read only)."""
    if not decision.is_signed or not has_role(user, OUTCOME_ROLES):
        return False
    ids = scope_unit_ids(user, OUTCOME_ROLES)
    if ids is None:
        return True
    return decision.recipients.filter(proposed_by(ids) | revoking(ids)).exists()


@rules.predicate
def can_view(user: Actor, obj: Any) -> bool:
    if obj is None:
        return bool(role_predicate(*VIEW_ROLES)(user))
    return in_scope(user, obj.authority_id, VIEW_ROLES) or names_own_dossier(user, obj)


@rules.predicate
def can_print(user: Actor, obj: Any) -> bool:
    """The batch of every certificate of a decision: the authority's people only."""
    if obj is None:
        return bool(role_predicate(*VIEW_ROLES)(user))
    return in_scope(user, obj.authority_id, VIEW_ROLES)


@rules.predicate
def can_download_certificate(user: Actor, line: Any) -> bool:
    """One recipient's certificate: signed, not revoked, and the user is the authority's or
    the proposing unit's."""
    decision = line.decision
    if not decision.is_signed or not line.certificate_code:
        return False
    if line.award_id is not None and line.award.revoked_on is not None:
        return False
    return in_scope(user, decision.authority_id, VIEW_ROLES) or proposes_line(user, line)


def acting_for_authority(roles: frozenset[str], name: str) -> rules.Predicate:
    """The predicate: the user holds one of `roles`, over the object's authority when there
    is an object (a decision, a submission)."""

    def check(user: Actor, obj: Any) -> bool:
        if obj is None:
            return has_role(user, roles)
        return can_at(user, obj.authority_id, roles)

    return rules.predicate(check, name=name)


can_draft = acting_for_authority(DRAFT_ROLES, "can_draft")
can_sign = acting_for_authority(SIGN_ROLES, "can_sign")


rules.add_perm("decisions.view_decision", can_view)
rules.add_perm("decisions.print_certificates", can_print)
rules.add_perm("decisions.download_certificate", can_download_certificate)
rules.add_perm("decisions.draft_decision", can_draft)
rules.add_perm("decisions.sign_decision", can_sign)
