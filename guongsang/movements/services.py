"""Writes of movements, their plans and pledges; each one atomic and in the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from guongsang.catalogue.models import Target, Title
from guongsang.core import audit
from guongsang.core.formatting import nfc, quoted, vn_short_date
from guongsang.core.models import AuditAction
from guongsang.core.types import Actor, actor_user
from guongsang.movements.models import LegalBasis, Movement, MovementKind, PlanContent, Pledge
from guongsang.org.models import Unit
from guongsang.org.selectors import active_on, closure_on, today
from guongsang.people.models import Person


def _clean_text(value: str) -> str:
    return nfc(value or "").strip()


def _check_dates(
    *,
    launched_on: dt.date,
    pledge_deadline: dt.date | None,
    nomination_deadline: dt.date | None,
) -> None:
    if pledge_deadline and pledge_deadline < launched_on:
        raise ValidationError(_("Hạn đăng ký thi đua không thể trước ngày phát động."))
    if nomination_deadline and nomination_deadline < launched_on:
        raise ValidationError(
            _("Hạn nộp hồ sơ đề nghị khen thưởng không thể trước ngày phát động.")
        )


def _check_organiser(organiser: Unit, launched_on: dt.date) -> None:
    if not Unit.objects.filter(active_on(launched_on), pk=organiser.pk).exists():
        raise ValidationError(
            _("“%(unit)s” không hoạt động vào ngày phát động %(date)s.")
            % {"unit": organiser.name, "date": vn_short_date(launched_on)}
        )


def _content_rows(contents: Sequence[str | tuple[str, str]]) -> list[tuple[str, str]]:
    rows = []
    for item in contents:
        title, description = (item, "") if isinstance(item, str) else item
        title = _clean_text(title)
        if title:
            rows.append((title, _clean_text(description)))
    return rows


def _set_contents(movement: Movement, contents: Sequence[str | tuple[str, str]]) -> None:
    """Replace the plan's contents, numbered 1, 2, … in the order given."""
    movement.contents.all().delete()
    PlanContent.objects.bulk_create(
        PlanContent(movement=movement, number=number, title=title, description=description)
        for number, (title, description) in enumerate(_content_rows(contents), start=1)
    )


def _plan_snapshot(movement: Movement) -> dict[str, Any]:
    return {
        **audit.snapshot(movement),
        "contents": [c.title for c in movement.contents.order_by("number")],
        "legal_bases": sorted(movement.legal_bases.values_list("number", flat=True)),
        "linked": sorted(str(u) for u in movement.linked.values_list("uuid", flat=True)),
    }


def _check_linked(movement: Movement, linked: Iterable[Movement]) -> list[Movement]:
    linked = list(linked)
    if any(other.pk == movement.pk for other in linked):
        raise ValidationError(_("Một phong trào không thể gắn với chính nó."))
    return linked


@transaction.atomic
def movement_create(
    *,
    actor: Actor,
    name: str,
    year: int,
    organiser: Unit,
    launched_on: dt.date,
    kind: str = MovementKind.REGULAR,
    pledge_deadline: dt.date | None = None,
    nomination_deadline: dt.date | None = None,
    plan_number: str = "",
    plan_date: dt.date | None = None,
    purpose: str = "",
    contents: Sequence[str | tuple[str, str]] = (),
    legal_bases: Iterable[LegalBasis] = (),
    linked: Iterable[Movement] = (),
) -> Movement:
    """Phát động: a movement with its plan of numbered contents."""
    name = _clean_text(name)
    if not name:
        raise ValidationError(_("Tên phong trào không được để trống."))
    _check_dates(
        launched_on=launched_on,
        pledge_deadline=pledge_deadline,
        nomination_deadline=nomination_deadline,
    )
    _check_organiser(organiser, launched_on)
    if Movement.objects.filter(organiser=organiser, year=year, name=name).exists():
        raise ValidationError(
            _("%(unit)s đã phát động %(name)s năm %(year)s.")
            % {"unit": organiser.name, "name": quoted(name), "year": year}
        )
    movement = Movement.objects.create(
        name=name,
        kind=kind,
        year=year,
        organiser=organiser,
        launched_on=launched_on,
        pledge_deadline=pledge_deadline,
        nomination_deadline=nomination_deadline,
        plan_number=_clean_text(plan_number),
        plan_date=plan_date,
        purpose=_clean_text(purpose),
    )
    _set_contents(movement, contents)
    movement.legal_bases.set(list(legal_bases))
    movement.linked.set(_check_linked(movement, linked))
    audit.audit_log(
        actor=actor, action=AuditAction.CREATE, obj=movement, after=_plan_snapshot(movement)
    )
    return movement


