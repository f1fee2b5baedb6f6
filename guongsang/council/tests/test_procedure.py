"""The procedure's guarantees: the agenda waits for the notice and the answers, the quorum is
never below two thirds, a decision is never dated before its council, and between two votes
the stored ballots pair no member with a choice."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from guongsang.council import services
from guongsang.council.models import Ballot, CouncilSession, Participation
from guongsang.council.tests.factories import accepted_dossier, make_council, members_of
from guongsang.nominations.models import State

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def _session(world, council, dossiers, **kwargs):
    return services.session_create(
        actor=world.secretariat,
        council=council,
        held_on=kwargs.pop("held_on", timezone.localdate()),
        place="Phòng họp số 1",
        dossiers=dossiers,
        **kwargs,
    )


def test_a_dossier_waits_for_the_end_of_its_notice(world):
    council = make_council(world, 3)
    dossier = accepted_dossier(world)
    today = timezone.localdate()
    services.notice_publish(actor=world.secretariat, dossiers=[dossier], starts_on=today)
    with pytest.raises(ValidationError, match="đang công khai"):
        _session(world, council, [dossier])
    assert not CouncilSession.objects.exists()
    dossier.refresh_from_db()
    assert dossier.state == State.PUBLIC_NOTICE


def test_a_dossier_with_an_unanswered_objection_waits_for_the_answer(world):
    council = make_council(world, 3)
    dossier = accepted_dossier(world)
    notice = services.notice_publish(
        actor=world.secretariat, dossiers=[dossier], starts_on=dt.date(2024, 11, 4)
    )
    objection = services.objection_record(
        actor=world.secretariat,
        notice=notice,
        dossier=dossier,
        who="Nguyễn Văn Tâm",
        text="Thành tích nêu trong hồ sơ chưa đúng thời gian công tác.",
    )
    with pytest.raises(ValidationError, match="chưa được trả lời"):
        _session(world, council, [dossier])
    assert not CouncilSession.objects.exists()
    services.objection_answer(
        actor=world.secretariat, objection=objection, answer="Đã xác minh: đúng thời gian."
    )
    session = _session(world, council, [dossier])
    assert session.items.get().dossier_id == dossier.pk


def test_a_dossier_never_published_cannot_go_on_an_agenda(world):
    council = make_council(world, 3)
    dossier = accepted_dossier(world)
    with pytest.raises(ValidationError):
        _session(world, council, [dossier])
    assert not CouncilSession.objects.exists()


def test_a_notice_shorter_than_the_authority_period_is_refused(world):
    council = make_council(world, 3)
    council.notice_working_days = 7
    council.save(update_fields=["notice_working_days"])
    dossier = accepted_dossier(world)
    with pytest.raises(ValidationError, match="7 ngày làm việc"):
        services.notice_publish(
            actor=world.secretariat,
            dossiers=[dossier],
            starts_on=dt.date(2024, 11, 4),
            working_days=5,
        )
    notice = services.notice_publish(
        actor=world.secretariat, dossiers=[dossier], starts_on=dt.date(2024, 11, 4)
    )
    # 7 working days from Monday 4 November 2024: Tuesday 12 November.
    assert notice.ends_on == dt.date(2024, 11, 12)


@pytest.mark.parametrize("quorum", [Fraction(1, 2), Fraction(3, 5), Fraction(665, 1000)])
def test_a_quorum_below_two_thirds_is_refused(world, quorum):
    council = make_council(world, 3)
    dossier = accepted_dossier(world)
    services.notice_publish(
        actor=world.secretariat, dossiers=[dossier], starts_on=dt.date(2024, 11, 4)
    )
    with pytest.raises(ValidationError, match="hai phần ba"):
        _session(world, council, [dossier], quorum=quorum)
    assert not CouncilSession.objects.exists()


def test_the_session_form_offers_no_quorum_below_two_thirds():
    from guongsang.council.forms import QUORUM_CHOICES

    assert all(Fraction(value) >= Fraction(2, 3) for value, _label in QUORUM_CHOICES)


def _voting(world, n=5):
    council = make_council(world, n)
    dossier = accepted_dossier(world, name="Đào Thị Huệ")
    services.notice_publish(
        actor=world.secretariat, dossiers=[dossier], starts_on=dt.date(2024, 11, 4)
    )
    session = _session(world, council, [dossier], held_on=dt.date(2024, 11, 20))
    users = members_of(council)
    services.attendance_record(actor=world.secretariat, session=session, present_users=users)
    services.voting_open(actor=world.secretariat, session=session)
    return session, session.items.get(), users


def _physical_rows(table: str, columns: str) -> list[tuple]:
    """The rows as a dump would list them: in storage order (SQLite rowid, PostgreSQL ctid)."""
    order = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {order}")  # noqa: S608
        return cursor.fetchall()


def test_between_two_votes_the_stored_ballots_pair_no_member_with_a_choice(world):
    session, item, users = _voting(world)
    cast: list[tuple[str, str]] = []  # (member's user name, choice), in the order of voting
    ids_before: set = set()
    for user, choice in zip(users[:4], ["no", "yes", "abstain", "yes"], strict=True):
        receipt = services.ballot_cast(voter=user, item=item, choice=choice)
        cast.append((user.username, choice))
        ids_now = set(Ballot.objects.filter(item=item).values_list("id", flat=True))
        # Every vote rewrites the item's ballots: no key survives to date a ballot.
        assert not ids_now & ids_before
        ids_before = ids_now
        assert receipt in {b.receipt for b in Ballot.objects.filter(item=item)}

    # The "dump" between the fourth and the fifth vote.
    ballots = _physical_rows("council_ballot", "receipt, choice")
    participations = _physical_rows("council_participation", "member_id")
    assert len(ballots) == len(participations) == 4
    # Ballots lie in the order of their random receipt codes, not the order of voting ...
    assert [r for r, _c in ballots] == sorted(r for r, _c in ballots)
    # ... so pairing the n-th participation with the n-th ballot is chance, not a link: the
    # stored choice sequence follows the receipts, whatever the voting order was.
    by_receipt = dict(ballots)
    assert [c for _r, c in ballots] == [by_receipt[r] for r in sorted(by_receipt)]
    # Nothing on a ballot names, numbers or dates a voter.
    ballot_columns = {f.column for f in Ballot._meta.concrete_fields}
    assert ballot_columns == {"id", "item_id", "choice", "written", "receipt"}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(DISTINCT xmin::text) FROM council_ballot WHERE item_id = %s",
                [item.pk],
            )
            # One row version for all ballots: the transaction of the last vote wrote them all.
            assert cursor.fetchone()[0] == 1
    assert Participation.objects.filter(item=item).count() == 4
    services.ballot_cast(voter=users[4], item=item, choice="yes")
    results = services.voting_close(actor=world.secretariat, session=session)
    assert (results[0].yes, results[0].no, results[0].abstain) == (3, 1, 1)


def test_a_decision_is_never_dated_before_the_session_that_recommended_it(world):
    from guongsang.accounts.tests.factories import make_user
    from guongsang.core.roles import Role
    from guongsang.decisions import services as decisions

    session, item, users = _voting(world, n=3)
    for user in users:
        services.ballot_cast(voter=user, item=item, choice="yes")
    services.voting_close(actor=world.secretariat, session=session)
    item.dossier.refresh_from_db()
    assert item.dossier.state == State.RECOMMENDED
    draft = decisions.decision_draft(
        actor=world.secretariat, authority=world.dept, dossiers=[item.dossier]
    )
    signer = make_user("giamdoc", role=Role.SIGNER, unit=world.dept)
    with pytest.raises(ValidationError, match="trước ngày họp"):
        decisions.decision_sign(
            actor=signer, decision=draft, on=dt.date(2024, 11, 19), signer_name="Bạch Liên Hương"
        )
    draft.refresh_from_db()
    assert draft.number is None
    signed = decisions.decision_sign(
        actor=signer, decision=draft, on=dt.date(2024, 11, 20), signer_name="Bạch Liên Hương"
    )
    assert signed.decision_date == dt.date(2024, 11, 20)
