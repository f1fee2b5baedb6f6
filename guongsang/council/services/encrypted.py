"""Phiếu mã hóa: a session whose ballots are stored encrypted and counted by adding the
ciphertexts; only the sums are decrypted, by the chair and the secretariat together.

The steps, each in one transaction and in the audit log:
1. key_share_create — the chair and the secretariat each type a passphrase; a key share is
   made, its public part and proof published, its secret sealed with scrypt + AES-GCM under
   that passphrase (the passphrase itself is never stored). One person cannot hold both.
2. voting_open (services.sessions) refuses an encrypted session until both shares exist.
3. ballot_cast (services.ballots) calls encrypt_ballot: the choice is encrypted on the server
   at the moment the member confirms it; only ciphertexts and proofs are stored, under the
   tracking code.
4. encrypted_close — voting stops; the summed ciphertexts of every item are published.
5. decryption_publish — each holder types the passphrase; their partial decryptions of the
   sums, with proofs, are published. When both are in, tally_finish checks the whole record
   (council/verifier.py) and applies the thresholds to the decrypted sums exactly as for
   plain ballots (services.tally.apply_counts).
"""

from __future__ import annotations

import base64
import hashlib
import os
import random
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.accounts.models import User
from guongsang.catalogue.models import BallotRule
from guongsang.core import audit
from guongsang.core.busy import sqlite_writer
from guongsang.core.formatting import nfc
from guongsang.core.models import AuditAction
from guongsang.core.types import Actor
from guongsang.council import crypto
from guongsang.council import verifier as record_verifier
from guongsang.council.models import (
    AgendaItem,
    Choice,
    CouncilSession,
    EncryptedBallot,
    KeyHolder,
    KeyShare,
    MemberRole,
    Participation,
    SessionStatus,
)
from guongsang.council.permissions import can_manage_level
from guongsang.council.services.base import _require_manage
from guongsang.council.services.sessions import _locked_session
from guongsang.council.services.tally import ItemResult, _locked_items, apply_counts, rule_text

MIN_PASSPHRASE = 10
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
CHOICE_ORDER = [Choice.YES, Choice.NO, Choice.ABSTAIN]  # record_verifier.CHOICES


# ------------------------------------------------------------------------------ key shares


def _aad(session: CouncilSession, holder: str, public_hex: str) -> bytes:
    return f"{session.uuid}|{holder}|{public_hex}".encode()


def _derive(passphrase: str, salt: bytes) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(nfc(passphrase).encode("utf-8"))


def _seal(secret: int, passphrase: str, aad: bytes) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_derive(passphrase, salt)).encrypt(nonce, secret.to_bytes(32, "big"), aad)
    return {
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(nonce).decode(),
        "ciphertext": base64.b64encode(sealed).decode(),
    }


def _unseal(share: KeyShare, passphrase: str) -> int:
    data = share.sealed
    salt = base64.b64decode(data["salt"])
    try:
        plain = AESGCM(_derive(passphrase, salt)).decrypt(
            base64.b64decode(data["nonce"]),
            base64.b64decode(data["ciphertext"]),
            _aad(share.session, share.holder, share.public_key),
        )
    except InvalidTag as exc:
        raise ValidationError(_("Cụm mật khẩu không đúng.")) from exc
    return int.from_bytes(plain, "big")


def holders_for(user: Any, session: CouncilSession) -> list[str]:
    """The key shares this user may hold in the session: the chair's if they chair the
    council, the secretariat's if they run the secretariat of its level."""
    found: list[str] = []
    if session.council.members.filter(user_id=user.pk, role=MemberRole.CHAIR).exists():
        found.append(KeyHolder.CHAIR)
    elif can_manage_level(user, session.level_unit_id):
        found.append(KeyHolder.SECRETARIAT)
    return found


def missing_holders(session: CouncilSession) -> list[Any]:
    have = set(session.key_shares.values_list("holder", flat=True))
    return [label for value, label in KeyHolder.choices if value not in have]


