"""The secretariat opens the annual report, types a wrong year-over-year figure in the
introduction and sees the warning with the computed value; then builds the DOCX."""

import pytest

from guongsang.awards.services import award_record

from .support import pick
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e


@pytest.fixture
def honoured(world, titles):
    base = titles["nguoi-tot-viec-tot-co-so"]
    award_record(actor=None, title=base, year=2022, unit=world.centre, person=world.person)
    award_record(actor=None, title=base, year=2023, unit=world.centre, person=world.person)
    award_record(
        actor=None, title=base, year=2023, unit=world.other_centre, person=world.other_person
    )
    return world


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_a_wrong_figure_is_flagged_as_it_is_saved(live_server, honoured, page_for, shot, size):
    page = page_for(*size)
    login(page, live_server.url, "thuongtruc")
    page.goto(f"{live_server.url}/bao-cao/")
    pick(page, "Đơn vị (cả các đơn vị trực thuộc)", "so lao dong", honoured.dept.name)
    page.get_by_label("Năm").fill("2023")
    page.get_by_role("button", name="Mở báo cáo").click()
    page.get_by_role("heading", name="I. Mở đầu").wait_for()
    box = page.get_by_label("Phần mở đầu")
    box.fill("Năm 2023 có 2 cá nhân được khen, tăng 3 cá nhân so với năm trước.")
    page.get_by_role("button", name="Lưu phần mở đầu").click()
    warning = page.locator(".figure-warning").first
    warning.wait_for()
    assert "tăng 1 cá nhân" in warning.inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= size[0] + 1, "the page must not scroll sideways"
    shot(page, f"report-checked-figures-{size[0]}x{size[1]}")


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_building_with_a_wrong_figure_left_asks_and_lists_it(
    live_server, honoured, page_for, shot, size
):
    page = page_for(*size)
    login(page, live_server.url, "thuongtruc")
    page.goto(f"{live_server.url}/bao-cao/")
    pick(page, "Đơn vị (cả các đơn vị trực thuộc)", "so lao dong", honoured.dept.name)
    page.get_by_label("Năm").fill("2023")
    page.get_by_role("button", name="Mở báo cáo").click()
    page.get_by_role("heading", name="I. Mở đầu").wait_for()
    # The number and date of issue for the header ("Số: 12/BC-…").
    page.get_by_label("Số báo cáo").fill("12")
    page.get_by_label("Ngày ban hành").fill("2024-01-05")
    page.get_by_role("button", name="Lưu số và ngày").click()
    page.get_by_text("Đã lưu số và ngày ban hành.").wait_for()
    assert page.get_by_label("Số báo cáo").input_value() == "12"
    # Two figures typed wrong: a change (+3 against +1) and a count (so với năm 2022).
    page.get_by_label("Phần mở đầu").fill(
        "So với năm 2022, số cá nhân được khen tăng hơn 3 người. Số người được khen là 30."
    )
    page.get_by_role("button", name="Lưu phần mở đầu").click()
    page.locator(".figure-warning").first.wait_for()
    page.get_by_role("button", name="Word (DOCX)").click()
    page.get_by_role("heading", name="vẫn xuất Word (DOCX)?").wait_for()
    listed = page.locator("#unresolved-warnings .figure-warning")
    assert listed.count() == 2
    texts = listed.all_inner_texts()
    assert "tăng 1 cá nhân" in texts[0]  # 2 in 2023 against 1 in 2022
    assert "30" in texts[1] and "2" in texts[1]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= size[0] + 1, "the page must not scroll sideways"
    shot(page, f"report-build-confirm-{size[0]}x{size[1]}")
    # Going back changes nothing; confirming builds.
    page.get_by_role("link", name="Quay lại sửa phần mở đầu").click()
    page.get_by_role("heading", name="I. Mở đầu").wait_for()
    page.get_by_role("button", name="Word (DOCX)").click()
    page.get_by_role("button", name="Vẫn xuất Word (DOCX)").click()
    page.wait_for_url("**/tac-vu/**")
    shot(page, f"report-build-confirmed-{size[0]}x{size[1]}")
