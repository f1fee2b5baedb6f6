"""On a phone the lists are cards, one a row, each line under its column's name; the filters
fold away behind a button."""

import pytest
from playwright.sync_api import expect

from guongsang.nominations.tests.factories import make_dossier

pytestmark = pytest.mark.e2e

PHONE = (390, 844)
LISTS = [
    ("/ho-so/", "dossiers"),
    ("/ca-nhan/", "people"),
    ("/quyet-dinh/", "decisions"),
    ("/quyet-dinh/to-trinh/", "submissions"),
    ("/hoi-dong/", "sessions"),
    ("/hoi-dong/cong-khai/", "notices"),
    ("/cuoc-thi/", "contests"),
    ("/bao-cao/", "reports"),
    ("/vuon-hoa/quan-ly/cau-chuyen/", "stories"),
    ("/vuon-hoa/quan-ly/tin-bao/", "tips"),
    ("/phong-trao/", "movements"),
]


def test_a_dossier_list_is_cards_on_a_phone_and_filters_fold(
    app_url, world, titles, page_for, login, shot
):
    make_dossier(world)
    page = page_for(*PHONE)
    login(page, "thuongtruc")
    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("button", name="Khen thưởng").click()
    page.get_by_role("link", name="Hồ sơ khen thưởng").click()
    page.wait_for_url("**/ho-so/**")
    filters = page.locator("#dossier-filters")
    assert not filters.is_visible()
    page.get_by_role("button", name="Bộ lọc").click()
    filters.get_by_label("Tìm theo tên, đơn vị, thành tích").fill("Liên")
    # The list is searched as one types: wait for the rows that answer the search.
    card = page.locator("table.gs-cards tbody tr").first
    nominee = card.locator('td[data-label="Đối tượng"]')
    expect(nominee).to_contain_text("Lê Thị Bích Liên")
    page.wait_for_load_state("networkidle")
    assert nominee.evaluate("el => getComputedStyle(el).display") == "block"
    expect(card.locator('td[data-label="Danh hiệu, hình thức"]')).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    shot(page, "phone-list-dossiers-filters-open")


def test_every_main_list_fits_a_phone(app_url, world, titles, page_for, login, shot):
    make_dossier(world)
    page = page_for(*PHONE)
    login(page, "quantri")
    for path, name in [*LISTS, ("/nhat-ky/", "audit"), ("/tai-khoan/nguoi-dung/", "users")]:
        page.goto(f"{app_url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE[0], f"{path} is {width}px wide"
        shot(page, f"phone-list-{name}")
