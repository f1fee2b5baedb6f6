"""A leader asks for the statistics of every unit as the organisation stood on 1/6/2015: each
unit under the name it bore that day, the merged centre's line saying where its records went,
and the same table in the Excel file."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from guongsang.org.services import unit_merge, unit_rename
from guongsang.org.tests.factories import make_unit
from guongsang.stats.tests.test_services import COLLECTIVE, _give

from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e

OLD, NEW = "Trung tâm Giới thiệu việc làm Hà Nội", "Trung tâm Dịch vụ việc làm Hà Nội"
FIVE, MERGED = "Trung tâm Bảo trợ xã hội 5", "Trung tâm Hỗ trợ xã hội"


@pytest.fixture
def history(world, titles):
    """2015 awards: employment centre 3, no. 5: 2; renamed 1/1/2016; no. 5 merged 1/1/2018."""
    centre = make_unit(OLD, parent=world.dept)
    five = make_unit(FIVE, parent=world.dept)
    _give(COLLECTIVE, 2015, centre, n=3)
    _give(COLLECTIVE, 2015, five, n=2)
    unit_rename(actor=None, unit=centre, name=NEW, on=dt.date(2016, 1, 1))
    unit_merge(
        actor=None,
        units=[five, world.other_centre],
        on=dt.date(2018, 1, 1),
        code="tt-ho-tro",
        name=MERGED,
        parent=world.dept,
    )
    return world


@pytest.mark.parametrize(("width", "height"), [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_every_unit_as_it_stood_on_a_date(live_server, history, page_for, shot, width, height):
    page = page_for(width, height)
    login(page, live_server.url, "lanhdao")
    page.goto(f"{live_server.url}/thong-ke/bang/")
    page.get_by_label("Từ năm").fill("2015")
    page.get_by_label("Đến năm").fill("2015")
    page.get_by_label("Cơ cấu đơn vị tại ngày").fill("2015-06-01")
    for name in ("Năm", "Cấp", "Danh hiệu / hình thức"):
        page.get_by_role("checkbox", name=name, exact=True).uncheck()
    page.get_by_role("checkbox", name="Đơn vị", exact=True).check()
    page.get_by_role("button", name="Xem").click()
    page.get_by_role("columnheader", name="Ghi chú").wait_for()
    table = page.get_by_role("table")
    row = table.get_by_role("row").filter(has_text=OLD)
    assert row.get_by_role("cell").nth(1).inner_text() == "3"
    assert NEW not in table.inner_text()
    five = table.get_by_role("row").filter(has_text=FIVE)
    assert f"Đã sáp nhập vào “{MERGED}” từ ngày 01/01/2018" in five.inner_text()
    shot(page, f"stats-table-2015-{width}x{height}")
    if width == LAPTOP[0]:
        with page.expect_download() as download:
            page.get_by_role("link", name="Xuất Excel").click()
        sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
        names = [r[0] for r in sheet.iter_rows(min_row=4, values_only=True)]
        assert OLD in names and NEW not in names
