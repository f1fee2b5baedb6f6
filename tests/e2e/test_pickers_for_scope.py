"""The unit of a user's role and of a target is found by typing, without diacritics, and only
within the scope of the one who types: the admin creating an account, the secretariat setting
a yearly plan, a unit officer entering a month's result."""

from __future__ import annotations

from decimal import Decimal

import pytest

from guongsang.accounts.models import User
from guongsang.accounts.tests.factories import make_user
from guongsang.core.roles import Role
from guongsang.targets.models import Plan
from guongsang.targets.tests.factories import make_indicator

from .support import open_menu, picker_control
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e

SCOPE = "Phạm vi (đơn vị và các đơn vị trực thuộc)"


def _offered(page, label: str, typed: str, wait_for: str) -> list[str]:
    """The names the picker labelled `label` offers once `typed` is typed into it."""
    control = picker_control(page, label)
    control.click()
    control.press_sequentially(typed, delay=20)
    # The answer to the whole text, not to a part typed on the way: the picker asks 250 ms
    # after the last key and is marked "loading" until the answer is shown.
    page.wait_for_timeout(300)
    page.locator(".ts-wrapper.loading").wait_for(state="detached")
    options = page.locator(".ts-dropdown .option")
    options.filter(has_text=wait_for).first.wait_for()
    return options.all_inner_texts()


def test_the_admin_picks_the_scope_of_a_new_user_by_typing(live_server, world, page_for, shot):
    page = page_for(*LAPTOP)
    login(page, live_server.url, "quantri")
    open_menu(page, "Quản trị", "Người dùng")
    page.get_by_role("link", name="Tạo người dùng").click()
    page.get_by_label("Tên đăng nhập").fill("tranthimai")
    page.get_by_label("Họ và tên").fill("Trần Thị Mai")
    page.get_by_label("Vai trò").select_option(label="Cán bộ thi đua đơn vị")
    offered = _offered(page, SCOPE, "bao tro xa hoi 2", world.other_centre.name)
    assert len(offered) == 1 and world.dept.name in offered[0], offered
    shot(page, "picker-user-scope-1366x768")
    page.locator(".ts-dropdown .option", has_text=world.other_centre.name).click()
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.get_by_text("Đã tạo tài khoản tranthimai.").wait_for()
    assert User.objects.get(username="tranthimai").grants.get().unit == world.other_centre

    # On a phone, a second role over the department, from the account's page.
    phone = page_for(*PHONE)
    login(phone, live_server.url, "quantri")
    phone.goto(f"{live_server.url}/tai-khoan/nguoi-dung/")
    phone.get_by_role("link", name="Trần Thị Mai").click()
    phone.get_by_label("Vai trò", exact=True).select_option(label="Lãnh đạo (xem báo cáo)")
    offered = _offered(phone, SCOPE, "so lao dong", world.dept.name)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "picker-user-grant-390x844")
    phone.locator(".ts-dropdown .option", has_text=world.dept.name).click()
    phone.get_by_role("button", name="Cấp quyền").click()
    phone.get_by_text("Đã cấp quyền.").wait_for()
    grants = User.objects.get(username="tranthimai").grants
    assert grants.filter(role=Role.LEADER, unit=world.dept).exists()


def test_an_admin_of_one_centre_finds_only_that_centre(live_server, world, page_for):
    make_user("quantritt", role=Role.ADMIN, unit=world.centre)
    page = page_for(*LAPTOP)
    login(page, live_server.url, "quantritt")
    page.goto(f"{live_server.url}/tai-khoan/nguoi-dung/tao/")
    offered = _offered(page, SCOPE, "trung tam bao tro", world.centre.name)
    assert offered == [t for t in offered if world.centre.name in t] and len(offered) == 1


