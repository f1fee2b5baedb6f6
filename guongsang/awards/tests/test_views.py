"""Award history on the person page and the unit page."""

import datetime as dt

import pytest
from django.urls import reverse

from guongsang.awards import services
from guongsang.catalogue.models import Title
from guongsang.org import services as org_services
from guongsang.people.tests.factories import letters, make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def _award(title_code, *, unit, person=None, year=2022, number="125/QĐ-SLĐTBXH", **extra):
    return services.award_record(
        actor=None,
        title=Title.objects.get(code=title_code),
        year=year,
        unit=unit,
        person=person,
        decision_number=number,
        decision_date=dt.date(year, 9, 16),
        **extra,
    )


def test_the_person_page_shows_the_award_with_its_decision_and_amount(client, world):
    _award("nguoi-tot-viec-tot-thanh-pho", unit=world.centre, person=world.person, amount=1_490_000)
    client.force_login(world.officer)
    page = client.get(reverse("people:detail", args=[world.person.uuid])).content.decode()
    assert "Khen thưởng" in page
    assert "“Người tốt, việc tốt” cấp Thành phố" in page and "Cấp Thành phố" in page
    assert "125/QĐ-SLĐTBXH" in page and "16/09/2022" in page
    assert "1.490.000" in page
    assert "Đã thu hồi" not in page


def test_a_revoked_award_is_marked_with_the_reason(client, world):
    award = _award("lao-dong-tien-tien", unit=world.centre, person=world.person, year=2021)
    services.award_revoke(
        actor=None,
        award=award,
        on=dt.date(2022, 3, 1),
        reason="Khai man thành tích",
        decision_number="12/QĐ-SLĐTBXH",
    )
    client.force_login(world.secretariat)
    page = client.get(reverse("people:detail", args=[world.person.uuid])).content.decode()
    assert "Đã thu hồi" in page and "Khai man thành tích" in page


def test_a_person_without_awards_says_so(client, world):
    client.force_login(world.secretariat)
    page = client.get(reverse("people:detail", args=[world.person.uuid])).content.decode()
    assert "Chưa có khen thưởng nào được ghi nhận." in page


def test_an_officer_of_another_unit_gets_404_for_that_person(client, world):
    _award("nguoi-tot-viec-tot-co-so", unit=world.centre, person=world.person)
    client.force_login(world.other_officer)
    response = client.get(reverse("people:detail", args=[world.person.uuid]))
    assert response.status_code == 404
    assert "125/QĐ-SLĐTBXH" not in response.content.decode()


def test_the_unit_page_lists_collective_awards_and_counts_under_the_unit(client, world):
    _award("tap-the-tot", unit=world.centre, number="7/QĐ-SLĐTBXH")
    _award("nguoi-tot-viec-tot-co-so", unit=world.centre, person=world.person, year=2018)
    _award("nguoi-tot-viec-tot-co-so", unit=world.other_centre, person=world.other_person)
    client.force_login(world.secretariat)
    centre = client.get(reverse("org:unit_detail", args=[world.centre.uuid])).content.decode()
    assert "“Tập thể tốt”" in centre and "7/QĐ-SLĐTBXH" in centre
    dept = client.get(reverse("org:unit_detail", args=[world.dept.uuid])).content.decode()
    assert "Đơn vị chưa được khen thưởng tập thể." in dept
    assert "Khen thưởng trong đơn vị, 2018–2022" in dept


def test_the_counts_of_a_merged_unit_include_its_old_units(client, world):
    _award("nguoi-tot-viec-tot-co-so", unit=world.centre, person=world.person, year=2017)
    _award(
        "nguoi-tot-viec-tot-co-so", unit=world.other_centre, person=world.other_person, year=2017
    )
    merged = org_services.unit_merge(
        actor=None,
        units=[world.centre, world.other_centre],
        on=dt.date(2019, 1, 1),
        code="hn",
        name="Trung tâm hợp nhất",
    )
    client.force_login(world.secretariat)
    page = client.get(reverse("org:unit_detail", args=[merged.uuid])).content.decode()
    assert "Khen thưởng trong đơn vị, 2013–2017" in page
    old = client.get(reverse("org:unit_detail", args=[world.centre.uuid])).content.decode()
    assert "Khen thưởng trong đơn vị, 2013–2017" in old  # its own record, on its last day


def test_the_unit_page_issues_a_bounded_number_of_queries(client, world, django_assert_num_queries):
    for i in range(20):
        unit = world.centre if i % 2 else world.other_centre
        person = make_person(f"Người thứ {letters(i)}", unit=unit)
        _award("nguoi-tot-viec-tot-co-so", unit=unit, person=person, year=2015 + i % 8)
        _award("tap-the-tot", unit=world.dept, year=2005 + i)
    client.force_login(world.secretariat)
    with django_assert_num_queries(16):
        page = client.get(reverse("org:unit_detail", args=[world.dept.uuid]))
    assert page.status_code == 200
    assert page.content.decode().count("“Tập thể tốt”") >= 20
