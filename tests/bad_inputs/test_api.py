"""Query strings the API must refuse with a Vietnamese message, never a 5xx."""

from __future__ import annotations

import pytest

from tests.bad_inputs.conftest import has_vietnamese, watch

pytestmark = pytest.mark.django_db

PAGINATED = [
    "/api/v1/books",
    "/api/v1/conferences",
    "/api/v1/decisions",
    "/api/v1/dossiers",
    "/api/v1/movements",
    "/api/v1/people",
    "/api/v1/reports",
    "/api/v1/showcase/stories",
    "/api/v1/showcase/tips",
    "/api/v1/targets/plans",
    "/api/v1/targets/results",
]
BAD_PAGES = [
    "100000000000000000000000",  # 10^23: overflowed the database's integer
    "9223372036854775808",
    "99999999999999999999999999999999999999999",
    "100001",
    "0",
    "-1",
    "-100000000000000000000000",
    "abc",
    "1e5",
    "1.5",
    "NaN",
    "١٢",  # Arabic-Indic digits
    "0x10",
    "1;DROP TABLE nominations_dossier",
    "%00",
]
BAD_PAGE_SIZES = ["0", "-5", "100000000000000000000000", "abc", "501", "1.5"]
WITH_YEAR = [
    "/api/v1/conferences",
    "/api/v1/decisions",
    "/api/v1/dossiers",
    "/api/v1/movements",
    "/api/v1/reports",
    "/api/v1/showcase/stories",
    "/api/v1/targets/plans",
    "/api/v1/targets/results",
    "/api/v1/targets/attainment",
]
BAD_YEARS = [
    "0",
    "-1",
    "1899",
    "2101",
    "99999",
    "100000000000000000000000",
    "abc",
    "1e400",
    "2024.5",
    "١٩٩٥",
    "Infinity",
]
STATS = ["/api/v1/stats", "/api/v1/stats/dashboard"]
BAD_STATS = [
    {"from_year": "0"},
    {"to_year": "100000000000000000000000"},
    {"from_year": "abc"},
    {"from_year": "-2024"},
    {"to_year": "1e400"},
    {"from_year": "2101", "to_year": "2102"},
]
BAD_MONTHS = [
    ("/api/v1/targets/results", "month", "0"),
    ("/api/v1/targets/results", "month", "13"),
    ("/api/v1/targets/results", "month", "-1"),
    ("/api/v1/targets/results", "month", "100000000000000000000000"),
    ("/api/v1/targets/attainment", "to_month", "0"),
    ("/api/v1/targets/attainment", "to_month", "13"),
    ("/api/v1/targets/attainment", "to_month", "abc"),
]


def _refused(client, user, url: str, params: dict[str, str]) -> None:
    client.force_login(user)
    check = watch()
    response = client.get(url, params)
    assert 400 <= response.status_code < 500, (url, params, response.status_code)
    detail = response.json()["detail"]
    assert isinstance(detail, str) and has_vietnamese(detail), detail
    check()


@pytest.mark.parametrize("value", BAD_PAGES)
@pytest.mark.parametrize("url", PAGINATED)
def test_a_page_out_of_range_is_refused(client, corpus, url, value):
    _refused(client, corpus.admin, url, {"page": value})


@pytest.mark.parametrize("value", BAD_PAGE_SIZES)
@pytest.mark.parametrize("url", PAGINATED)
def test_a_page_size_out_of_range_is_refused(client, corpus, url, value):
    _refused(client, corpus.admin, url, {"page_size": value})


@pytest.mark.parametrize("value", BAD_YEARS)
@pytest.mark.parametrize("url", WITH_YEAR)
def test_a_year_out_of_range_is_refused(client, corpus, url, value):
    _refused(client, corpus.admin, url, {"year": value})


@pytest.mark.parametrize("params", BAD_STATS, ids=str)
@pytest.mark.parametrize("url", STATS)
def test_stats_years_out_of_range_are_refused(client, corpus, url, params):
    _refused(client, corpus.admin, url, params)


@pytest.mark.parametrize(("url", "name", "value"), BAD_MONTHS)
def test_a_month_out_of_range_is_refused(client, corpus, url, name, value):
    _refused(client, corpus.admin, url, {name: value})


BAD_PATHS = [
    "/api/v1/dossiers/not-a-uuid",
    "/api/v1/dossiers/00000000-0000-0000-0000-000000000000",
    "/api/v1/people/%00",
    "/api/v1/units/123",
    "/api/v1/conferences/00000000-0000-0000-0000-000000000000",
    "/api/v1/decisions/' OR 1=1 --",
    "/api/v1/contests/00000000-0000-0000-0000-000000000000/results",
    "/api/v1/showcase/certificates/" + "9" * 300,
    "/api/v1/movements/00000000-0000-0000-0000-000000000000/pledges",
    "/api/v1/reports/%E2%80%AE",
]


@pytest.mark.parametrize("url", BAD_PATHS)
def test_a_bad_path_parameter_is_refused(client, corpus, url):
    _refused(client, corpus.admin, url, {})


BAD_BODIES = [
    ("/api/v1/targets/results", "not json"),
    ("/api/v1/targets/results", "{}"),
    ("/api/v1/targets/results", '{"unit_id": "x", "year": 2024}'),
    ("/api/v1/targets/results", '{"unit_id": null, "year": 0, "month": 13}'),
    ("/api/v1/targets/results", '{"year": 100000000000000000000000}'),
    ("/api/v1/targets/results", "[]"),
    ("/api/v1/dossiers", "{}"),
    ("/api/v1/dossiers", '{"title_code": "", "year": 0}'),
    ("/api/v1/dossiers", '{"title_code": "x", "year": "abc", "unit_id": "y"}'),
    ("/api/v1/dossiers", "{" * 1000),
    ("/api/v1/dossiers", '{"year": 1e400}'),
]


@pytest.mark.parametrize(("url", "body"), BAD_BODIES)
def test_a_bad_body_is_refused(client, corpus, url, body):
    client.force_login(corpus.admin)
    check = watch()
    response = client.post(url, body, content_type="application/json")
    assert 400 <= response.status_code < 500, (url, body, response.status_code)
    assert has_vietnamese(response.json()["detail"])
    check()


def test_without_a_token_the_api_answers_in_vietnamese(client, corpus):
    response = client.get("/api/v1/dossiers", HTTP_AUTHORIZATION="Bearer gs_wrong")
    assert response.status_code == 401
    assert has_vietnamese(response.json()["detail"])


def test_every_operation_documents_its_error_answers(client):
    schema = client.get("/api/v1/openapi.json").json()
    names = list(schema["components"]["schemas"])
    assert "ItemOut" not in names and "ResultOut" not in names
    assert {"AgendaItemOut", "ProgrammeItemOut", "ContestResultOut", "TargetResultOut"} <= set(
        names
    )
    for path in schema["paths"].values():
        for operation in path.values():
            assert {"400", "403", "404", "422", "503"} <= set(operation["responses"])