@transaction.atomic
def key_share_create(
    *, actor: User, session: CouncilSession, passphrase: str, confirm: str
) -> KeyShare:
    """Tạo phần khóa: the share of the actor's role in this session, sealed under the
    passphrase typed (twice) in the browser."""
    session = _locked_session(session)
    if not session.encrypted:
        raise ValidationError(_("Phiên họp này không dùng phiếu mã hóa."))
    if session.status != SessionStatus.DRAFT:
        raise ValidationError(_("Chỉ tạo phần khóa được trước khi mở bỏ phiếu."))
    holders = holders_for(actor, session)
    if not holders:
        raise PermissionDenied(
            _("Chỉ Chủ tịch Hội đồng và Thường trực Hội đồng giữ phần khóa của phiên họp.")
        )
    holder = holders[0]
    if session.key_shares.filter(holder=holder).exists():
        raise ValidationError(_("Phần khóa này đã được tạo."))
    if session.key_shares.filter(user=actor).exists():
        raise ValidationError(_("Một người không giữ hai phần khóa."))
    passphrase = nfc(passphrase)
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(_("Cụm mật khẩu cần ít nhất %(n)s ký tự.") % {"n": MIN_PASSPHRASE})
    if passphrase != nfc(confirm):
        raise ValidationError(_("Hai lần nhập cụm mật khẩu không giống nhau."))
    secret, public, proof = crypto.keygen(record_verifier.key_context(str(session.uuid), holder))
    public_hex = crypto.hex_of(public)
    share = KeyShare.objects.create(
        session=session,
        holder=holder,
        user=actor,
        public_key=public_hex,
        proof=crypto.equality_json(proof),
        sealed=_seal(secret, passphrase, _aad(session, holder, public_hex)),
    )
    audit.audit_log(
        actor=actor,
        action=AuditAction.CREATE,
        obj=session,
        reason=_("Tạo phần khóa phiếu mã hóa: %(h)s") % {"h": share.get_holder_display()},
    )
    return share


def joint_key(session: CouncilSession) -> int:
    shares = list(session.key_shares.all())
    if len(shares) != len(KeyHolder.values):
        raise ValidationError(_("Khóa của phiên họp chưa đủ các phần."))
    return crypto.joint_key([crypto.int_of(s.public_key) for s in shares])


# ------------------------------------------------------------------------------ ballots


def encrypt_ballot(
    *, session: CouncilSession, item: AgendaItem, choice: str, written: bool, receipt: str
) -> None:
    """Encrypt the confirmed choice (one-hot over Đồng ý / Không đồng ý / Không biểu quyết)
    with its proofs and store it under the tracking code; the item's encrypted ballots are
    rewritten in the order of their codes with fresh keys, as plain ballots are."""
    selection = crypto.encrypt_selection(
        CHOICE_ORDER.index(Choice(choice)),
        len(CHOICE_ORDER),
        joint_key(session),
        record_verifier.ballot_context(str(session.uuid), str(item.uuid), receipt),
    )
    ballots = [
        EncryptedBallot(item=item, written=b.written, receipt=b.receipt, selection=b.selection)
        for b in EncryptedBallot.objects.filter(item=item)
    ]
    ballots.append(
        EncryptedBallot(
            item=item, written=written, receipt=receipt, selection=crypto.selection_json(selection)
        )
    )
    ballots.sort(key=lambda b: b.receipt)
    EncryptedBallot.objects.filter(item=item).delete()
    EncryptedBallot.objects.bulk_create(ballots)


def _sums(items: list[AgendaItem]) -> dict[str, dict[str, list[dict[str, str]]]]:
    sums: dict[str, dict[str, list[dict[str, str]]]] = {}
    for item in items:
        groups: dict[str, list[list[crypto.Ciphertext]]] = {
            g: [[] for _c in CHOICE_ORDER] for g in record_verifier.GROUPS
        }
        for ballot in EncryptedBallot.objects.filter(item=item):
            selection = crypto.selection_from(ballot.selection)
            group = "written" if ballot.written else "in_person"
            for index, ct in enumerate(selection.ciphertexts):
                groups[group][index].append(ct)
        sums[str(item.uuid)] = {
            g: [crypto.ciphertext_json(crypto.add(cts)) for cts in lists]
            for g, lists in groups.items()
        }
    return sums


