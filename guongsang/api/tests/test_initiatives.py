"""The API's register of initiatives: an officer sees their own unit's, every field is there."""

import datetime as dt
from decimal import Decimal

import pytest

from guongsang.accounts.services import api_token_create
from guongsang.initiatives import services
from guongsang.initiatives.models import Field
from guongsang.initiatives.tests.factories import make_initiative, recognise
from guongsang.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def _get(client, world, user, path, **params):
    _token, key = api_token_create(actor=world.admin, user=user, name="CSDL")
    return client.get(f"/api/v1/initiatives{path}", params, HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def register(world):
    """Centre 1: one initiative of two authors (60/40), recognised at the base then the city;
    centre 2: one registered, not yet assessed."""
    second = make_person("Phạm Văn Cường", unit=world.centre)
    ours = make_initiative(world, authors=[(world.person, Decimal("60")), (second, Decimal("40"))])
    recognise(world, ours, scope="base", on=dt.date(2024, 6, 1), number="12/QĐ-HĐSK")
    recognise(world, ours, scope="city", on=dt.date(2024, 9, 1), number="345/QĐ-UBND")
    theirs = services.initiative_register(
        actor=world.admin,
        unit=world.other_centre,
        title="Sổ tay chăm sóc người cao tuổi",
        field=Field.OPERATIONS,
        started_on=dt.date(2023, 5, 1),
        registered_on=dt.date(2024, 3, 1),
        description="Quy trình chăm sóc ban đêm.",
        authors=[(world.other_person, Decimal("100"))],
    )
    return ours, theirs


def test_an_officer_sees_only_the_initiatives_of_their_unit(client, world, register):
    ours, theirs = register
    mine = _get(client, world, world.officer, "").json()["items"]
    assert [i["id"] for i in mine] == [str(ours.uuid)]
    assert _get(client, world, world.officer, f"/{theirs.uuid}").status_code == 404
    everyone = _get(client, world, world.secretariat, "").json()["items"]
    assert {i["id"] for i in everyone} == {str(ours.uuid), str(theirs.uuid)}


def test_the_detail_has_authors_shares_unit_field_scope_decision_and_dates(client, world, register):
    ours, _theirs = register
    body = _get(client, world, world.officer, f"/{ours.uuid}").json()
    assert [(a["full_name"], Decimal(str(a["share"]))) for a in body["authors"]] == [
        ("Lê Thị Bích Liên", Decimal("60")),
        ("Phạm Văn Cường", Decimal("40")),
    ]
    assert (body["unit_id"], body["unit_name"]) == (str(world.centre.uuid), world.centre.name)
    assert (body["field"], body["field_label"]) == ("management", "Giải pháp quản lý")
    assert (body["status"], body["scope"]) == ("recognised", "city")
    # The widest recognition's decision, not the first one's.
    assert (body["decision_number"], body["decision_date"]) == ("345/QĐ-UBND", "2024-09-01")
    assert (body["registered_on"], body["started_on"]) == ("2024-02-01", "2023-04-07")
    assert [(a["scope"], a["decision_number"]) for a in body["assessments"]] == [
        ("base", "12/QĐ-HĐSK"),
        ("city", "345/QĐ-UBND"),
    ]


def test_the_register_filters_by_status_and_scope(client, world, register):
    ours, theirs = register

    def ids(**params):
        items = _get(client, world, world.secretariat, "", **params).json()["items"]
        return [i["id"] for i in items]

    assert ids(status="recognised") == [str(ours.uuid)]
    assert ids(status="registered") == [str(theirs.uuid)]
    assert ids(scope="city") == [str(ours.uuid)]
    assert ids(scope="national") == []
    assert _get(client, world, world.secretariat, "", scope="quoc-te").status_code == 422


def test_the_schema_documents_the_initiatives(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/initiatives" in paths and "/api/v1/initiatives/{initiative_id}" in paths
