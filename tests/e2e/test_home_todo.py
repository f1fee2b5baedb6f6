"""The home page is each role's to-do list, in the browser: the secretariat sees the dossiers
units sent, follows the link and returns one with a reason; the officer's home then lists it
with the reason, the bell counts the notification, and reading it clears the count.

Screenshots of both homes at 1366×768 and 390×844 go to var/screenshots/home-*.png."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from guongsang.accounts.tests.factories import PASSWORD
from guongsang.nominations.services import dossier_transition
from guongsang.nominations.tests.factories import make_dossier
from guongsang.people.tests.factories import make_person

from .test_council_procedure import both_sizes
from .test_dossier_journey import act
from .test_shell import LAPTOP

pytestmark = [pytest.mark.e2e, pytest.mark.prod_journey]
REASON = "Cần bổ sung biên bản họp xét của đơn vị."


def test_each_role_starts_the_day_from_its_to_do_list(
    app_url, login, give_totp, world, titles, page_for, shot
):
    year = timezone.localdate().year
    names = ("Lê Văn An", "Phạm Thị Bình", "Vũ Văn Cường")
    sent = []
    for name in names:
        dossier = make_dossier(world, person=make_person(name, unit=world.centre), year=year)
        sent.append(dossier_transition(actor=world.officer, dossier=dossier, action="submit"))
    make_dossier(world, person=make_person("Đỗ Thị Dung", unit=world.centre), year=year)
    for user in (world.officer, world.secretariat):
        give_totp(user)

    # The secretariat's home counts what the units sent; the link opens exactly those.
    secretariat = page_for(*LAPTOP)
    login(secretariat, "thuongtruc", PASSWORD)
    todo = secretariat.get_by_test_id("todo")
    waiting = todo.get_by_role("listitem").filter(has_text="Hồ sơ đơn vị đã gửi, chờ tiếp nhận")
    assert waiting.locator(".badge").inner_text() == str(len(sent))
    both_sizes(secretariat, page_for, shot, "home-secretariat")
    waiting.get_by_role("link").click()
    secretariat.wait_for_url("**status=submitted**")
    expect(secretariat.locator("tbody tr")).to_have_count(len(sent))
    secretariat.get_by_role("link", name=names[0]).click()
    act(secretariat, "Trả lại để bổ sung", reason=REASON)

    # The officer's home: one draft, one returned with its reason, the bell says 1.
    officer = page_for(*LAPTOP)
    login(officer, "canbo", PASSWORD)
    todo = officer.get_by_test_id("todo")
    returned = todo.get_by_role("listitem").filter(has_text="Hồ sơ bị trả lại, cần bổ sung")
    assert REASON in returned.inner_text() and names[0] in returned.inner_text()
    drafts = todo.get_by_role("listitem").filter(has_text="Hồ sơ đang soạn, chưa gửi")
    assert drafts.locator(".badge").inner_text() == "1"
    assert officer.get_by_test_id("unread-badge").inner_text().startswith("1")
    both_sizes(officer, page_for, shot, "home-officer")
    returned.get_by_role("link").click()
    assert officer.locator("tbody tr").count() == 1
    assert officer.get_by_role("link", name=names[0]).is_visible()

    # Read from the bell, the notification leaves the count.
    officer.get_by_test_id("notifications-link").click()
    assert REASON in officer.get_by_role("main").inner_text() or names[0] in officer.content()
    officer.get_by_role("button", name="Đánh dấu đã đọc tất cả").click()
    officer.get_by_role("heading", name="Thông báo", exact=True).wait_for()
    assert officer.get_by_test_id("unread-badge").count() == 0


def test_a_reminder_from_the_worker_reaches_the_officer_before_the_deadline(
    app_url, login, give_totp, world, titles, page_for, shot, settings
):
    import datetime as dt

    from guongsang.core.periodic import run_due
    from guongsang.movements.tests.factories import make_movement

    movement = make_movement(
        world.dept, pledge_deadline=timezone.localdate() + dt.timedelta(days=7)
    )
    give_totp(world.officer)
    # The worker's periodic round (what db_worker runs every ten minutes).
    settings.GS_PERIODIC_JOBS = [("guongsang.nominations.reminders.movement_reminders", 600)]
    assert run_due({}) == ["guongsang.nominations.reminders.movement_reminders"]

    officer = page_for(*LAPTOP)
    login(officer, "canbo", PASSWORD)
    assert officer.get_by_test_id("unread-badge").inner_text().startswith("1")
    todo = officer.get_by_test_id("todo")
    assert movement.name in todo.inner_text()
    officer.get_by_test_id("notifications-link").click()
    reminder = officer.get_by_role("link", name=re.compile("Nhắc việc: đơn vị chưa đăng ký"))
    assert movement.name in reminder.inner_text()
    shot(officer, "home-reminder-1366x768")
    reminder.click()
    officer.get_by_role("heading", name=movement.name).wait_for()
