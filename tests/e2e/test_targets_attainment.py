"""An officer enters a month's result on a phone; the secretariat reads the attainment
table with the percentage of plan to date on a laptop."""

import pytest

from guongsang.targets import services
from guongsang.targets.tests.factories import make_indicator

from .support import pick
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e


@pytest.fixture
def figures(world):
    jobs = make_indicator()
    rehab = make_indicator("cai-nghien-bat-buoc", "Tiếp nhận cai nghiện bắt buộc")
    services.plan_set(by=None, indicator=jobs, unit=world.centre, year=2023, value=162000)
    services.plan_set(by=None, indicator=rehab, unit=world.other_centre, year=2023, value=1200)
    services.result_set(
        by=None, indicator=rehab, unit=world.other_centre, year=2023, month=9, value=1243
    )
    return world


def test_an_officer_enters_a_month_and_sees_the_percentage(live_server, figures, page_for, shot):
    page = page_for(*PHONE)
    login(page, live_server.url, "canbo")
    page.goto(f"{live_server.url}/chi-tieu/ket-qua/")
    pick(page, "Đơn vị", "bao tro xa hoi 1", figures.centre.name)
    page.get_by_label("Chỉ tiêu").select_option(label="Giải quyết việc làm")
    page.get_by_label("Năm").fill("2023")
    page.get_by_label("Tháng").fill("9")
    page.get_by_label("Số liệu").fill("171228")
    shot(page, "targets-result-form-390x844")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu số liệu.").wait_for()
    page.goto(f"{live_server.url}/chi-tieu/?year=2023")
    body = page.locator("main").inner_text() if page.locator("main").count() else page.content()
    assert "105,7%" in body
    assert figures.other_centre.name not in page.content()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE[0] + 1, "the page must not scroll sideways"
    shot(page, "targets-index-officer-390x844")


def test_the_secretariat_reads_the_attainment_of_the_department(
    live_server, figures, page_for, shot
):
    services.result_set(
        by=None, indicator=make_indicator(), unit=figures.centre, year=2023, month=9, value=171228
    )
    page = page_for(*LAPTOP)
    login(page, live_server.url, "thuongtruc")
    page.goto(f"{live_server.url}/chi-tieu/?year=2023")
    text = page.content()
    assert "105,7%" in text and "103,6%" in text and figures.other_centre.name in text
    page.get_by_role("link", name=figures.centre.name).click()
    page.get_by_text("Điểm chỉ tiêu", exact=False).first.wait_for()
    shot(page, "targets-unit-secretariat-1366x768")
