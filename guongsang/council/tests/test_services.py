"""The council's services: notice, sessions, quorum, ballots, thresholds, tally."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guongsang.core.models import AuditEntry
from guongsang.council import services
from guongsang.council.models import Ballot, Choice, Outcome, Participation, SessionStatus
from guongsang.council.tests.factories import (
    accepted_dossier,
    make_council,
    members_of,
    ninety_percent_rule,
    open_session,
)

pytestmark = pytest.mark.django_db


def test_five_working_days_from_a_friday_end_on_thursday():
    assert services.add_working_days(dt.date(2024, 11, 1), 5) == dt.date(2024, 11, 7)
    assert services.add_working_days(dt.date(2024, 11, 2), 1) == dt.date(2024, 11, 4)


def test_publishing_moves_accepted_dossiers_to_public_notice(world, titles):
    dossier = accepted_dossier(world)
    notice = services.notice_publish(
        actor=world.secretariat, dossiers=[dossier], starts_on=dt.date(2024, 11, 4)
    )
    dossier.refresh_from_db()
    assert dossier.state == "public_notice"
    assert notice.ends_on == dt.date(2024, 11, 8)
    assert "2024" in notice.title


def test_an_officer_cannot_publish_and_nothing_changes(world, titles):
    dossier = accepted_dossier(world)
    with pytest.raises(PermissionDenied):
        services.notice_publish(actor=world.officer, dossiers=[dossier], starts_on=dt.date.today())
    dossier.refresh_from_db()
    assert dossier.state == "accepted"


def test_objections_are_recorded_answered_and_contact_masked_in_the_log(world, titles):
    dossier = accepted_dossier(world)
    notice = services.notice_publish(
        actor=world.secretariat, dossiers=[dossier], starts_on=dt.date(2024, 11, 4)
    )
    objection = services.objection_record(
        actor=world.secretariat,
        notice=notice,
        dossier=dossier,
        who="Nguyễn Văn Tâm",
        contact="0912345678",
        text="Đề nghị làm rõ thời gian công tác.",
    )
    services.objection_answer(actor=world.secretariat, objection=objection, answer="Đã xác minh.")
    objection.refresh_from_db()
    assert objection.answered_by == world.secretariat and objection.answered_at is not None
    entry = AuditEntry.objects.filter(object_type="council.objection", action="create").get()
    assert entry.after["contact"] == "***"
    with pytest.raises(ValidationError):
        services.objection_answer(actor=world.secretariat, objection=objection, answer="  ")


def test_a_session_moves_its_dossiers_to_the_council(world, titles):
    council = make_council(world, 3)
    dossier = accepted_dossier(world)
    session = open_session(world, council, [dossier])
    dossier.refresh_from_db()
    assert dossier.state == "council" and session.status == SessionStatus.OPEN
    assert services.council_for(world.dept) == council


@pytest.mark.parametrize(
    ("members", "present", "opens"),
    [(6, 4, True), (6, 3, False), (7, 5, True), (7, 4, False), (9, 6, True), (9, 5, False)],
)
def test_quorum_is_two_thirds_of_all_members(world, titles, members, present, opens):
    council = make_council(world, members)
    dossier = accepted_dossier(world)
    if opens:
        session = open_session(world, council, [dossier], present=present)
        assert session.status == SessionStatus.OPEN
    else:
        with pytest.raises(ValidationError, match="Chưa đủ số thành viên tối thiểu"):
            open_session(world, council, [dossier], present=present)


def _vote(council, item, choices):
    users = members_of(council)
    return [
        services.ballot_cast(voter=user, item=item, choice=choice)
        for user, choice in zip(users, choices, strict=False)
    ]


@pytest.mark.parametrize(("yes", "outcome"), [(3, "not_recommended"), (4, "recommended")])
def test_more_than_half_of_present_members(world, titles, yes, outcome):
    council = make_council(world, 8)
    dossier = accepted_dossier(world)
    session = open_session(world, council, [dossier], present=6)
    item = session.items.get()
    _vote(council, item, [Choice.YES] * yes + [Choice.NO] * (6 - yes))
    [result] = services.voting_close(actor=world.secretariat, session=session)
    dossier.refresh_from_db()
    assert (result.counted_yes, result.base) == (yes, 6)
    assert dossier.state == outcome
    if outcome == "not_recommended":
        event = dossier.events.get(action="not_recommend")
        assert "3/6 phiếu đồng ý" in event.reason and "quá 50%" in event.reason


@pytest.mark.parametrize(
    ("written", "outcome"), [(Choice.YES, "recommended"), (Choice.NO, "not_recommended")]
)
def test_ninety_percent_of_all_members_counts_written_opinions(world, titles, written, outcome):
    ninety_percent_rule()
    council = make_council(world, 10)
    dossier = accepted_dossier(world)
    session = open_session(world, council, [dossier], present=8)
    item = session.items.get()
    _vote(council, item, [Choice.YES] * 8)
    absent = members_of(council)[8:]
    services.written_opinion_record(
        actor=world.secretariat, item=item, member_user=absent[0], choice=written
    )
    services.written_opinion_record(
        actor=world.secretariat, item=item, member_user=absent[1], choice=Choice.ABSTAIN
    )
    [result] = services.voting_close(actor=world.secretariat, session=session)
    assert result.base == 10
    assert result.counted_yes == (9 if written == Choice.YES else 8)
    dossier.refresh_from_db()
    assert dossier.state == outcome


def test_written_opinions_are_refused_for_present_members_and_other_rules(world, titles):
    council = make_council(world, 4)
    dossier = accepted_dossier(world)
    session = open_session(world, council, [dossier], present=3)
    item = session.items.get()
    absent = members_of(council)[3]
    with pytest.raises(ValidationError, match="tổng số thành viên"):
        services.written_opinion_record(
            actor=world.secretariat, item=item, member_user=absent, choice=Choice.YES
        )


def test_a_member_votes_once_and_only_while_present_and_open(world, titles, django_user_model):
    council = make_council(world, 4)
    dossier = accepted_dossier(world)
    session = open_session(world, council, [dossier], present=3)
    item = session.items.get()
    first, _second, _third, absent = members_of(council)
    receipt = services.ballot_cast(voter=first, item=item, choice=Choice.YES)
    assert len(receipt) == 12 and receipt.count("-") == 2
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        services.ballot_cast(voter=first, item=item, choice=Choice.NO)
    with pytest.raises(ValidationError, match="vắng mặt"):
        services.ballot_cast(voter=absent, item=item, choice=Choice.YES)
    with pytest.raises(PermissionDenied):
        services.ballot_cast(voter=world.officer, item=item, choice=Choice.YES)
    with pytest.raises(ValidationError, match="không hợp lệ"):
        services.ballot_cast(voter=_second, item=item, choice="maybe")
    services.voting_close(actor=world.secretariat, session=session)
    with pytest.raises(ValidationError, match="thời gian bỏ phiếu"):
        services.ballot_cast(voter=_third, item=item, choice=Choice.YES)
    assert Ballot.objects.filter(item=item).count() == 1


def test_the_nominee_cannot_vote_on_their_own_dossier_and_leaves_the_base(world, titles):
    council = make_council(world, 4)
    nominee_user = members_of(council)[1]
    nominee_user.person = world.person
    nominee_user.save(update_fields=["person"])
    dossier = accepted_dossier(world, person=world.person)
    session = open_session(world, council, [dossier])
    item = session.items.get()
    with pytest.raises(ValidationError, match="chính mình"):
        services.ballot_cast(voter=nominee_user, item=item, choice=Choice.YES)
    for user in members_of(council):
        if user != nominee_user:
            services.ballot_cast(voter=user, item=item, choice=Choice.YES)
    [result] = services.voting_close(actor=world.secretariat, session=session)
    assert (result.counted_yes, result.base, result.recommended) == (3, 3, True)


def test_after_the_tally_no_stored_row_links_a_ballot_to_its_voter(world, titles):
    from django.db import connection

    council = make_council(world, 5)
    dossier = accepted_dossier(world)
    session = open_session(world, council, [dossier])
    item = session.items.get()
    choices = [Choice.YES, Choice.NO, Choice.YES, Choice.ABSTAIN, Choice.YES]
    receipts = _vote(council, item, choices)
    ids_before = set(Ballot.objects.values_list("id", flat=True))
    services.voting_close(actor=world.secretariat, session=session)

    # The ballot table has no voter, no time, no sequence: a random key, a choice, a receipt.
    fields = {f.name: f for f in Ballot._meta.concrete_fields}
    assert set(fields) == {"id", "item", "choice", "written", "receipt"}
    assert not any(f.get_internal_type() in {"DateTimeField", "DateField"} for f in fields.values())
    participation_fields = {f.name for f in Participation._meta.concrete_fields}
    assert participation_fields == {"id", "item", "member", "written"}
    # Rewritten at the close: no ballot keeps the key it had when it was cast.
    ids_after = set(Ballot.objects.values_list("id", flat=True))
    assert ids_after.isdisjoint(ids_before) and len(ids_after) == 5
    assert sorted(Ballot.objects.values_list("receipt", flat=True)) == sorted(receipts)
    # The audit log says who voted, never what: no choice, no receipt.
    for entry in AuditEntry.objects.filter(object_type__startswith="council"):
        text = f"{entry.before} {entry.after} {entry.reason} {entry.object_repr}"
        assert not any(r in text for r in receipts)
        if entry.object_type == "council.participation":
            assert entry.before is None and entry.after is None
    assert not AuditEntry.objects.filter(object_type="council.ballot").exists()
    if connection.vendor == "postgresql":
        # One transaction wrote every ballot and participation of the session: the xmin
        # (inserting transaction id) is the same for all of them and pairs nothing.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(DISTINCT xmin::text) FROM ("
                " SELECT xmin FROM council_ballot UNION ALL SELECT xmin FROM council_participation"
                ") t"
            )
            assert cursor.fetchone()[0] == 1


def test_the_tally_is_exact_over_several_items(world, titles):
    council = make_council(world, 6)
    dossiers = [accepted_dossier(world, name=n) for n in ("Mai Văn Tú", "Lý Thị Hoa")]
    session = open_session(world, council, dossiers)
    first, second = session.items.order_by("order")
    _vote(council, first, [Choice.YES] * 4 + [Choice.NO, Choice.ABSTAIN])
    _vote(council, second, [Choice.NO] * 4 + [Choice.YES] * 2)
    results = services.voting_close(actor=world.secretariat, session=session)
    assert [(r.yes, r.no, r.abstain, r.recommended) for r in results] == [
        (4, 1, 1, True),
        (2, 4, 0, False),
    ]
    first.refresh_from_db()
    assert first.outcome == Outcome.RECOMMENDED
    session.refresh_from_db()
    assert session.status == SessionStatus.TALLIED
    with pytest.raises(ValidationError):
        services.voting_close(actor=world.secretariat, session=session)
