"""The Django admin is for the admin role alone; the audit log in it is read-only."""

import pytest
from django.urls import reverse

from guongsang.accounts.tests.factories import make_user
from guongsang.core.models import AuditEntry
from guongsang.core.roles import Role

pytestmark = pytest.mark.django_db


def test_a_unit_officer_even_with_is_staff_is_sent_to_the_admin_login(client, world):
    world.officer.is_staff = True
    world.officer.save()
    client.force_login(world.officer)
    response = client.get("/quan-tri/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert client.get(reverse("admin:org_unit_changelist")).status_code == 302


def test_an_anonymous_visitor_is_sent_to_the_admin_login(client):
    response = client.get("/quan-tri/")
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))


def test_the_admin_opens_the_admin_site(client, world):
    client.force_login(world.admin)
    page = client.get("/quan-tri/")
    assert page.status_code == 200
    assert "Gương Sáng — quản trị" in page.content.decode()


def test_an_admin_role_without_superuser_may_work_in_the_admin(client, world):
    support = make_user("hotro", role=Role.ADMIN, unit=world.city)
    assert support.is_staff and not support.is_superuser
    client.force_login(support)
    assert client.get(reverse("admin:org_unit_changelist")).status_code == 200
    assert client.get(reverse("admin:people_person_changelist")).status_code == 200


def test_the_audit_log_cannot_be_added_changed_or_deleted_in_the_admin(client, world):
    entry = AuditEntry.objects.first()
    client.force_login(world.admin)
    assert client.get(reverse("admin:core_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:core_auditentry_add")).status_code == 403
    assert client.get(reverse("admin:core_auditentry_delete", args=[entry.pk])).status_code == 403
    change = client.post(reverse("admin:core_auditentry_change", args=[entry.pk]), {"reason": "x"})
    assert change.status_code == 403
    entry.refresh_from_db()
    assert entry.reason != "x"
