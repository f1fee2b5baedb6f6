"""The whole council procedure in the browser, by clicks and typing only (users and the council
are set up beforehand): a unit officer files a dossier with its evidence; the secretariat
returns it, it is fixed and accepted; a notice is published and a citizen objects on the public
notice page; the secretariat answers; after the notice period a session of 7 members is created
from the form, one member absent and one the nominee; 5 vote; the tally recommends; the minutes
download; the decision is drafted and signed; the certificates are printed; the officer sees
the outcome; the certificate code checks on the public site.

Screenshots of every step at 1366×768 and 390×844 go to var/screenshots/procedure-*.png."""

from __future__ import annotations

import datetime as dt
import io
import os
import re

import pytest
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from guongsang.accounts.tests.factories import PASSWORD
from guongsang.council.models import CouncilSession, PublicNotice, SessionStatus
from guongsang.council.tests.factories import make_council
from guongsang.nominations.models import Dossier, State

from .support import fill_dossier, open_menu, open_new_dossier, shot_both_sizes
from .test_dossier_journey import PDF, act
from .test_shell import LAPTOP, PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.prod_journey]

OBJECTION = "Đề nghị làm rõ thời gian công tác của người được đề nghị tại đơn vị."
ANSWER = "Đã xác minh: bà công tác liên tục tại Trung tâm từ năm 2015."
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def both_sizes(browser_page, page_for, shot, name: str) -> None:
    shot_both_sizes(browser_page, page_for, shot, f"procedure-{name}")


