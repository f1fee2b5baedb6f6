"""The demo's register of initiatives and cluster no. 7's scoring of last year."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from guongsang.clusters.models import Round
from guongsang.clusters.selectors import ranking
from guongsang.demo import facts
from guongsang.demo.steps.initiatives import INITIATIVES, LAST_YEAR
from guongsang.initiatives.models import Initiative, Status
from guongsang.initiatives.requirements import initiative_shortfall
from guongsang.nominations.models import State

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def test_the_register_holds_initiatives_in_every_state():
    assert Initiative.objects.count() == len(INITIATIVES) + len(LAST_YEAR)
    assert set(Initiative.objects.values_list("status", flat=True)) == set(Status.values)
    city = Initiative.objects.get(scope="city")
    assert city.authors.get().person.full_name == facts.HONOUREE_TEACHER.full_name


def test_a_recognised_author_meets_the_base_title_and_a_waiting_one_does_not():
    year = timezone.localdate().year
    recognised = Initiative.objects.filter(status=Status.RECOGNISED, scope="base").first()
    waiting = Initiative.objects.get(status=Status.REGISTERED)
    for initiative, ok in ((recognised, True), (waiting, False)):
        author = initiative.authors.first().person
        gap = initiative_shortfall(
            person_id=author.pk,
            title_code="chien-si-thi-dua-co-so",
            year=initiative.assessments.first().decision_date.year if ok else year,
        )
        assert (gap == "") is ok


def test_cluster_seven_scored_last_year_and_proposed_its_leader_to_the_city():
    scoring = Round.objects.get(
        cluster__number=facts.CLUSTER_NUMBER, year=timezone.localdate().year - 1
    )
    assert scoring.state == Round.State.CLOSED
    rows = ranking(scoring)
    members = scoring.cluster.memberships.count()
    assert [r.rank for r in rows] == list(range(1, members + 1))
    assert all(r.missing == 0 and r.self_total is not None for r in rows)
    proposal = scoring.proposals.get()
    assert proposal.unit == rows[0].unit and proposal.rank == 1
    assert proposal.dossier.state == State.DRAFT
    assert proposal.dossier.unit.code == facts.CITY


def test_the_stats_command_names_the_employment_centre_as_it_was_in_2015():
    out = io.StringIO()
    call_command("stats", "--unit", facts.DEPARTMENT, "--as-of", "2015-06-01", stdout=out)
    assert "Trung tâm Giới thiệu việc làm Hà Nội" in out.getvalue()
    assert "Trung tâm Dịch vụ việc làm Hà Nội" not in out.getvalue()


def test_the_stats_command_without_a_unit_shows_every_unit_as_it_was_in_2015():
    out = io.StringIO()
    # The years the two old centres were honoured in (before their merge of 2019).
    call_command("stats", "--as-of", "2015-06-01", "--from-year", "2009", stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("Trung tâm Giới thiệu việc làm Hà Nội") for line in lines)
    assert not any("Trung tâm Dịch vụ việc làm Hà Nội" in line for line in lines)
    five = next(line for line in lines if line.startswith("Trung tâm Bảo trợ xã hội 5 Hà Nội"))
    assert "Đã sáp nhập vào “Trung tâm Hỗ trợ xã hội Hà Nội” từ ngày 01/01/2019" in five
