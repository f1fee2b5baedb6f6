"""Eight decisions signed at the same moment, each in its own thread and connection: the
numbers are 1…8, none given twice, none skipped. PostgreSQL proves the row lock on the counter;
on SQLite the IMMEDIATE transactions serialise the writers."""

from __future__ import annotations

import datetime as dt

import pytest

from guongsang.decisions import services
from guongsang.decisions.models import Decision, NumberCounter
from guongsang.decisions.tests.factories import recommended, signer
from guongsang.people.tests.factories import letters, make_person
from tests.threads import at_once

SIGNATURES = 8


@pytest.mark.django_db(transaction=True)
def test_decisions_signed_at_once_get_consecutive_distinct_numbers(world, titles):
    drafts = []
    for i in range(SIGNATURES):
        person = make_person(f"Nguyễn Văn Ký {letters(i)}", unit=world.centre)
        drafts.append(
            services.decision_draft(
                actor=world.secretariat,
                authority=world.dept,
                dossiers=[recommended(world, person=person)],
            )
        )
    user = signer(world)

    def sign(draft):
        return lambda: services.decision_sign(actor=user, decision=draft, on=dt.date(2024, 2, 5))

    errors = at_once([sign(d) for d in drafts])
    assert errors == []
    numbers = sorted(Decision.objects.values_list("number", flat=True))
    assert numbers == list(range(1, SIGNATURES + 1))
    assert NumberCounter.objects.get(authority=world.dept, year=2024).last == SIGNATURES
