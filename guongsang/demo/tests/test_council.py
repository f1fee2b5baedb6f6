"""The demo councils and the open session that “hoidong” votes in."""

from __future__ import annotations

import datetime as dt

import pytest

from guongsang.council import services
from guongsang.council.models import Choice, Council, PublicNotice, SessionStatus
from guongsang.demo.steps import council as demo
from guongsang.nominations.models import Dossier, State

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def test_the_demo_has_two_councils_an_open_session_and_a_full_cycle():
    session = demo.seed()  # the open session the demo made
    department = Council.objects.get(unit__code="so-ldtbxh")
    city = Council.objects.get(unit__code="tp-ha-noi")
    chair = department.members.get(role="chair")
    assert chair.user.full_name == "Bạch Liên Hương" and chair.user.person is not None
    assert city.members.filter(user__full_name="Nguyễn Công Bằng").exists()
    assert session is not None and session.status == SessionStatus.OPEN
    hoidong = department.members.get(user__username="hoidong").user
    item = session.items.first()
    receipt = services.ballot_cast(voter=hoidong, item=item, choice=Choice.YES)
    assert receipt
    # The decisions demo runs whole cycles with run_session.
    secretariat = department.members.get(user__username="thuongtruc").user
    year = session.items.first().dossier.year
    accepted = list(Dossier.objects.filter(year=year, state=State.PUBLIC_NOTICE))
    assert accepted  # this year's notice is running
    services.voting_close(actor=secretariat, session=session)
    # Its dossiers left the council (the demo's encrypted session holds others until tallied).
    closed = session.items.values("dossier_id")
    assert not Dossier.objects.filter(state=State.COUNCIL, pk__in=closed).exists()
    # The notice period ends before the next session.
    PublicNotice.objects.filter(dossiers__in=accepted).update(
        starts_on=dt.date.today() - dt.timedelta(days=14),
        ends_on=dt.date.today() - dt.timedelta(days=7),
    )
    cycle = demo.run_session(
        council=department,
        year=year,
        dossiers=accepted,
        held_on=dt.date.today(),
        place=demo.DEPARTMENT_PLACE,
        actor=secretariat,
        votes={accepted[0].pk: (2, 3, 1)},
    )
    assert cycle.status == SessionStatus.TALLIED
    accepted[0].refresh_from_db()
    assert accepted[0].state == State.NOT_RECOMMENDED


def test_unread_notifications_are_only_about_this_years_dossiers():
    from django.utils import timezone

    from guongsang.nominations.models import Notification

    this_year = timezone.localdate().year
    unread = Notification.objects.filter(read_at=None)
    assert unread.exists()  # this year's work still tells people
    assert not unread.filter(dossier__year__lt=this_year).exists()
    assert Notification.objects.filter(dossier__year__lt=this_year).exists()
