"""Writes of disciplines: one function per action, checked and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.core import audit
from guongsang.core.formatting import nfc
from guongsang.core.types import Actor, actor_user
from guongsang.discipline.models import Discipline
from guongsang.discipline.permissions import subject_unit_id
from guongsang.org.models import Unit
from guongsang.people.models import Person


@transaction.atomic
def discipline_record(
    *,
    actor: Actor,
    person: Person | None = None,
    unit: Unit | None = None,
    form: str,
    decision_number: str,
    decision_date: dt.date,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    reason: str = "",
) -> Discipline:
    """Ghi quyết định kỷ luật of a person or a unit in the actor's scope."""
    user = actor_user(actor)
    # The rules predicates take the unit id as the object (Django types it as a model).
    where: Any = subject_unit_id(person=person, unit=unit)
    if user is not None and not user.has_perm("discipline.record", where):
        raise PermissionDenied(_("Bạn không có quyền ghi kỷ luật cho đối tượng này."))
    record = Discipline(
        person=person,
        unit=None if person is not None else unit,
        form=form,
        decision_number=nfc(decision_number).strip(),
        decision_date=decision_date,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=nfc(reason).strip(),
        recorded_by=user,
    )
    if starts_on < decision_date:
        raise ValidationError(_("Ngày thi hành kỷ luật không thể trước ngày quyết định."))
    record.full_clean()
    record.save()
    audit.audit_create(actor=actor, obj=record)
    return record
