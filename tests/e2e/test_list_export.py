"""The secretariat searches the organisation tree without diacritics and downloads what the page
shows as Excel, on a laptop and on a phone."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from guongsang.org.tests.factories import make_unit

from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(("width", "height"), [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_tree_searched_without_diacritics_downloads_its_rows(
    live_server, world, page_for, shot, tmp_path, width, height
):
    make_unit("Trung tâm Điều dưỡng người có công", parent=world.dept)
    make_unit("Phòng Điều dưỡng", parent=world.centre)
    page = page_for(width, height)
    login(page, live_server.url, "thuongtruc")
    page.goto(f"{live_server.url}/to-chuc/")
    page.get_by_label("Tìm đơn vị (có dấu hay không dấu)").fill("dieu duong")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**q=dieu+duong**")
    shown = sorted(page.locator("table a.unit-name").all_inner_texts())
    assert shown == ["Phòng Điều dưỡng", "Trung tâm Điều dưỡng người có công"]
    shot(page, f"tree-search-export-{width}x{height}")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    with page.expect_download() as info:
        page.get_by_role("link", name="Xuất Excel").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("Đơn vị")
    assert sorted(row[column] for row in rows[1:]) == shown


def test_each_table_of_the_contest_statistics_downloads_its_rows(
    live_server, world, page_for, shot, tmp_path
):
    import datetime as dt

    from guongsang.contests.tests.factories import make_contest, make_entry

    contest = make_contest(world.dept, year=dt.date.today().year, name="Cuộc thi viết năm nay")
    for n, unit in enumerate((world.centre, world.centre, world.other_centre)):
        make_entry(contest, unit, title=f"Bài số {n + 1}", code=f"A0{n + 1}")
    page = page_for(*LAPTOP)
    login(page, live_server.url, "thuongtruc")
    page.goto(f"{live_server.url}/cuoc-thi/thong-ke/")
    section = page.locator("section", has_text=f"{contest.name} {contest.year}")
    shown = [
        tuple(row.locator("td").all_inner_texts())
        for row in section.locator("h3", has_text="Theo đơn vị")
        .locator("xpath=../following-sibling::table")
        .locator("tr")
        .all()
    ]
    assert shown == [(world.centre.name, "2"), (world.other_centre.name, "1")]
    shot(page, "contest-stats-export-1366x768")
    with page.expect_download() as info:
        page.get_by_role(
            "link", name=f"Xuất Excel — Theo đơn vị — {contest.name} {contest.year}"
        ).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0] == ("Đơn vị", "Bài dự thi")
    assert [(name, str(n)) for name, n in rows[1:]] == shown
