"""Encrypted ballots end to end in the services: key shares, casting, closing, the holders'
decryptions, the thresholds on the decrypted sums, the record and manage.py verify_tally."""

from __future__ import annotations

import json
from io import BytesIO, StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from pypdf import PdfReader

from guongsang.core.models import AuditEntry
from guongsang.council import minutes, services
from guongsang.council.models import (
    AgendaItem,
    Ballot,
    Choice,
    EncryptedBallot,
    KeyShare,
    SessionStatus,
)
from guongsang.council.tests.factories import (
    accepted_dossier,
    convened_session,
    make_council,
    members_of,
    ninety_percent_rule,
)

pytestmark = pytest.mark.django_db

CHAIR_PASS = "hoa sen nở giữa hồ"
SECRETARIAT_PASS = "trống đồng Ngọc Lũ 1893"


def _encrypted_session(world, council, dossiers, *, present=None):
    return convened_session(world, council, dossiers, present=present, encrypted=True)


def _keys(world, council, session):
    chair = members_of(council)[0]
    services.key_share_create(
        actor=chair, session=session, passphrase=CHAIR_PASS, confirm=CHAIR_PASS
    )
    services.key_share_create(
        actor=world.secretariat,
        session=session,
        passphrase=SECRETARIAT_PASS,
        confirm=SECRETARIAT_PASS,
    )
    return chair


def _close_and_decrypt(world, chair, session):
    services.voting_close(actor=world.secretariat, session=session)
    session.refresh_from_db()
    assert session.status == SessionStatus.COUNTING
    services.decryption_publish(actor=chair, session=session, passphrase=CHAIR_PASS)
    services.decryption_publish(
        actor=world.secretariat, session=session, passphrase=SECRETARIAT_PASS
    )
    session.refresh_from_db()
    return session


def test_seven_members_vote_encrypted_and_only_the_sums_are_decrypted(world, titles):
    council = make_council(world, 7)
    dossier = accepted_dossier(world)
    session = _encrypted_session(world, council, [dossier])
    with pytest.raises(ValidationError, match="còn thiếu phần khóa"):
        services.voting_open(actor=world.secretariat, session=session)
    chair = _keys(world, council, session)
    services.voting_open(actor=world.secretariat, session=session)
    item = session.items.get()
    choices = [Choice.YES, Choice.YES, Choice.NO, Choice.YES, Choice.ABSTAIN, Choice.YES, Choice.NO]
    codes = [
        services.ballot_cast(voter=user, item=item, choice=choice)
        for user, choice in zip(members_of(council), choices, strict=True)
    ]
    # Nothing stores a plaintext choice: no plain ballot, and the encrypted ones hold only
    # numbers and proofs under their codes.
    assert not Ballot.objects.exists()
    stored = list(EncryptedBallot.objects.filter(item=item))
    assert sorted(b.receipt for b in stored) == sorted(codes)
    for ballot in stored:
        text = json.dumps(ballot.selection)
        assert not any(c in text for c in ("yes", "no", "abstain"))
    session = _close_and_decrypt(world, chair, session)
    assert session.status == SessionStatus.TALLIED
    item.refresh_from_db()
    assert (item.yes, item.no, item.abstain) == (
        choices.count(Choice.YES),
        choices.count(Choice.NO),
        choices.count(Choice.ABSTAIN),
    )
    # 4 of 7 present: more than half.
    assert item.base == 7 and item.outcome == "recommended"
    dossier.refresh_from_db()
    assert dossier.state == "recommended"
    out = StringIO()
    call_command("verify_tally", str(session.uuid), stdout=out)
    assert "Kiểm tra đạt" in out.getvalue()
    reasons = list(
        AuditEntry.objects.filter(object_id=str(session.uuid)).values_list("reason", flat=True)
    )
    assert sum("Tạo phần khóa" in r for r in reasons) == 2
    assert sum("Công bố phần giải mã" in r for r in reasons) == 2
    assert any("Đóng bỏ phiếu" in r for r in reasons)


def test_a_wrong_passphrase_decrypts_nothing(world, titles):
    council = make_council(world, 3)
    session = _encrypted_session(world, council, [accepted_dossier(world)])
    chair = _keys(world, council, session)
    services.voting_open(actor=world.secretariat, session=session)
    services.ballot_cast(voter=chair, item=session.items.get(), choice=Choice.YES)
    services.voting_close(actor=world.secretariat, session=session)
    with pytest.raises(ValidationError, match="Cụm mật khẩu không đúng"):
        services.decryption_publish(actor=chair, session=session, passphrase=SECRETARIAT_PASS)
    assert not KeyShare.objects.filter(decryption__isnull=False).exists()
    # A member who holds no share cannot decrypt.
    with pytest.raises(PermissionDenied):
        services.decryption_publish(
            actor=members_of(council)[1], session=session, passphrase=CHAIR_PASS
        )


