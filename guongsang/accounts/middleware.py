"""Two-factor authentication for the roles that need it, and forced password changes."""

from collections.abc import Callable
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from guongsang.core.permissions import needs_two_factor

# Paths open to anyone at any time: language switch, assets, health, and the API (which
# checks the second factor itself, see guongsang/api/auth.py).
_OPEN_PREFIXES = ("/i18n/", "/static/", "/healthz", "/api/")
# The public site needs no login at all: its pages must not even read the session, so that
# they stay cacheable by proxies (no "Vary: Cookie"). Its moderation pages are staff pages.
_PUBLIC_SITE = "/vuon-hoa/"
_PUBLIC_SITE_STAFF = "/vuon-hoa/quan-ly/"


@cache
def _before_second_factor() -> tuple[str, ...]:
    """The only account pages a user may reach with the password alone: logging in, setting
    up or entering the second factor, logging out, and the one-time reset link (which a
    user follows before logging in). Everything else under /tai-khoan/ (the user admin
    above all) waits for the second factor."""
    return (
        reverse("accounts:login"),
        reverse("accounts:logout"),
        reverse("accounts:two_factor"),
        reverse("accounts:password_reset_confirm", args=["x", "y"]).removesuffix("x/y/"),
    )


def _is_public_page(path: str) -> bool:
    return path.startswith(_PUBLIC_SITE) and not path.startswith(_PUBLIC_SITE_STAFF)


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if path.startswith(_OPEN_PREFIXES) or _is_public_page(path):
            return self.get_response(request)
        if path.startswith(_before_second_factor()):
            return self.get_response(request)
        user = request.user
        if user.is_authenticated:
            if needs_two_factor(user) and not user.is_verified():  # type: ignore[attr-defined]
                return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': path})}")
            if getattr(user, "must_change_password", False) and path != reverse(
                "accounts:password_change"
            ):
                return redirect("accounts:password_change")
        return self.get_response(request)
