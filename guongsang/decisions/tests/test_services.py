import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guongsang.awards.models import Award
from guongsang.core.models import AuditEntry
from guongsang.decisions import services
from guongsang.decisions.models import DecisionState, NumberCounter
from guongsang.decisions.tests.factories import (
    recommended,
    recommended_collective,
    signed_decision,
    signer,
)
from guongsang.nominations.models import Dossier, State
from guongsang.people.tests.factories import make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def _sign_on(world, on, *, code="nguoi-tot-viec-tot-co-so", collective=False):
    year = on.year
    dossier = (
        recommended_collective(world, year=year)
        if collective
        else recommended(world, code=code, year=year)
    )
    return signed_decision(world, dossiers=[dossier], on=on).recipients.get()


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (dt.date(2018, 1, 10), 390_000),  # 0.3 × 1.300.000, exact
        (dt.date(2018, 10, 1), 420_000),  # 0.3 × 1.390.000 = 417.000 → rounded up
        (dt.date(2022, 9, 16), 450_000),  # 0.3 × 1.490.000 = 447.000 → rounded up
        (dt.date(2023, 6, 30), 450_000),  # the last day of 1.490.000
        (dt.date(2023, 7, 1), 540_000),  # the first day of 1.800.000
        (dt.date(2024, 8, 1), 710_000),  # 0.3 × 2.340.000 = 702.000 → rounded up
    ],
)
def test_the_reward_is_the_coefficient_times_the_base_salary_on_the_signing_day(
    world, on, expected
):
    line = _sign_on(world, on)
    assert line.amount == expected
    assert line.award.amount == expected


def test_a_collective_form_doubles_and_rounds_up(world):
    line = _sign_on(world, dt.date(2018, 10, 1), collective=True)
    assert line.amount == 840_000  # 0.6 × 1.390.000 = 834.000 → 840.000
    assert line.award.person is None and line.award.unit == world.centre


def test_the_draft_has_no_number_and_the_signature_takes_the_next_one(world):
    first = signed_decision(world, on=dt.date(2023, 3, 1))
    draft = services.decision_draft(
        actor=world.secretariat,
        authority=world.dept,
        dossiers=[recommended(world, person=make_person("Trần Văn Bình", unit=world.centre))],
    )
    assert draft.number is None and draft.full_number == ""
    second = services.decision_sign(actor=signer(world), decision=draft, on=dt.date(2023, 3, 2))
    assert (first.number, second.number) == (1, 2)
    assert second.full_number == "2/QĐ-SLĐTBXH"
    assert NumberCounter.objects.get(authority=world.dept, year=2023).last == 2


def test_numbers_start_again_at_one_each_calendar_year(world):
    signed_decision(world, on=dt.date(2023, 12, 30))
    person = make_person("Phạm Thị Hoa", unit=world.centre, female=True)
    later = signed_decision(
        world, dossiers=[recommended(world, person=person)], on=dt.date(2024, 1, 2)
    )
    assert later.number == 1 and later.number_year == 2024


def test_signing_records_awards_and_decides_the_dossiers(world):
    dossier = recommended(world)
    collective = recommended_collective(world)
    decision = signed_decision(world, dossiers=[dossier, collective], on=dt.date(2023, 9, 15))
    assert decision.state == DecisionState.SIGNED
    for line in decision.recipients.select_related("award", "dossier"):
        assert line.award.decision_number == decision.full_number
        assert line.award.decision_date == dt.date(2023, 9, 15)
        assert line.award.year == 2023 and line.award.source == "decision"
        assert line.award.authority == "Giám đốc Sở"
        assert line.dossier.state == State.DECIDED
        assert len(line.certificate_code) == 10
    assert Award.objects.filter(person=world.person, year=2023).count() == 1
    assert AuditEntry.objects.filter(object_type="decisions.decision", action="state").exists()


def test_a_signed_decision_cannot_be_edited_or_signed_again(world):
    decision = signed_decision(world)
    with pytest.raises(ValidationError, match="không sửa được"):
        services.decision_update(actor=world.secretariat, decision=decision, summary="Khác")
    with pytest.raises(ValidationError, match="đã được ký"):
        services.decision_sign(actor=signer(world), decision=decision, on=dt.date(2023, 9, 20))
    with pytest.raises(ValidationError, match="không thể xoá"):
        services.decision_delete_draft(actor=world.secretariat, decision=decision)


