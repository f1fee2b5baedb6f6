"""Signing a decision (ký): the number from the register, the amounts on the signing date, the
awards on record, the dossiers decided and their units told; or, for a revocation, the awards
it names revoked."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.awards import services as award_services
from guongsang.catalogue.selectors import reward_amount
from guongsang.core import audit
from guongsang.core.busy import sqlite_writer
from guongsang.core.formatting import nfc, vn_short_date
from guongsang.core.models import AuditAction
from guongsang.core.types import Actor, actor_user
from guongsang.council.models import AgendaItem, Outcome, SessionStatus
from guongsang.decisions import codes
from guongsang.decisions.models import (
    Decision,
    DecisionKind,
    DecisionState,
    Recipient,
    Series,
    SubmissionItem,
)
from guongsang.decisions.permissions import SIGN_ROLES
from guongsang.decisions.services.authority import require_role, take_number
from guongsang.nominations import notifications
from guongsang.nominations import services as dossier_services
from guongsang.nominations.models import Dossier

# Signing a few days after the date written on a decision is ordinary (the paper went round
# for initials); more than this asks the signer why.
BACKDATE_GRACE_DAYS = 3


def needs_backdate_reason(on: dt.date) -> bool:
    """Signing on the page with a date more than a few days back asks the signer why (the
    command line and the demo record past decisions with their own dates)."""
    return on < timezone.localdate() - dt.timedelta(days=BACKDATE_GRACE_DAYS)


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


def _full_name(actor: Actor) -> str:
    return (getattr(actor, "full_name", "") or "").strip()


def _sign_reason(decision: Decision, backdate_reason: str) -> str:
    backdate_reason = nfc(backdate_reason).strip()
    signed = _("Ký quyết định số %(n)s") % {"n": decision.full_number}
    if not backdate_reason:
        return signed
    return " — ".join([signed, _("ký lùi ngày: %(r)s") % {"r": backdate_reason}])


@sqlite_writer()  # SQLite has one writer at a time: writers of all apps queue on one lock.
@transaction.atomic
def decision_sign(
    *,
    actor: Actor,
    decision: Decision,
    on: dt.date | None = None,
    signer_name: str = "",
    as_deputy: bool = False,
    backdate_reason: str = "",
) -> Decision:
    """Ký: the number from the register, the amounts on the signing date, the awards on record,
    the dossiers decided (and, for a dossier forwarded from below, the outcome written back)."""
    decision = Decision.objects.select_for_update().select_related("authority").get(pk=decision.pk)
    require_role(actor, decision.authority, SIGN_ROLES, _("Bạn không có quyền ký quyết định này."))
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
        reason=_sign_reason(decision, backdate_reason),
    )
    return decision


def _new_codes(count: int) -> list[str]:
    """`count` certificate codes, none given before and none twice."""
    used = set(
        Recipient.objects.exclude(certificate_code=None).values_list("certificate_code", flat=True)
    )
    fresh: list[str] = []
    while len(fresh) < count:
        code = codes.new_code()
        if code not in used:
            used.add(code)
            fresh.append(code)
    return fresh


def _confer(*, actor: Actor, decision: Decision, lines: list[Recipient]) -> None:
    on = decision.decision_date
    assert on is not None
    for line, code in zip(lines, _new_codes(len(lines)), strict=True):
        line.amount = reward_amount(title=line.title, on=on, collective=line.person_id is None)
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
    # certificates imports this package (the authority's profile): a cycle at the top.
    from guongsang.decisions.certificates import verify_url

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
