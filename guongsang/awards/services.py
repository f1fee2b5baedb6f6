"""Writing awards on record, and revoking them (only with a reason and a later decision)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.awards.models import Award, AwardSource
from guongsang.catalogue.models import Target, Title
from guongsang.core import audit
from guongsang.core.formatting import quoted
from guongsang.core.types import Actor
from guongsang.org.models import Unit
from guongsang.people.models import Person


@transaction.atomic
def award_record(
    *,
    actor: Actor,
    title: Title,
    year: int,
    unit: Unit,
    person: Person | None = None,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    amount: int | None = None,
    source: str = AwardSource.DECISION,
) -> Award:
    collective = person is None
    if title.target == Target.INDIVIDUAL and collective:
        raise ValidationError(_("%(title)s chỉ tặng cho cá nhân.") % {"title": quoted(title.name)})
    if title.target == Target.COLLECTIVE and not collective:
        raise ValidationError(_("%(title)s chỉ tặng cho tập thể.") % {"title": quoted(title.name)})
    award = Award.objects.create(
        title=title,
        year=year,
        level=title.level,
        target=Target.COLLECTIVE if collective else Target.INDIVIDUAL,
        person=person,
        unit=unit,
        decision_number=decision_number,
        decision_date=decision_date,
        authority=title.authority,
        amount=amount,
        source=source,
    )
    audit.audit_create(actor=actor, obj=award)
    return award


@transaction.atomic
def award_revoke(
    *, actor: Actor, award: Award, on: dt.date, reason: str, decision_number: str
) -> Award:
    """Thu hồi: only by a later decision that says why."""
    if award.is_revoked:
        raise ValidationError(_("Khen thưởng này đã bị thu hồi."))
    if not reason.strip() or not decision_number.strip():
        raise ValidationError(_("Cần ghi rõ lý do và số quyết định thu hồi."))
    if award.decision_date and on <= award.decision_date:
        raise ValidationError(_("Quyết định thu hồi phải sau quyết định khen thưởng."))
    before = audit.snapshot(award)
    award.revoked_on = on
    award.revoke_reason = f"{reason.strip()} (Quyết định số {decision_number.strip()})"
    award.save(update_fields=["revoked_on", "revoke_reason", "updated_at"])
    audit.audit_state(actor=actor, obj=award, before=before, reason=reason)
    return award
