"""Everyone signed in reads the catalogue; the admin edits it."""

import rules

from guongsang.core.permissions import is_admin, role_predicate
from guongsang.core.roles import ALL_ROLES

rules.add_perm("catalogue.view_title", role_predicate(*ALL_ROLES))
rules.add_perm("catalogue.manage_title", is_admin)
