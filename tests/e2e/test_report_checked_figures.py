"""The secretariat opens the annual report, types a wrong year-over-year figure in the
introduction and sees the warning with the computed value; then builds the DOCX."""

import pytest

from guongsang.awards.services import award_record

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
    page.get_by_label("Đơn vị (cả các đơn vị trực thuộc)").select_option(label=honoured.dept.name)
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
