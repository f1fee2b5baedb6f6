"""Who may see, register and assess initiatives: by the unit the initiative belongs to."""

import rules

from guongsang.core.permissions import unit_scope_predicate
from guongsang.core.roles import ALL_ROLES, Role

INITIATIVE_VIEW_ROLES = frozenset(ALL_ROLES - {Role.JUDGE})
# Units register their own initiatives; the secretariat of the level above may too.
INITIATIVE_REGISTER_ROLES = frozenset({Role.UNIT_OFFICER, Role.SECRETARIAT, Role.ADMIN})
# The initiative council's finding is recorded by its secretariat.
INITIATIVE_ASSESS_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN})

rules.add_perm(
    "initiatives.view_initiative", unit_scope_predicate(INITIATIVE_VIEW_ROLES, "unit_id")
)
rules.add_perm(
    "initiatives.add_initiative", unit_scope_predicate(INITIATIVE_REGISTER_ROLES, "unit_id")
)
rules.add_perm(
    "initiatives.assess_initiative", unit_scope_predicate(INITIATIVE_ASSESS_ROLES, "unit_id")
)
