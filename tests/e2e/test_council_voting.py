"""The secretariat takes attendance and opens the vote; a member votes in the browser and gets a
receipt; the secretariat closes and tallies; the receipt is in the published tally; the minutes
download and read back."""

import io

import pytest
from docx import Document

from guongsang.council.models import CouncilSession, SessionStatus
from guongsang.council.tests.factories import make_council

from .support import noticed_session
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e


def test_a_member_votes_in_the_browser_and_finds_the_receipt_in_the_tally(
    live_server, world, titles, page_for, shot
):
    session = noticed_session(world, make_council(world, 3))
    url = f"{live_server.url}/hoi-dong/phien-hop/{session.uuid}/"

    secretariat = page_for(*LAPTOP)
    login(secretariat, live_server.url, "thuongtruc")
    secretariat.goto(url)
    secretariat.get_by_role("button", name="Ghi điểm danh").click()
    secretariat.get_by_text("Đã ghi điểm danh.").wait_for()
    secretariat.get_by_role("button", name="Mở bỏ phiếu").click()
    secretariat.get_by_text("Đã mở bỏ phiếu.").wait_for()
    shot(secretariat, "council-session-open-1366x768")

    member = page_for(*PHONE)
    login(member, live_server.url, "uv1")
    member.goto(f"{live_server.url}/hoi-dong/bo-phieu/")
    member.get_by_label("Đồng ý", exact=True).check()
    member.get_by_role("button", name="Bỏ phiếu").click()
    member.get_by_role("button", name="Xác nhận bỏ phiếu").click()
    receipt = member.locator("#receipt")
    receipt.wait_for()
    code = receipt.inner_text().strip()
    assert len(code) == 12
    shot(member, "council-ballot-receipt-390x844")

    secretariat.get_by_role("link", name="Đóng bỏ phiếu và kiểm phiếu").click()
    secretariat.get_by_role("button", name="Xác nhận đóng và kiểm phiếu").click()
    secretariat.get_by_text("Đã đóng bỏ phiếu và kiểm phiếu.").wait_for()
    assert CouncilSession.objects.get().status == SessionStatus.TALLIED
    shot(secretariat, "council-session-tallied-1366x768")
    with secretariat.expect_download() as download:
        secretariat.get_by_role("link", name="Biên bản (DOCX)").click()
    text = "\n".join(
        p.text for p in Document(io.BytesIO(download.value.path().read_bytes())).paragraphs
    )
    assert "Có mặt 3/3 thành viên" in text

    member.goto(f"{live_server.url}/hoi-dong/phien-hop/{session.uuid}/ket-qua/")
    member.get_by_text("1 mã biên nhận được tính").click()
    assert member.locator(".receipt", has_text=code).is_visible()
    shot(member, "council-tally-390x844")
