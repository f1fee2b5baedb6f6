"""Cluster pages: members score for their own unit only; the year's page shows the ranking."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from guongsang.accounts.tests.factories import make_user
from guongsang.clusters import services
from guongsang.clusters.models import Score
from guongsang.core.roles import Role
from guongsang.org.models import UnitType
from guongsang.org.services import cluster_add_member, cluster_create
from guongsang.org.tests.factories import make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoring(world):
    health = make_unit("Sở Y tế", parent=world.city, unit_type=UnitType.DEPARTMENT)
    cluster = cluster_create(actor=None, number=7, name="Cụm thi đua số 7", organiser=world.city)
    for unit in (world.dept, health):
        cluster_add_member(actor=None, cluster=cluster, unit=unit, valid_from=dt.date(2020, 1, 1))
    scoring = services.round_open(
        actor=None, cluster=cluster, year=2024, criteria=[("Nhiệm vụ", Decimal(100))]
    )
    scoring.health = health
    return scoring


def test_a_member_scores_in_its_own_name_and_not_in_anothers(client, world, scoring):
    criterion = scoring.criteria.get()
    client.force_login(world.secretariat)  # the department's secretariat
    mine = reverse("clusters:score", args=[scoring.uuid, world.dept.uuid, scoring.health.uuid])
    theirs = reverse("clusters:score", args=[scoring.uuid, scoring.health.uuid, world.dept.uuid])
    assert client.post(mine, {f"c{criterion.pk}": "88"}).status_code == 302
    assert client.post(theirs, {f"c{criterion.pk}": "100"}).status_code == 403
    assert list(Score.objects.values_list("scorer", "scored", "points")) == [
        (world.dept.pk, scoring.health.pk, Decimal("88"))
    ]


def test_a_user_outside_the_cluster_does_not_see_it(client, world, scoring):
    outsider = make_unit("Quận Ba Đình", parent=world.city, unit_type=UnitType.DISTRICT)
    client.force_login(make_user("quan", role=Role.SECRETARIAT, unit=outsider))
    assert client.get(reverse("clusters:round", args=[scoring.uuid])).status_code == 404


def test_the_excel_download_is_a_workbook(client, world, scoring):
    client.force_login(world.secretariat)
    response = client.get(reverse("clusters:export", args=[scoring.uuid]))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
