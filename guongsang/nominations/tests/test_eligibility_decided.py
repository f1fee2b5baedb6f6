"""A decided dossier's checks do not count the award it produced against it; any other
proposal for the same nominee, title and year still sees that award."""

import datetime as dt

import pytest

from guongsang.accounts.tests.factories import make_user
from guongsang.core.roles import Role
from guongsang.decisions import services as decision_services
from guongsang.decisions.tests.factories import recommended, signed_decision
from guongsang.nominations.eligibility import check_dossier
from guongsang.nominations.models import Dossier, State
from guongsang.nominations.tests.factories import make_dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]
YEAR = 2023


def _award_findings(dossier):
    """Findings that cite an award on record ("đã được tặng …")."""
    dossier.refresh_from_db()
    return [f for f in check_dossier(dossier) if "đã được tặng" in f.message]


def test_a_decided_dossier_is_not_its_own_duplicate(world):
    dossier = recommended(world, year=YEAR)
    assert _award_findings(dossier) == []
    decision = signed_decision(world, dossiers=[dossier], on=dt.date(YEAR, 9, 15))
    dossier.refresh_from_db()
    assert dossier.state == State.DECIDED
    line = decision.recipients.get()
    assert line.dossier_id == dossier.pk and line.award is not None
    assert _award_findings(dossier) == []
    assert not [f for f in check_dossier(dossier) if f.blocking]


def test_another_proposal_for_the_same_award_still_sees_it(world):
    dossier = recommended(world, year=YEAR)
    signed_decision(world, dossiers=[dossier], on=dt.date(YEAR, 9, 15))
    second = make_dossier(world, year=YEAR)
    [finding] = _award_findings(second)
    assert finding.blocking and str(YEAR) in finding.message


def test_the_award_of_another_dossier_still_meets_a_prerequisite(world):
    """Only the dossier's own award is set aside: "Chiến sĩ thi đua cơ sở" needs "Lao động
    tiên tiến" the same year, and the one decided on another dossier still counts."""
    lower = recommended(world, code="lao-dong-tien-tien", year=YEAR)
    higher = make_dossier(world, code="chien-si-thi-dua-co-so", year=YEAR)
    Dossier.objects.filter(pk=lower.pk).update(state=State.DRAFT)  # not yet proposed
    lower.refresh_from_db()
    assert "prerequisite" not in {f.code for f in check_dossier(higher)}  # proposed counts
    Dossier.objects.filter(pk=lower.pk).update(state=State.WITHDRAWN)
    assert "prerequisite" in {f.code for f in check_dossier(higher)}
    Dossier.objects.filter(pk=lower.pk).update(state=State.RECOMMENDED)
    lower.refresh_from_db()
    signed_decision(world, dossiers=[lower], on=dt.date(YEAR, 9, 15))
    Dossier.objects.filter(pk=lower.pk).update(state=State.WITHDRAWN)  # only the award is left
    assert "prerequisite" not in {f.code for f in check_dossier(higher)}
    assert _award_findings(lower) == []


def test_a_forwarded_dossier_decided_above_is_not_its_own_duplicate_below(world):
    dossier = recommended(world, code="nguoi-tot-viec-tot-thanh-pho", year=YEAR)
    submission = decision_services.submission_draft(
        actor=world.secretariat, authority=world.dept, dossiers=[dossier]
    )
    decision_services.submission_send(
        actor=world.secretariat, submission=submission, on=dt.date(YEAR, 9, 1)
    )
    upper = Dossier.objects.get(forwarded_from=dossier)
    Dossier.objects.filter(pk=upper.pk).update(state=State.RECOMMENDED)
    city_secretariat = make_user("bantdkt", role=Role.SECRETARIAT, unit=world.city)
    city_signer = make_user("chutich", role=Role.SIGNER, unit=world.city)
    draft = decision_services.decision_draft(
        actor=city_secretariat, authority=world.city, dossiers=[upper]
    )
    decision_services.decision_sign(
        actor=city_signer, decision=draft, on=dt.date(YEAR, 9, 9), signer_name="Lê Hồng Sơn"
    )
    assert _award_findings(upper) == []
    assert _award_findings(dossier) == []
    other = make_dossier(world, code="nguoi-tot-viec-tot-thanh-pho", year=YEAR)
    assert len(_award_findings(other)) == 1
