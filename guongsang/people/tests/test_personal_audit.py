"""Changing a personal field writes an audit entry naming it, with the values masked; and the
masked forms never show a street address whole."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from guongsang.core.models import AuditEntry
from guongsang.people import services
from guongsang.people.models import Person
from guongsang.people.tests.factories import citizen_id_for

pytestmark = pytest.mark.django_db

NEW_BIRTH = dt.date(1985, 6, 1)  # same year: the citizen ID still matches
CHANGES = {
    "phone": "0987654321",
    "address": "Số 9 ngõ Thử Nghiệm, Cầu Giấy, Hà Nội",
    "date_of_birth": NEW_BIRTH,
}


def _entries(person):
    return AuditEntry.objects.filter(
        object_type="people.person", object_id=str(person.uuid), action="update"
    ).order_by("at", "pk")


def _raw(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@pytest.mark.parametrize("field", ["phone", "address", "date_of_birth", "citizen_id"])
def test_changing_each_personal_field_names_it_in_the_audit_with_the_value_masked(world, field):
    person = world.person
    value = CHANGES.get(field) or citizen_id_for(dt.date(1985, 4, 12), True)
    old = _raw(getattr(person, field))
    services.person_update(actor=world.officer, person=person, **{field: value})
    entry = _entries(person).last()
    assert entry is not None, f"no audit entry for a change of {field}"
    assert entry.actor == world.officer
    assert set(entry.after) == {field} and entry.after[field] == "***"
    assert entry.before == {field: "***"}
    logged = json.dumps([entry.before, entry.after], ensure_ascii=False)
    assert _raw(value) not in logged and old not in logged
    person.refresh_from_db()
    assert _raw(getattr(person, field)) == _raw(value)


def test_saving_the_same_personal_values_writes_no_entry(world):
    before = _entries(world.person).count()
    services.person_update(actor=world.officer, person=world.person, phone=world.person.phone)
    assert _entries(world.person).count() == before


def test_the_edit_page_audits_a_new_phone_and_address(client, world):
    client.force_login(world.officer)
    response = client.post(
        reverse("people:edit", args=[world.person.uuid]),
        {
            "full_name": world.person.full_name,
            "kind": world.person.kind,
            "gender": world.person.gender,
            "home_unit": world.centre.uuid,
            "phone": "0987 654 321",
            "address": "Số 1 phố Thử",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    entry = _entries(world.person).last()
    assert set(entry.after) == {"phone", "address"}
    assert "0987654321" not in json.dumps(entry.after) and "Thử" not in json.dumps(entry.after)


def test_no_digest_or_value_of_personal_data_reaches_the_log(world):
    services.person_update(actor=None, person=world.person, phone="0987654321")
    for entry in AuditEntry.objects.filter(object_type="people.person"):
        text = json.dumps([entry.before, entry.after], ensure_ascii=False)
        assert "digest" not in text
        assert world.person.citizen_id not in text and "0987654321" not in text


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("Số 1 phố Thử", "***"),
        ("12 Phố Huế, Hai Bà Trưng, Hà Nội", "***, Hà Nội"),
        ("", ""),
    ],
)
def test_an_address_never_shows_its_street(address, shown):
    assert Person(address=address).address_masked == shown
