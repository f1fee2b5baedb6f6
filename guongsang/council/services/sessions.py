"""The council of a level, its members, its sessions (agenda, attendance, quorum) and the
opening of the vote."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.accounts.models import User
from guongsang.accounts.services import grant_role
from guongsang.core import audit
from guongsang.core.formatting import nfc
from guongsang.core.roles import Role
from guongsang.core.types import Actor, actor_user
from guongsang.council.models import (
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    CouncilSession,
    MemberRole,
    Objection,
    PublicNotice,
    SessionStatus,
)
from guongsang.council.services.base import (
    DEFAULT_QUORUM,
    MIN_QUORUM,
    _require_manage,
)
from guongsang.nominations.models import Dossier, State, Track
from guongsang.nominations.services import procedure_step
from guongsang.org.models import Unit


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
    encrypted: bool = False,
) -> CouncilSession:
    """Triệu tập phiên họp: agenda of dossiers of the council's level, moved to “council”.
    `encrypted`: phiếu mã hóa — the ballots are stored encrypted and only the sums are
    decrypted, by the chair and the secretariat together (services.encrypted).

    Long on purpose: calling a session is one transaction: the checks of the agenda come in the
    order their messages are given, then the writes that depend on them."""
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
        dossier__in=dossiers,
        session__status__in=[SessionStatus.DRAFT, SessionStatus.OPEN, SessionStatus.COUNTING],
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
        encrypted=encrypted,
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
    reason = _("%(n)s hồ sơ") % {"n": len(dossiers)}
    if encrypted:
        reason += "; " + _("phiếu mã hóa")
    audit.audit_create(actor=actor, obj=session, reason=reason)
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
    if session.encrypted:
        from guongsang.council.services.encrypted import missing_holders

        missing = missing_holders(session)
        if missing:
            raise ValidationError(
                _("Phiên họp phiếu mã hóa: còn thiếu phần khóa của %(who)s.")
                % {"who": ", ".join(str(label) for label in missing)}
            )
    before = audit.snapshot(session)
    session.status = SessionStatus.OPEN
    session.opened_at = timezone.now()
    session.save(update_fields=["status", "opened_at", "updated_at"])
    audit.audit_state(actor=actor, obj=session, before=before, reason=_("Mở bỏ phiếu"))
    return session
