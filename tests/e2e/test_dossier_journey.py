"""A unit officer builds a dossier and sends it; the secretariat returns it with a reason; the
officer fixes it and sends it again; the secretariat accepts it."""

import pytest

from guongsang.nominations.models import Dossier, State
from guongsang.nominations.workflow import TRANSITIONS

from .support import fill_dossier, open_new_dossier
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REASON = "Biên bản họp xét chưa ghi rõ số người dự họp."


def act(page, label: str, reason: str = "") -> None:
    """Press a workflow button; when it asks for a reason, give it and confirm."""
    page.get_by_role("button", name=label, exact=True).click()
    if reason:
        dialog = page.get_by_role("dialog")
        dialog.get_by_label("Lý do (bắt buộc)").fill(reason)
        dialog.get_by_role("button", name=f"Xác nhận: {label}").click()
    done = next(t.done for t in TRANSITIONS.values() if str(t.label) == label)
    page.get_by_text(str(done), exact=True).wait_for()


def test_a_dossier_goes_out_comes_back_and_is_accepted(
    live_server, world, titles, page_for, shot, tmp_path
):
    minutes = tmp_path / "bien-ban-hop-xet.pdf"
    minutes.write_bytes(PDF)

    officer = page_for(*LAPTOP)
    login(officer, live_server.url, "canbo")
    open_new_dossier(officer, value=str(titles["nguoi-tot-viec-tot-co-so"].pk))
    fill_dossier(
        officer,
        year="2024",
        person=world.person.full_name,
        summary="Cứu người đuối nước ở hồ Tây.",
        report="Báo cáo thành tích chi tiết.",
        votes_for="20",
        present="22",
        minutes=str(minutes),
    )
    dossier = Dossier.objects.get()
    assert officer.get_by_role("link", name="bien-ban-hop-xet.pdf").is_visible()
    assert dossier.files.get().kind == "minutes"
    act(officer, "Gửi hồ sơ")
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED

    secretariat = page_for(*LAPTOP)
    login(secretariat, live_server.url, "thuongtruc")
    secretariat.goto(f"{live_server.url}/ho-so/{dossier.uuid}/")
    shot(secretariat, "dossier-detail-secretariat-1366x768")
    act(secretariat, "Trả lại để bổ sung", reason=REASON)
    dossier.refresh_from_db()
    assert dossier.state == State.RETURNED

    officer.reload()
    assert officer.locator("#return-reason").inner_text() == REASON
    shot(officer, "dossier-returned-1366x768")
    officer.get_by_role("link", name="Sửa hồ sơ").click()
    officer.get_by_label("Tóm tắt thành tích").fill(
        "Cứu hai người đuối nước ở hồ Tây (22 người dự họp)."
    )
    officer.get_by_role("button", name="Lưu hồ sơ").click()
    officer.get_by_text("Đã lưu thay đổi.").wait_for()
    act(officer, "Gửi hồ sơ")
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    assert dossier.summary.startswith("Cứu hai người")

    secretariat.reload()
    act(secretariat, "Tiếp nhận")
    dossier.refresh_from_db()
    assert dossier.state == State.ACCEPTED
    assert secretariat.locator("#dossier-state").inner_text() == "Đã tiếp nhận"
    assert secretariat.get_by_text(REASON).first.is_visible()  # kept in the history
    shot(secretariat, "dossier-detail-1366x768")

    phone = page_for(*PHONE)
    login(phone, live_server.url, "canbo")
    phone.goto(f"{live_server.url}/ho-so/{dossier.uuid}/")
    assert "Đã tiếp nhận" in phone.locator("#dossier-state").inner_text()
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "the dossier page scrolls sideways on a phone"
    shot(phone, "dossier-detail-390x844")
    phone.goto(f"{live_server.url}/ho-so/")
    assert phone.get_by_role("link", name=world.person.full_name).is_visible()
    shot(phone, "dossier-list-390x844")
