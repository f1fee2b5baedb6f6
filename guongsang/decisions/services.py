"""Writes of decisions: draft from recommended dossiers, edit the draft, sign (number, amounts,
awards on record, dossiers decided), revoke by a later decision; and the submissions (tờ trình)
that forward what the authority does not confer to the level above."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.awards import services as award_services
from guongsang.catalogue.models import Level, Title
from guongsang.catalogue.selectors import reward_amount
from guongsang.core import audit
from guongsang.core.busy import sqlite_writer
from guongsang.core.formatting import nfc, quoted, vn_short_date
from guongsang.core.models import AuditAction
from guongsang.core.types import Actor, actor_user
from guongsang.council.models import AgendaItem, Outcome, SessionStatus
from guongsang.decisions import codes, wording
from guongsang.decisions.models import (
    AuthorityProfile,
    Decision,
    DecisionKind,
    DecisionState,
    NumberCounter,
    Recipient,
    Series,
    Submission,
    SubmissionItem,
    SubmissionState,
)
from guongsang.decisions.permissions import DRAFT_ROLES, SIGN_ROLES, can_at
from guongsang.nominations import notifications
from guongsang.nominations import services as dossier_services
from guongsang.nominations.models import Dossier, State
from guongsang.org import services as org_services
from guongsang.org.models import Unit, UnitType

DRAFT_FIELDS = {"summary", "legal_bases", "articles", "recipients_list", "decision_date", "reason"}

# The legal bases in force on the decision date: the 2022 Law and Decree 98/2023 from 1/1/2024,
# the 2003 Law (amended 2005, 2013) and Decree 91/2017 before.
LAW_2022_FROM = dt.date(2024, 1, 1)
BASES_FROM_2024 = (
    "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
    "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
    "thi hành một số điều của Luật Thi đua, khen thưởng",
)
BASES_BEFORE_2024 = (
    "Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của "
    "Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013",
    "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết "
    "thi hành một số điều của Luật Thi đua, khen thưởng",
)
LOCAL_BASES = (
    "Quy chế thi đua, khen thưởng của {issuer}",
    "Theo đề nghị của Thường trực Hội đồng Thi đua - Khen thưởng",
)


def default_bases(on: dt.date) -> tuple[str, ...]:
    return (BASES_FROM_2024 if on >= LAW_2022_FROM else BASES_BEFORE_2024) + LOCAL_BASES


DEFAULT_RECIPIENTS_LIST = (
    "Như Điều 3",
    "Ban Thi đua - Khen thưởng Thành phố",
    "Lưu: VT, TĐKT",
)


# --- the authority's profile and numbers -----------------------------------------------------


def profile_for(authority: Unit) -> AuthorityProfile:
    """The authority's header, titles and code; a sensible default when none is configured."""
    profile = AuthorityProfile.objects.filter(authority=authority).first()
    if profile is not None:
        return profile
    parent = authority.parent
    if authority.unit_type == UnitType.CITY:
        code, head, deputy, parent_name = "UBND", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", ""
        issuer = f"ỦY BAN NHÂN DÂN {authority.name.upper()}"
    else:
        # "Sở Lao động - Thương binh và Xã hội" → "SLĐTBXH"
        words = [w for w in authority.name.split() if w.isalpha() and w.lower() != "và"]
        code = "".join(w[0] for w in words).upper()
        head, deputy = "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"
        issuer = authority.name.upper()
        parent_name = f"UBND {parent.name.upper()}" if parent is not None else ""
    return AuthorityProfile(
        authority=authority,
        code=code,
        parent_name=parent_name,
        issuer_name=issuer,
        head_title=head,
        deputy_title=deputy,
    )


