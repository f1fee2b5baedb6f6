"""The list to pick honourees from says when it holds fewer awards than match the filter."""

import pytest
from django.urls import reverse

from guongsang.conference import views
from guongsang.conference.tests.factories import make_award, make_conference
from guongsang.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def _pick_page(client, world) -> str:
    conference = make_conference(world.dept)
    client.force_login(world.secretariat)
    url = reverse("conference:honourees_pick", args=[conference.uuid])
    return client.get(url).content.decode()


def test_a_cut_list_says_how_many_are_shown_of_how_many(client, world, titles, monkeypatch):
    monkeypatch.setattr(views, "CANDIDATES_SHOWN", 2)
    for name in ("Lê Văn An", "Lê Văn Bình", "Lê Văn Cường"):
        make_award(unit=world.centre, person=make_person(name, unit=world.centre))
    page = _pick_page(client, world)
    assert page.count('name="award"') == 2
    assert "Đang hiện 2 trên 3 khen thưởng." in page


def test_a_whole_list_says_nothing_of_the_kind(client, world, titles, monkeypatch):
    monkeypatch.setattr(views, "CANDIDATES_SHOWN", 2)
    for name in ("Lê Văn An", "Lê Văn Bình"):
        make_award(unit=world.centre, person=make_person(name, unit=world.centre))
    page = _pick_page(client, world)
    assert page.count('name="award"') == 2
    assert "Đang hiện" not in page
