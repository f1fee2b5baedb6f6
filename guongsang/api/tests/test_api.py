import datetime as dt

import pytest

from guongsang.accounts.models import ApiToken
from guongsang.accounts.services import api_token_create, api_token_revoke
from guongsang.org import services as org_services

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Gương Sáng API"
    assert "/api/v1/units/tree" in schema["paths"] and "/api/v1/people" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_a_machine_client_uses_a_bearer_token(client, world):
    token, key = api_token_create(actor=world.admin, user=world.secretariat, name="CSDL Thành phố")
    assert not ApiToken.objects.filter(key_hash=key).exists()  # only the hash is stored
    response = client.get("/api/v1/units/tree", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    names = [row["name"] for row in response.json()]
    assert names[0] == world.dept.name and world.centre.name in names
    assert world.city.name not in names  # above the secretariat's subtree

    api_token_revoke(actor=world.admin, token=token)
    assert client.get("/api/v1/units/tree", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert client.get("/api/v1/units/tree", HTTP_AUTHORIZATION="Bearer gs_wrong").status_code == 401


def test_the_tree_as_of_a_date_before_a_merge(client, world):
    merged = org_services.unit_merge(
        actor=None,
        units=[world.centre, world.other_centre],
        on=dt.date(2019, 1, 1),
        code="ttbtxh",
        name="Trung tâm Bảo trợ xã hội hợp nhất",
    )
    client.force_login(world.secretariat)
    before = client.get("/api/v1/units/tree", {"as_of": "2018-12-31"}).json()
    today = client.get("/api/v1/units/tree").json()
    assert {r["name"] for r in before} >= {world.centre.name, world.other_centre.name}
    assert merged.name not in {r["name"] for r in before}
    assert {r["name"] for r in today} == {world.dept.name, merged.name}
    old = client.get(f"/api/v1/units/{world.centre.uuid}").json()
    assert old["today_id"] == str(merged.uuid) and old["valid_to"] == "2019-01-01"


def test_people_come_masked_and_paginated(client, world):
    client.force_login(world.secretariat)
    data = client.get("/api/v1/people").json()
    assert data["count"] == 2
    row = next(r for r in data["items"] if r["full_name"] == world.person.full_name)
    assert row["citizen_id"] == world.person.citizen_id_masked != world.person.citizen_id
    assert row["phone"].count("*") == 4 and row["date_of_birth"].startswith("**/**/")
    detail = client.get(f"/api/v1/people/{world.person.uuid}").json()
    assert world.person.citizen_id not in str(detail)


def test_session_calls_that_change_nothing_need_no_csrf_but_the_list_is_scoped(client, world):
    client.force_login(world.officer)
    data = client.get("/api/v1/people").json()
    assert [r["full_name"] for r in data["items"]] == [world.person.full_name]


def test_the_api_token_command_prints_a_working_key(client, world):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("api_token", "thuongtruc", "--name", "CSDL quốc gia", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    assert key.startswith("gs_")
    assert client.get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    call_command("api_token", "thuongtruc", "--revoke", key[:10], stdout=StringIO())
    assert client.get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_a_session_that_owes_its_second_factor_cannot_use_the_api(client, world, settings):
    settings.GS_REQUIRE_2FA = True
    client.post(
        "/tai-khoan/dang-nhap/", {"username": "thuongtruc", "password": "Mat-khau-thu-2024"}
    )
    assert client.get("/api/v1/people").status_code == 401
    client.force_login(world.leader)  # read only: no second factor needed
    assert client.get("/api/v1/people").status_code == 200
