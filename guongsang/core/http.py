"""The request type views receive: a logged-in user and htmx details."""

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from guongsang.accounts.models import User


class AuthedRequest(HttpRequest):
    user: "User"  # type: ignore[assignment]
    htmx: HtmxDetails


def report_errors(request: HttpRequest, exc: Exception) -> None:
    """Show a refused action's reasons as error messages on the next page (one per reason)."""
    for text in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, text)


def bad_request(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A 400 page saying, in Vietnamese, what was wrong with the address (a page or year
    parameter out of range…), instead of a server error."""
    messages = getattr(exc, "messages", None) or [str(exc)]
    return render(request, "errors/400.html", {"messages": messages}, status=400)


def submitted(request: HttpRequest) -> tuple[Any, Any]:
    """(data, files) for a form: bound on every POST, even one with no fields at all, so that
    an empty submission is told what is missing instead of seeing the blank form again."""
    if request.method != "POST":
        return None, None
    return request.POST, request.FILES
