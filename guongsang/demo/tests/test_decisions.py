"""The demo's 2022 and 2023 cycles come out of signed decisions with the articles' figures."""

import pytest

from guongsang.awards.models import Award
from guongsang.awards.selectors import count_by_title
from guongsang.decisions.models import Decision, Submission
from guongsang.demo import facts
from guongsang.demo.steps import decisions as demo
from guongsang.nominations.models import Dossier, State
from guongsang.org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seeded(demo_db):
    """The whole demo (built once per session)."""


def test_the_reported_figures_come_out_of_signed_decisions():
    department = Unit.objects.get(code=facts.DEPARTMENT)
    for year, city, base in ((2022, 5, 21), (2023, 5, 22)):
        counts = count_by_title(unit=department, year_from=year, year_to=year)
        assert (counts["nguoi-tot-viec-tot-thanh-pho"], counts["nguoi-tot-viec-tot-co-so"]) == (
            city,
            base,
        )
        from_decisions = Award.objects.filter(
            year=year, title__code__startswith="nguoi-tot-viec-tot", decision_line__isnull=False
        )
        assert from_decisions.count() == city + base


def test_the_two_honourees_were_conferred_by_the_city_before_the_conference():
    for role in facts.HONOUREES:
        award = Award.objects.get(
            person__full_name=role.full_name, year=2022, title__code="nguoi-tot-viec-tot-thanh-pho"
        )
        assert award.unit.code == role.unit_code
        assert award.decision_date < facts.CONFERENCE_2022
        assert award.decision_number.endswith("/QĐ-UBND")
        lower = Dossier.objects.get(
            person=award.person, year=2022, level_unit__code=facts.DEPARTMENT
        )
        assert lower.state == State.FORWARDED and award.decision_number in lower.outcome_note


def test_decisions_have_numbers_annexes_and_the_forwarding_is_recorded():
    signed = Decision.objects.filter(state="signed")
    department = signed.filter(authority__code=facts.DEPARTMENT, year__in=[2022, 2023])
    # "Người tốt, việc tốt" of 2022 and 2023, and the Director's commendation of two contest
    # authors in 2023 (made by the contests demo); this year's decision comes on top.
    assert department.count() == 3
    assert all(d.full_number.endswith("/QĐ-SLĐTBXH") for d in department)
    assert signed.filter(authority__code=facts.CITY).count() == 3  # 2 × NTVT + enterprises
    enterprises = Award.objects.filter(year=2022, title__code="bang-khen-chu-tich-ubnd-thanh-pho")
    assert enterprises.count() == facts.ENTERPRISES_WITH_CITY_BANG_KHEN_2022
    proposal = Submission.objects.get(authority__code=facts.CITY, year=2022)
    assert proposal.state == "sent" and "Thủ tướng" in proposal.summary
    assert Submission.objects.filter(authority__code=facts.DEPARTMENT, state="sent").count() == 2


def test_seeding_again_changes_nothing():
    before = (Decision.objects.count(), Award.objects.count())
    assert demo.seed() == 0
    assert (Decision.objects.count(), Award.objects.count()) == before


def test_the_certificates_of_2022_are_printed_and_can_be_checked():
    from guongsang.core.models import TaskProgress
    from guongsang.decisions.models import Recipient
    from guongsang.decisions.selectors import certificate_lookup

    progress = TaskProgress.objects.get(label__startswith="In giấy khen")
    assert progress.status == "done" and "21 giấy khen" in progress.message
    line = Recipient.objects.filter(
        decision__authority__code=facts.DEPARTMENT, decision__year=2022
    ).first()
    found = certificate_lookup(line.certificate_code.lower())
    assert found["decision_number"].endswith("/QĐ-SLĐTBXH") and not found["revoked"]