def encrypted_close(*, actor: Actor, session: CouncilSession) -> CouncilSession:
    """Đóng bỏ phiếu (phiếu mã hóa): no more votes; the sums are published on the bulletin
    board; the stored rows are rewritten in random order, as at a plain tally."""
    with sqlite_writer(), transaction.atomic():
        session = _locked_session(session)
        _require_manage(actor, session.level_unit_id)
        if session.status != SessionStatus.OPEN:
            raise ValidationError(_("Phiên họp không trong thời gian bỏ phiếu."))
        items = _locked_items(session)
        rng = random.SystemRandom()
        participations = list(Participation.objects.filter(item__in=items))
        ballots = list(EncryptedBallot.objects.filter(item__in=items))
        Participation.objects.filter(item__in=items).delete()
        EncryptedBallot.objects.filter(item__in=items).delete()
        rng.shuffle(participations)
        rng.shuffle(ballots)
        Participation.objects.bulk_create(
            Participation(item_id=p.item_id, member_id=p.member_id, written=p.written)
            for p in participations
        )
        EncryptedBallot.objects.bulk_create(
            EncryptedBallot(
                item_id=b.item_id, written=b.written, receipt=b.receipt, selection=b.selection
            )
            for b in ballots
        )
        before = audit.snapshot(session)
        session.encrypted_sums = _sums(items)
        session.status = SessionStatus.COUNTING
        session.save(update_fields=["encrypted_sums", "status", "updated_at"])
        audit.audit_state(
            actor=actor,
            obj=session,
            before=before,
            reason=_("Đóng bỏ phiếu; công bố tổng các phiếu mã hóa (%(n)s phiếu)")
            % {"n": len(ballots)},
        )
        return session


def decryption_publish(*, actor: User, session: CouncilSession, passphrase: str) -> KeyShare:
    """Giải mã phần của mình: the holder's partial decryptions of the published sums, with
    their proofs. Only the sums are ever decrypted. When the last share comes from the
    secretariat, the tally is finished at once."""
    with sqlite_writer(), transaction.atomic():
        session = _locked_session(session)
        if session.status != SessionStatus.COUNTING or not session.encrypted_sums:
            raise ValidationError(_("Chưa đóng bỏ phiếu: chưa có tổng để giải mã."))
        share = session.key_shares.filter(user=actor).first()
        if share is None:
            raise PermissionDenied(_("Bạn không giữ phần khóa của phiên họp này."))
        if share.decryption is not None:
            raise ValidationError(_("Bạn đã công bố phần giải mã của mình."))
        secret = _unseal(share, passphrase)
        public = crypto.int_of(share.public_key)
        decryption: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for item_id, groups in session.encrypted_sums.items():
            decryption[item_id] = {}
            for group, cts in groups.items():
                parts = []
                for index, data in enumerate(cts):
                    value, proof = crypto.partial_decrypt(
                        crypto.ciphertext_from(data),
                        secret,
                        public,
                        record_verifier.decrypt_context(
                            str(session.uuid), item_id, group, index, share.holder
                        ),
                    )
                    parts.append(
                        {"share": crypto.hex_of(value), "proof": crypto.equality_json(proof)}
                    )
                decryption[item_id][group] = parts
        share.decryption = decryption
        share.decrypted_at = timezone.now()
        share.save(update_fields=["decryption", "decrypted_at"])
        audit.audit_log(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=session,
            reason=_("Công bố phần giải mã tổng phiếu: %(h)s") % {"h": share.get_holder_display()},
        )
        if not session.key_shares.filter(decryption__isnull=True).exists() and can_manage_level(
            actor, session.level_unit_id
        ):
            tally_finish(actor=actor, session=session)
        return share


