"""Writes of the council's work: public notice and objections, the council and its members,
sessions, attendance, the secret ballot and the tally.

Every function takes keyword arguments only, runs in one transaction and writes the audit log;
anything refused raises (ValidationError / PermissionDenied) and changes nothing. See models.py
for what the ballot stores and why no row links a ballot to its voter after the tally.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.accounts.models import User
from guongsang.accounts.services import grant_role
from guongsang.catalogue.models import BallotRule
from guongsang.core import audit
from guongsang.core.busy import sqlite_writer
from guongsang.core.formatting import nfc, vn_number, vn_percent
from guongsang.core.models import AuditAction
from guongsang.core.roles import Role
from guongsang.core.types import Actor, actor_user
from guongsang.council.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Choice,
    Council,
    CouncilMember,
    CouncilSession,
    MemberRole,
    Objection,
    Outcome,
    Participation,
    PublicNotice,
    SessionStatus,
)
from guongsang.council.permissions import can_manage_level
from guongsang.nominations.models import Dossier, State, Track
from guongsang.nominations.services import procedure_step
from guongsang.org.models import Unit

DEFAULT_QUORUM = Fraction(2, 3)
# Quy chế Hội đồng: a session is valid with at least two thirds of all members present; a
# council may ask for more, never for less.
MIN_QUORUM = Fraction(2, 3)
DEFAULT_NOTICE_DAYS = 5
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed back


# --------------------------------------------------------------------------- helpers


def _require_manage(actor: Actor, unit_id: int | None) -> None:
    if not can_manage_level(actor, unit_id):
        raise PermissionDenied(_("Chỉ thường trực Hội đồng của cấp này được thực hiện thao tác."))


def add_working_days(starts_on: dt.date, days: int) -> dt.date:
    """The last day of a period of `days` working days (Monday–Friday) starting on `starts_on`
    (counted as the first day when it is a working day). Public holidays are not known to the
    system: the secretariat lengthens the period by hand around Tết."""
    if days < 1:
        raise ValidationError(_("Thời gian công khai phải từ 1 ngày làm việc trở lên."))
    day, counted = starts_on, 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted == days:
                return day
        day += dt.timedelta(days=1)


def new_receipt() -> str:
    """A random receipt code such as 'K7QM-3XHP-TZ': 10 symbols of 32, about 50 bits."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


# SQLite has one writer at a time: writers of all apps queue on one lock (PostgreSQL relies
# on row locks).
_serialised = sqlite_writer


# --------------------------------------------------------------------------- public notice


@transaction.atomic
def notice_publish(
    *,
    actor: Actor,
    dossiers: Iterable[Dossier],
    starts_on: dt.date,
    working_days: int | None = None,
    title: str = "",
) -> PublicNotice:
    """Công khai: publish accepted dossiers of one level for `working_days` working days, never
    fewer than the period the level's council sets (5 by default)."""
    dossiers = list(dossiers)
    if not dossiers:
        raise ValidationError(_("Chọn ít nhất một hồ sơ để công khai."))
    levels = {d.level_unit_id for d in dossiers}
    if len(levels) != 1:
        raise ValidationError(_("Các hồ sơ công khai cùng đợt phải thuộc cùng một cấp xét."))
    level = dossiers[0].level_unit
    _require_manage(actor, level.pk)
    period = notice_period(level)
    if working_days is None:
        working_days = period
    if working_days < period:
        raise ValidationError(
            _("Thời gian công khai của cấp này ít nhất %(n)s ngày làm việc.") % {"n": period}
        )
    ends_on = add_working_days(starts_on, working_days)
    for dossier in dossiers:
        procedure_step(actor=actor, dossier=dossier, action="publish")
    years = sorted({d.year for d in dossiers})
    notice = PublicNotice.objects.create(
        level_unit=level,
        title=nfc(title).strip()
        or _("Công khai danh sách đề nghị khen thưởng năm %(year)s")
        % {"year": ", ".join(str(y) for y in years)},
        starts_on=starts_on,
        working_days=working_days,
        ends_on=ends_on,
        published_by=actor_user(actor),
    )
    notice.dossiers.set(dossiers)
    audit.audit_create(actor=actor, obj=notice, reason=_("%(n)s hồ sơ") % {"n": len(dossiers)})
    return notice


