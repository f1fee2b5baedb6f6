"""What the demo steps share while the demo is built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
