"""The story form and a tip's dossier choose people and units by typing, like the dossier form:
without diacritics, within the editor's scope, with what tells namesakes apart."""

import pytest

from guongsang.accounts.tests.factories import make_user
from guongsang.core.roles import Role
from guongsang.people.tests.factories import make_person

pytestmark = pytest.mark.django_db
PEOPLE = "/vuon-hoa/quan-ly/chon-ca-nhan/"
UNITS = "/vuon-hoa/quan-ly/chon-don-vi/"


def _values(client, url, q):
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    return [row["value"] for row in response.json()["results"]]


def test_typing_without_diacritics_finds_people_and_units_of_the_scope(client, world):
    namesake = make_person("Lê Thị Bích Liên", unit=world.other_centre, female=True)
    client.force_login(world.secretariat)
    found = _values(client, PEOPLE, "le thi bich lien")
    assert sorted(found) == sorted([str(world.person.uuid), str(namesake.uuid)])
    rows = client.get(PEOPLE, {"q": "LE THI BICH"}).json()["results"]
    units = {row["value"]: row["meta"] for row in rows}
    assert world.centre.name in units[str(world.person.uuid)]
    assert world.other_centre.name in units[str(namesake.uuid)]
    assert _values(client, UNITS, "bao tro xa hoi 2") == [str(world.other_centre.uuid)]
    assert _values(client, UNITS, "") == []


def test_a_narrow_secretariat_finds_only_its_own_unit_and_an_officer_nothing(client, world):
    narrow = make_user("tt_hep", role=Role.SECRETARIAT, unit=world.centre)
    client.force_login(narrow)
    assert _values(client, PEOPLE, "tran van binh") == []
    assert _values(client, PEOPLE, "le thi") == [str(world.person.uuid)]
    assert _values(client, UNITS, "trung tam") == [str(world.centre.uuid)]
    client.force_login(world.officer)
    assert client.get(PEOPLE, {"q": "le thi"}).status_code == 403
    assert client.get(UNITS, {"q": "trung tam"}).status_code == 403


def test_the_story_form_writes_only_the_chosen_person_into_the_page(client, world):
    client.force_login(world.secretariat)
    page = client.get("/vuon-hoa/quan-ly/cau-chuyen/tao/").content.decode()
    assert 'data-picker="/vuon-hoa/quan-ly/chon-ca-nhan/"' in page
    assert 'data-picker="/vuon-hoa/quan-ly/chon-don-vi/"' in page
    assert world.other_person.full_name not in page
