"""What the people app does when the organisation changes under it."""

import datetime as dt
from typing import Any

from django.dispatch import receiver

from guongsang.core.types import Actor
from guongsang.org.models import Unit
from guongsang.org.signals import units_merged
from guongsang.people.services import positions_move


@receiver(units_merged, dispatch_uid="people.move_staff_on_merge")
def move_staff_on_merge(
    sender: Any,
    *,
    actor: Actor,
    units: list[Unit],
    merged: Unit,
    on: dt.date,
    move_staff: bool,
    **kwargs: Any,
) -> None:
    if move_staff:
        positions_move(actor=actor, units=units, to=merged, on=on)
