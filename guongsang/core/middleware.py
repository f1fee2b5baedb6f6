"""Query parameters every HTML page reads the same way, checked once before any view runs."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse

from guongsang.core.http import bad_request
from guongsang.core.validators import parse_page, parse_year

# page numbers and years, by the names the pages use. The API checks its own; the public
# site clamps its own page numbers and must not read the session to render an error page.
SKIPPED = ("/api/", "/vuon-hoa/", "/static/")
PAGE_PARAMS = ("page", "trang")
YEAR_PARAMS = ("nam", "year", "tu_nam", "den_nam")


class QueryParamsMiddleware:
    """A page number or a year that is not a bounded ASCII integer (`page=10^23`,
    `nam=²`, `nam=١٢`) gets a 400 with a Vietnamese message, never a server error."""

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
                    return JsonResponse({"detail": " ".join(exc.messages)}, status=400)
                return bad_request(request, exc)
        return self.get_response(request)
