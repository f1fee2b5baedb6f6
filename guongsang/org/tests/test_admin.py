"""Units and clusters in the Django admin: read-mostly units, every change audited."""

import datetime as dt

import pytest
from django.urls import reverse

from guongsang.core.models import AuditEntry
from guongsang.org.models import Cluster, ClusterMembership, Unit
from guongsang.org.services import cluster_create

pytestmark = pytest.mark.django_db


def test_an_admin_renaming_a_unit_writes_an_audit_entry_with_before_and_after(client, world):
    client.force_login(world.admin)
    url = reverse("admin:org_unit_change", args=[world.centre.pk])
    response = client.post(url, {"name": "Trung tâm Công tác xã hội", "short_name": "TTCTXH"})
    assert response.status_code == 302
    world.centre.refresh_from_db()
    assert world.centre.name == "Trung tâm Công tác xã hội"
    entry = AuditEntry.objects.get(action="update", object_id=str(world.centre.uuid))
    assert entry.actor == world.admin and entry.reason == "Sửa qua trang quản trị"
    assert entry.before == {"name": "Trung tâm Bảo trợ xã hội 1", "short_name": ""}
    assert entry.after == {"name": "Trung tâm Công tác xã hội", "short_name": "TTCTXH"}
    # The rename went through the service: the old name stays in the unit's history.
    assert list(world.centre.names.values_list("name", flat=True)) == [
        "Trung tâm Bảo trợ xã hội 1",
        "Trung tâm Công tác xã hội",
    ]


def test_the_tree_fields_of_a_unit_cannot_be_changed_in_the_admin(client, world):
    client.force_login(world.admin)
    url = reverse("admin:org_unit_change", args=[world.centre.pk])
    client.post(url, {"name": world.centre.name, "parent": world.city.pk, "code": "khac"})
    world.centre.refresh_from_db()
    assert world.centre.parent == world.dept and world.centre.code != "khac"
    assert not AuditEntry.objects.filter(action="update", object_id=str(world.centre.uuid)).exists()


def test_units_are_neither_added_nor_deleted_in_the_admin(client, world):
    client.force_login(world.admin)
    assert client.get(reverse("admin:org_unit_add")).status_code == 403
    url = reverse("admin:org_unit_delete", args=[world.centre.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Unit.objects.filter(pk=world.centre.pk).exists()


def test_the_unit_list_filters_by_type_and_activity_and_searches_name_or_code(client, world):
    client.force_login(world.admin)
    url = reverse("admin:org_unit_changelist")

    def names(**params):
        return {u.name for u in client.get(url, params).context["cl"].result_list}

    assert names(unit_type__exact="so") == {world.dept.name}
    assert names(active="yes") == {u.name for u in Unit.objects.all()}
    assert names(active="no") == set()
    assert names(q="Bảo trợ xã hội 2") == {world.other_centre.name}
    assert names(q=world.city.code) == {world.city.name}


def test_the_dated_tree_is_not_in_the_admin(client, world):
    client.force_login(world.admin)
    assert "unitclosure" not in client.get("/quan-tri/").content.decode().lower()
    assert client.get("/quan-tri/org/unitclosure/").status_code == 404


def test_adding_a_member_to_a_cluster_through_the_admin_is_audited(client, world):
    cluster = cluster_create(actor=None, number=3, name="Cụm thi đua số 3", organiser=world.city)
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:org_cluster_change", args=[cluster.pk]),
        {
            "number": 3,
            "name": "Cụm thi đua số 3",
            "organiser": world.city.pk,
            "memberships-TOTAL_FORMS": 1,
            "memberships-INITIAL_FORMS": 0,
            "memberships-0-unit": world.dept.pk,
            "memberships-0-valid_from": "01/01/2024",
            "memberships-0-is_head": "on",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    membership = ClusterMembership.objects.get(cluster=cluster)
    assert membership.unit == world.dept and membership.valid_from == dt.date(2024, 1, 1)
    entry = AuditEntry.objects.get(object_type="org.clustermembership", action="create")
    assert entry.actor == world.admin and entry.after["unit_id"] == world.dept.pk


def test_deleting_a_cluster_through_the_admin_is_audited(client, world):
    cluster = cluster_create(actor=None, number=4, name="Cụm thi đua số 4", organiser=world.city)
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:org_cluster_changelist"),
        {"action": "delete_selected", "_selected_action": [cluster.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Cluster.objects.exists()
    entry = AuditEntry.objects.get(action="delete", object_type="org.cluster")
    assert entry.before["name"] == "Cụm thi đua số 4" and entry.actor == world.admin
