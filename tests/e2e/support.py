"""What browser journeys share: two-factor set-up and codes (see conftest.py), the pickers,
the menu, the dossier form, and the checks that a page fits a phone."""

from __future__ import annotations

import base64
import datetime as dt
import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def give_totp(user) -> TOTPDevice:
    """A confirmed authenticator for ``user``, as after scanning the QR code."""
    return TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)


def totp_code(user) -> str:
    """The code the user's authenticator shows now. A code is accepted once: when this step's
    code was used already (two logins within 30 s), wait for the next step."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()
    assert device is not None, f"{user.username} has no authenticator: call give_totp(user) first"
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if device.last_t is not None and totp.t() <= device.last_t:
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.2)
    return f"{totp.token():0{device.digits}d}"


def setup_code(secret: str | None) -> str:
    """The code an authenticator app shows for the base32 key of the set-up page."""
    key = "".join((secret or "").split()).upper()
    totp = TOTP(base64.b32decode(key + "=" * (-len(key) % 8)))
    return f"{totp.token():06d}"


def picker_control(page, label: str):
    """The typing box of the picker labelled `label`, once the picker has replaced its select.

    The picker's script runs after the page has loaded; a click aimed at the select before
    then lands, a moment later, on the picker drawn over it and never arrives."""
    field = page.locator("label", has_text=label).first
    field.and_(page.locator("label[for$='-ts-control']")).wait_for()
    return page.locator(f"#{field.get_attribute('for')}")


def pick(page, label: str, typed: str, option: str) -> None:
    """Types `typed` into the search-as-you-type picker labelled `label`, as a person would,
    and clicks the suggestion that holds `option`."""
    control = picker_control(page, label)
    control.click()
    control.press_sequentially(typed, delay=20)
    page.locator(".ts-dropdown .option", has_text=option).first.click()


def open_menu(page, group: str, item: str) -> None:
    """Click a menu entry: a direct link, or inside its group's drop-down."""
    nav = page.get_by_role("navigation", name="Menu chính")
    link = nav.get_by_role("link", name=item, exact=True)
    if not link.is_visible():
        nav.get_by_role("button", name=group).click()
    link.click()


def no_sideways_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways"


def shot_both_sizes(page, page_for, shot, name: str) -> None:
    """The page as it is, and the same address on a phone (390x844, no sideways scrolling
    beyond a pixel of rounding), both kept for looking at."""
    shot(page, f"{name}-1366x768")
    phone = page_for(390, 844)
    phone.context.add_cookies(page.context.cookies())
    phone.goto(page.url)
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} scrolls sideways on a phone"
    shot(phone, f"{name}-390x844")
    phone.close()


def open_new_dossier(page, **title) -> None:
    """From the menu to the new dossier form, the title chosen (`value=` or `label=`)."""
    open_menu(page, "Khen thưởng", "Hồ sơ khen thưởng")
    page.get_by_role("link", name="Tạo hồ sơ").click()
    page.get_by_label("Danh hiệu, hình thức đề nghị").select_option(**title)


def fill_dossier(
    page,
    *,
    year: str,
    person: str,
    summary: str,
    report: str,
    votes_for: str,
    present: str,
    minutes: str,
) -> None:
    """The new dossier form, its title already chosen: the rest typed in, then saved."""
    page.get_by_label("Năm").fill(year)
    pick(page, "Cá nhân được đề nghị", "bich lien", person)
    page.get_by_label("Tóm tắt thành tích").fill(summary)
    page.get_by_label("Báo cáo thành tích", exact=True).fill(report)
    page.get_by_label("Số phiếu đồng ý").fill(votes_for)
    page.get_by_label("Tổng số người dự họp").fill(present)
    page.get_by_label("Tệp biên bản họp xét (PDF, DOCX, ảnh)").set_input_files(minutes)
    page.get_by_role("button", name="Lưu hồ sơ").click()
    page.get_by_text("Đã tạo hồ sơ đề nghị.").wait_for()


def noticed_session(world, council, **options):
    """A session of `council` on 20/11/2024 for one accepted dossier, publicly noticed since
    4/11/2024; `options` go to session_create (encrypted=True…)."""
    from guongsang.council import services
    from guongsang.council.tests.factories import accepted_dossier

    dossier = accepted_dossier(world)
    services.notice_publish(
        actor=world.secretariat, dossiers=[dossier], starts_on=dt.date(2024, 11, 4)
    )
    return services.session_create(
        actor=world.secretariat,
        council=council,
        held_on=dt.date(2024, 11, 20),
        place="Phòng họp số 1",
        dossiers=[dossier],
        **options,
    )
