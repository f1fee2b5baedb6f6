"""Who may see people and unmask their personal data."""

import rules

from guongsang.core.permissions import unit_scope_predicate
from guongsang.core.roles import ALL_ROLES, PERSONAL_DATA_ROLES, Role

PERSON_VIEW_ROLES = ALL_ROLES
PERSON_MANAGE_ROLES = frozenset({Role.ADMIN, Role.SECRETARIAT, Role.UNIT_OFFICER})

rules.add_perm("people.view_person", unit_scope_predicate(PERSON_VIEW_ROLES, "home_unit_id"))
rules.add_perm(
    "people.view_personal_data", unit_scope_predicate(PERSONAL_DATA_ROLES, "home_unit_id")
)
rules.add_perm("people.manage_person", unit_scope_predicate(PERSON_MANAGE_ROLES, "home_unit_id"))
