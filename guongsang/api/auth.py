"""API authentication: the browser's session (with CSRF) or a bearer token for machines."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from guongsang.accounts.services import api_token_authenticate
from guongsang.core.permissions import needs_two_factor


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is None:
            return None
        request.user = user
        return user


class BrowserSession(SessionAuth):
    """Session auth; htmx and fetch calls from our pages send the CSRF token.

    A session that still owes its second factor is not enough for the API either.
    """

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user and needs_two_factor(user) and not user.is_verified():
            return None
        return user


AUTH = [TokenAuth(), BrowserSession()]
