"""Query parameters every HTML page reads the same way, checked once before any view runs;
a database too busy for a write answers 503 with Retry-After, never a 500."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from guongsang.core.busy import BUSY_MESSAGE, RETRY_AFTER, busy_context, is_busy
from guongsang.core.http import bad_request, error_text
from guongsang.core.validators import parse_page, parse_year

# page numbers and years, by the names the pages use. The API checks its own; the public
# site clamps its own page numbers and must not read the session to render an error page.
SKIPPED = ("/api/", "/vuon-hoa/", "/static/")
PAGE_PARAMS = ("page",)
YEAR_PARAMS = ("year", "year_from", "year_to")


class QueryParamsMiddleware:
    """A page number or a year that is not a bounded ASCII integer (`page=10^23`,
    `year=²`, `year=١٢`) gets a 400 with a Vietnamese message, never a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.GET and not request.path.startswith(SKIPPED):
            try:
                for name in PAGE_PARAMS:
                    for value in request.GET.getlist(name):
                        parse_page(value)
                for name in YEAR_PARAMS:
                    for value in request.GET.getlist(name):
                        parse_year(value)
            except ValidationError as exc:
                if request.path.endswith(".json"):
                    return JsonResponse({"detail": error_text(exc)}, status=400)
                return bad_request(request, exc)
        return self.get_response(request)


class DatabaseBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_busy(exception):
            return None
        response: HttpResponse
        if request.headers.get("HX-Request") or request.path.startswith("/api/"):
            response = JsonResponse({"detail": str(BUSY_MESSAGE)}, status=503)
        else:
            html = render_to_string("errors/503.html", busy_context(), request=None)
            response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