def test_only_the_signer_signs_and_only_the_secretariat_drafts(world):
    dossier = recommended(world)
    with pytest.raises(PermissionDenied):
        services.decision_draft(actor=world.officer, authority=world.dept, dossiers=[dossier])
    draft = services.decision_draft(
        actor=world.secretariat, authority=world.dept, dossiers=[dossier]
    )
    for actor in (world.secretariat, world.leader, world.officer):
        with pytest.raises(PermissionDenied):
            services.decision_sign(actor=actor, decision=draft, on=dt.date(2023, 9, 1))
    draft.refresh_from_db()
    assert draft.number is None and not NumberCounter.objects.exists()


def test_a_failed_signature_gives_back_its_number(world):
    """Nothing is skipped: a signature refused half-way rolls the counter back too."""
    dossier = recommended(world)
    draft = services.decision_draft(
        actor=world.secretariat, authority=world.dept, dossiers=[dossier]
    )
    Dossier.objects.filter(pk=dossier.pk).update(state=State.WITHDRAWN)  # changed meanwhile
    with pytest.raises(ValidationError):
        services.decision_sign(actor=signer(world), decision=draft, on=dt.date(2023, 9, 1))
    assert not NumberCounter.objects.filter(last__gt=0).exists()
    assert not Award.objects.exists()


def test_drafting_refuses_dossiers_not_recommended_or_already_decided(world):
    dossier = recommended(world)
    Dossier.objects.filter(pk=dossier.pk).update(state=State.COUNCIL)
    with pytest.raises(ValidationError, match="chưa được Hội đồng đề nghị"):
        services.decision_draft(actor=world.secretariat, authority=world.dept, dossiers=[dossier])
    other = recommended(world, person=make_person("Trần Văn Bình", unit=world.centre))
    services.decision_draft(actor=world.secretariat, authority=world.dept, dossiers=[other])
    with pytest.raises(ValidationError, match="đã có trong một quyết định"):
        services.decision_draft(actor=world.secretariat, authority=world.dept, dossiers=[other])
    city_title = recommended(
        world, code="nguoi-tot-viec-tot-thanh-pho", person=make_person(unit=world.centre)
    )
    with pytest.raises(ValidationError, match="tờ trình"):
        services.decision_draft(
            actor=world.secretariat, authority=world.dept, dossiers=[city_title]
        )


def test_an_amending_decision_points_at_the_decision_it_amends(world):
    first = signed_decision(world, on=dt.date(2023, 9, 1))
    person = make_person("Đỗ Văn Tâm", unit=world.centre)
    amend = services.decision_draft(
        actor=world.secretariat,
        authority=world.dept,
        dossiers=[recommended(world, person=person)],
        amends=first,
    )
    with pytest.raises(ValidationError, match="phải ký sau"):
        services.decision_sign(actor=signer(world), decision=amend, on=dt.date(2023, 8, 1))
    amend = services.decision_sign(actor=signer(world), decision=amend, on=dt.date(2023, 9, 5))
    assert amend.amends == first and first.amendments.get() == amend


def test_revocation_needs_a_reason_and_takes_effect_only_when_signed(world):
    decision = signed_decision(world)
    line = decision.recipients.get()
    with pytest.raises(ValidationError, match="lý do"):
        services.revocation_draft(
            actor=world.secretariat, decision=decision, lines=[line], reason=" "
        )
    draft = services.revocation_draft(
        actor=world.secretariat, decision=decision, lines=[line], reason="Vi phạm kỷ luật"
    )
    line.award.refresh_from_db()
    assert line.award.revoked_on is None
    services.decision_sign(actor=signer(world), decision=draft, on=dt.date(2024, 3, 1))
    line.award.refresh_from_db()
    assert line.award.revoked_on == dt.date(2024, 3, 1)
    assert "Vi phạm kỷ luật" in line.award.revoke_reason
    assert "QĐ-SLĐTBXH" in line.award.revoke_reason
