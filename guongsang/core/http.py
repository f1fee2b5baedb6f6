"""The request type views receive: a logged-in user and htmx details."""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from guongsang.accounts.models import User


class AuthedRequest(HttpRequest):
    user: "User"  # type: ignore[assignment]
    htmx: HtmxDetails
