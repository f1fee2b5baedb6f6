"""The demo's encrypted session: open for voting today, both key shares made, one ballot on
the board that verifies."""

import pytest

from guongsang.council import services
from guongsang.council.models import CouncilSession, EncryptedBallot, SessionStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def test_the_demo_has_one_encrypted_session_open_with_both_key_shares():
    [session] = CouncilSession.objects.filter(encrypted=True)
    assert session.status == SessionStatus.OPEN
    assert sorted(session.key_shares.values_list("holder", "user__username")) == [
        ("chair", "giamdoc"),
        ("secretariat", "thuongtruc"),
    ]
    assert EncryptedBallot.objects.filter(item__session=session).count() == 1
    report = services.verify_session(session)
    assert report.ok and report.ballots == 1
