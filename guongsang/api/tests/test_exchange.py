"""The exchange through the API alone: the department's package goes to the city, the city's
goes to the Central Board outside the installation, the Board's outcome is recorded, and the
awards show in the history and on the public certificate check. Every document exchanged is
checked against the JSON Schema of docs/exchange.md."""

import io
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse

from guongsang.accounts.services import api_token_create
from guongsang.decisions.tests.factories import recommended
from guongsang.decisions.tests.national import city_secretariat
from guongsang.nominations.models import Dossier, State

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]
SCHEMA = json.loads((Path(settings.BASE_DIR) / "docs" / "exchange.schema.json").read_text())
MEDAL = "huan-chuong-lao-dong-hang-ba"


def _api(client, key):
    def call(method, path, body=None):
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return getattr(client, method)(f"/api/v1{path}", **kwargs)

    return call


def _token(world, user):
    return api_token_create(actor=world.admin, user=user, name="trao đổi")[1]


def test_a_package_goes_up_twice_and_the_boards_outcome_comes_back(client, world):
    department = _api(client, _token(world, world.secretariat))
    city = _api(client, _token(world, city_secretariat(world)))
    lower = recommended(world, code=MEDAL, year=2024)

    # The department → the city.
    created = department("post", "/decisions/submissions", {"dossier_ids": [str(lower.uuid)]})
    assert created.status_code == 201, created.content
    sub_id = created.json()["id"]
    sent = department("post", f"/decisions/submissions/{sub_id}/send", {"on": "2024-03-01"})
    assert sent.status_code == 200 and sent.json()["number"] == "1/TTr-SLĐTBXH"
    package = department("get", f"/decisions/submissions/{sub_id}/package").json()
    jsonschema.validate(package, SCHEMA)
    assert package["items"][0]["outcome"]["status"] == "pending"

    # The city finds it among its dossiers, accepts it; its council recommends (council work).
    found = city("get", "/dossiers?state=submitted").json()["items"]
    assert [d["nominee_name"] for d in found] == ["Lê Thị Bích Liên"]
    upper_id = found[0]["id"]
    accepted = city("post", f"/dossiers/{upper_id}/transitions/accept", {"reason": ""})
    assert accepted.status_code == 200, accepted.json()
    Dossier.objects.filter(uuid=upper_id).update(state=State.RECOMMENDED)

    # The city → the Central Board, outside the installation.
    created = city("post", "/decisions/submissions", {"dossier_ids": [upper_id]})
    assert created.status_code == 201, created.content
    city_sub = created.json()["id"]
    assert created.json()["to_name"] == "Ban Thi đua - Khen thưởng Trung ương"
    assert (
        city("post", f"/decisions/submissions/{city_sub}/send", {"on": "2024-04-02"}).json()[
            "state"
        ]
        == "sent"
    )
    zipped = city("get", f"/decisions/submissions/{city_sub}/package.zip")
    assert zipped.status_code == 200 and zipped["Content-Type"] == "application/zip"
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(zipped.content)).read("manifest.json"))
    jsonschema.validate(manifest, SCHEMA)
    assert manifest["to"]["name"] == "Ban Thi đua - Khen thưởng Trung ương"
    [item] = manifest["items"]
    assert item["name"] == "Lê Thị Bích Liên" and item["title_code"] == MEDAL

    # The Board's decision, recorded by the city.
    outcome = city(
        "post",
        "/outcomes",
        {
            "authority": "Chủ tịch nước",
            "number": "88/QĐ-CTN",
            "decision_date": "2024-06-10",
            "submission_id": city_sub,
            "lines": [{"name": item["name"], "title": item["title"], "unit": item["unit"]}],
        },
    )
    assert outcome.status_code == 201, outcome.content
    jsonschema.validate(outcome.json(), SCHEMA)
    [line] = outcome.json()["lines"]
    assert line["matched"] and line["dossier_id"] == upper_id

    # The award in the person's history, and on the public check.
    history = department("get", f"/awards?person_id={world.person.uuid}&year=2024").json()
    assert [(a["title_code"], a["decision_number"]) for a in history["items"]] == [
        (MEDAL, "88/QĐ-CTN")
    ]
    check = reverse("showcase:certificate", args=[line["certificate_code"]])
    page = client.get(check).content.decode()
    assert "Lê Thị Bích Liên" in page and "88/QĐ-CTN" in page

    # The department's own package now says it was conferred.
    back = department("get", f"/decisions/submissions/{sub_id}/package").json()
    assert back["items"][0]["outcome"] == {
        "status": "conferred",
        "decision_number": "88/QĐ-CTN",
        "decision_date": "2024-06-10",
    }


def test_an_unmatched_line_is_resolved_through_the_api(client, world):
    city = _api(client, _token(world, city_secretariat(world)))
    from guongsang.decisions.tests.national import at_city

    upper = at_city(world, code=MEDAL)
    created = city("post", "/decisions/submissions", {"dossier_ids": [str(upper.uuid)]}).json()
    city("post", f"/decisions/submissions/{created['id']}/send", {"on": "2024-04-02"})
    outcome = city(
        "post",
        "/outcomes",
        {
            "authority": "Chủ tịch nước",
            "number": "89/QĐ-CTN",
            "decision_date": "2024-06-10",
            "lines": [{"name": "Lê Bích Liên", "title": "Huân chương Lao động hạng Ba"}],
        },
    ).json()
    [line] = outcome["lines"]
    assert not line["matched"] and line["award_id"] is None
    path = f"/outcomes/{outcome['id']}/lines/{line['id']}/resolve"
    resolved = city("post", path, {"dossier_id": str(upper.uuid)})
    assert resolved.status_code == 200 and resolved.json()["lines"][0]["matched"]
    again = city("post", path, {"dossier_id": str(upper.uuid)})
    assert again.status_code == 400 and "không còn chờ" in again.json()["detail"]


def test_an_officer_cannot_record_an_outcome_or_read_the_history_of_another_unit(client, world):
    officer = _api(client, _token(world, world.officer))
    refused = officer(
        "post",
        "/outcomes",
        {
            "authority": "Chủ tịch nước",
            "number": "1/QĐ-CTN",
            "decision_date": "2024-06-10",
            "lines": [{"name": "Lê Thị Bích Liên", "title": "Huân chương"}],
        },
    )
    assert refused.status_code == 403
    history = officer("get", f"/awards?person_id={world.other_person.uuid}").json()
    assert history["items"] == []
