import datetime as dt

import pytest
from django.urls import reverse

from guongsang.core.models import AuditEntry
from guongsang.people import services
from guongsang.people.models import PersonKind

pytestmark = pytest.mark.django_db


def test_create_update_and_delete_are_audited_with_before_and_after(world):
    person = services.person_create(
        actor=world.secretariat,
        full_name="Phạm Thị Hoa",
        kind=PersonKind.CITIZEN,
        home_unit=world.centre,
        citizen_id="001190012345",
        date_of_birth=dt.date(1990, 1, 2),
    )
    created = AuditEntry.objects.get(action="create", object_id=str(person.uuid))
    assert created.actor == world.secretariat and created.after["full_name"] == "Phạm Thị Hoa"
    assert created.after["citizen_id"] == "***"  # personal data is not copied into the log

    services.person_update(actor=world.secretariat, person=person, full_name="Phạm Thị Hoà")
    updated = AuditEntry.objects.get(action="update", object_id=str(person.uuid))
    assert updated.before == {"full_name": "Phạm Thị Hoa"}
    assert updated.after["full_name"] == "Phạm Thị Hoà"

    services.person_delete(actor=world.secretariat, person=person, reason="Nhập trùng")
    deleted = AuditEntry.objects.get(action="delete", object_id=str(person.uuid))
    assert deleted.before["full_name"] == "Phạm Thị Hoà" and deleted.reason == "Nhập trùng"


def test_a_failed_change_writes_nothing(world):
    from django.core.exceptions import ValidationError

    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        services.person_update(actor=world.secretariat, person=world.person, citizen_id="123")
    assert AuditEntry.objects.count() == before


def test_only_the_admin_browses_the_audit_log_and_filters_it(client, world):
    services.person_update(actor=world.secretariat, person=world.person, full_name="Lê Bích Liên")
    client.force_login(world.secretariat)
    assert client.get(reverse("core:audit_list")).status_code == 403

    client.force_login(world.admin)
    page = client.get(reverse("core:audit_list"), {"action": "update"})
    assert page.status_code == 200
    entries = list(page.context["page"].object_list)
    assert entries and all(e.action == "update" for e in entries)


def test_the_audit_log_offers_no_way_to_edit_it(client, world):
    client.force_login(world.admin)
    entry = AuditEntry.objects.first()
    change_url = f"/quan-tri/core/auditentry/{entry.pk}/change/"
    response = client.post(change_url, {"reason": "sửa"})
    entry.refresh_from_db()
    assert entry.reason != "sửa"
    assert client.post(f"/quan-tri/core/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    assert response.status_code in {200, 403}
