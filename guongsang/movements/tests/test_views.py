"""The pages: movements by year, a movement's plan, the pledge form, who has pledged."""

import datetime as dt

import pytest
from django.urls import reverse

from guongsang.movements.models import Movement, Pledge
from guongsang.movements.tests.factories import make_movement, make_pledge
from guongsang.org.selectors import today

pytestmark = pytest.mark.django_db


@pytest.fixture
def movement(world):
    return make_movement(world.dept, name="Phong trào “Người tốt, việc tốt” năm nay")


@pytest.fixture
def closed(world):
    return make_movement(
        world.dept,
        name="Phong trào đã hết hạn",
        launched_on=dt.date(2024, 2, 1),
        pledge_deadline=dt.date(2024, 3, 15),
    )


def test_the_list_shows_movements_by_year_and_filters_by_year(client, world, movement, closed):
    client.force_login(world.officer)
    page = client.get(reverse("movements:list")).content.decode()
    assert movement.name in page and closed.name in page
    assert f"Năm {today().year}" in page and "Năm 2024" in page
    filtered = client.get(reverse("movements:list"), {"year": 2024}).content.decode()
    assert closed.name in filtered and movement.name not in filtered


def test_the_list_answers_htmx_with_the_results_only(client, world, closed):
    client.force_login(world.officer)
    response = client.get(reverse("movements:list"), {"year": 2024}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.startswith('<div id="movement-results">') and "<html" not in body


def test_the_movement_page_shows_the_plan_and_its_deadlines(client, world, closed):
    client.force_login(world.officer)
    page = client.get(reverse("movements:detail", args=[closed.uuid])).content.decode()
    assert "Chăm lo người có công" in page and "Giải quyết việc làm" in page
    assert "ngày 15 tháng 3 năm 2024" in page and "Hết hạn đăng ký" in page


def test_an_officer_pledges_for_their_unit_from_the_form(client, world, movement, titles):
    client.force_login(world.officer)
    url = reverse("movements:pledge_create", args=[movement.uuid])
    form = client.get(url).content.decode()
    assert world.centre.name in form and world.other_centre.name not in form
    response = client.post(
        url,
        {
            "unit": str(world.centre.uuid),
            "titles": [titles["tap-the-lao-dong-tien-tien"].pk],
            "commitments": "Không để xảy ra sự cố",
        },
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.unit == world.centre and pledge.person is None
    assert pledge.registered_by == world.officer


def test_an_officer_pledges_for_a_person_of_their_unit(client, world, movement, titles):
    client.force_login(world.officer)
    url = reverse("movements:pledge_create", args=[movement.uuid])
    people = reverse("movements:pledge_people", args=[movement.uuid])
    # Typed without diacritics: "le thi" finds "Lê Thị Bích Liên", only in the chosen unit.
    found = client.get(people, {"unit": str(world.centre.uuid), "q": "le thi"}).json()
    assert [r["value"] for r in found["results"]] == [str(world.person.uuid)]
    assert str(world.person.date_of_birth.year) in found["results"][0]["meta"]
    other = client.get(people, {"unit": str(world.centre.uuid), "q": "tran van binh"}).json()
    assert other["results"] == []
    units = client.get(
        reverse("movements:pledge_units", args=[movement.uuid]), {"q": "bao tro"}
    ).json()
    assert [r["value"] for r in units["results"]] == [str(world.centre.uuid)]
    response = client.post(
        url,
        {
            "unit": str(world.centre.uuid),
            "person": str(world.person.uuid),
            "titles": [titles["lao-dong-tien-tien"].pk, titles["nguoi-tot-viec-tot-co-so"].pk],
        },
    )
    assert response.status_code == 302
    assert Pledge.objects.get().person == world.person


def test_a_second_pledge_shows_the_message_and_saves_nothing(client, world, movement, titles):
    make_pledge(movement, world.centre, [titles["tap-the-tot"]], on=today())
    client.force_login(world.officer)
    response = client.post(
        reverse("movements:pledge_create", args=[movement.uuid]),
        {"unit": str(world.centre.uuid), "titles": [titles["tap-the-tot"].pk]},
    )
    assert response.status_code == 200
    assert "đã đăng ký thi đua trong phong trào" in response.content.decode()
    assert Pledge.objects.count() == 1


def test_after_the_deadline_an_officer_reads_a_clear_message(client, world, closed, titles):
    client.force_login(world.officer)
    url = reverse("movements:pledge_create", args=[closed.uuid])
    page = client.get(url).content.decode()
    assert "Đã hết hạn đăng ký thi đua của phong trào này (hạn cuối: 15/03/2024)" in page
    assert 'name="titles"' not in page
    response = client.post(
        url, {"unit": str(world.centre.uuid), "titles": [titles["tap-the-tot"].pk]}
    )
    assert "Đã hết hạn đăng ký thi đua" in response.content.decode()
    assert not Pledge.objects.exists()


def test_the_secretariat_records_a_late_pledge_with_a_reason(client, world, closed, titles):
    client.force_login(world.secretariat)
    url = reverse("movements:pledge_create", args=[closed.uuid])
    data = {"unit": str(world.other_centre.uuid), "titles": [titles["tap-the-tot"].pk]}
    page = client.post(url, data).content.decode()
    assert "cần ghi lý do ghi nhận đăng ký muộn" in page
    response = client.post(url, {**data, "late_reason": "Văn bản đến chậm"})
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.is_late and pledge.late_reason == "Văn bản đến chậm"


def test_an_officer_edits_their_units_pledge(client, world, movement, titles):
    pledge = make_pledge(movement, world.centre, [titles["tap-the-tot"]], on=today())
    client.force_login(world.officer)
    url = reverse("movements:pledge_edit", args=[pledge.uuid])
    assert client.get(url).status_code == 200
    response = client.post(url, {"titles": [titles["tap-the-lao-dong-xuat-sac"].pk]})
    assert response.status_code == 302
    assert list(pledge.titles.values_list("code", flat=True)) == ["tap-the-lao-dong-xuat-sac"]


def test_the_secretariat_sees_who_has_not_pledged(client, world, movement, titles):
    make_pledge(movement, world.centre, [titles["tap-the-tot"]], on=today())
    client.force_login(world.secretariat)
    url = reverse("movements:status", args=[movement.uuid])
    page = client.get(url, {"show": "not_pledged"}).content.decode()
    assert world.other_centre.name in page and world.centre.name not in page
    page = client.get(url).content.decode()
    assert world.centre.name in page and "50,0%" in page


def test_the_secretariat_launches_a_movement_with_its_plan(client, world, movement):
    client.force_login(world.secretariat)
    response = client.post(
        reverse("movements:create"),
        {
            "name": "Phong trào thi đua chuyển đổi số",
            "kind": "chuyen_de",
            "year": 2025,
            "organiser": world.dept.uuid,
            "launched_on": "15/02/2025",
            "pledge_deadline": "2025-03-15",
            "contents": "1. Số hóa hồ sơ người có công\n\n2. Dịch vụ công trực tuyến",
            "linked": [movement.pk],
        },
    )
    created = Movement.objects.get(name="Phong trào thi đua chuyển đổi số")
    assert response.status_code == 302 and response.url.endswith(f"{created.uuid}/")
    assert list(created.contents.values_list("number", "title")) == [
        (1, "Số hóa hồ sơ người có công"),
        (2, "Dịch vụ công trực tuyến"),
    ]
    assert list(created.linked.all()) == [movement]
    edit = client.get(reverse("movements:edit", args=[created.uuid])).content.decode()
    assert 'value="2025-02-15"' in edit and "Số hóa hồ sơ người có công\n" in edit
    assert f'value="{world.dept.uuid}" selected' in edit  # the organiser, picked already


def test_the_organiser_is_found_by_typing_among_the_units_the_user_manages(client, world):
    url = reverse("movements:pick_organiser")
    client.force_login(world.secretariat)
    found = client.get(url, {"q": "so lao dong"}).json()["results"]
    assert [r["value"] for r in found] == [str(world.dept.uuid)]
    page = client.get(reverse("movements:create")).content.decode()
    assert f'data-picker="{url}"' in page and world.other_centre.name not in page
    client.force_login(world.officer)
    assert client.get(url, {"q": "bao tro"}).status_code == 403


def test_old_saved_links_to_the_movements_keep_their_filters(
    client, world, movement, closed, titles
):
    make_pledge(movement, world.centre, [titles["tap-the-tot"]], on=today())
    client.force_login(world.secretariat)
    url = reverse("movements:list")
    old = client.get(f"{url}?nam=2024", follow=True)
    assert old.redirect_chain == [(f"{url}?year=2024", 301)]
    assert closed.name in old.content.decode() and movement.name not in old.content.decode()
    status = reverse("movements:status", args=[movement.uuid])
    old = client.get(f"{status}?loc=chua", follow=True)
    assert old.redirect_chain == [(f"{status}?show=not_pledged", 301)]
    page = old.content.decode()
    assert world.other_centre.name in page and world.centre.name not in page
