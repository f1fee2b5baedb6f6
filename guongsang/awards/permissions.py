"""Award history is seen by whoever sees its unit; it is written by decisions and imports."""

import rules

from guongsang.core.permissions import is_admin, unit_scope_predicate
from guongsang.core.roles import ALL_ROLES

AWARD_VIEW_ROLES = ALL_ROLES

rules.add_perm("awards.view_award", unit_scope_predicate(AWARD_VIEW_ROLES, "unit_id"))
rules.add_perm("awards.import_award", is_admin)