def _objection_create(
    *,
    notice: PublicNotice,
    dossier: Dossier,
    who: str,
    text: str,
    contact: str,
    received_at: dt.datetime,
    recorded_by: Any = None,
) -> Objection:
    """The checks and the row shared by objections recorded by staff and sent by citizens."""
    if not notice.dossiers.filter(pk=dossier.pk).exists():
        raise ValidationError(_("Hồ sơ này không có trong đợt công khai."))
    who, text = nfc(who).strip(), nfc(text).strip()
    if not who:
        raise ValidationError(_("Cần ghi tên người (hoặc tổ chức) phản ánh."))
    if not text:
        raise ValidationError(_("Cần ghi nội dung phản ánh."))
    return Objection.objects.create(
        notice=notice,
        dossier=dossier,
        who_name=who[:150],
        contact=nfc(contact).strip()[:200],
        received_at=received_at,
        text=text,
        recorded_by=recorded_by,
    )


@transaction.atomic
def objection_record(
    *,
    actor: Actor,
    notice: PublicNotice,
    dossier: Dossier,
    who: str,
    text: str,
    received_at: dt.datetime | None = None,
    contact: str = "",
) -> Objection:
    """Ghi nhận ý kiến phản ánh: who sent it, when, about which dossier of the notice."""
    _require_manage(actor, notice.level_unit_id)
    objection = _objection_create(
        notice=notice,
        dossier=dossier,
        who=who,
        text=text,
        contact=contact,
        received_at=received_at or timezone.now(),
        recorded_by=actor_user(actor),
    )
    audit.audit_create(actor=actor, obj=objection)
    return objection


@transaction.atomic
def objection_submit(
    *, notice: PublicNotice, dossier: Dossier, who: str, text: str, contact: str = ""
) -> Objection:
    """Ý kiến phản ánh sent by a citizen from the public notice page, while the notice runs.
    The contact is kept for the answer and never shown in public."""
    today = timezone.localdate()
    if not notice.starts_on <= today <= notice.ends_on:
        raise ValidationError(_("Đợt công khai này không còn nhận ý kiến phản ánh."))
    objection = _objection_create(
        notice=notice,
        dossier=dossier,
        who=who,
        text=text,
        contact=contact,
        received_at=timezone.now(),
    )
    audit.audit_create(actor=None, obj=objection, reason=_("Gửi qua trang công khai"))
    return objection


@transaction.atomic
def objection_answer(*, actor: Actor, objection: Objection, answer: str) -> Objection:
    _require_manage(actor, objection.notice.level_unit_id)
    answer = nfc(answer).strip()
    if not answer:
        raise ValidationError(_("Cần ghi nội dung trả lời."))
    before = audit.snapshot(objection)
    objection.answer = answer
    objection.answered_by = actor_user(actor)
    objection.answered_at = timezone.now()
    objection.save(update_fields=["answer", "answered_by", "answered_at", "updated_at"])
    audit.audit_update(actor=actor, obj=objection, before=before)
    return objection


# --------------------------------------------------------------------------- the council


def notice_period(level: Unit | int) -> int:
    """The working days a notice of this level lasts: its council's rule, or the default."""
    level_id = level if isinstance(level, int) else level.pk
    days = (
        Council.objects.filter(unit_id=level_id, active=True)
        .values_list("notice_working_days", flat=True)
        .first()
    )
    return days or DEFAULT_NOTICE_DAYS