def test_the_secretariat_sets_a_units_plan_picked_by_typing(live_server, world, page_for, shot):
    jobs = make_indicator()
    page = page_for(*LAPTOP)
    login(page, live_server.url, "thuongtruc")
    open_menu(page, "Phong trào", "Chỉ tiêu chuyên môn")
    page.get_by_role("link", name="Đặt kế hoạch năm").click()
    offered = _offered(page, "Đơn vị", "bao tro xa hoi", world.other_centre.name)
    assert len(offered) == 2, offered  # both centres of the department
    shot(page, "picker-target-plan-1366x768")
    page.locator(".ts-dropdown .option", has_text=world.other_centre.name).click()
    page.get_by_label("Chỉ tiêu").select_option(label=jobs.name)
    page.get_by_label("Năm").fill("2026")
    page.get_by_label("Số liệu").fill("1.200")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu số liệu.").wait_for()
    plan = Plan.objects.get()
    assert (plan.unit, plan.year, plan.value) == (world.other_centre, 2026, Decimal(1200))


def test_a_unit_officer_finds_only_their_own_unit_for_a_result(live_server, world, page_for, shot):
    make_indicator()
    page = page_for(*PHONE)
    login(page, live_server.url, "canbo")
    page.goto(f"{live_server.url}/chi-tieu/")
    page.get_by_role("link", name="Nhập kết quả tháng").click()
    offered = _offered(page, "Đơn vị", "bao tro", world.centre.name)
    assert len(offered) == 1, offered  # not the other centre
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "picker-target-result-390x844")


def test_the_secretariat_filters_the_dossiers_by_a_unit_picked_by_typing(
    live_server, world, titles, page_for, shot
):
    from guongsang.nominations import services as nominations
    from guongsang.nominations.tests.factories import make_dossier

    make_dossier(world, person=world.person)
    nominations.dossier_create(
        actor=world.other_officer,
        unit=world.other_centre,
        title=titles["nguoi-tot-viec-tot-co-so"],
        year=2024,
        person=world.other_person,
    )
    page = page_for(*LAPTOP)
    login(page, live_server.url, "thuongtruc")
    open_menu(page, "Khen thưởng", "Hồ sơ khen thưởng")
    results = page.locator("#dossier-results")
    assert world.person.full_name in results.inner_text()
    offered = _offered(page, "Đơn vị (kể cả trực thuộc)", "bao tro xa hoi 2", "Bảo trợ xã hội 2")
    assert len(offered) == 1, offered
    page.locator(".ts-dropdown .option", has_text=world.other_centre.name).click()
    results.get_by_text(world.person.full_name).wait_for(state="detached")
    assert world.other_person.full_name in results.inner_text()
    shot(page, "picker-dossier-filter-1366x768")


def test_an_officer_adds_a_person_to_their_own_unit_already_chosen(
    live_server, world, page_for, shot
):
    from guongsang.people.models import Person

    page = page_for(*PHONE)
    login(page, live_server.url, "canbo")
    page.goto(f"{live_server.url}/ca-nhan/them/")
    page.get_by_label("Họ và tên").fill("Phạm Thị Thu Trang")
    picker_control(page, "Đơn vị quản lý")
    assert world.centre.name in page.locator("#id_home_unit_group .ts-control").inner_text()
    shot(page, "picker-person-unit-390x844")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã thêm Phạm Thị Thu Trang.").wait_for()
    assert Person.objects.get(full_name="Phạm Thị Thu Trang").home_unit == world.centre


def test_the_leader_reads_the_statistics_of_a_unit_picked_by_typing(
    live_server, world, page_for, shot
):
    page = page_for(*LAPTOP)
    login(page, live_server.url, "lanhdao")
    page.goto(f"{live_server.url}/thong-ke/bang/")
    offered = _offered(page, "Đơn vị (kể cả trực thuộc)", "bao tro xa hoi 1", world.centre.name)
    assert len(offered) == 1, offered
    page.locator(".ts-dropdown .option", has_text=world.centre.name).click()
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url(f"**unit={world.centre.uuid}**")
    assert world.centre.name in page.locator("#id_unit-ts-control").locator("..").inner_text()
    shot(page, "picker-stats-unit-1366x768")
