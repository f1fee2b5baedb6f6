import datetime as dt

import pytest
from django.urls import reverse

from guongsang.org.models import Unit

pytestmark = pytest.mark.django_db


def test_the_admin_merges_two_units_from_the_unit_page(client, world):
    client.force_login(world.admin)
    url = reverse("org:unit_merge", args=[world.centre.uuid])
    response = client.post(
        url,
        {
            "others": [world.other_centre.pk],
            "name": "Trung tâm Bảo trợ xã hội hợp nhất",
            "code": "ttbtxh-hn",
            "on": "01/01/2020",
            "reason": "Quyết định số 1/QĐ-UBND",
            "confirm": "on",
        },
    )
    merged = Unit.objects.get(code="ttbtxh-hn")
    assert response.status_code == 302 and response.url.endswith(f"{merged.uuid}/")
    world.centre.refresh_from_db()
    assert world.centre.successor == merged and world.centre.valid_to == dt.date(2020, 1, 1)


def test_a_merge_without_confirmation_or_with_a_bad_date_changes_nothing(client, world):
    client.force_login(world.admin)
    url = reverse("org:unit_merge", args=[world.centre.uuid])
    data = {
        "others": [world.other_centre.pk],
        "name": "X",
        "code": "x",
        "on": "1/1/2020",
        "reason": "r",
    }
    assert client.post(url, data).status_code == 200
    early = {**data, "confirm": "on", "on": "01/01/1999"}
    page = client.post(url, early).content.decode()
    assert "không hoạt động vào ngày 01/01/1999" in page
    assert not Unit.objects.filter(code="x").exists()


def test_unit_officers_cannot_change_the_organisation(client, world):
    client.force_login(world.officer)
    assert client.get(reverse("org:unit_rename", args=[world.centre.uuid])).status_code == 403


def test_the_tree_as_of_a_date_shows_the_units_of_that_date(client, world):
    from guongsang.org.tests.factories import make_unit

    make_unit("Trung tâm mới", parent=world.dept, valid_from=dt.date(2021, 1, 1))
    client.force_login(world.secretariat)
    old = client.get(reverse("org:tree"), {"on": "31/12/2020"}).content.decode()
    new = client.get(reverse("org:tree")).content.decode()
    assert "Trung tâm mới" not in old and "Trung tâm mới" in new
    bad = client.get(reverse("org:tree"), {"on": "31/13/2020"})
    assert "Ngày không hợp lệ" in bad.content.decode()


def test_an_old_saved_link_to_the_tree_on_a_date_still_opens_it(client, world):
    client.force_login(world.secretariat)
    response = client.get(reverse("org:tree") + "?ngay=31/12/2020", follow=True)
    assert response.redirect_chain == [(reverse("org:tree") + "?on=31/12/2020", 301)]
    assert response.context["on"] == dt.date(2020, 12, 31)