def agenda_blockers(dossiers: Iterable[Dossier], *, on: dt.date) -> dict[int, str]:
    """Why each dossier may not go on an agenda yet: its public notice still runs (or never
    ran), or an objection to it is unanswered. Ad-hoc dossiers skip the notice."""
    dossiers = list(dossiers)
    ids = [d.pk for d in dossiers]
    last_end: dict[int, dt.date] = {}
    for dossier_id, ends_on in PublicNotice.dossiers.through.objects.filter(
        dossier_id__in=ids
    ).values_list("dossier_id", "publicnotice__ends_on"):
        last_end[dossier_id] = max(ends_on, last_end.get(dossier_id, ends_on))
    open_objections = set(
        Objection.objects.filter(dossier_id__in=ids, answer="").values_list("dossier_id", flat=True)
    )
    blockers: dict[int, str] = {}
    for dossier in dossiers:
        last = last_end.get(dossier.pk)
        if dossier.track != Track.AD_HOC and last is None:
            blockers[dossier.pk] = _("Hồ sơ “%(d)s” chưa được công khai.") % {"d": dossier}
        elif dossier.track != Track.AD_HOC and last is not None and last >= on:
            blockers[dossier.pk] = _(
                "Hồ sơ “%(d)s” đang công khai đến hết ngày %(end)s: chỉ đưa ra Hội đồng sau đó."
            ) % {"d": dossier, "end": last.strftime("%d/%m/%Y")}
        elif dossier.pk in open_objections:
            blockers[dossier.pk] = _("Hồ sơ “%(d)s” còn ý kiến phản ánh chưa được trả lời.") % {
                "d": dossier
            }
    return blockers


def council_for(unit: Unit) -> Council | None:
    """The active council of a level, if it has one."""
    return Council.objects.filter(unit=unit, active=True).first()


@transaction.atomic
def council_create(
    *, actor: Actor, unit: Unit, name: str, members: list[tuple[User, str]]
) -> Council:
    """Thành lập Hội đồng. `members`: (user, role) in the order of the decision; each member is
    granted the council-member role over the level so they can reach its sessions.
    `actor=None` is the system (demo, command line)."""
    if actor is not None:
        _require_manage(actor, unit.pk)
    if council_for(unit) is not None:
        raise ValidationError(_("%(unit)s đã có Hội đồng đang hoạt động.") % {"unit": unit.name})
    if not members:
        raise ValidationError(_("Hội đồng phải có ít nhất một thành viên."))
    users = [user.pk for user, _role in members]
    if len(set(users)) != len(users):
        raise ValidationError(_("Một người chỉ có một vị trí trong Hội đồng."))
    roles = [role for _user, role in members]
    if any(role not in MemberRole.values for role in roles):
        raise ValidationError(_("Chức danh trong Hội đồng không hợp lệ."))
    if roles.count(MemberRole.CHAIR) > 1:
        raise ValidationError(_("Hội đồng chỉ có một Chủ tịch."))
    name = nfc(name).strip()
    if not name:
        raise ValidationError(_("Cần ghi tên Hội đồng."))
    council = Council.objects.create(unit=unit, name=name)
    CouncilMember.objects.bulk_create(
        CouncilMember(council=council, user=user, role=role, order=index)
        for index, (user, role) in enumerate(members, start=1)
    )
    for user, _role in members:
        grant_role(actor=actor, user=user, role=Role.COUNCIL_MEMBER, unit=unit)
    audit.audit_create(actor=actor, obj=council, reason=_("%(n)s thành viên") % {"n": len(members)})
    return council


# --------------------------------------------------------------------------- sessions


def _enter_council(actor: Actor, dossier: Dossier) -> None:
    """Bring a dossier onto the agenda: from the public notice (or accepted, for ad-hoc)."""
    if dossier.state == State.COUNCIL:
        return  # already sent to the council (e.g. before the session was planned)
    if dossier.state == State.PUBLIC_NOTICE or (
        dossier.state == State.ACCEPTED and dossier.track == Track.AD_HOC
    ):
        procedure_step(actor=actor, dossier=dossier, action="to_council")
        return
    raise ValidationError(
        _("Hồ sơ “%(d)s” đang ở trạng thái “%(s)s”, chưa thể đưa ra Hội đồng.")
        % {"d": dossier, "s": dossier.get_state_display()}
    )


