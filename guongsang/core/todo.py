"""The home page's to-do list: each domain app says what waits for which role.

Core knows none of the apps: the providers are listed by dotted path in the setting
`GS_TODO_PROVIDERS` (like MIDDLEWARE). A provider takes the user and returns the items it
knows of for the roles the user holds; an item with a count of 0 is dropped unless it is
marked `always` (a figure worth seeing even when nothing waits, e.g. the year's awards)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from guongsang.core.permissions import roles_of
from guongsang.core.roles import Role
from guongsang.core.types import Actor


@dataclass(frozen=True)
class TodoItem:
    role: str  # the section (a Role value) the item is listed under
    label: str
    count: int
    url: str
    detail: str = ""  # a deadline, a reason, a comparison
    urgent: bool = False  # a deadline within days, something returned
    always: bool = False
    icon: str = "check2-square"
    badge: str = ""  # shown instead of the count, e.g. "còn 5 ngày"

    @property
    def badge_text(self) -> str:
        return self.badge or f"{self.count:,}".replace(",", ".")


Provider = Callable[[Any], Iterable[TodoItem]]


@cache
def _providers() -> tuple[Provider, ...]:
    return tuple(import_string(path) for path in getattr(settings, "GS_TODO_PROVIDERS", ()))


@dataclass(frozen=True)
class TodoSection:
    role: str
    label: str
    items: list[TodoItem]


def todo_for(user: Actor) -> list[TodoSection]:
    """The user's sections in the roles' order, urgent items first within a section."""
    roles = roles_of(user)
    found: dict[str, list[TodoItem]] = {}
    for provider in _providers():
        for item in provider(user):
            if item.role in roles and (item.count or item.always):
                found.setdefault(item.role, []).append(item)
    return [
        TodoSection(
            role=role,
            label=str(Role(role).label),
            items=sorted(found[role], key=lambda i: not i.urgent),
        )
        for role in Role.values
        if role in found
    ]
