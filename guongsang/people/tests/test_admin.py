"""People in the Django admin: no personal data shown, changes audited."""

import pytest
from django.urls import reverse

from guongsang.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_person_admin_shows_no_personal_data(client, world):
    person = world.person
    client.force_login(world.admin)
    for url in (
        reverse("admin:people_person_changelist"),
        reverse("admin:people_person_change", args=[person.pk]),
    ):
        body = client.get(url).content.decode()
        assert person.full_name in body
        assert person.citizen_id not in body and person.phone not in body
        assert "12 Phố Huế" not in body


def test_changing_a_person_in_the_admin_is_audited_and_keeps_personal_data(client, world):
    person = world.person
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:people_person_change", args=[person.pk]),
        {
            "full_name": "Lê Thị Bích Liên",
            "kind": "staff",
            "gender": "female",
            "home_unit": world.other_centre.pk,
            "email": "lien@example.vn",
            "positions-TOTAL_FORMS": 0,
            "positions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.home_unit == world.other_centre and person.citizen_id and person.phone
    entry = AuditEntry.objects.get(action="update", object_id=str(person.uuid))
    assert entry.before == {"home_unit_id": world.centre.pk, "email": ""}
    assert entry.after == {"home_unit_id": world.other_centre.pk, "email": "lien@example.vn"}


def test_a_position_added_inline_is_audited(client, world):
    person = world.person
    client.force_login(world.admin)
    client.post(
        reverse("admin:people_person_change", args=[person.pk]),
        {
            "full_name": person.full_name,
            "kind": "staff",
            "gender": "female",
            "home_unit": world.centre.pk,
            "positions-TOTAL_FORMS": 1,
            "positions-INITIAL_FORMS": 0,
            "positions-0-title": "Trưởng phòng",
            "positions-0-unit": world.centre.pk,
            "positions-0-valid_from": "01/06/2021",
        },
    )
    [position] = person.positions.all()
    entry = AuditEntry.objects.get(object_type="people.position", action="create")
    assert entry.after["title"] == "Trưởng phòng" and entry.object_id == str(position.pk)
