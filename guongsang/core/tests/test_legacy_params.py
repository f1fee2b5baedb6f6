"""Old Vietnamese parameter names in saved links: the query string rewritten to the English
names, and the middleware's permanent redirect (GET and HEAD only)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from guongsang.core.legacy_params import (
    LEGACY_PARAMS,
    LegacyParamsMiddleware,
    legacy_query_renamed,
)


def test_each_old_name_has_its_own_new_name():
    assert len(set(LEGACY_PARAMS.values())) == len(LEGACY_PARAMS)
    assert not set(LEGACY_PARAMS) & set(LEGACY_PARAMS.values())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # several names, the others kept in their places
        (
            "nam=2024&q=an&trang_thai=submitted&don_vi=5e0a",
            "year=2024&q=an&status=submitted&unit=5e0a",
        ),
        # a repeated name, each occurrence in its place
        (
            "tu_nam=2019&chieu=year&den_nam=2023&chieu=unit",
            "year_from=2019&by=year&year_to=2023&by=unit",
        ),
        # values are not decoded: Vietnamese text, an encoded `&`, a `+` for a space
        (
            "q=Nguy%E1%BB%85n+V%C4%83n+A+%26+c%E1%BB%99ng+s%E1%BB%B1&nam=2024",
            "q=Nguy%E1%BB%85n+V%C4%83n+A+%26+c%E1%BB%99ng+s%E1%BB%B1&year=2024",
        ),
        ("q=Lê Thị Bích Liên&so=TB-2024-0007", "q=Lê Thị Bích Liên&reference=TB-2024-0007"),
        # a value that is an old name, or holds one, is a value
        ("q=nam=2024&loc=x", "q=nam=2024&show=x"),
        # the old Vietnamese values of a few parameters, under the old name or the new one
        ("loc=chua&trang=2", "show=not_pledged&page=2"),
        ("show=da", "show=pledged"),
        ("q=bao+tro&muc=ket-qua", "q=bao+tro&purpose=result"),
        ("purpose=ke-hoach", "purpose=plan"),
        ("purpose=xem&q=chua", "purpose=view&q=chua"),
        # empty values and a name without `=`
        ("nam=&trang", "year=&page"),
        # a name written with a percent escape is the same name
        ("n%61m=2024", "year=2024"),
        # the new name already given wins: the old one is dropped
        ("nam=2023&year=2024&trang_thai=draft", "year=2024&status=draft"),
        ("year=2024&nam=2023", "year=2024"),
    ],
)
def test_old_names_are_replaced_and_everything_else_kept(query, expected):
    assert legacy_query_renamed(query) == expected


@pytest.mark.parametrize(
    "query",
    ["", "year=2024&status=draft", "q=nam&page=2", "namx=1", "xnam=1", "show=pledged", "q=da"],
)
def test_a_query_without_old_names_is_left_alone(query):
    assert legacy_query_renamed(query) is None


def _middleware():
    return LegacyParamsMiddleware(lambda request: HttpResponse("the page"))


@pytest.mark.parametrize("method", ["get", "head"])
def test_a_get_or_head_with_old_names_is_redirected_for_good(method):
    request = getattr(RequestFactory(), method)("/ho-so/?nam=2024&trang_thai=submitted&q=a%26b")
    response = _middleware()(request)
    assert response.status_code == 301
    assert response["Location"] == "/ho-so/?year=2024&status=submitted&q=a%26b"


def test_unencoded_vietnamese_in_the_address_comes_back_encoded():
    response = _middleware()(RequestFactory().get("/vuon-hoa/tim-kiem/?q=Liên&trang=2"))
    assert response["Location"] == "/vuon-hoa/tim-kiem/?q=Li%C3%AAn&page=2"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_untouched(method):
    request = getattr(RequestFactory(), method)("/ho-so/?nam=2024", data={"nam": "2024"})
    assert _middleware()(request).content == b"the page"


def test_a_page_without_old_names_is_served():
    assert _middleware()(RequestFactory().get("/ho-so/?year=2024")).content == b"the page"


def test_the_api_is_not_redirected():
    assert _middleware()(RequestFactory().get("/api/v1/dossiers?nam=2024")).status_code == 200


def test_the_redirect_never_leaves_the_site():
    request = RequestFactory().get("/?nam=2024")
    request.path = "//evil.example/"  # what `GET //evil.example/?nam=2024` arrives as
    response = _middleware()(request)
    assert response["Location"] == "/%2Fevil.example/?year=2024"
