import pytest
from django.urls import reverse

from guongsang.core.models import AuditEntry
from guongsang.people.models import Person

pytestmark = pytest.mark.django_db


def _form(world, **extra):
    return {
        "full_name": "Nguyễn Thị Bích Thủy",
        "kind": "staff",
        "gender": "female",
        "home_unit": world.centre.uuid,
        "citizen_id": "001180123456",
        "date_of_birth": "12/03/1980",
        "phone": "0987 654 321",
        "address": "Số 5 Ngõ 10, Đống Đa, Hà Nội",
        **extra,
    }


def test_a_unit_officer_adds_a_person_to_their_unit(client, world):
    client.force_login(world.officer)
    response = client.post(reverse("people:create"), _form(world))
    person = Person.objects.get(full_name="Nguyễn Thị Bích Thủy")
    assert response.status_code == 302
    assert person.phone == "0987654321" and person.home_unit == world.centre
    assert AuditEntry.objects.filter(action="create", object_id=str(person.uuid)).exists()


def test_a_bad_citizen_id_is_explained_and_nothing_is_saved(client, world):
    client.force_login(world.officer)
    page = client.post(reverse("people:create"), _form(world, citizen_id="001190123456"))
    assert "không khớp với năm sinh" in page.content.decode()
    assert not Person.objects.filter(full_name="Nguyễn Thị Bích Thủy").exists()


def test_an_officer_cannot_add_a_person_to_another_unit(client, world):
    client.force_login(world.officer)
    page = client.post(reverse("people:create"), _form(world, home_unit=world.other_centre.uuid))
    assert page.status_code == 200
    assert not Person.objects.filter(full_name="Nguyễn Thị Bích Thủy").exists()


def test_lists_and_pages_show_personal_data_masked(client, world):
    client.force_login(world.secretariat)
    for url in (reverse("people:list"), reverse("people:detail", args=[world.person.uuid])):
        body = client.get(url).content.decode()
        assert world.person.citizen_id not in body and world.person.phone not in body
    assert not AuditEntry.objects.filter(action="view_personal_data").exists()


def test_the_person_list_issues_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    from guongsang.people.tests.factories import letters, make_person

    for i in range(30):
        make_person(f"Người thứ {letters(i)}", unit=world.centre)
    client.force_login(world.secretariat)
    with django_assert_num_queries(7):
        assert client.get(reverse("people:list")).status_code == 200


def test_a_leader_sees_people_but_cannot_unmask_or_edit_them(client, world):
    client.force_login(world.leader)
    assert client.get(reverse("people:detail", args=[world.person.uuid])).status_code == 200
    url = reverse("people:personal_data", args=[world.person.uuid])
    assert client.post(url).status_code == 403
    assert client.get(reverse("people:edit", args=[world.person.uuid])).status_code == 403


def test_the_list_is_in_vietnamese_order_by_given_name(client, world):
    from guongsang.people.tests.factories import make_person

    for name in ("Vũ Văn Đức", "Đinh Thị An", "Nguyễn Văn Dũng", "Trần Văn Anh"):
        make_person(name, unit=world.centre)
    client.force_login(world.officer)
    names = [p.full_name for p in client.get(reverse("people:list")).context["page"]]
    assert names == [
        "Đinh Thị An",
        "Trần Văn Anh",
        "Nguyễn Văn Dũng",
        "Vũ Văn Đức",
        "Lê Thị Bích Liên",
    ]


def test_the_home_unit_is_found_by_typing_within_the_officers_scope(client, world):
    client.force_login(world.officer)
    url = reverse("people:pick_unit")
    found = client.get(url, {"q": "bao tro xa hoi"}).json()["results"]
    assert [r["value"] for r in found] == [str(world.centre.uuid)]  # not the other centre
    page = client.get(reverse("people:create")).content.decode()
    assert f'data-picker="{url}"' in page and world.other_centre.name not in page
    edit = client.get(reverse("people:edit", args=[world.person.uuid])).content.decode()
    assert f'value="{world.centre.uuid}" selected' in edit  # the person's unit, chosen
    client.force_login(world.leader)
    assert client.get(url, {"q": "bao tro"}).status_code == 403
