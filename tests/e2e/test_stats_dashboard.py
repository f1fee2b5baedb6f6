"""A leader opens the statistics dashboard on a phone and on a laptop: the charts are drawn
from the app's JSON, every chart keeps its table, and the grouped table exports to Excel."""

import datetime as dt

import pytest

from guongsang.awards.services import award_record

from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e


@pytest.fixture
def history(world, titles):
    good, city = titles["nguoi-tot-viec-tot-co-so"], titles["nguoi-tot-viec-tot-thanh-pho"]
    for year in range(2019, 2024):
        for _ in range(year - 2016):
            award_record(
                actor=None,
                title=good,
                year=year,
                unit=world.centre,
                person=world.person,
                decision_date=dt.date(year, 10, 1),
            )
        if year % 2:
            award_record(
                actor=None,
                title=city,
                year=year,
                unit=world.other_centre,
                person=world.other_person,
                decision_date=dt.date(year, 9, 1),
            )
    return world


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_a_leader_reads_the_dashboard(live_server, history, page_for, shot, size):
    page = page_for(*size)
    login(page, live_server.url, "lanhdao")
    page.goto(f"{live_server.url}/thong-ke/?year_from=2019&year_to=2023")
    page.locator("#gs-dashboard[data-drawn='1']").wait_for()
    assert page.get_by_role("heading", name="Số lượt khen thưởng theo năm và cấp").is_visible()
    assert page.locator("canvas[data-chart='levels']").bounding_box()["height"] > 100
    table = page.get_by_role("table").first
    assert "2023" in table.inner_text() and "Luỹ kế" in table.inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= size[0] + 1, "the page must not scroll sideways"
    shot(page, f"stats-dashboard-leader-{size[0]}x{size[1]}")


def test_the_leader_builds_a_grouped_table_and_downloads_it(live_server, history, page_for, shot):
    page = page_for(*LAPTOP)
    login(page, live_server.url, "lanhdao")
    page.goto(f"{live_server.url}/thong-ke/bang/?year_from=2019&year_to=2023")
    page.get_by_label("Đơn vị", exact=True).check()
    page.get_by_role("button", name="Xem").click()
    page.get_by_role("columnheader", name="Đơn vị").wait_for()
    assert "Trung tâm Bảo trợ xã hội 2" in page.content()
    shot(page, "stats-table-leader-1366x768")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    assert download.value.suggested_filename == "thong-ke-2019-2023.xlsx"
