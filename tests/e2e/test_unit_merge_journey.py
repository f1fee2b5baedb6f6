"""The admin merges two centres from the unit's page: the other centre ticked in a list of
boxes (no Ctrl+click), the new name typed, the merge confirmed; the old centres close and
their staff serve in the new one."""

import datetime as dt

import pytest

from guongsang.org.models import Unit
from guongsang.org.tests.factories import make_unit
from guongsang.people.models import Position

from .support import shot_both_sizes
from .test_shell import LAPTOP, login

pytestmark = pytest.mark.e2e

MERGED = "Trung tâm Bảo trợ xã hội Hà Nội"


def test_the_admin_merges_two_centres_by_ticking_one(live_server, world, page_for, shot):
    for n in range(3, 13):  # enough siblings for the list to scroll
        make_unit(f"Trung tâm Bảo trợ xã hội {n}", parent=world.dept)
    for person, unit in [(world.person, world.centre), (world.other_person, world.other_centre)]:
        Position.objects.create(
            person=person, unit=unit, title="Nhân viên", valid_from=dt.date(2015, 3, 1)
        )
    page = page_for(*LAPTOP)
    login(page, live_server.url, "quantri")
    page.goto(f"{live_server.url}/to-chuc/")
    page.get_by_role("link", name=world.centre.name, exact=True).click()
    page.get_by_role("link", name="Sáp nhập").click()

    others = page.get_by_role("group", name="Sáp nhập cùng các đơn vị")
    others.get_by_label(world.other_centre.name, exact=True).check()
    page.get_by_label("Tên đơn vị sau sáp nhập").fill(MERGED)
    page.get_by_label("Mã đơn vị sau sáp nhập").fill("ttbtxh-hn")
    page.get_by_label("Ngày sáp nhập").fill("2026-01-01")
    page.get_by_label("Căn cứ / lý do").fill("Quyết định số 15/QĐ-UBND ngày 20/12/2025")
    move_staff = page.get_by_label("Chuyển cán bộ đang công tác", exact=False)
    assert move_staff.is_checked()  # what a merge usually means; untick to place them later
    page.get_by_label("Tôi xác nhận sáp nhập", exact=False).check()
    shot_both_sizes(page, page_for, shot, "org-unit-merge")
    page.get_by_role("button", name="Xác nhận").click()
    page.get_by_text(f"Đã sáp nhập thành “{MERGED}”.").wait_for()
    shot(page, "org-unit-merged-1366x768")
    staff = page.locator("dt", has_text="Cán bộ đang công tác").locator(
        "xpath=following-sibling::dd[1]"
    )
    assert staff.inner_text() == "2"

    merged = Unit.objects.get(name=MERGED)
    world.centre.refresh_from_db()
    world.other_centre.refresh_from_db()
    # Half-open periods [valid_from, valid_to): the old centres end the day the new one starts.
    assert world.centre.valid_to == world.other_centre.valid_to == dt.date(2026, 1, 1)
    assert merged.valid_from == dt.date(2026, 1, 1) and merged.parent == world.dept
    assert Unit.objects.filter(parent=world.dept, valid_to=None).count() == 11  # 12 − 2 + 1
    serving = Position.objects.filter(valid_to=None).values_list("person", "unit")
    assert set(serving) == {(world.person.pk, merged.pk), (world.other_person.pk, merged.pk)}