def test_key_shares_are_refused_to_others_and_short_or_mismatched_passphrases(world, titles):
    council = make_council(world, 3)
    session = _encrypted_session(world, council, [accepted_dossier(world)])
    member = members_of(council)[1]
    with pytest.raises(PermissionDenied):
        services.key_share_create(
            actor=member, session=session, passphrase=CHAIR_PASS, confirm=CHAIR_PASS
        )
    chair = members_of(council)[0]
    with pytest.raises(ValidationError, match="ít nhất 10"):
        services.key_share_create(actor=chair, session=session, passphrase="ngan", confirm="ngan")
    with pytest.raises(ValidationError, match="không giống nhau"):
        services.key_share_create(
            actor=chair, session=session, passphrase=CHAIR_PASS, confirm=CHAIR_PASS + "x"
        )
    assert not KeyShare.objects.exists()


def test_written_opinions_count_under_the_ninety_percent_rule(world, titles):
    ninety_percent_rule()
    council = make_council(world, 10)
    dossier = accepted_dossier(world)
    session = _encrypted_session(world, council, [dossier], present=8)
    chair = _keys(world, council, session)
    services.voting_open(actor=world.secretariat, session=session)
    item = session.items.get()
    users = members_of(council)
    for user in users[:8]:
        services.ballot_cast(voter=user, item=item, choice=Choice.YES)
    services.written_opinion_record(
        actor=world.secretariat, item=item, member_user=users[8], choice=Choice.YES
    )
    services.written_opinion_record(
        actor=world.secretariat, item=item, member_user=users[9], choice=Choice.NO
    )
    _close_and_decrypt(world, chair, session)
    item.refresh_from_db()
    # 8 + 1 written of 10 members: 90% reached (from 90%).
    assert (item.yes, item.written_yes, item.written_no, item.base) == (8, 1, 1, 10)
    assert item.outcome == "recommended"
    # The minutes, read back from the DOCX and the PDF, carry the verification result.
    docx_text = "\n".join(
        p.text for p in Document(BytesIO(minutes.minutes_docx(session))).paragraphs
    )
    assert "phiếu mã hóa" in docx_text and "Kiểm tra đạt: 10 phiếu mã hóa" in docx_text
    pdf_text = " ".join(
        page.extract_text() for page in PdfReader(BytesIO(minutes.minutes_pdf(session))).pages
    )
    assert "Kiểm tra đạt" in " ".join(pdf_text.split())


def _tallied(world, titles):
    council = make_council(world, 4)
    session = _encrypted_session(world, council, [accepted_dossier(world)])
    chair = _keys(world, council, session)
    services.voting_open(actor=world.secretariat, session=session)
    item = session.items.get()
    for user, choice in zip(
        members_of(council), [Choice.YES, Choice.NO, Choice.YES, Choice.YES], strict=True
    ):
        services.ballot_cast(voter=user, item=item, choice=choice)
    return _close_and_decrypt(world, chair, session), item


def test_a_tampered_ballot_makes_the_verifier_fail(world, titles, tmp_path):
    session, item = _tallied(world, titles)
    record = services.build_record(session)
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    call_command("verify_tally", "--record", str(path), stdout=StringIO())
    # Swap two ciphertexts of one stored ballot: a “no” becomes a “yes”.
    ballot = EncryptedBallot.objects.filter(item=item).first()
    cts = ballot.selection["ciphertexts"]
    cts[0], cts[1] = cts[1], cts[0]
    ballot.save(update_fields=["selection"])
    err = StringIO()
    with pytest.raises(CommandError, match="KHÔNG đạt"):
        call_command("verify_tally", str(session.uuid), stdout=StringIO(), stderr=err)
    assert ballot.receipt in err.getvalue()


def test_a_wrong_published_tally_makes_the_verifier_fail(world, titles, tmp_path):
    session, item = _tallied(world, titles)
    AgendaItem.objects.filter(pk=item.pk).update(yes=item.yes + 1)
    err = StringIO()
    with pytest.raises(CommandError, match="KHÔNG đạt"):
        call_command("verify_tally", str(session.uuid), stdout=StringIO(), stderr=err)
    assert "giải mã được 3" in err.getvalue()
    # The same in a downloaded record whose result was edited.
    AgendaItem.objects.filter(pk=item.pk).update(yes=item.yes)
    record = services.build_record(session)
    record["items"][0]["result"]["recommended"] = False
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(CommandError, match="KHÔNG đạt"):
        call_command("verify_tally", "--record", str(path), stdout=StringIO(), stderr=StringIO())


