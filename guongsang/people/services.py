"""Writes of people and positions; reading personal data in clear is logged here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from guongsang.core import audit
from guongsang.core.formatting import nfc, vn_short_date, vn_sort_key
from guongsang.core.types import Actor
from guongsang.core.validators import (
    clean_person_name,
    clean_text,
    validate_birth_date,
    validate_citizen_id,
    validate_phone,
)
from guongsang.org.models import Unit
from guongsang.people.models import Gender, Person, Position


def _clean_personal(
    *, citizen_id: str | None, date_of_birth: dt.date | None, gender: str, phone: str
) -> tuple[str | None, str]:
    validate_birth_date(date_of_birth)
    if citizen_id:
        citizen_id = validate_citizen_id(
            citizen_id,
            date_of_birth=date_of_birth,
            female=(gender == Gender.FEMALE) if gender else None,
        )
    if phone:
        phone = validate_phone(phone)
    return citizen_id or None, phone


@transaction.atomic
def person_create(
    *,
    actor: Actor,
    full_name: str,
    kind: str,
    home_unit: Unit,
    gender: str = "",
    citizen_id: str | None = None,
    date_of_birth: dt.date | None = None,
    phone: str = "",
    address: str = "",
    email: str = "",
) -> Person:
    if not nfc(full_name).strip():
        raise ValidationError(_("Họ và tên không được để trống."))
    full_name = clean_person_name(full_name)
    address = clean_text(address)
    citizen_id, phone = _clean_personal(
        citizen_id=citizen_id, date_of_birth=date_of_birth, gender=gender, phone=phone
    )
    if citizen_id and Person.objects.filter(citizen_id=citizen_id).exists():
        raise ValidationError(_("Số định danh cá nhân này đã có trong hệ thống."))
    person = Person.objects.create(
        full_name=full_name,
        sort_name=vn_sort_key(full_name),
        kind=kind,
        home_unit=home_unit,
        gender=gender,
        citizen_id=citizen_id,
        date_of_birth=date_of_birth,
        phone=phone,
        address=address,
        email=email,
    )
    audit.audit_create(actor=actor, obj=person)
    return person


@transaction.atomic
def person_update(*, actor: Actor, person: Person, **changes: Any) -> Person:
    before = audit.snapshot(person)
    allowed = {
        "full_name",
        "gender",
        "citizen_id",
        "date_of_birth",
        "phone",
        "address",
        "email",
        "home_unit",
        "kind",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            _("Không thể sửa trường: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in changes.items():
        setattr(person, name, nfc(value) if isinstance(value, str) else value)
    person.full_name = clean_person_name(person.full_name)
    person.address = clean_text(person.address or "")
    person.sort_name = vn_sort_key(person.full_name)
    person.citizen_id, person.phone = _clean_personal(
        citizen_id=person.citizen_id,
        date_of_birth=person.date_of_birth,
        gender=person.gender,
        phone=person.phone,
    )
    if (
        person.citizen_id
        and Person.objects.filter(citizen_id=person.citizen_id).exclude(pk=person.pk).exists()
    ):
        raise ValidationError(_("Số định danh cá nhân này đã có trong hệ thống."))
    person.save()
    audit.audit_update(actor=actor, obj=person, before=before)
    return person


@transaction.atomic
def person_delete(*, actor: Actor, person: Person, reason: str = "") -> None:
    audit.audit_delete(actor=actor, obj=person, reason=reason)
    person.delete()


@transaction.atomic
def position_assign(
    *, actor: Actor, person: Person, unit: Unit, title: str, valid_from: dt.date
) -> Position:
    position = Position.objects.create(
        person=person, unit=unit, title=nfc(title), valid_from=valid_from
    )
    audit.audit_create(actor=actor, obj=position)
    return position


@transaction.atomic
def position_end(*, actor: Actor, position: Position, on: dt.date) -> Position:
    if on <= position.valid_from:
        raise ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu giữ chức vụ."))
    before = audit.snapshot(position)
    position.valid_to = on
    position.save(update_fields=["valid_to"])
    audit.audit_update(actor=actor, obj=position, before=before)
    return position


@transaction.atomic
def positions_move(*, actor: Actor, units: Sequence[Unit], to: Unit, on: dt.date) -> int:
    """Everyone serving in `units` on `on` serves in `to` from that day in the same position
    (a merge): the old position ends that day, so the person's history still shows where they
    were before; a position that had not begun by then simply changes unit. Returns how many
    positions moved."""
    reason = f"Chuyển sang {to.name} từ ngày {vn_short_date(on)}"
    moving = Position.objects.select_for_update().filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on), unit__in=units
    )
    moved = 0
    for position in moving:
        before = audit.snapshot(position)
        if position.valid_from >= on:
            position.unit = to
            position.save(update_fields=["unit"])
            audit.audit_update(actor=actor, obj=position, before=before, reason=reason)
        else:
            follow_on = Position.objects.create(
                person_id=position.person_id,
                unit=to,
                title=position.title,
                valid_from=on,
                valid_to=position.valid_to,
            )
            position.valid_to = on
            position.save(update_fields=["valid_to"])
            audit.audit_update(actor=actor, obj=position, before=before, reason=reason)
            audit.audit_create(actor=actor, obj=follow_on, reason=reason)
        moved += 1
    return moved


def personal_data_reveal(*, actor: Actor, person: Person, request: Any = None) -> dict[str, Any]:
    """The personal data in clear, for a user already allowed to see it; the read is logged."""
    audit.audit_personal_read(actor=actor, obj=person, request=request)
    return {
        "citizen_id": person.citizen_id or "",
        "date_of_birth": person.date_of_birth,
        "phone": person.phone,
        "address": person.address,
    }
