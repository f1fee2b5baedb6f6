"""The pages speak Vietnamese a person would write: Django's own messages included, the
language menu names English as "English"."""

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["laptop", "phone"])
def test_a_wrong_password_and_the_language_menu_read_right(
    app_url, world, page_for, login, shot, size
):
    page = page_for(*size)
    page.goto(f"{app_url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").wait_for()
    assert "Please enter" not in page.content()
    login(page, "canbo")
    if size[0] < 576:
        page.get_by_role("button", name="Mở menu").click()
    menu = page.get_by_label("Ngôn ngữ")
    assert menu.locator("option").all_inner_texts() == ["Tiếng Việt", "English"]
    shot(page, f"vietnamese-home-{'phone' if size[0] < 576 else 'laptop'}")
    with page.expect_navigation():
        menu.select_option(label="English")
    page.get_by_label("Language").wait_for(state="attached")
    assert page.get_by_label("Language").locator("option").all_inner_texts() == [
        "Tiếng Việt",
        "English",
    ]
