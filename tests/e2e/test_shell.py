"""A person logs in, finds a menu for their role, switches language, unmasks personal data."""

import pytest
from django.utils import translation

from guongsang.accounts.tests.factories import PASSWORD
from guongsang.core.models import AuditEntry

pytestmark = pytest.mark.e2e

PHONE = (390, 844)
LAPTOP = (1366, 768)


def login(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base_url}/")


def menu_labels(page) -> list[str]:
    # Links of the drop-downs count too (their text is there before the drop-down opens).
    links = page.locator("#mainNav .navbar-nav.me-auto a")
    return [text.strip() for text in links.all_text_contents()]


def test_the_menu_depends_on_the_role(live_server, world, page_for):
    officer = page_for()
    login(officer, live_server.url, "canbo")
    admin = page_for()
    login(admin, live_server.url, "quantri")
    assert "Nhật ký hệ thống" not in menu_labels(officer)
    assert "Cá nhân" in menu_labels(officer)
    assert {"Nhật ký hệ thống", "Người dùng"} <= set(menu_labels(admin))


@pytest.mark.parametrize(("width", "height"), [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_login_and_home_fit_the_screen(live_server, world, page_for, shot, width, height):
    page = page_for(width, height)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    shot(page, f"login-{width}x{height}")
    login(page, live_server.url, "thuongtruc")
    assert page.locator("h1").first.is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "the page scrolls sideways"
    shot(page, f"home-{width}x{height}")


def test_the_language_switch_turns_the_pages_english(live_server, world, page_for):
    page = page_for()
    login(page, live_server.url, "canbo")
    with translation.override("en"):
        home_en = str(translation.gettext("Trang chủ"))
    assert home_en != "Trang chủ", "the English catalogue must translate the menu"
    with page.expect_navigation():
        page.select_option("#language-select", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert home_en in menu_labels(page)
    with page.expect_navigation():
        page.select_option("#language-select", "vi")
    assert "Trang chủ" in menu_labels(page)


def test_secretariat_unmasks_personal_data_and_the_view_is_logged(live_server, world, page_for):
    page = page_for(*PHONE)
    login(page, live_server.url, "thuongtruc")
    page.goto(f"{live_server.url}/ca-nhan/{world.person.uuid}/")
    assert world.person.citizen_id not in page.content()
    assert world.person.citizen_id_masked in page.content()
    page.get_by_role("button", name="Hiện dữ liệu cá nhân").click()
    page.get_by_text(world.person.citizen_id).wait_for()
    assert AuditEntry.objects.filter(
        action="view_personal_data", actor=world.secretariat, object_id=str(world.person.uuid)
    ).exists()