def take_number(*, authority: Unit, series: str, year: int) -> int:
    """The next number of the authority's register for the series and year.

    The counter row is locked (select_for_update) for the rest of the caller's transaction, so
    two signings at once wait for each other: no number is given twice, none is skipped (a
    failed signing rolls its increment back with everything else)."""
    try:
        with transaction.atomic():  # savepoint: a concurrent first insert must not poison us
            NumberCounter.objects.get_or_create(authority=authority, series=series, year=year)
    except IntegrityError:
        pass
    counter = NumberCounter.objects.select_for_update().get(
        authority=authority, series=series, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


# --- drafting ----------------------------------------------------------------------------


def may_confer(authority: Unit, title: Title) -> bool:
    """A department (or district) confers the titles marked so; the city all but national."""
    if authority.unit_type == UnitType.CITY:
        return title.level != Level.NATIONAL
    if authority.unit_type == UnitType.MINISTRY:
        return True
    return title.conferred_by_department


def _require(user: Any, authority: Unit, roles: frozenset[str], message: str) -> None:
    if not can_at(user, authority.pk, roles):
        raise PermissionDenied(message)


def _default_articles(issuer: str, rows: Iterable[Dossier]) -> str:
    return "\n".join(
        [
            wording.first_article(list(rows)),
            _(
                "Tiền thưởng kèm theo theo quy định hiện hành, chi từ Quỹ thi đua, "
                "khen thưởng của %(issuer)s."
            )
            % {"issuer": issuer},
            _(
                "Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng, Thường trực Hội đồng "
                "Thi đua - Khen thưởng, Thủ trưởng các đơn vị có liên quan và các cá nhân, "
                "tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
            ),
        ]
    )


@transaction.atomic
def decision_draft(
    *,
    actor: Actor,
    authority: Unit,
    dossiers: Sequence[Dossier],
    summary: str = "",
    decision_date: dt.date | None = None,
    amends: Decision | None = None,
) -> Decision:
    """Dự thảo quyết định from the council's recommended dossiers of this authority."""
    _require(actor, authority, DRAFT_ROLES, _("Chỉ Thường trực Hội đồng được soạn quyết định."))
    if not dossiers:
        raise ValidationError(_("Chọn ít nhất một hồ sơ đã được Hội đồng đề nghị khen."))
    ids = [d.pk for d in dossiers]
    rows = list(
        Dossier.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("title", "person", "nominee_unit", "unit")
        .order_by("title__order", "nominee_unit__name", "person__full_name", "pk")
    )
    problems = []
    for dossier in rows:
        if dossier.state != State.RECOMMENDED:
            problems.append(
                _("“%(d)s” chưa được Hội đồng đề nghị khen (đang “%(s)s”).")
                % {"d": dossier, "s": dossier.get_state_display()}
            )
        elif dossier.level_unit_id != authority.pk:
            problems.append(_("“%(d)s” không do Hội đồng của cơ quan này xét.") % {"d": dossier})
        elif not may_confer(authority, dossier.title):
            problems.append(
                _("%(t)s không thuộc thẩm quyền quyết định: hãy lập tờ trình cấp trên.")
                % {"t": quoted(dossier.title.name)}
            )
    taken = Recipient.objects.filter(dossier__in=ids, decision__kind=DecisionKind.AWARD)
    for line in taken.select_related("decision"):
        problems.append(_("“%(d)s” đã có trong một quyết định khác.") % {"d": line.dossier})
    if problems:
        raise ValidationError(problems)
    profile = profile_for(authority)
    years = {d.year for d in rows}
    year = max(years)
    titles = {d.title for d in rows}
    decision = Decision.objects.create(
        authority=authority,
        kind=DecisionKind.AWARD,
        year=year,
        code=f"{Series.DECISION}-{profile.code}",
        decision_date=decision_date,
        summary=nfc(summary).strip() or wording.summary(titles, year),
        legal_bases="\n".join(
            b.format(issuer=authority.name)
            for b in default_bases(decision_date or timezone.localdate())
        ),
        articles=_default_articles(authority.name, rows),
        recipients_list="\n".join(DEFAULT_RECIPIENTS_LIST),
        amends=amends,
        created_by=actor_user(actor),
    )
    on = decision_date or timezone.localdate()
    Recipient.objects.bulk_create(
        Recipient(
            decision=decision,
            order=i,
            dossier=d,
            title=d.title,
            person=d.person,
            unit=d.nominee_unit if d.person is None else (d.person.home_unit or d.unit),
            achievement=d.summary,
            amount=_amount(d.title, on, collective=d.person_id is None),
        )
        for i, d in enumerate(rows, start=1)
    )
    audit.audit_create(actor=actor, obj=decision, reason=_("Soạn dự thảo quyết định"))
    return decision


def _amount(title: Title, on: dt.date, *, collective: bool) -> int:
    return reward_amount(title=title, on=on, collective=collective)


@transaction.atomic
def decision_update(*, actor: Actor, decision: Decision, **changes: Any) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    _require(
        actor, decision.authority, DRAFT_ROLES, _("Chỉ Thường trực Hội đồng được sửa dự thảo.")
    )
    if decision.is_signed:
        raise ValidationError(
            _("Quyết định đã ký không sửa được: hãy ban hành quyết định sửa đổi, bổ sung.")
        )
    unknown = set(changes) - DRAFT_FIELDS
    if unknown:
        raise ValidationError(_("Không thể sửa trường: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    before = audit.snapshot(decision)
    for name, value in changes.items():
        setattr(decision, name, nfc(value).strip() if isinstance(value, str) else value)
    if not decision.summary or not decision.articles.strip():
        raise ValidationError(_("Cần có trích yếu và ít nhất một điều."))
    decision.save()
    if "decision_date" in changes and decision.decision_date:
        _reprice(decision, decision.decision_date)
    audit.audit_update(actor=actor, obj=decision, before=before)
    return decision


@transaction.atomic
def decision_delete_draft(*, actor: Actor, decision: Decision) -> None:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    _require(
        actor, decision.authority, DRAFT_ROLES, _("Chỉ Thường trực Hội đồng được huỷ dự thảo.")
    )
    if decision.is_signed:
        raise ValidationError(_("Quyết định đã ký không thể xoá."))
    audit.audit_delete(actor=actor, obj=decision, reason=_("Huỷ dự thảo quyết định"))
    decision.delete()


def _reprice(decision: Decision, on: dt.date) -> None:
    lines = list(decision.recipients.select_related("title"))
    for line in lines:
        if decision.kind == DecisionKind.AWARD:
            line.amount = _amount(line.title, on, collective=line.person_id is None)
        else:
            line.amount = 0
    Recipient.objects.bulk_update(lines, ["amount"])


# --- revocation --------------------------------------------------------------------------


@transaction.atomic
def revocation_draft(
    *, actor: Actor, decision: Decision, lines: Sequence[Recipient], reason: str
) -> Decision:
    """Dự thảo quyết định thu hồi: lines of a signed decision, and why."""
    _require(
        actor, decision.authority, DRAFT_ROLES, _("Chỉ Thường trực Hội đồng được soạn quyết định.")
    )
    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError(_("Cần ghi rõ lý do thu hồi."))
    if not decision.is_signed or decision.kind != DecisionKind.AWARD:
        raise ValidationError(_("Chỉ thu hồi được khen thưởng của một quyết định đã ký."))
    if not lines:
        raise ValidationError(_("Chọn ít nhất một người hoặc tập thể bị thu hồi."))
    for line in lines:
        if line.decision_id != decision.pk:
            raise ValidationError(_("Dòng được chọn không thuộc quyết định này."))
        if line.award is not None and line.award.is_revoked:
            raise ValidationError(_("“%(n)s” đã bị thu hồi.") % {"n": line.name})
    revocation = Decision.objects.create(
        authority=decision.authority,
        kind=DecisionKind.REVOCATION,
        year=decision.year,
        code=decision.code,
        summary=_("Về việc thu hồi khen thưởng tại Quyết định số %(n)s ngày %(d)s")
        % {"n": decision.full_number, "d": vn_short_date(decision.decision_date)},
        legal_bases="\n".join(
            b.format(issuer=decision.authority.name) for b in default_bases(timezone.localdate())
        ),
        articles="\n".join(
            [
                _(
                    "Thu hồi khen thưởng đã tặng tại Quyết định số %(n)s ngày %(d)s đối với "
                    "%(k)s có tên trong danh sách kèm theo. Lý do: %(r)s."
                )
                % {
                    "n": decision.full_number,
                    "d": vn_short_date(decision.decision_date),
                    "k": len(lines),
                    "r": reason.rstrip("."),
                },
                _("Quyết định có hiệu lực kể từ ngày ký."),
            ]
        ),
        recipients_list="\n".join(DEFAULT_RECIPIENTS_LIST),
        reason=reason,
        amends=decision,
        created_by=actor_user(actor),
    )
    Recipient.objects.bulk_create(
        Recipient(
            decision=revocation,
            order=i,
            title=line.title,
            person=line.person,
            unit=line.unit,
            achievement=reason,
            amount=0,
            revokes=line,
        )
        for i, line in enumerate(lines, start=1)
    )
    audit.audit_create(actor=actor, obj=revocation, reason=reason)
    return revocation


# --- signing -----------------------------------------------------------------------------


def decision_sign(
    *,
    actor: Actor,
    decision: Decision,
    on: dt.date | None = None,
    signer_name: str = "",
    as_deputy: bool = False,
    backdate_reason: str = "",
) -> Decision:
    # SQLite has one writer at a time: writers of all apps queue on one lock.
    with sqlite_writer():
        return _sign(
            actor=actor,
            decision=decision,
            on=on,
            signer_name=signer_name,
            as_deputy=as_deputy,
            backdate_reason=backdate_reason,
        )


# Signing a few days after the date written on a decision is ordinary (the paper went round
# for initials); more than this asks the signer why.
BACKDATE_GRACE_DAYS = 3


def _check_date(decision: Decision, on: dt.date) -> None:
    """A decision is never dated before the council session that recommended its dossiers."""
    met = (
        AgendaItem.objects.filter(
            dossier__in=decision.recipients.exclude(dossier=None).values("dossier_id"),
            outcome=Outcome.RECOMMENDED,
            session__status=SessionStatus.TALLIED,
        )
        .order_by("-session__held_on")
        .values_list("session__held_on", flat=True)
        .first()
    )
    if met is not None and on < met:
        raise ValidationError(
            _("Ngày ký không được trước ngày họp Hội đồng đã đề nghị khen (%(d)s).")
            % {"d": vn_short_date(met)}
        )


def needs_backdate_reason(on: dt.date) -> bool:
    """Signing on the page with a date more than a few days back asks the signer why (the
    command line and the demo record past decisions with their own dates)."""
    return on < timezone.localdate() - dt.timedelta(days=BACKDATE_GRACE_DAYS)


@transaction.atomic
def _sign(
    *,
    actor: Actor,
    decision: Decision,
    on: dt.date | None,
    signer_name: str,
    as_deputy: bool,
    backdate_reason: str = "",
) -> Decision:
    """Ký: the number from the register, the amounts on the signing date, the awards on record,
    the dossiers decided (and, for a dossier forwarded from below, the outcome written back)."""
    decision = Decision.objects.select_for_update().select_related("authority").get(pk=decision.pk)
    _require(actor, decision.authority, SIGN_ROLES, _("Bạn không có quyền ký quyết định này."))
    if decision.is_signed:
        raise ValidationError(_("Quyết định này đã được ký."))
    on = on or timezone.localdate()
    _check_date(decision, on)
    signer_name = nfc(signer_name).strip() or _full_name(actor)
    if not signer_name:
        raise ValidationError(_("Cần ghi họ tên người ký."))
    lines = list(
        decision.recipients.select_related("title", "person", "unit", "dossier", "revokes__award")
    )
    if not lines:
        raise ValidationError(_("Quyết định chưa có danh sách kèm theo."))
    if decision.amends_id and decision.amends.decision_date and on < decision.amends.decision_date:  # type: ignore[union-attr]
        raise ValidationError(_("Quyết định sửa đổi, thu hồi phải ký sau quyết định được sửa."))
    before = audit.snapshot(decision)
    decision.number = take_number(
        authority=decision.authority, series=Series.DECISION, year=on.year
    )
    decision.number_year = on.year
    decision.decision_date = on
    decision.state = DecisionState.SIGNED
    decision.signer_name = signer_name
    decision.signed_as_deputy = as_deputy
    decision.signed_by = actor_user(actor)
    decision.signed_at = timezone.now()
    decision.save()
    if decision.kind == DecisionKind.AWARD:
        _confer(actor=actor, decision=decision, lines=lines)
    else:
        _revoke(actor=actor, decision=decision, lines=lines)
    audit.audit_log(
        actor=actor,
        action=AuditAction.STATE,
        obj=decision,
        before=before,
        after=audit.snapshot(decision),
        reason=" — ".join(
            filter(
                None,
                [
                    _("Ký quyết định số %(n)s") % {"n": decision.full_number},
                    nfc(backdate_reason).strip()
                    and _("ký lùi ngày: %(r)s") % {"r": nfc(backdate_reason).strip()},
                ],
            )
        ),
    )
    return decision


def _confer(*, actor: Actor, decision: Decision, lines: list[Recipient]) -> None:
    on = decision.decision_date
    assert on is not None
    used = set(
        Recipient.objects.exclude(certificate_code=None).values_list("certificate_code", flat=True)
    )
    for line in lines:
        line.amount = _amount(line.title, on, collective=line.person_id is None)
        code = codes.new_code()
        while code in used:
            code = codes.new_code()
        used.add(code)
        line.certificate_code = code
        line.award = award_services.award_record(
            actor=actor,
            title=line.title,
            year=decision.year,
            unit=line.unit,
            person=line.person,
            decision_number=decision.full_number,
            decision_date=on,
            amount=line.amount,
        )
        if line.dossier is not None:
            dossier = dossier_services.procedure_step(
                actor=actor,
                dossier=line.dossier,
                action="decide",
                reason=_("Quyết định số %(n)s") % {"n": decision.full_number},
            )
            if dossier.forwarded_from_id:
                _record_outcome(actor=actor, upper=dossier, decision=decision)
            _tell_outcome(dossier=dossier, decision=decision, line=line)
    Recipient.objects.bulk_update(lines, ["amount", "certificate_code", "award"])


def _tell_outcome(*, dossier: Dossier, decision: Decision, line: Recipient) -> None:
    """The unit that proposed the dossier hears the number, date, amount and certificate."""
    from guongsang.decisions.certificates import verify_url  # certificates imports this module

    assert decision.decision_date is not None and line.certificate_code
    notifications.notify_decided(
        dossier=dossier,
        number=decision.full_number,
        on=decision.decision_date,
        amount=line.amount,
        code=codes.grouped(line.certificate_code),
        check_url=verify_url(line.certificate_code),
    )


def _record_outcome(*, actor: Actor, upper: Dossier, decision: Decision) -> None:
    """The level above decided: say so on the department's dossier and its submission."""
    assert upper.forwarded_from_id is not None  # only forwarded dossiers come back
    lower = Dossier.objects.select_for_update().get(pk=upper.forwarded_from_id)
    before = audit.snapshot(lower)
    lower.outcome_note = _("%(level)s: được khen tại Quyết định số %(n)s ngày %(d)s") % {
        "level": upper.level_unit.name,
        "n": decision.full_number,
        "d": vn_short_date(decision.decision_date),
    }
    lower.save(update_fields=["outcome_note", "updated_at"])
    audit.audit_update(actor=actor, obj=lower, before=before, reason=_("Kết quả từ cấp trên"))
    SubmissionItem.objects.filter(dossier=lower).update(
        upper=upper,
        conferred=True,
        outcome_number=decision.full_number,
        outcome_date=decision.decision_date,
    )


def _revoke(*, actor: Actor, decision: Decision, lines: list[Recipient]) -> None:
    on = decision.decision_date
    assert on is not None
    for line in lines:
        original = line.revokes
        if original is None or original.award is None:
            raise ValidationError(_("Dòng thu hồi không gắn với khen thưởng nào."))
        award_services.award_revoke(
            actor=actor,
            award=original.award,
            on=on,
            reason=decision.reason,
            decision_number=decision.full_number,
        )


# --- submissions (tờ trình) --------------------------------------------------------------


def upper_level(authority: Unit) -> Unit | None:
    """The level above whose council takes forwarded dossiers in this installation, if any."""
    if authority.parent is None:
        return None
    return dossier_services.reviewing_level(authority.parent)


# The Central Emulation and Commendation Board takes the city's proposals of national titles
# and forms (Huân chương, Bằng khen của Thủ tướng, Chiến sĩ thi đua toàn quốc, Cờ thi đua của
# Chính phủ). It works outside this installation: a unit outside the tree stands for it.
CENTRAL_BOARD = ("ban-tdkt-trung-uong", "Ban Thi đua - Khen thưởng Trung ương")


def central_board(*, actor: Actor) -> Unit:
    board = Unit.objects.filter(code=CENTRAL_BOARD[0]).first()
    if board is not None:
        return board
    return org_services.unit_create(
        actor=actor,
        code=CENTRAL_BOARD[0],
        name=CENTRAL_BOARD[1],
        unit_type=UnitType.BOARD,
        valid_from=dt.date(1998, 1, 1),
    )


def _receiver(actor: Actor, authority: Unit, rows: Sequence[Dossier]) -> Unit | None:
    """Who takes the tờ trình: the level above here, or, for national titles from the top of
    the installation, the Central Board outside it."""
    above = upper_level(authority)
    if above is not None:
        return above
    if rows and all(d.title.level == Level.NATIONAL for d in rows):
        return central_board(actor=actor)
    return None


@transaction.atomic
def submission_draft(
    *,
    actor: Actor,
    authority: Unit,
    dossiers: Sequence[Dossier],
    summary: str = "",
    body: str = "",
    to_unit: Unit | None = None,
) -> Submission:
    """Tờ trình. `to_unit` defaults to the level above in this installation; a level outside it
    (the Government, through the Ministry) receives the package and the documents instead."""
    _require(actor, authority, DRAFT_ROLES, _("Chỉ Thường trực Hội đồng được lập tờ trình."))
    if not dossiers:
        raise ValidationError(_("Chọn ít nhất một hồ sơ đã được Hội đồng đề nghị khen."))
    rows = list(
        Dossier.objects.select_for_update(of=("self",))
        .filter(pk__in=[d.pk for d in dossiers])
        .select_related("title", "person", "nominee_unit")
        .order_by("title__order", "nominee_unit__name", "person__full_name", "pk")
    )
    problems = []
    for dossier in rows:
        if dossier.state != State.RECOMMENDED or dossier.level_unit_id != authority.pk:
            problems.append(
                _("“%(d)s” chưa được Hội đồng của cơ quan này đề nghị.") % {"d": dossier}
            )
        elif may_confer(authority, dossier.title):
            problems.append(
                _("%(t)s do cơ quan này quyết định, không cần trình.")
                % {"t": quoted(dossier.title.name)}
            )
    if SubmissionItem.objects.filter(dossier__in=rows).exists():
        problems.append(_("Có hồ sơ đã nằm trong một tờ trình khác."))
    if problems:
        raise ValidationError(problems)
    to_unit = to_unit or _receiver(actor, authority, rows)
    if to_unit is None:
        raise ValidationError(_("Không có cấp trên để trình: chọn cơ quan nhận tờ trình."))
    profile = profile_for(authority)
    year = max(d.year for d in rows)
    titles = wording.conferring({d.title for d in rows})  # "công nhận danh hiệu …, tặng …"
    submission = Submission.objects.create(
        authority=authority,
        to_unit=to_unit,
        year=year,
        code=f"{Series.SUBMISSION}-{profile.code}",
        summary=nfc(summary).strip()
        or _("Về việc đề nghị %(t)s năm %(y)s") % {"t": titles, "y": year},
        body=nfc(body).strip()
        or _(
            "Căn cứ kết quả xét của Hội đồng Thi đua - Khen thưởng, %(issuer)s kính trình "
            "%(to)s xem xét, %(t)s cho %(n)s trường hợp có tên trong danh sách kèm theo."
        )
        % {"issuer": authority.name, "to": to_unit.name, "t": titles, "n": len(rows)},
        created_by=actor_user(actor),
    )
    SubmissionItem.objects.bulk_create(
        SubmissionItem(submission=submission, order=i, dossier=d)
        for i, d in enumerate(rows, start=1)
    )
    audit.audit_create(actor=actor, obj=submission, reason=_("Lập tờ trình"))
    return submission


def submission_send(
    *, actor: Actor, submission: Submission, on: dt.date | None = None, signer_name: str = ""
) -> Submission:
    # SQLite has one writer at a time: writers of all apps queue on one lock.
    with sqlite_writer():
        return _send(actor=actor, submission=submission, on=on, signer_name=signer_name)


@transaction.atomic
def _send(
    *, actor: Actor, submission: Submission, on: dt.date | None, signer_name: str
) -> Submission:
    """Trình: the number of the register, and each dossier forwarded to the level above."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    _require(actor, submission.authority, DRAFT_ROLES, _("Chỉ Thường trực Hội đồng được trình."))
    if submission.state != SubmissionState.DRAFT:
        raise ValidationError(_("Tờ trình này đã được gửi."))
    on = on or timezone.localdate()
    before = audit.snapshot(submission)
    submission.number = take_number(
        authority=submission.authority, series=Series.SUBMISSION, year=on.year
    )
    submission.submitted_on = on
    submission.signer_name = nfc(signer_name).strip()
    submission.state = SubmissionState.SENT
    submission.save()
    items = list(submission.items.select_related("dossier"))
    above = upper_level(submission.authority)
    if above is not None and above.pk == submission.to_unit_id:
        for item in items:
            dossier_services.dossier_transition(actor=actor, dossier=item.dossier, action="forward")
            item.upper = Dossier.objects.get(forwarded_from=item.dossier)
        SubmissionItem.objects.bulk_update(items, ["upper"])
    else:  # outside this installation: the package and the documents carry it
        note = _("Đã trình %(to)s (Tờ trình số %(n)s)") % {
            "to": submission.to_unit.name,
            "n": submission.full_number,
        }
        for item in items:
            before_item = audit.snapshot(item.dossier)
            item.dossier.outcome_note = note
            item.dossier.save(update_fields=["outcome_note", "updated_at"])
            audit.audit_update(actor=actor, obj=item.dossier, before=before_item)
    audit.audit_state(actor=actor, obj=submission, before=before, reason=_("Trình cấp trên"))
    return submission


def _quoted(name: str) -> str:
    return name if "“" in name else f"“{name}”"


def _full_name(actor: Actor) -> str:
    return (getattr(actor, "full_name", "") or "").strip()