MOVEMENT_FIELDS = {
    "name",
    "kind",
    "year",
    "organiser",
    "launched_on",
    "pledge_deadline",
    "nomination_deadline",
    "plan_number",
    "plan_date",
    "purpose",
}


@transaction.atomic
def movement_update(
    *,
    actor: Actor,
    movement: Movement,
    contents: Sequence[str | tuple[str, str]] | None = None,
    legal_bases: Iterable[LegalBasis] | None = None,
    linked: Iterable[Movement] | None = None,
    reason: str = "",
    **changes: Any,
) -> Movement:
    """Change the movement or its plan; None leaves contents, bases and links as they are."""
    unknown = set(changes) - MOVEMENT_FIELDS
    if unknown:
        raise ValidationError(
            _("Không thể sửa trường: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    before = _plan_snapshot(movement)
    for field, value in changes.items():
        setattr(movement, field, _clean_text(value) if isinstance(value, str) else value)
    if not movement.name:
        raise ValidationError(_("Tên phong trào không được để trống."))
    _check_dates(
        launched_on=movement.launched_on,
        pledge_deadline=movement.pledge_deadline,
        nomination_deadline=movement.nomination_deadline,
    )
    if "organiser" in changes or "launched_on" in changes:
        _check_organiser(movement.organiser, movement.launched_on)
    duplicate = Movement.objects.filter(
        organiser=movement.organiser, year=movement.year, name=movement.name
    ).exclude(pk=movement.pk)
    if duplicate.exists():
        raise ValidationError(_("Cấp phát động này đã có phong trào cùng tên trong năm."))
    movement.save()
    if contents is not None:
        _set_contents(movement, contents)
    if legal_bases is not None:
        movement.legal_bases.set(list(legal_bases))
    if linked is not None:
        movement.linked.set(_check_linked(movement, linked))
    audit.audit_update(
        actor=actor, obj=movement, before=before, after=_plan_snapshot(movement), reason=reason
    )
    return movement


# --- Pledges -------------------------------------------------------------------------------


def _check_titles(titles: Sequence[Title], *, collective: bool, movement: Movement) -> None:
    if not titles:
        raise ValidationError(_("Chọn ít nhất một danh hiệu hoặc hình thức khen thưởng."))
    wrong = Target.INDIVIDUAL if collective else Target.COLLECTIVE
    for title in titles:
        if title.target == wrong:
            message = (
                _("%(title)s chỉ dành cho cá nhân, không đăng ký cho tập thể.")
                if collective
                else _("%(title)s chỉ dành cho tập thể, không đăng ký cho cá nhân.")
            )
            raise ValidationError(message % {"title": quoted(title.name)})
        if title.valid_to and title.valid_to <= dt.date(movement.year, 1, 1):
            raise ValidationError(
                _("%(title)s đã hết áp dụng trước năm %(year)s.")
                % {"title": quoted(title.name), "year": movement.year}
            )


def deadline_message(movement: Movement) -> str:
    """What an officer reads when the pledge deadline has passed."""
    return _(
        "Đã hết hạn đăng ký thi đua của phong trào này (hạn cuối: %(deadline)s). "
        "Đề nghị liên hệ Thường trực Hội đồng Thi đua - Khen thưởng để được ghi nhận "
        "đăng ký muộn."
    ) % {"deadline": vn_short_date(movement.pledge_deadline)}


def _check_deadline(movement: Movement, *, on: dt.date, allow_late: bool, late_reason: str) -> bool:
    """True when the pledge is late (and allowed); a clear error when it may not be made."""
    if movement.pledge_deadline is None or on <= movement.pledge_deadline:
        return False
    deadline = vn_short_date(movement.pledge_deadline)
    if not allow_late:
        raise ValidationError(deadline_message(movement), code="late")
    if not late_reason:
        raise ValidationError(
            _("Đăng ký sau hạn (%(deadline)s): cần ghi lý do ghi nhận đăng ký muộn.")
            % {"deadline": deadline},
            code="late_reason",
        )
    return True


def _check_unit(movement: Movement, unit: Unit, *, collective: bool) -> None:
    """The unit must be under the organising unit on the pledge date (a collective must be
    strictly under it; a person of the organising unit itself may pledge)."""
    on = movement.pledge_deadline or movement.launched_on
    under = closure_on(on).filter(ancestor_id=movement.organiser_id, descendant_id=unit.pk)
    if collective:
        under = under.filter(depth__gt=0)
    if not under.exists() or not Unit.objects.filter(active_on(on), pk=unit.pk).exists():
        raise ValidationError(
            _("“%(unit)s” không thuộc phạm vi phong trào do %(organiser)s phát động.")
            % {"unit": unit.name, "organiser": movement.organiser.name}
        )


@transaction.atomic
def pledge_register(
    *,
    actor: Actor,
    movement: Movement,
    unit: Unit,
    titles: Sequence[Title],
    person: Person | None = None,
    commitments: str = "",
    allow_late: bool = False,
    late_reason: str = "",
    on: dt.date | None = None,
) -> Pledge:
    """Đăng ký thi đua for a unit (person None) or for a person of that unit.

    After the pledge deadline only the secretariat may record a pledge (`allow_late`, decided by
    the caller from the permissions), and only with a reason, which the audit log keeps.

    Long on purpose: the rules of a pledge (the deadline, the secretariat's late entry, the unit
    or the person, the titles) are checked in the order the messages are given, in one
    transaction.
    """
    on = on or today()
    late_reason = _clean_text(late_reason)
    collective = person is None
    if person is not None and person.home_unit_id != unit.pk:
        raise ValidationError(
            _("%(person)s không thuộc %(unit)s.") % {"person": person.full_name, "unit": unit.name}
        )
    _check_unit(movement, unit, collective=collective)
    titles = list(titles)
    _check_titles(titles, collective=collective, movement=movement)
    existing = Pledge.objects.filter(movement=movement)
    existing = (
        existing.filter(unit=unit, person__isnull=True)
        if collective
        else existing.filter(person=person)
    )
    duplicate_message = _(
        "%(who)s đã đăng ký thi đua trong phong trào “%(movement)s”; hãy sửa bản đăng ký đã có."
    ) % {"who": unit.name if person is None else person.full_name, "movement": movement.name}
    if existing.exists():
        raise ValidationError(duplicate_message, code="duplicate")
    is_late = _check_deadline(movement, on=on, allow_late=allow_late, late_reason=late_reason)
    try:
        with transaction.atomic():  # two officers at once: the constraint has the last word
            pledge = Pledge.objects.create(
                movement=movement,
                unit=unit,
                person=person,
                commitments=_clean_text(commitments),
                registered_by=actor_user(actor),
                is_late=is_late,
                late_reason=late_reason if is_late else "",
            )
    except IntegrityError as exc:
        raise ValidationError(duplicate_message, code="duplicate") from exc
    pledge.titles.set(titles)
    audit.audit_log(
        actor=actor,
        action=AuditAction.CREATE,
        obj=pledge,
        after={**audit.snapshot(pledge), "titles": sorted(t.code for t in titles)},
        reason=late_reason if is_late else "",
    )
    return pledge


@transaction.atomic
def pledge_update(
    *,
    actor: Actor,
    pledge: Pledge,
    titles: Sequence[Title],
    commitments: str = "",
    allow_late: bool = False,
    late_reason: str = "",
    on: dt.date | None = None,
) -> Pledge:
    """Change what a unit or person pledged; after the deadline, as for a late pledge."""
    on = on or today()
    late_reason = _clean_text(late_reason)
    titles = list(titles)
    _check_titles(titles, collective=pledge.person_id is None, movement=pledge.movement)
    _check_deadline(pledge.movement, on=on, allow_late=allow_late, late_reason=late_reason)
    before = {
        **audit.snapshot(pledge),
        "titles": sorted(pledge.titles.values_list("code", flat=True)),
    }
    pledge.commitments = _clean_text(commitments)
    pledge.save(update_fields=["commitments", "updated_at"])
    pledge.titles.set(titles)
    after = {**audit.snapshot(pledge), "titles": sorted(t.code for t in titles)}
    audit.audit_update(actor=actor, obj=pledge, before=before, after=after, reason=late_reason)
    return pledge
