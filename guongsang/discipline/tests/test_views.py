import datetime as dt

import pytest
from django.urls import reverse

from guongsang.discipline.models import Discipline

pytestmark = pytest.mark.django_db


def _post(person, **extra):
    return {
        "subject": "person",
        "person": str(person.uuid),
        "form": "warning",
        "decision_number": "5/QĐ-SLĐTBXH",
        "decision_date": "2024-05-02",
        "starts_on": "2024-05-02",
        "ends_on": "",
        "reason": "Vi phạm quy chế",
        **extra,
    }


def test_the_secretariat_records_a_discipline_and_it_is_audited(client, world):
    from guongsang.core.models import AuditEntry

    client.force_login(world.secretariat)
    response = client.post(reverse("discipline:new"), _post(world.person))
    assert response.status_code == 302
    record = Discipline.objects.get()
    assert record.person == world.person and record.starts_on == dt.date(2024, 5, 2)
    assert record.ends_on is None and record.recorded_by == world.secretariat
    assert AuditEntry.objects.filter(object_repr__contains="5/QĐ-SLĐTBXH").exists()
    assert "5/QĐ-SLĐTBXH" in client.get(reverse("discipline:list")).content.decode()


def test_a_start_before_the_decision_is_refused_and_nothing_is_written(client, world):
    client.force_login(world.secretariat)
    response = client.post(reverse("discipline:new"), _post(world.person, starts_on="2024-04-01"))
    assert response.status_code == 200
    assert "không thể trước ngày quyết định" in response.content.decode()
    assert not Discipline.objects.exists()


def test_a_unit_officer_may_not_open_the_register(client, world):
    client.force_login(world.officer)
    assert client.get(reverse("discipline:list")).status_code == 403
    assert client.post(reverse("discipline:new"), _post(world.person)).status_code == 403
    assert not Discipline.objects.exists()


def test_the_form_finds_people_and_units_typed_without_diacritics(client, world):
    client.force_login(world.secretariat)
    people = client.get(reverse("discipline:pick_person"), {"q": "TRAN VAN BINH"}).json()
    assert [r["value"] for r in people["results"]] == [str(world.other_person.uuid)]
    units = client.get(reverse("discipline:pick_unit"), {"q": "bao tro xa hoi 1"}).json()
    assert [r["value"] for r in units["results"]] == [str(world.centre.uuid)]
    page = client.get(reverse("discipline:new")).content.decode()
    assert world.other_person.full_name not in page  # nobody is written into the page
    client.force_login(world.officer)
    assert client.get(reverse("discipline:pick_person"), {"q": "le"}).status_code == 403
