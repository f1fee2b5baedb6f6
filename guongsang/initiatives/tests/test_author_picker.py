"""The authors of an initiative are picked by typing, among the people the user may see."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/sang-kien/chon-tac-gia/"


def _found(client, q):
    return [row["value"] for row in client.get(URL, {"q": q}).json()["results"]]


def test_an_officer_finds_their_unit_people_typed_without_diacritics(client, world):
    client.force_login(world.officer)
    assert _found(client, "LE THI BICH") == [str(world.person.uuid)]
    assert _found(client, "tran van binh") == []  # the other centre's person
    page = client.get("/sang-kien/dang-ky/").content.decode()
    assert f'data-picker="{URL}"' in page


def test_the_unit_is_found_by_typing_among_the_units_the_user_registers_for(client, world):
    client.force_login(world.secretariat)
    url = "/sang-kien/chon-don-vi/"
    found = [r["value"] for r in client.get(url, {"q": "bao tro xa hoi"}).json()["results"]]
    assert set(found) == {str(world.centre.uuid), str(world.other_centre.uuid)}
    client.force_login(world.officer)
    found = [r["value"] for r in client.get(url, {"q": "bao tro xa hoi"}).json()["results"]]
    assert found == [str(world.centre.uuid)]
    page = client.get("/sang-kien/dang-ky/").content.decode()
    assert f'data-picker="{url}"' in page
    assert f'value="{world.centre.uuid}" selected' in page  # their one unit, already chosen
