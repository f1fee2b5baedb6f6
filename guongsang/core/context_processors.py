from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from guongsang.core.menu import menu_for


def shell(request: HttpRequest) -> dict[str, Any]:
    """The role-dependent menu of the base layout, worked out only when a page shows it (the
    public site never does, and so never reads the session)."""
    if not hasattr(request, "user"):
        return {"menu": []}
    return {"menu": SimpleLazyObject(lambda: menu_for(request.user))}
