from typing import Any

from django.http import HttpRequest

from guongsang.core.menu import menu_for


def shell(request: HttpRequest) -> dict[str, Any]:
    """The role-dependent menu of the base layout."""
    return {"menu": menu_for(request.user) if hasattr(request, "user") else []}
