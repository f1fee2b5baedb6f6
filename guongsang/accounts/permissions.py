"""Only the admin manages users and resets passwords; everyone manages their own login."""

import rules

from guongsang.core.permissions import is_admin

rules.add_perm("accounts.manage_users", is_admin)
