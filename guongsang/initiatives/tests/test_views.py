"""The register's pages: who sees what, who records the council's finding."""

import datetime as dt

import pytest
from django.urls import reverse

from guongsang.initiatives.models import Scope
from guongsang.initiatives.tests.factories import make_initiative, recognise

pytestmark = pytest.mark.django_db


def test_an_officer_sees_the_initiatives_of_their_unit_only(client, world):
    mine = make_initiative(world, title="Sáng kiến của trung tâm 1")
    other = make_initiative(world, title="Sáng kiến của trung tâm 2")
    other.unit = world.other_centre
    other.save()
    client.force_login(world.officer)
    page = client.get(reverse("initiatives:list")).content.decode()
    assert mine.title in page and other.title not in page
    assert client.get(reverse("initiatives:detail", args=[other.uuid])).status_code == 404


def _recognised_at_base_and_city(world):
    """Two initiatives, one recognised at the base level and one by the city."""
    base = make_initiative(world, title="Sáng kiến cơ sở")
    city = make_initiative(world, title="Sáng kiến thành phố")
    recognise(world, base, scope=Scope.BASE, number="1/QĐ")
    recognise(world, city, scope=Scope.CITY, number="2/QĐ")
    return base, city


def test_the_register_filters_by_the_widest_scope_recognised(client, world):
    base, city = _recognised_at_base_and_city(world)
    client.force_login(world.secretariat)
    page = client.get(reverse("initiatives:list"), {"scope": "city"}).content.decode()
    assert city.title in page and base.title not in page


def test_the_register_lists_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for i in range(6):
        make_initiative(world, title=f"Sáng kiến số {i}")
    client.force_login(world.secretariat)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("initiatives:list")).status_code == 200


def test_an_officer_cannot_record_the_councils_finding(client, world):
    initiative = make_initiative(world)
    client.force_login(world.officer)
    response = client.post(
        reverse("initiatives:detail", args=[initiative.uuid]),
        {
            "council": "Hội đồng",
            "score": "90",
            "result": "yes",
            "scope": "national",
            "decision_number": "1/QĐ",
            "decision_date": dt.date(2024, 6, 1).isoformat(),
        },
    )
    assert response.status_code == 403
    assert not initiative.assessments.exists()


def test_the_secretariat_records_the_finding_and_a_bad_one_is_explained(client, world):
    initiative = make_initiative(world)
    client.force_login(world.secretariat)
    url = reverse("initiatives:detail", args=[initiative.uuid])
    data = {
        "council": "Hội đồng sáng kiến",
        "score": "90",
        "result": "yes",
        "scope": "",
        "decision_number": "1/QĐ",
        "decision_date": "01/06/2024",
    }
    page = client.post(url, data).content.decode()
    assert "Chọn phạm vi công nhận của sáng kiến." in page
    assert not initiative.assessments.exists()
    response = client.post(url, {**data, "scope": "base"})
    assert response.status_code == 302
    assert initiative.assessments.get().scope == "base"


def test_an_old_saved_link_to_the_register_keeps_its_filters(client, world):
    base, city = _recognised_at_base_and_city(world)
    client.force_login(world.secretariat)
    url = reverse("initiatives:list")
    old = client.get(f"{url}?pham_vi=city&trang_thai=&linh_vuc=&nam=", follow=True)
    assert old.redirect_chain == [(f"{url}?scope=city&status=&field=&year=", 301)]
    assert city.title in old.content.decode() and base.title not in old.content.decode()
