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
