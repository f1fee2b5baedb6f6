"""The public story API and the secretariat's tip list."""

import pytest

from guongsang.showcase.tests.factories import make_story, make_tip

pytestmark = pytest.mark.django_db


def test_stories_are_public_and_searchable_without_login(client, world):
    story = make_story("Ông Đặng Văn Hòa", unit=world.centre, person=world.person, year=2023)
    make_story("Bản nháp", unit=world.centre, published=False)
    listing = client.get("/api/v1/showcase/stories").json()
    assert [item["title"] for item in listing["items"]] == ["Ông Đặng Văn Hòa"]
    item = listing["items"][0]
    assert item["url"] == f"/vuon-hoa/2023/{story.slug}/" and item["unit_name"] == world.centre.name
    assert item["honouree_name"] == world.person.full_name
    assert "citizen_id" not in item and "phone" not in item
    found = client.get("/api/v1/showcase/search", {"q": "dang van hoa"}).json()
    assert [s["title"] for s in found] == ["Ông Đặng Văn Hòa"]
    detail = client.get(f"/api/v1/showcase/stories/{story.uuid}").json()
    assert detail["body"] == story.body and detail["photo_url"] is None
    draft_uuid = make_story("Nháp 2", unit=world.centre, published=False).uuid
    assert client.get(f"/api/v1/showcase/stories/{draft_uuid}").status_code == 404


def test_tip_list_is_for_the_secretariat_with_contacts_masked(client, world):
    make_tip()
    assert client.get("/api/v1/showcase/tips").status_code == 401
    client.force_login(world.officer)
    assert client.get("/api/v1/showcase/tips").status_code == 403
    client.force_login(world.secretariat)
    items = client.get("/api/v1/showcase/tips").json()["items"]
    assert items[0]["tipster_contact"] == "091****678" and items[0]["tipster_name"] == "T. T. Hoa"
