"""The search-as-you-type pickers beyond the dossier form: the pledge form and the story form
find a unit and a person typed without diacritics ("nguyen"), and the form saves them."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from guongsang.movements.models import Pledge
from guongsang.movements.tests.factories import make_movement
from guongsang.people.tests.factories import make_person
from guongsang.showcase.models import Story

from .support import pick, picker_control
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e


def _pickers_ready(page, *fields: str) -> None:
    """Wait until the pickers have replaced their selects (the script runs after the page)."""
    for field in fields:
        page.locator(f"#{field}-ts-control").wait_for()


def _typed_options(page, field: str, label: str, typed: str, wait_for: str) -> list[str]:
    """What the picker of the select `field` offers once `typed` is typed into it."""
    control = picker_control(page, label)
    control.click()
    control.press_sequentially(typed, delay=20)
    options = page.locator(f"#{field}-ts-dropdown .option")
    options.filter(has_text=wait_for).first.wait_for()
    return options.all_inner_texts()


def test_the_pledge_form_finds_the_unit_and_the_person_by_typing(
    live_server, world, titles, page_for, shot
):
    movement = make_movement(world.dept, name="Phong trào thi đua năm nay")
    hang = make_person("Nguyễn Thị Hằng", unit=world.other_centre, born=dt.date(1988, 5, 1))
    make_person("Nguyễn Văn Nam", unit=world.centre)  # another unit: not offered
    page = page_for(*LAPTOP)
    login(page, live_server.url, "thuongtruc")
    page.goto(f"{live_server.url}/phong-trao/{movement.uuid}/")
    page.get_by_role("link", name="Đăng ký thi đua").first.click()

    _pickers_ready(page, "id_unit", "id_person")
    pick(page, "Đơn vị đăng ký", "bao tro xa hoi 2", world.other_centre.name)
    texts = _typed_options(page, "id_person", "Cá nhân", "nguyen", "Nguyễn Thị Hằng")
    assert len(texts) == 1 and "sinh năm 1988" in texts[0], texts
    assert world.other_centre.name in texts[0]
    shot(page, "picker-pledge-1366x768")
    page.locator(".ts-dropdown .option", has_text="Nguyễn Thị Hằng").click()
    page.get_by_label(f"{titles['lao-dong-tien-tien'].name} (cá nhân)", exact=True).check()
    page.get_by_role("button", name="Gửi đăng ký").click()
    page.get_by_text("Đã ghi nhận đăng ký thi đua").wait_for()
    pledge = Pledge.objects.get()
    assert pledge.person == hang and pledge.unit == world.other_centre


def test_the_story_form_finds_the_unit_and_the_person_by_typing(live_server, world, page_for, shot):
    thao = make_person("Nguyễn Phương Thảo", unit=world.centre, born=dt.date(1992, 2, 3))
    page = page_for(*PHONE)
    login(page, live_server.url, "thuongtruc")
    page.goto(f"{live_server.url}/vuon-hoa/quan-ly/cau-chuyen/")
    page.get_by_role("link", name="Viết câu chuyện").first.click()
    page.get_by_label("Tiêu đề").fill("Người điều dưỡng của các cụ")
    page.get_by_label("Nội dung").fill("Chị chăm sóc các cụ như chăm người thân.")
    _pickers_ready(page, "id_unit", "id_person")
    pick(page, "Đơn vị", "bao tro xa hoi 1", world.centre.name)
    texts = _typed_options(page, "id_person", "Cá nhân", "nguyen phuong", "Nguyễn Phương Thảo")
    assert texts == [t for t in texts if "sinh năm 1992" in t] and len(texts) == 1, texts
    shot(page, "picker-story-390x844")
    page.locator(".ts-dropdown .option", has_text="Nguyễn Phương Thảo").click()
    page.get_by_label("Năm").fill(str(dt.date.today().year))
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Người điều dưỡng của các cụ").first.wait_for()
    story = Story.objects.get()
    assert story.person == thao and story.unit == world.centre


def test_typing_after_a_click_on_the_chosen_name_keeps_every_letter(live_server, world, page_for):
    page = page_for(*LAPTOP)
    login(page, live_server.url, "canbo")
    page.goto(f"{live_server.url}/ho-so/tao/")
    pick(page, "Cá nhân được đề nghị", "bich lien", world.person.full_name)
    page.get_by_label("Tóm tắt thành tích").click()
    # The officer changes their mind: clicks the name chosen and types another.
    page.locator(".ts-wrapper:has(#id_person-ts-control) .item").click()
    page.keyboard.type("nguyen", delay=20)
    expect(picker_control(page, "Cá nhân được đề nghị")).to_have_value("nguyen")
