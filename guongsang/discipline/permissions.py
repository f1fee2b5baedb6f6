"""Who records and reads disciplines: the secretariat and the admin, over their subtree (the
person's home unit, or the unit disciplined)."""

from typing import Any

import rules

from guongsang.core.permissions import in_scope, role_predicate
from guongsang.core.roles import Role
from guongsang.core.types import Actor

DISCIPLINE_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN})


def subject_unit_id(*, person: Any, unit: Any) -> int | None:
    if person is not None:
        return person.home_unit_id
    return unit.pk if unit is not None else None


@rules.predicate
def can_record_discipline(user: Actor, subject_unit: Any) -> bool:
    if subject_unit is None:
        return bool(role_predicate(*DISCIPLINE_ROLES)(user))
    return in_scope(user, subject_unit, DISCIPLINE_ROLES)


rules.add_perm("discipline.record", can_record_discipline)
