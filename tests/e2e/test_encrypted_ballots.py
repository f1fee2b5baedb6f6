"""Encrypted ballots in the browser, by clicks and typing only (users, the council of 7 and an
accepted dossier are set up beforehand): the secretariat creates a session with “Phiếu mã
hóa”; the chair and the secretariat each create their key share by typing a passphrase; the
vote opens and the 7 members vote; a member finds their tracking code on the bulletin board
and has it checked; the secretariat closes; the chair and the secretariat each type their
passphrase to decrypt the sums; the result shows; the election record downloads and
`manage.py verify_tally --record` accepts it; the minutes carry the verification.
Then: a stored ballot or the published tally changed behind the application's back makes the
board's check and the verifier fail.
Screenshots at 1366×768 and 390×844 go to var/screenshots/encrypted-*.png."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from guongsang.council import services
from guongsang.council.models import (
    AgendaItem,
    Choice,
    CouncilSession,
    EncryptedBallot,
    SessionStatus,
)
from guongsang.council.tests.factories import accepted_dossier, make_council, members_of

from .support import noticed_session, shot_both_sizes
from .test_shell import LAPTOP, PHONE, login

pytestmark = pytest.mark.e2e

CHAIR_PASS = "sen hồng nở giữa hồ Tây"
SECRETARIAT_PASS = "trống đồng Ngọc Lũ 1893"


def both_sizes(page, page_for, shot, name: str) -> None:
    shot_both_sizes(page, page_for, shot, f"encrypted-{name}")


def _type_new_passphrase(page, passphrase: str) -> None:
    page.get_by_label("Cụm mật khẩu", exact=True).fill(passphrase)
    page.get_by_label("Nhập lại cụm mật khẩu").fill(passphrase)
    page.get_by_role("button", name="Tạo phần khóa của tôi").click()
    page.get_by_text("Đã tạo phần khóa của bạn.").wait_for()


def test_a_council_of_seven_votes_with_encrypted_ballots_in_the_browser(
    live_server, world, titles, page_for, shot, tmp_path
):
    council = make_council(world, 7)
    users = members_of(council)  # uv1 chairs the council
    dossier = accepted_dossier(world)
    services.notice_publish(
        actor=world.secretariat, dossiers=[dossier], starts_on=dt.date(2024, 11, 4)
    )
    base = live_server.url

    # 1. The secretariat creates the session with encrypted ballots.
    secretariat = page_for(*LAPTOP)
    login(secretariat, base, "thuongtruc")
    secretariat.goto(f"{base}/hoi-dong/phien-hop/tao/")
    secretariat.get_by_label("Hội đồng", exact=True).select_option(label=council.name)
    secretariat.get_by_label("Ngày họp").fill("2024-11-20")
    secretariat.get_by_label("Địa điểm").fill("Phòng họp số 1")
    secretariat.get_by_label(re.compile(re.escape(world.person.full_name))).check()
    secretariat.get_by_label("Phiếu mã hóa").check()
    both_sizes(secretariat, page_for, shot, "01-session-form")
    secretariat.get_by_role("button", name="Tạo phiên họp").click()
    secretariat.get_by_text("Đã tạo phiên họp.").wait_for()
    session = CouncilSession.objects.get()
    assert session.encrypted and session.members_total == 7
    session_url = secretariat.url

    # 2. Without the key shares the vote does not open.
    secretariat.get_by_role("button", name="Ghi điểm danh").click()
    secretariat.get_by_text("Đã ghi điểm danh.").wait_for()
    secretariat.get_by_role("button", name="Mở bỏ phiếu").click()
    secretariat.get_by_text("còn thiếu phần khóa").wait_for()

    # 3. The chair and the secretariat each type a passphrase to create their share.
    chair = page_for(*PHONE)
    login(chair, base, users[0].username)
    chair.goto(session_url)
    chair.get_by_label("Cụm mật khẩu", exact=True).fill("ngan")
    chair.get_by_label("Nhập lại cụm mật khẩu").fill("ngan")
    chair.get_by_role("button", name="Tạo phần khóa của tôi").click()
    chair.get_by_text("Cụm mật khẩu cần ít nhất 10 ký tự.").wait_for()
    shot(chair, "encrypted-02-key-share-refused-390x844")
    _type_new_passphrase(chair, CHAIR_PASS)
    secretariat.goto(session_url)
    _type_new_passphrase(secretariat, SECRETARIAT_PASS)
    assert secretariat.locator("#holder-chair").get_by_text("Đã tạo phần khóa").is_visible()
    both_sizes(secretariat, page_for, shot, "03-key-shares")
    secretariat.get_by_role("button", name="Mở bỏ phiếu").click()
    secretariat.get_by_text("Đã mở bỏ phiếu.").wait_for()

    # 4. The seven members vote by clicking; the page says the ballot is encrypted.
    choices = ["Đồng ý", "Đồng ý", "Không đồng ý", "Đồng ý", "Không biểu quyết", "Đồng ý", "Đồng ý"]
    codes = []
    for index, (user, choice) in enumerate(zip(users, choices, strict=True)):
        member = chair if index == 0 else page_for(*(PHONE if index % 2 else LAPTOP))
        if index:
            login(member, base, user.username)
        member.goto(f"{base}/hoi-dong/bo-phieu/")
        member.get_by_label(choice, exact=True).check()
        member.get_by_role("button", name="Bỏ phiếu", exact=True).click()
        member.get_by_role("button", name="Xác nhận bỏ phiếu").wait_for()
        assert "mã hóa lựa chọn ngay lúc đó" in member.locator("#encrypted-note").inner_text()
        if index == 1:
            shot(member, "encrypted-04-confirm-390x844")
        member.get_by_role("button", name="Xác nhận bỏ phiếu").click()
        receipt = member.locator("#receipt")
        receipt.wait_for()
        codes.append(receipt.inner_text().strip())
        if index == 1:
            shot(member, "encrypted-05-receipt-390x844")
            voter = member
        elif index:
            member.close()
    stored = list(EncryptedBallot.objects.values_list("receipt", "selection"))
    assert sorted(code for code, _s in stored) == sorted(codes)
    assert not any('"yes"' in json.dumps(selection) for _c, selection in stored)

    # 5. A member finds their code on the bulletin board and has it checked.
    voter.goto(session_url)
    voter.get_by_role("link", name="Bảng tin phiếu mã hóa").click()
    assert voter.locator(".board-code", has_text=codes[1]).is_visible()
    voter.get_by_label("Mã theo dõi phiếu").fill(codes[1])
    voter.get_by_role("button", name="Kiểm tra").click()
    voter.get_by_text(f"Mã {codes[1]} có trên bảng tin").wait_for()
    assert "Kiểm tra đạt: 7 phiếu mã hóa" in voter.locator("#verify-summary").inner_text()
    both_sizes(voter, page_for, shot, "06-board-check")

    # 6. The secretariat closes the vote; the sums are published, nothing is counted yet.
    secretariat.goto(session_url)
    secretariat.get_by_role("link", name="Đóng bỏ phiếu").click()
    secretariat.get_by_role("button", name="Xác nhận đóng bỏ phiếu").click()
    secretariat.get_by_text("tổng các phiếu mã hóa đã được công bố").wait_for()
    assert CouncilSession.objects.get().status == SessionStatus.COUNTING

    # 7. The chair, then the secretariat, type their passphrase to decrypt the sums.
    chair.goto(session_url)
    chair.get_by_label("Cụm mật khẩu của phần khóa").fill(SECRETARIAT_PASS)
    chair.get_by_role("button", name="Giải mã tổng số phiếu (phần của tôi)").click()
    chair.get_by_text("Cụm mật khẩu không đúng.").wait_for()
    chair.get_by_label("Cụm mật khẩu của phần khóa").fill(CHAIR_PASS)
    chair.get_by_role("button", name="Giải mã tổng số phiếu (phần của tôi)").click()
    chair.get_by_text("Đã công bố phần giải mã tổng số phiếu của bạn.").wait_for()
    shot(chair, "encrypted-07-chair-decrypted-390x844")
    secretariat.goto(session_url)
    both_sizes(secretariat, page_for, shot, "08-counting")
    secretariat.get_by_label("Cụm mật khẩu của phần khóa").fill(SECRETARIAT_PASS)
    secretariat.get_by_role("button", name="Giải mã tổng số phiếu (phần của tôi)").click()
    secretariat.get_by_text("đã kiểm phiếu và công bố kết quả").wait_for()
    both_sizes(secretariat, page_for, shot, "09-tallied")

    # 8. The result: 5 yes of 7 present, more than half; computed from the choices above.
    item = AgendaItem.objects.get()
    expected = (
        choices.count("Đồng ý"),
        choices.count("Không đồng ý"),
        choices.count("Không biểu quyết"),
    )
    assert (item.yes, item.no, item.abstain) == expected
    assert item.outcome == "recommended"
    assert secretariat.locator("#session-status").inner_text() == "Đã kiểm phiếu"

    # 9. The member checks again: the tally follows from the board.
    voter.goto(f"{base}/hoi-dong/phien-hop/{session.uuid}/bang-tin/")
    voter.get_by_label("Mã theo dõi phiếu").fill(codes[1])
    voter.get_by_role("button", name="Kiểm tra").click()
    voter.get_by_text("khớp nhau").wait_for()
    assert (
        "Đồng ý 5 · Không đồng ý 1 · Không biểu quyết 1" in voter.locator("#result-1").inner_text()
    )
    both_sizes(voter, page_for, shot, "10-board-tallied")

    # 9b. On the public site, anyone with the code gets the same check, and nothing without.
    public = page_for(*PHONE)
    public.goto(f"{base}/vuon-hoa/cong-khai/kiem-tra-phieu/")
    public.get_by_label("Mã theo dõi phiếu").fill("AAAA-BBBB-CC")
    public.get_by_role("button", name="Kiểm tra").click()
    public.get_by_text("Không có mã AAAA-BBBB-CC").wait_for()
    public.get_by_label("Mã theo dõi phiếu").fill(codes[3].lower())
    public.get_by_role("button", name="Kiểm tra").click()
    public.get_by_text("khớp nhau").wait_for()
    assert codes[3] in public.locator("#public-check-result").inner_text()
    shot(public, "encrypted-10b-public-check-390x844")

    # 10. The election record downloads and the independent verifier accepts it.
    with voter.expect_download() as download:
        voter.get_by_role("link", name="Tải hồ sơ kiểm phiếu (JSON)").click()
    record_path = tmp_path / "record.json"
    record_path.write_bytes(download.value.path().read_bytes())
    out = StringIO()
    call_command("verify_tally", "--record", str(record_path), stdout=out)
    assert "Kiểm tra đạt: 7 phiếu mã hóa" in out.getvalue()
    record = json.loads(record_path.read_text(encoding="utf-8"))
    assert record["items"][0]["result"]["yes"] == expected[0]

    # 11. The minutes carry the verification.
    with secretariat.expect_download() as download:
        secretariat.get_by_role("link", name="Biên bản (DOCX)").click()
    text = "\n".join(
        p.text for p in Document(io.BytesIO(download.value.path().read_bytes())).paragraphs
    )
    assert "phiếu mã hóa" in text and "Kiểm tra đạt: 7 phiếu mã hóa" in text


CHOICES = [Choice.YES, Choice.NO, Choice.YES]


def _tallied_session(world) -> CouncilSession:
    council = make_council(world, 3)
    session = noticed_session(world, council, encrypted=True)
    users = members_of(council)
    services.attendance_record(actor=world.secretariat, session=session, present_users=users)
    for actor, passphrase in ((users[0], CHAIR_PASS), (world.secretariat, SECRETARIAT_PASS)):
        services.key_share_create(
            actor=actor, session=session, passphrase=passphrase, confirm=passphrase
        )
    services.voting_open(actor=world.secretariat, session=session)
    item = session.items.get()
    for user, choice in zip(users, CHOICES, strict=True):
        services.ballot_cast(voter=user, item=item, choice=choice)
    services.voting_close(actor=world.secretariat, session=session)
    services.decryption_publish(actor=users[0], session=session, passphrase=CHAIR_PASS)
    services.decryption_publish(
        actor=world.secretariat, session=session, passphrase=SECRETARIAT_PASS
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.TALLIED
    return session


def test_a_tampered_ballot_or_tally_fails_the_check_and_the_verifier(
    live_server, world, titles, page_for, shot, tmp_path
):
    session = _tallied_session(world)
    base = live_server.url
    member = page_for(*LAPTOP)
    login(member, base, "uv2")
    board = f"{base}/hoi-dong/phien-hop/{session.uuid}/bang-tin/"
    member.goto(board)
    with member.expect_download() as download:
        member.get_by_role("link", name="Tải hồ sơ kiểm phiếu (JSON)").click()
    record = json.loads(download.value.path().read_bytes())

    # Someone with the database swaps the ciphertexts of one stored ballot (no → yes).
    ballot = EncryptedBallot.objects.order_by("receipt").first()
    original = json.loads(json.dumps(ballot.selection))
    cts = ballot.selection["ciphertexts"]
    cts[0], cts[1] = cts[1], cts[0]
    ballot.save(update_fields=["selection"])
    member.get_by_label("Mã theo dõi phiếu").fill(ballot.receipt)
    member.get_by_role("button", name="Kiểm tra").click()
    member.get_by_text("Kiểm tra KHÔNG đạt").wait_for()
    assert ballot.receipt in member.locator("#verify-summary").inner_text()
    both_sizes(member, page_for, shot, "11-board-tampered")
    err = StringIO()
    with pytest.raises(CommandError, match="KHÔNG đạt"):
        call_command("verify_tally", str(session.uuid), stdout=StringIO(), stderr=err)
    assert ballot.receipt in err.getvalue()
    ballot.selection = original
    ballot.save(update_fields=["selection"])
    call_command("verify_tally", str(session.uuid), stdout=StringIO())

    # A published tally changed: one more “yes” than the decryption gives.
    item = AgendaItem.objects.get()
    AgendaItem.objects.filter(pk=item.pk).update(yes=item.yes + 1)
    with pytest.raises(CommandError, match="KHÔNG đạt"):
        call_command("verify_tally", str(session.uuid), stdout=StringIO(), stderr=StringIO())

    # The downloaded record with an edited result fails the same way, from the file alone.
    record["items"][0]["result"]["no"] = 0
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="KHÔNG đạt"):
        call_command("verify_tally", "--record", str(path), stdout=StringIO(), stderr=err)
    assert f"giải mã được {CHOICES.count(Choice.NO)}" in err.getvalue()
