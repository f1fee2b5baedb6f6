"""Reminders before a movement's deadlines and of open ballots, sent by the task worker's
periodic jobs: once per person and day-mark, only to those who still have to act."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from guongsang.accounts.tests.factories import make_user
from guongsang.core.periodic import Periodic, run_due
from guongsang.core.roles import Role
from guongsang.movements.models import Movement, Pledge
from guongsang.movements.tests.factories import make_movement
from guongsang.nominations.models import Notification
from guongsang.nominations.reminders import movement_reminders

JOB = ("guongsang.nominations.reminders.movement_reminders", 600)


def _notes(user):
    return list(Notification.objects.filter(user=user).order_by("pk"))


def _movement(world, *, pledge_in: int, nominate_in: int) -> Movement:
    today = timezone.localdate()
    movement = make_movement(world.dept, pledge_deadline=today + dt.timedelta(days=pledge_in))
    movement.nomination_deadline = today + dt.timedelta(days=nominate_in)
    movement.save(update_fields=["nomination_deadline"])
    return movement


@pytest.mark.django_db
def test_a_week_before_the_pledge_deadline_the_units_that_have_not_pledged_hear_of_it(world):
    today = timezone.localdate()
    movement = _movement(world, pledge_in=30, nominate_in=60)
    Pledge.objects.create(movement=movement, unit=world.other_centre, registered_by=world.admin)
    # Too early: 30 days before, nothing.
    assert movement_reminders(today) == 0
    # Moved to 7 days before the pledge deadline: only the unit without a pledge hears.
    week_before = movement.pledge_deadline - dt.timedelta(days=7)
    assert movement_reminders(week_before) == 1
    [note] = _notes(world.officer)
    assert movement.name in note.message and "chưa đăng ký" in note.message
    assert note.link.endswith(f"/{movement.uuid}/") and note.dossier is None
    assert _notes(world.other_officer) == []
    # The same day again, or the next day (still inside the week), sends nothing new.
    assert movement_reminders(week_before) == 0
    assert movement_reminders(week_before + dt.timedelta(days=1)) == 0
    # The day before, a second reminder.
    assert movement_reminders(movement.pledge_deadline - dt.timedelta(days=1)) == 1
    assert len(_notes(world.officer)) == 2


@pytest.mark.django_db
def test_the_nomination_deadline_reminds_every_expected_unit_and_not_after_it(world):
    movement = _movement(world, pledge_in=1, nominate_in=20)
    Pledge.objects.create(movement=movement, unit=world.centre, registered_by=world.admin)
    Pledge.objects.create(movement=movement, unit=world.other_centre, registered_by=world.admin)
    day = movement.nomination_deadline - dt.timedelta(days=7)
    assert movement_reminders(day) == 2  # both units' officers, pledged or not
    assert "hạn gửi hồ sơ" in _notes(world.officer)[0].message
    assert movement_reminders(movement.nomination_deadline + dt.timedelta(days=1)) == 0


@pytest.mark.django_db
def test_a_member_with_ballots_left_is_reminded_once_a_day(world, titles):
    from guongsang.council.reminders import ballot_reminders
    from guongsang.council.services import ballot_cast
    from guongsang.council.tests.factories import (
        accepted_dossier,
        make_council,
        members_of,
        open_session,
    )

    council = make_council(world, 3)
    assert ballot_reminders() == 0  # no open session
    dossiers = [accepted_dossier(world, name=n) for n in ("Lê Văn An", "Phạm Thị Bình")]
    session = open_session(world, council, dossiers)
    first, second, third = members_of(council)
    for item in session.items.all():
        ballot_cast(voter=first, item=item, choice="yes")  # done: no reminder
    ballot_cast(voter=second, item=session.items.first(), choice="yes")  # one left
    today = timezone.localdate()
    assert ballot_reminders(today) == 2
    assert _notes(first) == []
    assert "còn 1 hồ sơ" in _notes(second)[0].message
    assert "còn 2 hồ sơ" in _notes(third)[0].message
    assert ballot_reminders(today) == 0  # once a day
    assert ballot_reminders(today + dt.timedelta(days=1)) == 2


@pytest.mark.django_db
def test_the_worker_runs_the_job_on_its_interval(world, settings):
    settings.GS_PERIODIC_JOBS = [JOB]
    _movement(world, pledge_in=3, nominate_in=40)
    last_run: dict[str, float] = {}
    assert run_due(last_run, now=1000.0) == [JOB[0]]
    assert len(_notes(world.officer)) == 1
    assert run_due(last_run, now=1000.0 + JOB[1] - 1) == []  # not yet due again
    assert run_due(last_run, now=1000.0 + JOB[1]) == [JOB[0]]
    assert len(_notes(world.officer)) == 1  # due again, but nothing new to say


@pytest.mark.django_db(transaction=True)
def test_the_worker_thread_sends_the_reminder_on_its_own(world, settings):
    settings.GS_PERIODIC_JOBS = [JOB]
    make_user("canbo-ba", role=Role.UNIT_OFFICER, unit=world.centre)
    _movement(world, pledge_in=2, nominate_in=40)
    thread = Periodic(tick=0.05)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while Notification.objects.count() < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        thread.stopped.set()
        thread.join(timeout=10)
    # The three officers of the two units expected to pledge.
    assert Notification.objects.count() == 3