def tally_finish(*, actor: Actor, session: CouncilSession) -> list[ItemResult]:
    """Kiểm phiếu (phiếu mã hóa): verify the whole record, combine the partial decryptions
    and apply each item's threshold to the decrypted counts."""
    with sqlite_writer(), transaction.atomic():
        session = _locked_session(session)
        _require_manage(actor, session.level_unit_id)
        if session.status != SessionStatus.COUNTING:
            raise ValidationError(_("Phiên họp chưa đóng bỏ phiếu hoặc đã kiểm phiếu."))
        if session.key_shares.filter(decryption__isnull=True).exists():
            raise ValidationError(_("Chưa đủ phần giải mã của Chủ tịch và Thường trực."))
        report = record_verifier.verify_record(build_record(session), require_result=False)
        if not report.ok or not report.decrypted:
            raise ValidationError(report.problems or [_("Chưa giải mã được kết quả.")])
        items = _locked_items(session)
        counts: dict[tuple[int, str, bool], int] = {}
        for item in items:
            computed = report.counts[str(item.uuid)]
            for group, written in (("in_person", False), ("written", True)):
                for choice in CHOICE_ORDER:
                    counts[(item.pk, choice, written)] = computed[group][choice]
        return apply_counts(
            actor=actor,
            session=session,
            items=items,
            counts=counts,
            extra={"encrypted": True, "verification": report.summary()},
        )


# ------------------------------------------------------------------------------ record


def build_record(session: CouncilSession) -> dict[str, Any]:
    """The election record: everything the bulletin board shows, as one JSON document that
    the verifier (council/verifier.py, manage.py verify_tally) checks on its own.

    Long on purpose: the record is one JSON document written in the order of its specification,
    so that it reads against the verifier section by section."""
    shares = list(session.key_shares.select_related("user").order_by("holder"))
    items = list(
        session.items.select_related(
            "dossier__title", "dossier__person", "dossier__nominee_unit"
        ).order_by("order", "id")
    )
    tallied = session.status == SessionStatus.TALLIED
    record_items = []
    for item in items:
        item_id = str(item.uuid)
        dossier = item.dossier
        nominee = dossier.person.full_name if dossier.person else str(dossier.nominee_unit)
        decryptions = None
        if shares and all(s.decryption is not None for s in shares):
            decryptions = {s.holder: (s.decryption or {}).get(item_id) for s in shares}
        record_items.append(
            {
                "uuid": item_id,
                "dossier": f"{nominee} — {dossier.title.name} {dossier.year}",
                "rule": rule_text(item),
                "threshold": str(item.threshold),
                "strictly_above": item.strictly_above,
                "written_counts": item.ballot_rule == BallotRule.OF_ALL_MEMBERS,
                # Who took part (counts only): a ballot removed from the board shows.
                "participants": {
                    "in_person": item.participations.filter(written=False).count(),
                    "written": item.participations.filter(written=True).count(),
                },
                "ballots": [
                    {"code": b.receipt, "written": b.written, "selection": b.selection}
                    for b in EncryptedBallot.objects.filter(item=item).order_by("receipt")
                ],
                "sums": (session.encrypted_sums or {}).get(item_id),
                "decryptions": decryptions,
                "result": {
                    "yes": item.yes,
                    "no": item.no,
                    "abstain": item.abstain,
                    "written_yes": item.written_yes,
                    "written_no": item.written_no,
                    "written_abstain": item.written_abstain,
                    "base": item.base,
                    "recommended": item.outcome == "recommended",
                }
                if tallied
                else None,
            }
        )
    return {
        "format": record_verifier.RECORD_FORMAT,
        "group": {
            "name": crypto.GROUP_NAME,
            "p": crypto.P_HEX,
            "q": crypto.Q_HEX,
            "g": crypto.G_HEX,
        },
        "session": {
            "uuid": str(session.uuid),
            "council": session.council.name,
            "held_on": session.held_on.isoformat(),
            "members_total": session.members_total,
            "present_total": session.present_total,
            "status": session.status,
        },
        "choices": list(record_verifier.CHOICES),
        "guardians": [
            {
                "holder": s.holder,
                # Distinct holders are checkable without naming anyone in a public file.
                "user": hashlib.sha256(f"{session.uuid}|{s.user_id}".encode()).hexdigest()[:16],
                "public_key": s.public_key,
                "proof": s.proof,
            }
            for s in shares
        ],
        "joint_public_key": crypto.hex_of(
            crypto.joint_key([crypto.int_of(s.public_key) for s in shares])
        ),
        "items": record_items,
    }


def verify_session(session: CouncilSession) -> record_verifier.Report:
    return record_verifier.verify_record(
        build_record(session), require_result=session.status == SessionStatus.TALLIED
    )