def test_the_board_is_for_readers_and_the_public_sees_it_by_code_only(world, titles, client):
    session, item = _tallied(world, titles)
    board = f"/hoi-dong/phien-hop/{session.uuid}/bang-tin/"
    record_url = f"/hoi-dong/phien-hop/{session.uuid}/ho-so-kiem-phieu.json"
    client.force_login(world.officer)  # a unit officer reads no council session
    assert client.get(board).status_code in (403, 404)
    assert client.get(record_url).status_code in (403, 404)
    member = members_of(session.council)[1]
    client.force_login(member)
    record = json.loads(client.get(record_url).content)
    codes = sorted(EncryptedBallot.objects.filter(item=item).values_list("receipt", flat=True))
    assert sorted(b["code"] for b in record["items"][0]["ballots"]) == codes
    # No login name of a key holder in a file that may be published.
    assert all(g["user"] != "thuongtruc" for g in record["guardians"])
    client.logout()
    public = "/vuon-hoa/cong-khai/kiem-tra-phieu/"
    answer = client.post(public, {"code": codes[0].lower()}).content.decode()
    assert "khớp nhau" in answer and codes[0] in answer
    answer = client.post(public, {"code": "AAAA-BBBB-CC"}).content.decode()
    assert "Không có mã AAAA-BBBB-CC" in answer and "khớp nhau" not in answer
    downloaded = client.get(f"/vuon-hoa/cong-khai/kiem-tra-phieu/{codes[0]}/ho-so.json")
    assert json.loads(downloaded.content)["session"]["uuid"] == str(session.uuid)
    assert (
        client.get("/vuon-hoa/cong-khai/kiem-tra-phieu/AAAA-BBBB-CC/ho-so.json").status_code == 404
    )


def test_a_ballot_removed_from_the_board_makes_the_verifier_fail(world, titles):
    session, item = _tallied(world, titles)
    EncryptedBallot.objects.filter(item=item).order_by("receipt").first().delete()
    err = StringIO()
    with pytest.raises(CommandError, match="KHÔNG đạt"):
        call_command("verify_tally", str(session.uuid), stdout=StringIO(), stderr=err)
    assert "khác số lượt thành viên đã bỏ phiếu" in err.getvalue()


def test_the_key_holders_see_their_step_on_the_home_page(world, titles):
    from guongsang.core.todo import todo_for

    def key_items(user):
        return [
            (item.detail, item.count)
            for section in todo_for(user)
            for item in section.items
            if item.label == "Phần khóa phiếu mã hóa chờ bạn"
        ]

    council = make_council(world, 3)
    session = _encrypted_session(world, council, [accepted_dossier(world)])
    chair, member = members_of(council)[:2]
    assert key_items(chair) == [("Tạo phần khóa", 1)]
    assert key_items(world.secretariat) == [("Tạo phần khóa", 1)]
    assert key_items(member) == []
    _keys(world, council, session)
    assert key_items(chair) == [] and key_items(world.secretariat) == []
    services.voting_open(actor=world.secretariat, session=session)
    services.ballot_cast(voter=member, item=session.items.get(), choice=Choice.YES)
    services.voting_close(actor=world.secretariat, session=session)
    assert key_items(chair) == [("Giải mã tổng số phiếu", 1)]
    services.decryption_publish(actor=chair, session=session, passphrase=CHAIR_PASS)
    assert key_items(chair) == []
    assert key_items(world.secretariat) == [("Giải mã tổng số phiếu", 1)]


def test_when_the_chair_decrypts_last_the_secretariat_finishes_the_tally(world, titles):
    council = make_council(world, 3)
    session = _encrypted_session(world, council, [accepted_dossier(world)])
    chair = _keys(world, council, session)
    services.voting_open(actor=world.secretariat, session=session)
    item = session.items.get()
    for user, choice in zip(members_of(council), [Choice.YES, Choice.YES, Choice.NO], strict=True):
        services.ballot_cast(voter=user, item=item, choice=choice)
    services.voting_close(actor=world.secretariat, session=session)
    with pytest.raises(ValidationError, match="Chưa đủ phần giải mã"):
        services.tally_finish(actor=world.secretariat, session=session)
    services.decryption_publish(
        actor=world.secretariat, session=session, passphrase=SECRETARIAT_PASS
    )
    services.decryption_publish(actor=chair, session=session, passphrase=CHAIR_PASS)
    session.refresh_from_db()
    assert session.status == SessionStatus.COUNTING  # the chair does not run the tally
    with pytest.raises(PermissionDenied):
        services.tally_finish(actor=chair, session=session)
    [result] = services.tally_finish(actor=world.secretariat, session=session)
    assert (result.yes, result.no, result.base, result.recommended) == (2, 1, 3, True)