def test_the_council_procedure_runs_end_to_end_in_the_browser(
    app_url, login, give_totp, world, titles, page_for, shot, tmp_path, settings
):
    if os.environ.get("GS_E2E_PROD") != "1":
        settings.TASKS = IMMEDIATE  # in production mode the task worker builds the batch
    base = app_url
    council = make_council(world, 7)
    members = list(council.members.select_related("user").order_by("order"))
    nominee_member = members[6].user  # uv7 is the nominee: the conflict of interest
    nominee_member.person = world.person
    nominee_member.save(update_fields=["person"])
    from decimal import Decimal

    from guongsang.catalogue.models import BallotRule, Title
    from guongsang.decisions.tests.factories import signer

    # The department's rule for this title: more than half of the members present.
    Title.objects.filter(code="nguoi-tot-viec-tot-co-so").update(
        ballot_rule=BallotRule.OF_PRESENT, ballot_threshold=Decimal(50), ballot_strictly_above=True
    )
    signer(world)
    # Everyone who decides has an authenticator (production asks for the second factor).
    for user in [world.officer, world.secretariat, world.signer, *(m.user for m in members)]:
        give_totp(user)
    minutes = tmp_path / "bien-ban-hop-xet.pdf"
    minutes.write_bytes(PDF)
    year = timezone.localdate().year

    # 1. The unit officer files the dossier with its evidence and sends it.
    officer = page_for(*LAPTOP)
    login(officer, "canbo", PASSWORD)
    open_new_dossier(officer, label=titles["nguoi-tot-viec-tot-co-so"].name)
    fill_dossier(
        officer,
        year=str(year),
        person=world.person.full_name,
        summary="Cứu hai em nhỏ đuối nước ở hồ Linh Đàm.",
        report=(
            "Chiều 12/6, bà Liên lao xuống hồ cứu hai em nhỏ bị đuối nước, sơ cứu và đưa đi viện."
        ),
        votes_for="20",
        present="22",
        minutes=str(minutes),
    )
    act(officer, "Gửi hồ sơ")
    dossier = Dossier.objects.get()
    assert dossier.state == State.SUBMITTED
    both_sizes(officer, page_for, shot, "01-submitted")

    # 2. The secretariat returns it; the officer fixes it; the secretariat accepts it.
    secretariat = page_for(*LAPTOP)
    login(secretariat, "thuongtruc", PASSWORD)
    open_menu(secretariat, "Khen thưởng", "Hồ sơ khen thưởng")
    secretariat.get_by_role("link", name=world.person.full_name).first.click()
    act(secretariat, "Trả lại để bổ sung", reason="Cần ghi rõ ngày, nơi xảy ra sự việc.")
    officer.reload()
    officer.get_by_role("link", name="Sửa hồ sơ").click()
    officer.get_by_label("Tóm tắt thành tích").fill(
        "Ngày 12/6, cứu hai em nhỏ đuối nước ở hồ Linh Đàm, quận Hoàng Mai."
    )
    officer.get_by_role("button", name="Lưu hồ sơ").click()
    officer.get_by_text("Đã lưu thay đổi.").wait_for()
    act(officer, "Gửi hồ sơ")
    secretariat.reload()
    act(secretariat, "Tiếp nhận")
    dossier.refresh_from_db()
    assert dossier.state == State.ACCEPTED
    # No button moves the dossier through the council's steps: the page points to the procedure.
    for label in ("Đưa ra công khai", "Trình Hội đồng", "Hội đồng đề nghị khen"):
        assert secretariat.get_by_role("button", name=label).count() == 0
    assert secretariat.locator("#procedure-step").is_visible()
    both_sizes(secretariat, page_for, shot, "02-accepted")

    # 3. The secretariat publishes the notice from the form, ticking the dossier by its name.
    secretariat.locator("#procedure-step").get_by_role("link", name="Tạo đợt công khai").click()
    secretariat.get_by_label("Tiêu đề").fill(f"Công khai danh sách đề nghị khen thưởng năm {year}")
    secretariat.get_by_label(re.compile(re.escape(world.person.full_name))).check()
    both_sizes(secretariat, page_for, shot, "03-notice-form")
    secretariat.get_by_role("button", name="Đưa ra công khai").click()
    secretariat.get_by_text("Đã đưa danh sách ra công khai.").wait_for()
    dossier.refresh_from_db()
    assert dossier.state == State.PUBLIC_NOTICE

    # 4. A citizen objects on the public notice page, without logging in.
    citizen = page_for(*PHONE)
    citizen.goto(f"{base}/vuon-hoa/")
    citizen.get_by_role("link", name="Công khai khen thưởng").click()
    assert citizen.get_by_text(world.person.full_name).first.is_visible()
    shot(citizen, "procedure-04-public-board-390x844")
    board = page_for(*LAPTOP)
    board.goto(citizen.url)
    shot(board, "procedure-04-public-board-1366x768")
    board.close()
    citizen.get_by_role("link", name="Gửi ý kiến phản ánh").first.click()
    citizen.get_by_label(re.compile(re.escape(world.person.full_name))).check()
    citizen.get_by_label("Họ và tên người phản ánh (hoặc tên tổ chức)").fill("Nguyễn Văn Tâm")
    citizen.get_by_label("Số điện thoại hoặc thư điện tử").fill("0912 345 678")
    citizen.get_by_label("Nội dung phản ánh").fill(OBJECTION)
    shot(citizen, "procedure-04-objection-form-390x844")
    citizen.get_by_role("button", name="Gửi ý kiến").click()
    citizen.locator("#objection-received").wait_for()
    shot(citizen, "procedure-04-objection-sent-390x844")

    # 5. The secretariat sees it on the notice and answers it.
    secretariat.reload()
    assert secretariat.get_by_text(OBJECTION).is_visible()
    secretariat.get_by_label("Trả lời").fill(ANSWER)
    secretariat.get_by_role("button", name="Ghi trả lời").click()
    secretariat.get_by_text("Đã ghi câu trả lời.").wait_for()
    both_sizes(secretariat, page_for, shot, "05-objection-answered")

    # While the notice runs, the session form does not offer the dossier and says why.
    open_menu(secretariat, "Khen thưởng", "Hội đồng")
    secretariat.get_by_role("link", name="Tạo phiên họp").click()
    assert "đang công khai" in secretariat.locator("#agenda-waiting").inner_text()

    # Time passes: the notice period ends (the clock is the only thing moved by hand).
    today = timezone.localdate()
    PublicNotice.objects.update(
        starts_on=today - dt.timedelta(days=14), ends_on=today - dt.timedelta(days=7)
    )

    # 6. The session is created from the form: 7 members, the quorum no lower than 2/3.
    secretariat.reload()
    quorum_options = secretariat.get_by_label("Số thành viên tối thiểu có mặt").locator("option")
    assert "Một nửa" not in " ".join(quorum_options.all_inner_texts())
    secretariat.get_by_label("Hội đồng", exact=True).select_option(label=council.name)
    secretariat.get_by_label("Ngày họp").fill(today.isoformat())
    secretariat.get_by_label("Địa điểm").fill("Phòng họp tầng 3, trụ sở Sở")
    secretariat.get_by_label(re.compile(re.escape(world.person.full_name))).check()
    both_sizes(secretariat, page_for, shot, "06-session-form")
    secretariat.get_by_role("button", name="Tạo phiên họp").click()
    secretariat.get_by_text("Đã tạo phiên họp.").wait_for()
    session = CouncilSession.objects.get()
    # Attendance: everyone but uv6; then the vote opens.
    secretariat.get_by_label(re.compile(members[5].user.full_name)).uncheck()
    secretariat.get_by_role("button", name="Ghi điểm danh").click()
    secretariat.get_by_text("Đã ghi điểm danh.").wait_for()
    secretariat.get_by_role("button", name="Mở bỏ phiếu").click()
    secretariat.get_by_text("Đã mở bỏ phiếu.").wait_for()
    both_sizes(secretariat, page_for, shot, "06-session-open")

    # 7. Five members vote in the browser, each confirming; the absent member and the nominee
    # see why they cannot.
    receipts = []
    for index, choice in enumerate(["Đồng ý", "Đồng ý", "Không đồng ý", "Đồng ý", "Đồng ý"]):
        member = page_for(*(PHONE if index % 2 else LAPTOP))
        login(member, members[index].user.username, PASSWORD)
        member.goto(f"{base}/hoi-dong/bo-phieu/")
        member.get_by_text("Báo cáo thành tích, tệp đính kèm").click()
        assert member.get_by_text(OBJECTION).is_visible()
        assert member.get_by_text(ANSWER).is_visible()
        assert member.get_by_role("link", name="bien-ban-hop-xet.pdf").is_visible()
        member.get_by_label(choice, exact=True).check()
        member.get_by_role("button", name="Bỏ phiếu", exact=True).click()
        member.get_by_role("button", name="Xác nhận bỏ phiếu").wait_for()
        if index in (0, 1):
            size = "1366x768" if index == 0 else "390x844"
            shot(member, f"procedure-07-vote-confirm-{size}")
        member.get_by_role("button", name="Xác nhận bỏ phiếu").click()
        receipt = member.locator("#receipt")
        receipt.wait_for()
        receipts.append(receipt.inner_text().strip())
        if index in (0, 1):
            shot(member, f"procedure-07-vote-receipt-{member.viewport_size['width']}")
        member.close()
    for username, reason, name in [
        (members[5].user.username, "absent", "absent"),
        (nominee_member.username, "recused", "nominee"),
    ]:
        member = page_for(*PHONE)
        login(member, username, PASSWORD)
        member.goto(f"{base}/hoi-dong/bo-phieu/")
        assert member.locator(f"[data-cannot-vote={reason}]").is_visible()
        assert member.get_by_role("button", name="Bỏ phiếu", exact=True).count() == 0
        shot(member, f"procedure-07-cannot-vote-{name}-390x844")
        member.close()

    # 8. The secretariat closes the vote; the tally recommends (4 of the 5 who could vote).
    secretariat.goto(f"{base}/hoi-dong/phien-hop/{session.uuid}/")
    secretariat.get_by_role("link", name="Đóng bỏ phiếu và kiểm phiếu").click()
    secretariat.get_by_role("button", name="Xác nhận đóng và kiểm phiếu").click()
    secretariat.get_by_text("Đã đóng bỏ phiếu và kiểm phiếu.").wait_for()
    session.refresh_from_db()
    assert session.status == SessionStatus.TALLIED
    dossier.refresh_from_db()
    assert dossier.state == State.RECOMMENDED
    both_sizes(secretariat, page_for, shot, "08-tallied")
    with secretariat.expect_download() as download:
        secretariat.get_by_role("link", name="Biên bản (DOCX)").click()
    document = Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert world.person.full_name in text and "6/7" in text
    secretariat.get_by_role("link", name="Kết quả kiểm phiếu").click()
    secretariat.get_by_text(re.compile("mã biên nhận được tính")).first.click()
    page_text = secretariat.locator("main").text_content() or ""
    assert all(code in page_text for code in receipts)

    # 9. The decision is drafted by the secretariat and signed by the Director.
    open_menu(secretariat, "Khen thưởng", "Quyết định")
    secretariat.get_by_role("link", name="Soạn quyết định").click()
    secretariat.get_by_label("Chọn tất cả").check()
    secretariat.get_by_role("button", name="Soạn dự thảo").click()
    secretariat.get_by_text("Đã soạn dự thảo quyết định.").wait_for()
    decision_url = secretariat.url
    director = page_for(*LAPTOP)
    login(director, "giamdoc", PASSWORD)
    director.goto(decision_url)
    director.get_by_role("link", name="Ký quyết định").click()
    director.get_by_label("Tôi xác nhận ký").check()
    both_sizes(director, page_for, shot, "09-sign")
    director.get_by_role("button", name="Ký và cấp số").click()
    director.get_by_text(re.compile(r"Đã ký quyết định số \d+/QĐ-")).wait_for()
    dossier.refresh_from_db()
    assert dossier.state == State.DECIDED
    number = director.get_by_text(re.compile(r"Đã ký quyết định số")).inner_text()
    number = re.search(r"\d+/QĐ-[^\s.]+", number).group(0)
    both_sizes(director, page_for, shot, "09-signed")

    # 10. The certificates are printed as a background job and downloaded.
    secretariat.goto(decision_url)
    secretariat.get_by_role("button", name="In giấy khen (PDF)").click()
    download_link = secretariat.get_by_role("link", name=re.compile("Tải về"))
    download_link.wait_for(timeout=60_000)
    with secretariat.expect_download() as download:
        download_link.click()
    certificate_text = "\n".join(
        page.extract_text() for page in PdfReader(download.value.path()).pages
    )
    assert world.person.full_name in certificate_text
    code = re.search(r"\b[0-9A-Z]{5}-[0-9A-Z]{5}\b", certificate_text)
    assert code, certificate_text[:500]
    both_sizes(secretariat, page_for, shot, "10-certificates")

    # 11. The officer sees the outcome on the dossier.
    officer.goto(f"{base}/ho-so/")
    officer.get_by_role("link", name=world.person.full_name).first.click()
    assert "Đã có quyết định" in officer.locator("#dossier-state").inner_text() or (
        dossier.state == State.DECIDED
    )
    assert officer.get_by_text(number).first.is_visible()
    both_sizes(officer, page_for, shot, "11-officer-outcome")

    # 12. Anyone checks the certificate code on the public site.
    public = page_for(*PHONE)
    public.goto(f"{base}/vuon-hoa/")
    public.get_by_role("link", name="Xác minh giấy khen").click()
    public.get_by_role("textbox").last.fill(code.group(0))
    public.get_by_role("button", name=re.compile("Xác minh|Tra cứu|Kiểm tra")).last.click()
    public.get_by_text(world.person.full_name).first.wait_for()
    assert public.get_by_text(number).first.is_visible()
    shot(public, "procedure-12-public-check-390x844")
    wide = page_for(*LAPTOP)
    wide.goto(public.url)
    shot(wide, "procedure-12-public-check-1366x768")
    wide.close()
