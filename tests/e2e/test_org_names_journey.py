"""The organisation tree on a past date shows the names units bore that day."""

import datetime as dt

import pytest

from guongsang.org.services import unit_rename
from guongsang.org.tests.factories import make_unit

from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e

OLD, NEW = "Trung tâm Giới thiệu việc làm Hà Nội", "Trung tâm Dịch vụ việc làm Hà Nội"
CARE = "Trung tâm Điều dưỡng Hà Nội"


def _order(page):
    """The three centres' links in the order the tree shows them."""
    names = page.get_by_role("link").all_inner_texts()
    return [n.strip() for n in names if n.strip() in (OLD, NEW, CARE)]


@pytest.mark.parametrize(("width", "height"), [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_tree_of_2015_shows_the_former_name(live_server, world, page_for, shot, width, height):
    centre = make_unit(OLD, parent=world.dept, valid_from=dt.date(2005, 1, 1))
    unit_rename(actor=None, unit=centre, name=NEW, on=dt.date(2016, 1, 1))
    make_unit(CARE, parent=world.dept, valid_from=dt.date(2005, 1, 1))
    page = page_for(width, height)
    login(page, live_server.url, "thuongtruc")
    page.goto(f"{live_server.url}/to-chuc/")
    assert page.get_by_role("link", name=NEW).is_visible()
    # Siblings in the order of the day's names: today D(ịch vụ) < Đ(iều dưỡng).
    assert _order(page) == [NEW, CARE]
    page.get_by_label("Xem cơ cấu tại ngày").fill("2015-06-01")
    page.get_by_role("button", name="Xem").click()
    page.get_by_role("link", name=OLD).wait_for()
    assert page.get_by_text(f"nay là {NEW}").is_visible()
    assert page.get_by_role("link", name=NEW).count() == 0
    assert _order(page) == [CARE, OLD]  # in 2015: Đ(iều dưỡng) < G(iới thiệu)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "the page scrolls sideways"
    shot(page, f"org-tree-2015-{width}x{height}")
