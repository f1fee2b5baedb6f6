"""Old Vietnamese query parameter names, answered with a permanent redirect to the English ones.

The filter forms and links once used Vietnamese names (`/ho-so/?nam=2024&trang_thai=submitted`,
the tip thanks page's `?so=…`, the certificate lookup's `?ma=…`). People keep such links in
bookmarks, e-mails and printed pages, so a GET carrying an old name is sent, once and for good
(301), to the same address with the names replaced; every other parameter and every value
stays as it was, in its order. The few parameters whose values were Vietnamese words
(`?show=chua`) get their values replaced the same way. These tables are the one place that
knows the old names.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_plus

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.http import escape_leading_slashes

# Old name → new name, for every name a GET address could carry. Names only ever posted
# (a form's POST fields) are not here: nobody keeps a link to a POST.
LEGACY_PARAMS: dict[str, str] = {
    "nam": "year",
    "tu_nam": "year_from",
    "den_nam": "year_to",
    "don_vi": "unit",
    "trang_thai": "status",
    "danh_hieu": "title",
    "phong_trao": "movement",
    "cap": "level",
    "doi_tuong": "target",
    "chieu": "by",
    "ngay": "on",
    "thu_hoi": "include_revoked",
    "bieu_do": "chart",
    "so_qd": "decision_number",
    "pham_vi": "scope",
    "linh_vuc": "field",
    "to_trinh": "submission",
    "muc": "purpose",
    "loc": "show",
    "trang": "page",
    "so": "reference",
    "ma": "code",
}

# New name → {old value → new value}, for the parameters whose values were Vietnamese words.
LEGACY_VALUES: dict[str, dict[str, str]] = {
    "show": {"chua": "not_pledged", "da": "pledged"},
    "purpose": {"xem": "view", "ke-hoach": "plan", "ket-qua": "result"},
}

# The JSON API named its parameters in English from the start; static files take none.
SKIPPED = ("/api/", "/static/")


def legacy_query_renamed(query: str) -> str | None:
    """`query` (a raw query string) with the old names and values replaced by the new ones, or
    None when it carries none. Each other part is kept as written (its value is not decoded, so
    `&` written as %26 and Vietnamese text stay what they were) and in its place; an old name
    whose new name is also given is dropped, the new one wins."""
    parts = [part.partition("=") for part in query.split("&")] if query else []
    given = {unquote_plus(name) for name, _eq, _value in parts}
    renamed: list[str] = []
    changed = False
    for name, eq, value in parts:
        new_name = LEGACY_PARAMS.get(unquote_plus(name))
        new_value = LEGACY_VALUES.get(new_name or unquote_plus(name), {}).get(unquote_plus(value))
        if new_name is None and new_value is None:
            renamed.append(name + eq + value)
            continue
        changed = True
        if new_name is not None and new_name in given:
            continue
        renamed.append((new_name or name) + eq + (new_value or value))
    return "&".join(renamed) if changed else None


def _query_text(request: HttpRequest) -> str:
    """The query string as text: WSGI hands its bytes over as Latin-1, ASGI as UTF-8 text."""
    query = request.META.get("QUERY_STRING", "")
    try:
        return query.encode("iso-8859-1").decode("utf-8")
    except UnicodeError:
        return query


class LegacyParamsMiddleware:
    """A GET or HEAD whose address carries an old parameter name: 301 to the new names."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and not request.path.startswith(SKIPPED):
            query = legacy_query_renamed(_query_text(request))
            if query is not None:
                # Leading slashes escaped: `//evil.example/?nam=1` must not leave the site.
                path = escape_leading_slashes(escape_uri_path(request.path))
                return HttpResponsePermanentRedirect(f"{path}?{iri_to_uri(query)}")
        return self.get_response(request)
