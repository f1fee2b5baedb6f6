"""The request type views receive: a logged-in user and htmx details."""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.forms import BaseForm, Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from guongsang.accounts.models import User


class AuthedRequest(HttpRequest):
    user: "User"
    htmx: HtmxDetails


def error_messages(exc: Exception) -> list[str]:
    """The reasons a refused action gives: a ValidationError's messages, else its text."""
    return list(getattr(exc, "messages", None) or [str(exc)])


def error_text(exc: Exception) -> str:
    """The reasons in one line, for a plain-text or JSON answer."""
    return " ".join(error_messages(exc))


def report_errors(request: HttpRequest, exc: Exception, *, form: Form | None = None) -> None:
    """Show a refused action's reasons, one per reason: on the form (above its fields) when
    the page shows it again, else as error messages on the next page."""
    for text in error_messages(exc):
        if form is not None:
            form.add_error(None, text)
        else:
            messages.error(request, text)


T = TypeVar("T")
M = TypeVar("M", bound=Model)


def form_saved(request: HttpRequest, form: BaseForm, save: Callable[[], T]) -> T | None:
    """What the service returned, on a POST whose form is valid; None when the form is shown
    (again): not sent, not valid, or the service refused, its reasons then above the fields."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save()
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


def action_done(
    request: HttpRequest, action: Callable[[], T], done: str | Callable[[T], str]
) -> T | None:
    """A POST's action (a button, not a form page): its refusal reported (report_errors) and
    None; else the success message, `done` or `done(result)`, and the result."""
    try:
        result = action()
    except ValidationError as exc:
        report_errors(request, exc)
        return None
    messages.success(request, done(result) if callable(done) else done)
    return result


def page_of(request: HttpRequest, rows: QuerySet[M] | Sequence[M], per_page: int = 25) -> Page[M]:
    """The page of `rows` the address asks for (`?page=`; the last one past the end, the
    first one for anything that is not a number)."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


def bad_request(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A 400 page saying, in Vietnamese, what was wrong with the address (a page or year
    parameter out of range…), instead of a server error."""
    return render(request, "errors/400.html", {"messages": error_messages(exc)}, status=400)


def submitted(request: HttpRequest) -> tuple[Any, Any]:
    """(data, files) for a form: bound on every POST, even one with no fields at all, so that
    an empty submission is told what is missing instead of seeing the blank form again."""
    if request.method != "POST":
        return None, None
    return request.POST, request.FILES
