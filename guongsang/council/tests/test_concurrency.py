"""Fifty members vote at once, each thread on its own database connection: the tally is exact
and nobody votes twice. The PostgreSQL run is the one that proves it (row locks and the unique
constraint); on SQLite the writes are serialised in the process."""

from __future__ import annotations

import pytest

from guongsang.council import services
from guongsang.council.models import Ballot, Choice, Participation
from guongsang.council.tests.factories import (
    accepted_dossier,
    make_council,
    members_of,
    open_session,
)
from tests.threads import at_once

MEMBERS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_members_voting_at_once_give_an_exact_tally(world, titles):
    council = make_council(world, MEMBERS)
    dossier = accepted_dossier(world)
    session = open_session(world, council, [dossier])
    item = session.items.get()
    users = members_of(council)
    # 31 yes, 12 no, 7 abstain; ten members also try a second (no) ballot at the same moment.
    choices = [Choice.YES] * 31 + [Choice.NO] * 12 + [Choice.ABSTAIN] * 7
    receipts: list[str] = []
    counted: list[str] = []  # the choice of each ballot that was accepted

    def voter(user, choice):
        def cast():
            receipts.append(services.ballot_cast(voter=user, item=item, choice=choice))
            counted.append(choice)

        return cast

    targets = [voter(u, c) for u, c in zip(users, choices, strict=True)]
    targets += [voter(u, Choice.NO) for u in users[:10]]  # second attempts
    errors = at_once(targets)

    assert len(receipts) == MEMBERS and len(set(receipts)) == MEMBERS
    assert len(errors) == 10 and all("đã bỏ phiếu" in str(e) for e in errors)
    assert Participation.objects.filter(item=item).count() == MEMBERS
    [result] = services.voting_close(actor=world.secretariat, session=session)
    # Whichever of a member's two ballots came first was counted, the other refused.
    expected = (counted.count(Choice.YES), counted.count(Choice.NO), counted.count(Choice.ABSTAIN))
    assert (result.yes, result.no, result.abstain) == expected and sum(expected) == MEMBERS
    assert result.base == MEMBERS
    assert sorted(Ballot.objects.filter(item=item).values_list("receipt", flat=True)) == sorted(
        receipts
    )
