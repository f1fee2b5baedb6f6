"""The home page's to-do list: each role sees the counts of what waits for it, computed here
from the dossiers, notices and decisions the test makes."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from guongsang.core.roles import Role
from guongsang.core.todo import todo_for
from guongsang.nominations.services import dossier_transition
from guongsang.nominations.tests.factories import make_dossier
from guongsang.people.tests.factories import make_person

pytestmark = pytest.mark.django_db
REASON = "Thiếu biên bản họp xét của đơn vị."


def _items(user):
    return {(s.role, i.label): i for s in todo_for(user) for i in s.items}


def _by_label(user, role, start):
    found = [i for (r, label), i in _items(user).items() if r == role and label.startswith(start)]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.fixture
def dossiers(world, titles):
    year = timezone.localdate().year
    people = [make_person(name, unit=world.centre) for name in ("Lê Văn An", "Phạm Thị Bình")]
    people += [make_person(name, unit=world.centre) for name in ("Vũ Văn Cường", "Đỗ Thị Dung")]
    drafts = [make_dossier(world, person=p, year=year) for p in people[:2]]
    submitted = [make_dossier(world, person=p, year=year) for p in people[2:]]
    for dossier in submitted:
        dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    returned = dossier_transition(
        actor=world.secretariat, dossier=submitted[0], action="return", reason=REASON
    )
    return {"drafts": drafts, "submitted": submitted[1:], "returned": [returned]}


def test_the_officer_sees_drafts_and_the_returned_dossier_with_its_reason(world, dossiers):
    drafts = _by_label(world.officer, Role.UNIT_OFFICER, "Hồ sơ đang soạn")
    assert drafts.count == len(dossiers["drafts"]) == 2
    assert drafts.url == reverse("nominations:list") + "?status=draft"
    returned = _by_label(world.officer, Role.UNIT_OFFICER, "Hồ sơ bị trả lại")
    assert returned.count == 1 and returned.urgent
    assert REASON in returned.detail and dossiers["returned"][0].person.full_name in returned.detail
    # Another unit's officer has nothing of this.
    assert todo_for(world.other_officer) == []


def test_the_secretariat_sees_what_units_sent(world, dossiers):
    waiting = _by_label(world.secretariat, Role.SECRETARIAT, "Hồ sơ đơn vị đã gửi")
    assert waiting.count == len(dossiers["submitted"]) == 1
    # The officer's own sections do not show on the secretariat's home, nor the reverse.
    assert {s.role for s in todo_for(world.secretariat)} == {Role.SECRETARIAT}
    assert {s.role for s in todo_for(world.officer)} == {Role.UNIT_OFFICER}


def test_nothing_waiting_gives_an_empty_list_and_zero_counts_are_left_out(world, titles):
    assert todo_for(world.officer) == []
    assert todo_for(world.secretariat) == []


def test_a_movement_deadline_and_missing_pledges_are_listed(world, titles):
    from guongsang.movements.models import Movement

    today = timezone.localdate()
    movement = Movement.objects.create(
        name="Phong trào thi đua năm nay",
        year=today.year,
        organiser=world.dept,
        launched_on=today - dt.timedelta(days=10),
        pledge_deadline=today + dt.timedelta(days=3),
        nomination_deadline=today + dt.timedelta(days=40),
    )
    pledges = _by_label(world.officer, Role.UNIT_OFFICER, "Đơn vị chưa đăng ký thi đua")
    # The officer's unit is the only unit under the organiser in the officer's scope.
    assert pledges.count == 1 and pledges.urgent and movement.name in pledges.label
    deadline = _by_label(world.officer, Role.UNIT_OFFICER, "Hạn gửi hồ sơ")
    assert deadline.badge_text == "còn 40 ngày" and not deadline.urgent


def test_the_home_page_shows_the_list_with_links(client, world, dossiers):
    client.force_login(world.officer)
    page = client.get(reverse("core:home")).content.decode()
    assert "Việc cần làm" in page and "Hồ sơ bị trả lại, cần bổ sung" in page
    assert REASON in page and "?status=returned" in page


def test_the_unread_badge_counts_and_clears(client, world, dossiers):
    from guongsang.nominations.models import Notification

    client.force_login(world.officer)
    unread = Notification.objects.filter(user=world.officer, read_at=None).count()
    assert unread >= 1  # the return told the officer
    page = client.get(reverse("core:home")).content.decode()
    assert f'data-testid="unread-badge">{unread}<' in page
    client.post(reverse("nominations:notifications"))
    assert 'data-testid="unread-badge"' not in client.get(reverse("core:home")).content.decode()


def test_the_signer_sees_the_drafts_of_the_authority(world, titles):
    from guongsang.decisions import services
    from guongsang.decisions.tests.factories import recommended, signer

    signer(world)
    assert todo_for(world.signer) == []
    people = [make_person(n, unit=world.centre) for n in ("Lê Văn An", "Phạm Thị Bình")]
    for person in people:
        services.decision_draft(
            actor=world.secretariat,
            authority=world.dept,
            dossiers=[recommended(world, person=person)],
        )
    waiting = _by_label(world.signer, Role.SIGNER, "Dự thảo quyết định chờ ký")
    assert waiting.count == len(people) and waiting.url == reverse("decisions:list")


def test_the_leader_compares_this_year_with_last_year(world, titles):
    from guongsang.conference.tests.factories import make_award

    year = timezone.localdate().year
    counts = {year: 3, year - 1: 5, year - 2: 7}  # the year before last is not compared
    for on, n in counts.items():
        for i in range(n):
            make_award(
                unit=world.centre,
                person=make_person(f"Người {'ABCDEFG'[i]}", unit=world.centre),
                year=on,
            )
    make_award(unit=world.city, year=year)  # outside the leader's department
    item = _by_label(world.leader, Role.LEADER, "Khen thưởng năm")
    assert item.count == counts[year]
    assert item.detail == f"Năm {year - 1}: {counts[year - 1]}"
