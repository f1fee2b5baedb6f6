"""The secret ballot: a member's vote or written opinion, counted without a row linking it
to the voter after the tally."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from guongsang.accounts.models import User
from guongsang.catalogue.models import BallotRule
from guongsang.core import audit
from guongsang.core.busy import sqlite_writer
from guongsang.core.models import AuditAction
from guongsang.core.types import Actor
from guongsang.council.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Choice,
    CouncilMember,
    CouncilSession,
    Participation,
    SessionStatus,
)
from guongsang.council.services.base import (
    _require_manage,
    new_receipt,
)
from guongsang.nominations.models import Dossier


def _cast(
    *,
    session: CouncilSession,
    item: AgendaItem,
    member: CouncilMember,
    choice: str,
    written: bool,
) -> str:
    """Participation and ballot in one savepoint; the unique constraint refuses a second vote."""
    if choice not in Choice.values:
        raise ValidationError(_("Lựa chọn không hợp lệ."))
    receipt = new_receipt()
    try:
        with transaction.atomic():
            Participation.objects.create(item=item, member=member, written=written)
            if session.encrypted:
                # Encrypted here, at the moment the member confirms: the plaintext choice
                # is never stored, only the ciphertexts and proofs under the tracking code.
                from guongsang.council.services.encrypted import encrypt_ballot

                encrypt_ballot(
                    session=session, item=item, choice=choice, written=written, receipt=receipt
                )
            else:
                _rewrite_ballots(
                    item, Ballot(item=item, choice=choice, written=written, receipt=receipt)
                )
    except IntegrityError as exc:
        raise ValidationError(_("Thành viên này đã bỏ phiếu cho hồ sơ này.")) from exc
    return receipt


def _rewrite_ballots(item: AgendaItem, new: Ballot) -> None:
    """Store the item's ballots anew, with the new one among them: fresh random keys, written
    in the order of their random receipt codes. So, between two votes as after the tally, no
    key, row order or row version tells which ballot came with which participation (see
    docs/ballot-secrecy.md)."""
    ballots = [
        Ballot(item=item, choice=b.choice, written=b.written, receipt=b.receipt)
        for b in Ballot.objects.filter(item=item)
    ]
    ballots.append(new)
    ballots.sort(key=lambda b: b.receipt)
    Ballot.objects.filter(item=item).delete()
    Ballot.objects.bulk_create(ballots)


def _checkpoint() -> None:
    """SQLite keeps the page versions of recent commits in its WAL file until a checkpoint:
    fold them into the database at once so that the file holds no earlier ballot table."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def is_nominee(member: CouncilMember, dossier: Dossier) -> bool:
    person_id = member.user.person_id
    return person_id is not None and person_id == dossier.person_id


def ballot_cast(*, voter: User, item: AgendaItem, choice: str) -> str:
    """Bỏ phiếu kín: the member's choice on one dossier; returns the receipt code, which is
    shown to the member once and stored only on the ballot (never with the member)."""
    # SQLite has one writer at a time: writers of all apps queue on one lock.
    with sqlite_writer(), transaction.atomic():
        # The item's row lock queues concurrent votes on the item and the closing of the window.
        item = (
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("dossier")
            .get(pk=item.pk)
        )
        session = CouncilSession.objects.select_related("council").get(pk=item.session_id)
        member = (
            CouncilMember.objects.select_related("user")
            .filter(council_id=session.council_id, user=voter)
            .first()
        )
        if member is None:
            raise PermissionDenied(_("Bạn không phải thành viên Hội đồng của phiên họp này."))
        if session.status != SessionStatus.OPEN:
            raise ValidationError(_("Phiên họp không trong thời gian bỏ phiếu."))
        if not Attendance.objects.filter(session=session, member=member, present=True).exists():
            raise ValidationError(
                _("Bạn được ghi vắng mặt: ý kiến gửi bằng văn bản qua thường trực.")
            )
        if is_nominee(member, item.dossier):
            raise ValidationError(_("Thành viên không bỏ phiếu cho hồ sơ đề nghị khen chính mình."))
        receipt = _cast(session=session, item=item, member=member, choice=choice, written=False)
        transaction.on_commit(_checkpoint)
        audit.audit_log(
            actor=voter,
            action=AuditAction.CREATE,
            object_type="council.participation",
            object_id=str(session.uuid),
            object_repr=_("Đã bỏ phiếu — %(session)s") % {"session": session},
            reason=_("Bỏ phiếu kín (không ghi lựa chọn)"),
        )
        return receipt


def written_opinion_record(
    *, actor: Actor, item: AgendaItem, member_user: User, choice: str
) -> str:
    """Ý kiến bằng văn bản of an absent member, entered by the secretariat. It counts only
    under the rule of all members (90%); returns the receipt code to hand to the member."""
    # SQLite has one writer at a time: writers of all apps queue on one lock.
    with sqlite_writer(), transaction.atomic():
        item = (
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("dossier")
            .get(pk=item.pk)
        )
        session = CouncilSession.objects.get(pk=item.session_id)
        _require_manage(actor, session.level_unit_id)
        if session.status != SessionStatus.OPEN:
            raise ValidationError(_("Phiên họp không trong thời gian bỏ phiếu."))
        if item.ballot_rule != BallotRule.OF_ALL_MEMBERS:
            raise ValidationError(
                _("Ý kiến bằng văn bản chỉ tính cho danh hiệu xét theo tổng số thành viên.")
            )
        member = (
            CouncilMember.objects.select_related("user")
            .filter(council_id=session.council_id, user=member_user)
            .first()
        )
        if member is None:
            raise ValidationError(_("Người này không phải thành viên Hội đồng."))
        if Attendance.objects.filter(session=session, member=member, present=True).exists():
            raise ValidationError(_("Thành viên có mặt tự bỏ phiếu, không nhập ý kiến thay."))
        if is_nominee(member, item.dossier):
            raise ValidationError(_("Thành viên không bỏ phiếu cho hồ sơ đề nghị khen chính mình."))
        receipt = _cast(session=session, item=item, member=member, choice=choice, written=True)
        transaction.on_commit(_checkpoint)
        audit.audit_log(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="council.participation",
            object_id=str(session.uuid),
            object_repr=_("Ý kiến bằng văn bản của %(member)s") % {"member": member.display_name},
            reason=_("Nhập ý kiến bằng văn bản (không ghi lựa chọn)"),
        )
        return receipt
