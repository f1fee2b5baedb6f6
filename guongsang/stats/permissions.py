"""Who reads statistics: leaders, the secretariat, signers and admins over their subtree,
unit officers over their own unit. Figures are always cut to the scope
(services.counting._scope)."""

import rules

from guongsang.core.permissions import role_predicate
from guongsang.stats.services import STATS_ROLES

rules.add_perm("stats.view_stats", role_predicate(*STATS_ROLES))