@transaction.atomic
def session_create(
    *,
    actor: Actor,
    council: Council,
    held_on: dt.date,
    place: str,
    dossiers: Iterable[Dossier],
    quorum: Fraction = DEFAULT_QUORUM,
) -> CouncilSession:
    """Triệu tập phiên họp: agenda of dossiers of the council's level, moved to “council”."""
    _require_manage(actor, council.unit_id)
    if not council.active:
        raise ValidationError(_("Hội đồng này không còn hoạt động."))
    quorum = Fraction(quorum)
    if not MIN_QUORUM <= quorum <= 1:
        raise ValidationError(
            _(
                "Số thành viên tối thiểu có mặt phải từ hai phần ba (2/3) "
                "tổng số thành viên trở lên."
            )
        )
    place = nfc(place).strip()
    if not place:
        raise ValidationError(_("Cần ghi địa điểm họp."))
    wanted = [d.pk for d in dossiers]
    if not wanted:
        raise ValidationError(_("Chương trình họp phải có ít nhất một hồ sơ."))
    if len(set(wanted)) != len(wanted):
        raise ValidationError(_("Một hồ sơ chỉ được đưa vào chương trình một lần."))
    # Fresh from the database, in the order given: the caller's objects may be stale.
    found = Dossier.objects.select_related("title", "person").in_bulk(wanted)
    dossiers = [found[pk] for pk in wanted]
    for dossier in dossiers:
        if dossier.level_unit_id != council.unit_id:
            raise ValidationError(
                _("Hồ sơ “%(d)s” không thuộc cấp xét của Hội đồng.") % {"d": dossier}
            )
    busy = AgendaItem.objects.filter(
        dossier__in=dossiers, session__status__in=[SessionStatus.DRAFT, SessionStatus.OPEN]
    ).select_related("dossier")
    if busy:
        raise ValidationError(
            _("Hồ sơ “%(d)s” đã có trong một phiên họp chưa kiểm phiếu.") % {"d": busy[0].dossier}
        )
    # The notice must be over both today and on the day of the meeting.
    blockers = agenda_blockers(
        [d for d in dossiers if d.state != State.COUNCIL],
        on=min(timezone.localdate(), held_on),
    )
    if blockers:
        raise ValidationError(list(blockers.values()))
    for dossier in dossiers:
        _enter_council(actor, dossier)
    members = list(council.members.all())
    session = CouncilSession.objects.create(
        council=council,
        level_unit_id=council.unit_id,
        held_on=held_on,
        place=place,
        quorum_numerator=quorum.numerator,
        quorum_denominator=quorum.denominator,
        members_total=len(members),
        created_by=actor_user(actor),
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(
            session=session,
            dossier=dossier,
            order=index,
            ballot_rule=dossier.title.ballot_rule,
            threshold=dossier.title.ballot_threshold,
            strictly_above=dossier.title.ballot_strictly_above,
        )
        for index, dossier in enumerate(dossiers, start=1)
    )
    Attendance.objects.bulk_create(Attendance(session=session, member=m) for m in members)
    audit.audit_create(actor=actor, obj=session, reason=_("%(n)s hồ sơ") % {"n": len(dossiers)})
    return session


def _locked_session(session: CouncilSession) -> CouncilSession:
    return CouncilSession.objects.select_for_update().get(pk=session.pk)


@transaction.atomic
def attendance_record(
    *, actor: Actor, session: CouncilSession, present_users: Iterable[User]
) -> CouncilSession:
    """Điểm danh before the vote opens: the members present; everyone else is absent."""
    session = _locked_session(session)
    _require_manage(actor, session.level_unit_id)
    if session.status != SessionStatus.DRAFT:
        raise ValidationError(_("Chỉ điểm danh được trước khi mở bỏ phiếu."))
    present_ids = {u.pk for u in present_users}
    members = {m.user_id: m for m in session.council.members.all()}
    strangers = present_ids - set(members)
    if strangers:
        raise ValidationError(_("Có người được điểm danh không phải thành viên Hội đồng."))
    before = audit.snapshot(session)
    rows = {a.member_id: a for a in session.attendance.all()}
    for user_id, member in members.items():
        row = rows.get(member.pk) or Attendance(session=session, member=member)
        row.present = user_id in present_ids
        row.save()
    session.members_total = len(members)
    session.present_total = len(present_ids)
    session.attendance_recorded = True
    session.save(
        update_fields=["members_total", "present_total", "attendance_recorded", "updated_at"]
    )
    audit.audit_update(actor=actor, obj=session, before=before, reason=_("Điểm danh"))
    return session


