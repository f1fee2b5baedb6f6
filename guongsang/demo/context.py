"""What the demo steps share while the demo is built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from guongsang.core.audit import audit_log
from guongsang.core.models import AuditAction

if TYPE_CHECKING:
    from guongsang.org.models import Unit
    from guongsang.people.models import Person


@dataclass
class DemoContext:
    """The units by code (made by the first step), the officials in their public roles, and
    how many rows each step made (`made["people"]`), for the summary line of `seed_demo`."""

    units: dict[str, Unit] = field(default_factory=dict)
    officials: dict[str, Person] = field(default_factory=dict)
    made: dict[str, int] = field(default_factory=dict)


Step = Callable[[DemoContext], None]


def audit_seeded(
    *, object_type: str, object_repr: str, counts: dict[str, int], reason: str
) -> None:
    """The audit line of what a step wrote in bulk, without a service per row: the counts,
    and no actor (the command ran it)."""
    audit_log(
        actor=None,
        action=AuditAction.CREATE,
        object_type=object_type,
        object_repr=object_repr,
        after=counts,
        reason=reason,
    )
