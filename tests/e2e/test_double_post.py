"""A dossier form sent twice, by a double click or by going back and sending it again, makes
one dossier."""

from __future__ import annotations

import pytest

from guongsang.accounts.tests.factories import PASSWORD
from guongsang.nominations.models import Dossier

from .support import pick
from .test_shell import LAPTOP

pytestmark = [pytest.mark.e2e, pytest.mark.prod_journey]


def _fill(page, world, titles) -> None:
    page.get_by_label("Danh hiệu, hình thức đề nghị").select_option(
        label=titles["nguoi-tot-viec-tot-co-so"].name
    )
    pick(page, "Cá nhân được đề nghị", "bich lien", world.person.full_name)
    page.get_by_label("Tóm tắt thành tích").fill("Cứu hai em nhỏ đuối nước ở hồ Linh Đàm.")


def test_a_double_click_and_a_resend_make_one_dossier(
    app_url, login, give_totp, world, titles, page_for, shot
):
    give_totp(world.officer)
    page = page_for(*LAPTOP)
    login(page, "canbo", PASSWORD)
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.goto(f"{app_url}/ho-so/tao/")
    _fill(page, world, titles)

    page.get_by_role("button", name="Lưu hồ sơ").dblclick()
    page.get_by_role("heading", name=world.person.full_name).first.wait_for()
    assert Dossier.objects.count() == 1
    # Back to the filled form, and send it again.
    page.go_back()
    page.get_by_role("button", name="Lưu hồ sơ").wait_for()

    if page.get_by_label("Tóm tắt thành tích").input_value() == "":
        _fill(page, world, titles)  # the browser did not keep what was typed
    else:  # the picker's choice, found as the officer typed, comes back with the page
        assert page.locator("#id_person").input_value() == str(world.person.uuid)
    page.get_by_role("button", name="Lưu hồ sơ").click()
    page.wait_for_load_state()
    shot(page, "double-post-1366x768")
    create_posts = [u for u in posts if u.endswith("/ho-so/tao/")]
    assert len(create_posts) >= 2, create_posts
    assert Dossier.objects.count() == 1
    assert page.get_by_text("Biểu mẫu này đã được gửi").is_visible()
