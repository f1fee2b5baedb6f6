"""The dossier API: the same scope and workflow rules as the pages, with the same messages."""

import pytest

from guongsang.nominations.models import Dossier, State
from guongsang.nominations.tests.factories import make_dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]

URL = "/api/v1/dossiers"


def test_officer_lists_only_their_units_dossiers(client, world):
    mine = make_dossier(world)
    client.force_login(world.other_officer)
    assert client.get(URL).json()["count"] == 0
    client.force_login(world.officer)
    data = client.get(URL).json()
    assert data["count"] == 1 and data["items"][0]["id"] == str(mine.uuid)


def test_list_filters_by_year_state_title_and_unit(client, world):
    dossier = make_dossier(world)
    client.force_login(world.secretariat)
    code = dossier.title.code
    assert client.get(URL, {"year": 2024, "state": "draft", "title": code}).json()["count"] == 1
    assert client.get(URL, {"unit_id": str(world.centre.uuid)}).json()["count"] == 1
    assert client.get(URL, {"unit_id": str(world.other_centre.uuid)}).json()["count"] == 0
    assert client.get(URL, {"year": 2023}).json()["count"] == 0
    assert client.get(URL, {"state": "submitted"}).json()["count"] == 0


def test_detail_has_findings_and_history(client, world):
    dossier = make_dossier(world)
    client.force_login(world.officer)
    client.post(f"{URL}/{dossier.uuid}/transitions/submit", {}, content_type="application/json")
    data = client.get(f"{URL}/{dossier.uuid}").json()
    assert data["state"] == State.SUBMITTED
    assert [e["action"] for e in data["history"]] == ["submit"]
    assert isinstance(data["findings"], list)


def test_officer_of_another_unit_gets_404_and_changes_nothing(client, world):
    dossier = make_dossier(world)
    client.force_login(world.other_officer)
    assert client.get(f"{URL}/{dossier.uuid}").status_code == 404
    response = client.post(
        f"{URL}/{dossier.uuid}/transitions/withdraw",
        {"reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404
    dossier.refresh_from_db()
    assert dossier.state == State.DRAFT


def test_officer_creates_a_dossier_for_their_unit(client, world):
    client.force_login(world.officer)
    response = client.post(
        URL,
        {
            "title_code": "nguoi-tot-viec-tot-co-so",
            "year": 2024,
            "person_id": str(world.person.uuid),
            "summary": "Cứu người",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    dossier = Dossier.objects.get(uuid=response.json()["id"])
    assert dossier.unit == world.centre and dossier.created_by == world.officer


def test_officer_cannot_create_for_another_units_person(client, world):
    client.force_login(world.officer)
    response = client.post(
        URL,
        {
            "title_code": "nguoi-tot-viec-tot-co-so",
            "year": 2024,
            "person_id": str(world.other_person.uuid),
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert Dossier.objects.count() == 0


def test_officer_may_not_accept_and_is_told_why(client, world):
    dossier = make_dossier(world)
    client.force_login(world.officer)
    client.post(f"{URL}/{dossier.uuid}/transitions/submit", {}, content_type="application/json")
    response = client.post(
        f"{URL}/{dossier.uuid}/transitions/accept", {}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Bạn không có quyền thực hiện bước “Tiếp nhận” với hồ sơ này."
    )


def test_return_without_reason_is_a_400_with_the_message(client, world):
    dossier = make_dossier(world)
    client.force_login(world.officer)
    client.post(f"{URL}/{dossier.uuid}/transitions/submit", {}, content_type="application/json")
    client.force_login(world.secretariat)
    url = f"{URL}/{dossier.uuid}/transitions/return"
    response = client.post(url, {"reason": ""}, content_type="application/json")
    assert response.status_code == 400
    assert "Cần ghi rõ lý do" in response.json()["detail"]
    response = client.post(url, {"reason": "Thiếu minh chứng"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["state"] == State.RETURNED


def test_catalogue_lists_titles(client, world):
    client.force_login(world.officer)
    codes = [t["code"] for t in client.get("/api/v1/catalogue/titles").json()]
    assert "nguoi-tot-viec-tot-co-so" in codes


def test_anonymous_callers_are_refused(client, world):
    assert client.get(URL).status_code == 401
    assert client.post(URL, {}, content_type="application/json").status_code == 401
