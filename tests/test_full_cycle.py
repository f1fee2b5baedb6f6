"""One dossier through the whole procedure, across the apps: public notice, a council session
with secret ballots, a signed decision, the award on record and in the statistics, the public
certificate check, then a revocation by a later decision."""

import datetime as dt

import pytest
from django.urls import reverse

from guongsang.council import services as council
from guongsang.council.models import Choice
from guongsang.council.tests.factories import accepted_dossier, make_council
from guongsang.decisions import services as decisions
from guongsang.decisions.tests.factories import signer
from guongsang.nominations.models import State
from guongsang.stats.services import award_stats

pytestmark = pytest.mark.django_db


def test_a_dossier_goes_from_the_notice_to_the_certificate_check_and_back(client, world, titles):
    dossier = accepted_dossier(world, name="Lê Thị Bích Liên", year=2024)
    council.notice_publish(
        actor=world.secretariat, dossiers=[dossier], starts_on=dt.date(2024, 9, 2)
    )
    body = make_council(world, 5)
    session = council.session_create(
        actor=world.secretariat,
        council=body,
        held_on=dt.date(2024, 9, 16),
        place="Phòng họp số 1",
        dossiers=[dossier],
    )
    members = [m.user for m in body.members.order_by("order")]
    council.attendance_record(actor=world.secretariat, session=session, present_users=members[:4])
    council.voting_open(actor=world.secretariat, session=session)
    item = session.items.get()
    receipts = [
        council.ballot_cast(voter=member, item=item, choice=choice)
        for member, choice in zip(
            members[:4], [Choice.YES, Choice.YES, Choice.YES, Choice.NO], strict=True
        )
    ]
    [result] = council.voting_close(actor=world.secretariat, session=session)
    assert (result.yes, result.no, result.recommended) == (3, 1, True)
    assert len(set(receipts)) == 4

    dossier.refresh_from_db()
    assert dossier.state == State.RECOMMENDED
    draft = decisions.decision_draft(
        actor=world.secretariat, authority=world.dept, dossiers=[dossier]
    )
    decision = decisions.decision_sign(actor=signer(world), decision=draft, on=dt.date(2024, 9, 20))
    dossier.refresh_from_db()
    line = decision.recipients.get()
    assert dossier.state == State.DECIDED and decision.full_number == "1/QĐ-SLĐTBXH"
    assert line.award.decision_number == decision.full_number
    assert line.amount == 710_000  # 0,3 × 2.340.000 rounded up to the next 10.000

    in_stats = award_stats(from_year=2024, to_year=2024, by=("level",), unit=world.dept)
    assert in_stats.total == 1

    page = client.get(reverse("showcase:certificate", args=[line.certificate_code]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Lê Thị Bích Liên" in html and "1/QĐ-SLĐTBXH" in html and "thu hồi" not in html

    revocation = decisions.revocation_draft(
        actor=world.secretariat,
        decision=decision,
        lines=[line],
        reason="Khai không đúng thành tích",
    )
    decisions.decision_sign(actor=signer(world), decision=revocation, on=dt.date(2024, 12, 2))
    assert award_stats(from_year=2024, to_year=2024, by=("level",), unit=world.dept).total == 0
    html = client.get(reverse("showcase:certificate", args=[line.certificate_code])).content
    assert "thu hồi" in html.decode().lower() and "2/QĐ-SLĐTBXH" in html.decode()
