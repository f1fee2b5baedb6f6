"""The administrator creates an account with a role, locks and unlocks it, forces a new
second factor, and reads it all in the audit log in Vietnamese."""

import pytest

from guongsang.accounts.models import User

from .support import pick

pytestmark = pytest.mark.e2e

PHONE = (390, 844)
LAPTOP = (1366, 768)


def test_the_admin_creates_locks_and_unlocks_an_account(app_url, world, page_for, login, shot):
    page = page_for(*LAPTOP)
    login(page, "quantri")
    page.get_by_role("button", name="Quản trị").click()
    page.get_by_role("link", name="Người dùng", exact=True).click()
    page.get_by_role("link", name="Tạo người dùng").click()
    page.get_by_label("Tên đăng nhập").fill("Nguyễn A")
    page.get_by_label("Họ và tên").fill("Nguyễn Văn An")
    page.get_by_label("Vai trò").select_option(label="Cán bộ thi đua đơn vị")
    pick(
        page,
        "Phạm vi (đơn vị và các đơn vị trực thuộc)",
        "bao tro xa hoi 1",
        "Trung tâm Bảo trợ xã hội 1",
    )
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.get_by_text("Tên đăng nhập chỉ gồm chữ thường không dấu").wait_for()
    page.get_by_label("Tên đăng nhập").fill("nguyenvanan")
    page.get_by_label("Thư điện tử").fill("an@example.vn")
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.get_by_text("Liên kết đặt mật khẩu đã được gửi tới an@example.vn.").wait_for()
    shot(page, "admin-user-created-laptop")
    assert User.objects.get(username="nguyenvanan").grants.get().unit == world.centre

    page.get_by_role("link", name="Xem tài khoản").click()
    page.get_by_label("Lý do khoá").fill("Chuyển công tác")
    page.get_by_role("button", name="Khoá tài khoản").click()
    page.get_by_text("Đã khoá tài khoản.").wait_for()
    assert page.get_by_test_id("account-state").inner_text() == "Đã khoá"
    assert not User.objects.get(username="nguyenvanan").is_active
    page.get_by_role("button", name="Mở khoá tài khoản").click()
    page.get_by_text("Đã mở khoá tài khoản.").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Buộc cài lại xác thực hai bước").click()
    page.get_by_text("Đã xoá xác thực hai bước").wait_for()
    shot(page, "admin-user-detail-laptop")

    page.goto(f"{app_url}/nhat-ky/")
    rows = page.locator("#audit-results tbody")
    assert "Phân quyền" in rows.inner_text()
    assert "accounts.rolegrant" not in rows.inner_text()
    shot(page, "admin-audit-laptop")

    phone = page_for(*PHONE)
    login(phone, "quantri")
    phone.goto(page.url.replace("/nhat-ky/", "/tai-khoan/nguoi-dung/"))
    phone.get_by_role("link", name="Nguyễn Văn An").click()
    phone.get_by_role("heading", name="Vai trò và phạm vi").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "admin-user-detail-phone")


def test_a_person_turns_off_notifications_by_e_mail(app_url, world, page_for, login, shot):
    page = page_for(*PHONE)
    login(page, "canbo")
    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("button", name="Tài khoản:").click()
    page.get_by_role("link", name="Tài khoản của tôi").click()
    page.get_by_label("Thư điện tử", exact=True).fill("canbo@example.vn")
    switch = page.get_by_label("Nhận thông báo qua thư điện tử")
    assert switch.is_checked()
    switch.uncheck()
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu thông tin tài khoản.").wait_for()
    assert not page.get_by_label("Nhận thông báo qua thư điện tử").is_checked()
    world.officer.refresh_from_db()
    assert world.officer.notify_by_email is False
    shot(page, "account-profile-phone")
