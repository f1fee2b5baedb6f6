"""A member of the council has two sessions of the same council open for voting, one with
encrypted ballots: the ballot page tells them apart before anything is opened (number, date
and place, when voting opened, the “Phiếu mã hóa” badge and what it means), and the member
goes to the encrypted one from the list at the top and votes there."""

from __future__ import annotations

import pytest

from guongsang.council.models import EncryptedBallot
from guongsang.council.tests.factories import (
    accepted_dossier,
    make_council,
    members_of,
    open_encrypted_session,
    open_session,
)

from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e


def test_a_member_tells_the_encrypted_session_apart_and_votes_in_it(
    live_server, world, titles, page_for, shot
):
    council = make_council(world, 3)
    plain = open_session(world, council, [accepted_dossier(world, name="Mai Văn Tú")])
    sealed = open_encrypted_session(world, council, [accepted_dossier(world, name="Lý Thị Hoa")])
    member = members_of(council)[1]

    page = page_for(*LAPTOP)
    login(page, live_server.url, member.username)
    page.get_by_role("link", name="Hồ sơ chờ bạn bỏ phiếu").first.click()
    sealed_section = page.locator(f'[data-session="{sealed.uuid}"]')
    plain_section = page.locator(f'[data-session="{plain.uuid}"]')
    sealed_heading = sealed_section.get_by_role("heading", level=2).inner_text()
    plain_heading = plain_section.get_by_role("heading", level=2).inner_text()
    assert sealed_heading != plain_heading
    assert "Phiên họp thứ 2" in sealed_heading and "Phiếu mã hóa" in sealed_heading
    assert "Phiên họp thứ 1" in plain_heading and "Phiếu mã hóa" not in plain_heading
    assert "mã theo dõi" in sealed_section.locator("header").inner_text()
    assert "mã theo dõi" not in plain_section.locator("header").inner_text()
    for section in (sealed_section, plain_section):
        meta = section.locator("header").inner_text()
        assert "Họp ngày 20/11/2024 tại Phòng họp số 1" in meta and "mở bỏ phiếu lúc" in meta
    shot(page, "ballot-sessions-1366x768")

    phone = page_for(*PHONE)
    login(phone, live_server.url, member.username)
    phone.get_by_role("link", name="Hồ sơ chờ bạn bỏ phiếu").first.click()
    phone.get_by_role("navigation", name="2 phiên họp đang bỏ phiếu").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    shot(phone, "ballot-sessions-390x844")
    phone.get_by_role("link", name="Phiên họp thứ 2", exact=False).click()
    section = phone.locator(f'[data-session="{sealed.uuid}"]')
    section.get_by_label("Đồng ý", exact=True).check()
    section.get_by_role("button", name="Bỏ phiếu").click()
    section.get_by_role("button", name="Xác nhận bỏ phiếu").click()
    phone.locator("#receipt").wait_for()
    assert "bảng tin phiếu mã hóa" in section.inner_text()
    shot(phone, "ballot-encrypted-receipt-390x844")
    assert EncryptedBallot.objects.filter(item__session=sealed).count() == 1
