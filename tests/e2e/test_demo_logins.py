"""Every login that `make run` prints works in a browser, and each role gets its own menu."""

import pytest

from guongsang.demo.steps.users import login_rows

pytestmark = pytest.mark.e2e

ADMIN_ONLY = {"Nhật ký hệ thống", "Người dùng"}


def test_each_printed_demo_login_works_and_the_menu_depends_on_the_role(
    demo_db, live_server, transactional_db, page_for
):
    rows = login_rows()
    assert len(rows) >= 7
    menus = {}
    for row in rows:
        page = page_for()
        page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(row.username)
        page.get_by_label("Mật khẩu").fill(row.password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_server.url}/")
        links = page.locator("#mainNav .navbar-nav.me-auto a").all_text_contents()
        menus[row.username] = {text.strip() for text in links}
        page.context.close()
    assert menus["admin"] >= ADMIN_ONLY
    for username in ("thuongtruc", "canbo", "lanhdao", "giamkhao"):
        assert "Tổ chức" in menus[username]
        assert not ADMIN_ONLY & menus[username], username
