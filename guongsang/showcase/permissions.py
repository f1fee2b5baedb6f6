"""Who may write stories and moderate tips.

The public reads published stories without logging in (no permission needed). Stories are
written and published by the secretariat (thường trực Hội đồng) for units in its scope;
citizens' tips are moderated by the secretariat, and their contact details are personal data.
"""

from typing import Any

import rules

from guongsang.core.permissions import has_role, in_scope
from guongsang.core.roles import Role
from guongsang.core.types import Actor

EDITOR_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN})


@rules.predicate
def can_manage_story(user: Actor, story: Any = None) -> bool:
    if story is None:
        return has_role(user, EDITOR_ROLES)
    return in_scope(user, story.unit_id, EDITOR_ROLES) and has_role(user, EDITOR_ROLES)


@rules.predicate
def can_moderate_tips(user: Actor, tip: Any = None) -> bool:
    return has_role(user, EDITOR_ROLES)


rules.add_perm("showcase.manage_story", can_manage_story)
rules.add_perm("showcase.moderate_tip", can_moderate_tips)
rules.add_perm("showcase.view_tip_contact", can_moderate_tips)
