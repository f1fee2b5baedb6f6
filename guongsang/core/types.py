"""Types shared by the services of every app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias, cast

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from guongsang.accounts.models import User

    # Who does an action (`actor=` of the services): a user; anonymous on the public site
    # (a citizen's tip); None for the system itself (demo data, scheduled jobs).
    Actor: TypeAlias = User | AnonymousUser | None
else:
    Actor = Any


def actor_user(actor: Actor) -> User | None:
    """The actor as the user to record on a row (created_by, closed_by…): None when the
    action is anonymous or the system's."""
    return cast("User | None", actor if getattr(actor, "is_authenticated", False) else None)
