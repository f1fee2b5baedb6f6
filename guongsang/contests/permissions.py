"""Who may see and act on contests, entries and score sheets.

- The secretariat (and admin) of the organising unit runs a contest and sees every entry of it.
- A unit officer sees the contests of the units above them and only their own units' entries.
- A judge sees only the score sheets assigned to them, blind, never one of their own unit.
- A leader over the organiser sees the results.
"""

from __future__ import annotations

from typing import Any

import rules

from guongsang.core.permissions import has_role, in_scope
from guongsang.core.roles import Role
from guongsang.core.types import Actor

MANAGE_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN})
RESULT_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN, Role.LEADER})


def can_manage(user: Actor, contest: Any) -> bool:
    if contest is None:
        return has_role(user, MANAGE_ROLES)
    return has_role(user, MANAGE_ROLES) and in_scope(user, contest.organiser_id, MANAGE_ROLES)


@rules.predicate
def can_manage_contest(user: Actor, contest: Any = None) -> bool:
    return can_manage(user, contest)


@rules.predicate
def can_view_results(user: Actor, contest: Any = None) -> bool:
    if contest is None:
        return has_role(user, RESULT_ROLES)
    return has_role(user, RESULT_ROLES) and in_scope(user, contest.organiser_id, RESULT_ROLES)


@rules.predicate
def can_submit_entry(user: Actor, contest: Any = None) -> bool:
    return has_role(user, Role.UNIT_OFFICER)


@rules.predicate
def can_view_entry(user: Actor, entry: Any = None) -> bool:
    """The owner unit's officers and the organiser's secretariat; never judges as such."""
    if entry is None:
        return has_role(user, {Role.UNIT_OFFICER, *MANAGE_ROLES})
    return (
        has_role(user, Role.UNIT_OFFICER) and in_scope(user, entry.unit_id, {Role.UNIT_OFFICER})
    ) or can_manage(user, entry.contest)


@rules.predicate
def can_edit_entry(user: Actor, entry: Any = None) -> bool:
    if entry is None:
        return has_role(user, Role.UNIT_OFFICER)
    return (
        entry.status == "draft"
        and has_role(user, Role.UNIT_OFFICER)
        and in_scope(user, entry.unit_id, {Role.UNIT_OFFICER})
    )


@rules.predicate
def is_judge(user: Actor, assignment: Any = None) -> bool:
    if assignment is None:
        return has_role(user, Role.JUDGE)
    return has_role(user, Role.JUDGE) and assignment.judge_id == getattr(user, "pk", None)


rules.add_perm("contests.manage_contest", can_manage_contest)
rules.add_perm("contests.view_results", can_view_results)
rules.add_perm("contests.submit_entry", can_submit_entry)
rules.add_perm("contests.view_entry", can_view_entry)
rules.add_perm("contests.edit_entry", can_edit_entry)
rules.add_perm("contests.judge", is_judge)
