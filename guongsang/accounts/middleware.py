"""Two-factor authentication for the roles that need it, and forced password changes."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from guongsang.core.permissions import has_role
from guongsang.core.roles import TWO_FACTOR_ROLES

# Paths a user may reach before finishing 2FA or changing a temporary password.
_OPEN_PREFIXES = ("/tai-khoan/", "/i18n/", "/static/", "/healthz", "/api/")
# The public site needs no login at all: its pages must not even read the session, so that
# they stay cacheable by proxies (no "Vary: Cookie"). Its moderation pages are staff pages.
_PUBLIC_SITE = "/vuon-hoa/"
_PUBLIC_SITE_STAFF = "/vuon-hoa/quan-ly/"


def _is_public_page(path: str) -> bool:
    return path.startswith(_PUBLIC_SITE) and not path.startswith(_PUBLIC_SITE_STAFF)


def needs_two_factor(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(settings.GS_REQUIRE_2FA and has_role(user, TWO_FACTOR_ROLES))


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(_OPEN_PREFIXES) or _is_public_page(request.path):
            return self.get_response(request)
        user = request.user
        if user.is_authenticated:
            if needs_two_factor(user) and not user.is_verified():  # type: ignore[union-attr,attr-defined]
                return redirect(f"{reverse('accounts:two_factor')}?next={request.path}")
            if getattr(user, "must_change_password", False):
                return redirect("accounts:password_change")
        return self.get_response(request)