@transaction.atomic
def voting_open(*, actor: Actor, session: CouncilSession) -> CouncilSession:
    """Mở bỏ phiếu: only once attendance is recorded and the quorum is met."""
    session = _locked_session(session)
    _require_manage(actor, session.level_unit_id)
    if session.status != SessionStatus.DRAFT:
        raise ValidationError(_("Phiên họp không ở trạng thái chuẩn bị."))
    if not session.attendance_recorded:
        raise ValidationError(_("Cần điểm danh trước khi mở bỏ phiếu."))
    if not session.quorum_met:
        needed = -(-session.members_total * session.quorum_numerator // session.quorum_denominator)
        raise ValidationError(
            _(
                "Chưa đủ số thành viên tối thiểu: %(present)s/%(total)s có mặt, "
                "cần ít nhất %(needed)s."
            )
            % {"present": session.present_total, "total": session.members_total, "needed": needed}
        )
    before = audit.snapshot(session)
    session.status = SessionStatus.OPEN
    session.opened_at = timezone.now()
    session.save(update_fields=["status", "opened_at", "updated_at"])
    audit.audit_log(
        actor=actor,
        action=AuditAction.STATE,
        obj=session,
        before=before,
        after=audit.snapshot(session),
        reason=_("Mở bỏ phiếu"),
    )
    return session


# --------------------------------------------------------------------------- the ballot


def _cast(*, item: AgendaItem, member: CouncilMember, choice: str, written: bool) -> str:
    """Participation and ballot in one savepoint; the unique constraint refuses a second vote."""
    if choice not in Choice.values:
        raise ValidationError(_("Lựa chọn không hợp lệ."))
    if Participation.objects.filter(item=item, member=member).exists():
        raise ValidationError(_("Thành viên này đã bỏ phiếu cho hồ sơ này."))
    receipt = new_receipt()
    try:
        with transaction.atomic():
            Participation.objects.create(item=item, member=member, written=written)
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
    with _serialised(), transaction.atomic():
        # The item's row lock queues concurrent votes on the item and the closing of the window.
        item = (
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("dossier")
            .get(pk=item.pk)
        )
        session = CouncilSession.objects.get(pk=item.session_id)
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
        receipt = _cast(item=item, member=member, choice=choice, written=False)
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
    with _serialised(), transaction.atomic():
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
        receipt = _cast(item=item, member=member, choice=choice, written=True)
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


# --------------------------------------------------------------------------- the tally


@dataclass(frozen=True)
class ItemResult:
    """The tally of one agenda item."""

    item: AgendaItem
    yes: int
    no: int
    abstain: int
    written_yes: int
    written_no: int
    written_abstain: int
    counted_yes: int
    base: int
    recommended: bool

    @property
    def dossier(self) -> Dossier:
        return self.item.dossier

    @property
    def percent(self) -> Decimal:
        return Decimal(self.counted_yes * 100) / self.base if self.base else Decimal(0)


def passes(*, yes: int, base: int, threshold: Decimal, strictly_above: bool) -> bool:
    """Exact comparison of yes/base with a percentage, in integers: no rounding at the edge."""
    if base <= 0:
        return False
    left, right = Decimal(yes) * 100, Decimal(threshold) * base
    return left > right if strictly_above else left >= right


def rule_text(item: AgendaItem) -> str:
    """'quá 50% số thành viên có mặt', 'từ 90% tổng số thành viên'."""
    share = vn_percent(item.threshold, 0 if item.threshold == int(item.threshold) else 2)
    if item.ballot_rule == BallotRule.OF_ALL_MEMBERS:
        base = _("tổng số thành viên Hội đồng")
    else:
        base = _("số thành viên có mặt")
    if item.strictly_above:
        return _("quá %(share)s %(base)s") % {"share": share, "base": base}
    return _("từ %(share)s %(base)s") % {"share": share, "base": base}


def _reshuffle(items: list[AgendaItem]) -> tuple[list[Participation], list[Ballot]]:
    """Rewrite the session's ballots and participations in a random order, in this transaction,
    with fresh random keys: afterwards neither storage order nor transaction ids pair them."""
    participations = list(Participation.objects.filter(item__in=items))
    ballots = list(Ballot.objects.filter(item__in=items))
    Participation.objects.filter(item__in=items).delete()
    Ballot.objects.filter(item__in=items).delete()
    rng = random.SystemRandom()
    rng.shuffle(participations)
    rng.shuffle(ballots)
    fresh_p = [
        Participation(item_id=p.item_id, member_id=p.member_id, written=p.written)
        for p in participations
    ]
    fresh_b = [
        Ballot(item_id=b.item_id, choice=b.choice, written=b.written, receipt=b.receipt)
        for b in ballots
    ]
    Participation.objects.bulk_create(fresh_p)
    Ballot.objects.bulk_create(fresh_b)
    return fresh_p, fresh_b


def _not_recommended_reason(item: AgendaItem) -> str:
    return _(
        "Kết quả bỏ phiếu kín: %(yes)s/%(base)s phiếu đồng ý (%(pct)s), chưa đạt %(rule)s."
    ) % {
        "yes": vn_number(item.counted_yes),
        "base": vn_number(item.base),
        "pct": vn_percent(Decimal(item.counted_yes * 100) / item.base if item.base else 0),
        "rule": rule_text(item),
    }


def voting_close(*, actor: Actor, session: CouncilSession) -> list[ItemResult]:
    """Đóng bỏ phiếu và kiểm phiếu: count each item by its title's rule, move the dossiers to
    recommended / not recommended, and make the stored ballots unlinkable."""
    with _serialised(), transaction.atomic():
        session = _locked_session(session)
        _require_manage(actor, session.level_unit_id)
        if session.status != SessionStatus.OPEN:
            raise ValidationError(_("Phiên họp không trong thời gian bỏ phiếu."))
        items = list(
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("dossier", "dossier__title", "dossier__person")
            .filter(session=session)
            .order_by("order", "id")
        )
        _participations, ballots = _reshuffle(items)
        members = list(session.council.members.select_related("user"))
        present = set(
            Attendance.objects.filter(session=session, present=True).values_list(
                "member_id", flat=True
            )
        )
        counts: dict[tuple[int, str, bool], int] = {}
        for ballot in ballots:
            key = (ballot.item_id, ballot.choice, ballot.written)
            counts[key] = counts.get(key, 0) + 1
        results = []
        for item in items:
            nominees = [m for m in members if is_nominee(m, item.dossier)]
            item.yes = counts.get((item.pk, Choice.YES, False), 0)
            item.no = counts.get((item.pk, Choice.NO, False), 0)
            item.abstain = counts.get((item.pk, Choice.ABSTAIN, False), 0)
            item.written_yes = counts.get((item.pk, Choice.YES, True), 0)
            item.written_no = counts.get((item.pk, Choice.NO, True), 0)
            item.written_abstain = counts.get((item.pk, Choice.ABSTAIN, True), 0)
            # A member who is the nominee cannot vote and is left out of the base.
            if item.ballot_rule == BallotRule.OF_ALL_MEMBERS:
                item.base = len(members) - len(nominees)
            else:
                item.base = len(present) - sum(1 for m in nominees if m.pk in present)
            recommended = passes(
                yes=item.counted_yes,
                base=item.base,
                threshold=item.threshold,
                strictly_above=item.strictly_above,
            )
            item.outcome = Outcome.RECOMMENDED if recommended else Outcome.NOT_RECOMMENDED
            item.save()
            if recommended:
                procedure_step(actor=actor, dossier=item.dossier, action="recommend")
            else:
                procedure_step(
                    actor=actor,
                    dossier=item.dossier,
                    action="not_recommend",
                    reason=_not_recommended_reason(item),
                )
            results.append(
                ItemResult(
                    item=item,
                    yes=item.yes,
                    no=item.no,
                    abstain=item.abstain,
                    written_yes=item.written_yes,
                    written_no=item.written_no,
                    written_abstain=item.written_abstain,
                    counted_yes=item.counted_yes,
                    base=item.base,
                    recommended=recommended,
                )
            )
        before = audit.snapshot(session)
        session.status = SessionStatus.TALLIED
        session.tallied_at = timezone.now()
        session.save(update_fields=["status", "tallied_at", "updated_at"])
        audit.audit_log(
            actor=actor,
            action=AuditAction.STATE,
            obj=session,
            before=before,
            after={
                **audit.snapshot(session),
                "tally": [
                    {
                        "dossier": str(r.dossier.uuid),
                        "yes": r.yes,
                        "no": r.no,
                        "abstain": r.abstain,
                        "written_yes": r.written_yes,
                        "base": r.base,
                        "outcome": r.item.outcome,
                    }
                    for r in results
                ],
            },
            reason=_("Kiểm phiếu"),
        )
        return results
