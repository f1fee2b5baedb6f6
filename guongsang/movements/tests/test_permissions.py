"""An officer of another unit can neither see nor pledge for what lies outside their subtree."""

import pytest
from django.urls import reverse

from guongsang.movements.models import Pledge
from guongsang.movements.tests.factories import make_movement, make_pledge
from guongsang.org.selectors import today

pytestmark = pytest.mark.django_db


@pytest.fixture
def dept_movement(world):
    return make_movement(world.dept, name="Phong trào của Sở")


@pytest.fixture
def other_movement(world):
    return make_movement(world.other_centre, name="Phong trào nội bộ Trung tâm 2")


def test_an_officer_cannot_open_a_movement_of_another_unit(client, world, other_movement):
    client.force_login(world.officer)
    for name in ("movements:detail", "movements:pledge_create", "movements:status"):
        assert client.get(reverse(name, args=[other_movement.uuid])).status_code == 404, name
    assert other_movement.name not in client.get(reverse("movements:list")).content.decode()


def test_an_officer_cannot_pledge_for_another_unit(client, world, dept_movement, titles):
    client.force_login(world.officer)
    url = reverse("movements:pledge_create", args=[dept_movement.uuid])
    response = client.post(
        url, {"unit": str(world.other_centre.uuid), "titles": [titles["tap-the-tot"].pk]}
    )
    assert (
        response.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    )
    assert not Pledge.objects.exists()
    people = reverse("movements:pledge_people", args=[dept_movement.uuid])
    assert client.get(people, {"unit": str(world.other_centre.uuid)}).status_code == 404
    assert client.get(people, {"unit": "khong-phai-uuid"}).status_code == 404


def test_an_officer_cannot_open_or_change_another_units_pledge(
    client, world, dept_movement, titles
):
    pledge = make_pledge(dept_movement, world.other_centre, [titles["tap-the-tot"]], on=today())
    client.force_login(world.officer)
    url = reverse("movements:pledge_edit", args=[pledge.uuid])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"titles": [titles["tap-the-lao-dong-tien-tien"].pk]}).status_code == 404
    )
    page = client.get(reverse("movements:detail", args=[dept_movement.uuid])).content.decode()
    assert world.other_centre.name not in page


def test_only_the_secretariat_runs_movements_and_sees_the_pledge_status(
    client, world, dept_movement
):
    client.force_login(world.officer)
    assert client.get(reverse("movements:create")).status_code == 403
    assert client.get(reverse("movements:edit", args=[dept_movement.uuid])).status_code == 403
    assert client.get(reverse("movements:status", args=[dept_movement.uuid])).status_code == 403
    export = reverse("movements:status_export", args=[dept_movement.uuid])
    assert client.post(export).status_code == 403
    client.force_login(world.leader)
    assert client.get(reverse("movements:status", args=[dept_movement.uuid])).status_code == 200
    assert (
        client.get(reverse("movements:pledge_create", args=[dept_movement.uuid])).status_code == 403
    )


def test_the_department_secretariat_cannot_change_the_citys_movement(client, world):
    city_movement = make_movement(world.city, name="Phong trào của Thành phố")
    client.force_login(world.secretariat)
    assert client.get(reverse("movements:detail", args=[city_movement.uuid])).status_code == 200
    assert client.get(reverse("movements:edit", args=[city_movement.uuid])).status_code == 403


def test_the_api_hides_other_units_movements_and_pledges(
    client, world, dept_movement, other_movement, titles
):
    make_pledge(dept_movement, world.centre, [titles["tap-the-tot"]], on=today())
    make_pledge(dept_movement, world.other_centre, [titles["tap-the-tot"]], on=today())
    client.force_login(world.officer)
    listed = client.get("/api/v1/movements").json()
    assert {m["name"] for m in listed["items"]} == {dept_movement.name}
    assert client.get(f"/api/v1/movements/{other_movement.uuid}").status_code == 404
    assert client.get(f"/api/v1/movements/{other_movement.uuid}/pledges").status_code == 404
    pledges = client.get(f"/api/v1/movements/{dept_movement.uuid}/pledges").json()
    assert [p["unit_name"] for p in pledges["items"]] == [world.centre.name]


def test_the_api_gives_a_movement_with_its_numbered_plan(client, world, dept_movement):
    client.force_login(world.officer)
    detail = client.get(f"/api/v1/movements/{dept_movement.uuid}").json()
    assert [(c["number"], c["title"]) for c in detail["contents"]] == [
        (1, "Chăm lo người có công"),
        (2, "Giải quyết việc làm"),
    ]
    assert detail["organiser_name"] == world.dept.name
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/movements/{movement_id}/pledges" in schema["paths"]
