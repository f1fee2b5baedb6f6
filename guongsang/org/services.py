"""Changes to the organisation: create, rename, move, merge, dissolve — history is kept."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.core import audit
from guongsang.core.formatting import nfc, vn_short_date
from guongsang.core.types import Actor
from guongsang.org import signals
from guongsang.org.models import (
    Cluster,
    ClusterMembership,
    Unit,
    UnitClosure,
    UnitEvent,
    UnitEventKind,
    UnitName,
)
from guongsang.org.selectors import active_on, closure_on


def _check_active(unit: Unit, on: dt.date) -> None:
    if unit.valid_from > on or (unit.valid_to is not None and unit.valid_to <= on):
        raise ValidationError(
            _("Đơn vị “%(name)s” không hoạt động vào ngày %(date)s.")
            % {"name": unit.name, "date": vn_short_date(on)}
        )


def _attach(unit: Unit, parent: Unit, on: dt.date) -> None:
    """Open closure rows linking the unit's subtree to the parent and its ancestors from `on`."""
    subtree = list(closure_on(on).filter(ancestor=unit).values_list("descendant_id", "depth"))
    above = list(closure_on(on).filter(descendant=parent).values_list("ancestor_id", "depth"))
    UnitClosure.objects.bulk_create(
        UnitClosure(ancestor_id=anc, descendant_id=desc, depth=d_anc + d_desc + 1, valid_from=on)
        for anc, d_anc in above
        for desc, d_desc in subtree
    )


def _detach(unit: Unit, on: dt.date) -> None:
    """Close the rows linking the unit's subtree to the units above it, from `on`."""
    subtree = closure_on(on).filter(ancestor=unit).values("descendant_id")
    above = closure_on(on).filter(descendant=unit, depth__gt=0).values("ancestor_id")
    rows = closure_on(on).filter(descendant_id__in=subtree, ancestor_id__in=above)
    # Rows opened the same day never held: drop them rather than leave an empty range.
    rows.filter(valid_from=on).delete()
    rows.update(valid_to=on)


@transaction.atomic
def unit_create(
    *,
    actor: Actor,
    code: str,
    name: str,
    unit_type: str,
    valid_from: dt.date,
    parent: Unit | None = None,
    short_name: str = "",
) -> Unit:
    name = nfc(name).strip()
    if not name:
        raise ValidationError(_("Tên đơn vị không được để trống."))
    if Unit.objects.filter(code=code).exists():
        raise ValidationError(_("Mã đơn vị “%(code)s” đã tồn tại.") % {"code": code})
    if parent is not None:
        _check_active(parent, valid_from)
    unit = Unit.objects.create(
        code=code,
        name=name,
        short_name=nfc(short_name),
        unit_type=unit_type,
        parent=parent,
        valid_from=valid_from,
    )
    unit.current = unit
    unit.save(update_fields=["current"])
    UnitClosure.objects.create(ancestor=unit, descendant=unit, depth=0, valid_from=valid_from)
    if parent is not None:
        _attach(unit, parent, valid_from)
    UnitName.objects.create(unit=unit, name=name, valid_from=valid_from)
    UnitEvent.objects.create(
        unit=unit,
        kind=UnitEventKind.CREATED,
        on=valid_from,
        related=parent,
        description=f"Thành lập {name}" + (f", trực thuộc {parent.name}" if parent else ""),
    )
    audit.audit_create(actor=actor, obj=unit)
    return unit


@transaction.atomic
def unit_rename(
    *, actor: Actor, unit: Unit, name: str, on: dt.date, short_name: str = "", reason: str = ""
) -> Unit:
    name = nfc(name).strip()
    if not name:
        raise ValidationError(_("Tên đơn vị không được để trống."))
    _check_active(unit, on)
    if name == unit.name:
        raise ValidationError(_("Tên mới trùng với tên hiện tại."))
    before = audit.snapshot(unit)
    old_name = unit.name
    unit.names.filter(active_on(on)).update(valid_to=on)
    UnitName.objects.create(unit=unit, name=name, valid_from=on)
    unit.name = name
    if short_name:
        unit.short_name = nfc(short_name)
    unit.save(update_fields=["name", "short_name", "updated_at"])
    UnitEvent.objects.create(
        unit=unit,
        kind=UnitEventKind.RENAMED,
        on=on,
        description=f"Đổi tên từ “{old_name}” thành “{name}”",
    )
    audit.audit_update(actor=actor, obj=unit, before=before, reason=reason)
    return unit


@transaction.atomic
def unit_move(*, actor: Actor, unit: Unit, new_parent: Unit, on: dt.date) -> Unit:
    _check_active(unit, on)
    _check_active(new_parent, on)
    if closure_on(on).filter(ancestor=unit, descendant=new_parent).exists():
        raise ValidationError(
            _("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.")
        )
    before = audit.snapshot(unit)
    _detach(unit, on)
    _attach(unit, new_parent, on)
    unit.parent = new_parent
    unit.save(update_fields=["parent", "updated_at"])
    UnitEvent.objects.create(
        unit=unit,
        kind=UnitEventKind.MOVED,
        on=on,
        related=new_parent,
        description=f"Chuyển về trực thuộc {new_parent.name}",
    )
    audit.audit_update(actor=actor, obj=unit, before=before)
    return unit


def _close(unit: Unit, on: dt.date) -> None:
    rows = closure_on(on).filter(descendant=unit)
    rows.filter(valid_from=on).delete()
    rows.update(valid_to=on)
    unit.names.filter(active_on(on)).update(valid_to=on)
    ClusterMembership.objects.filter(active_on(on), unit=unit).update(valid_to=on)
    unit.valid_to = on


@transaction.atomic
def unit_dissolve(*, actor: Actor, unit: Unit, on: dt.date, reason: str = "") -> Unit:
    _check_active(unit, on)
    if on <= unit.valid_from:
        raise ValidationError(_("Ngày giải thể phải sau ngày thành lập."))
    if closure_on(on).filter(ancestor=unit, depth__gt=0).exists():
        raise ValidationError(
            _("Đơn vị còn đơn vị trực thuộc đang hoạt động: hãy chuyển hoặc giải thể chúng trước.")
        )
    before = audit.snapshot(unit)
    _close(unit, on)
    unit.save(update_fields=["valid_to", "updated_at"])
    UnitEvent.objects.create(
        unit=unit, kind=UnitEventKind.DISSOLVED, on=on, description=f"Giải thể. {reason}".strip()
    )
    audit.audit_state(actor=actor, obj=unit, before=before, reason=reason)
    return unit


@transaction.atomic
def unit_merge(
    *,
    actor: Actor,
    units: list[Unit],
    on: dt.date,
    code: str,
    name: str,
    unit_type: str | None = None,
    parent: Unit | None = None,
    reason: str = "",
    move_staff: bool = False,
) -> Unit:
    """Sáp nhập A + B → C: C is created on `on`; A and B end that day and point to C.

    Their sub-units move under C; records of A and B keep their unit, and count under C
    through `Unit.current`. With `move_staff`, the people serving in A and B serve in C from
    that day (done by the people app, which receives `signals.units_merged`).

    Long on purpose: A merge is one transaction whose steps (the new unit, the sub-units moved,
    the ends, the closure, the audit) depend on each other in this order.
    """
    if len({u.pk for u in units}) < 2:
        raise ValidationError(_("Cần ít nhất hai đơn vị khác nhau để sáp nhập."))
    for unit in units:
        _check_active(unit, on)
        if on <= unit.valid_from:
            raise ValidationError(
                _("Ngày sáp nhập phải sau ngày thành lập “%(name)s”.") % {"name": unit.name}
            )
    merged = unit_create(
        actor=actor,
        code=code,
        name=name,
        unit_type=unit_type or units[0].unit_type,
        valid_from=on,
        parent=parent if parent is not None else units[0].parent,
    )
    for unit in units:
        before = audit.snapshot(unit)
        child_ids = (
            closure_on(on).filter(ancestor=unit, depth=1).values_list("descendant_id", flat=True)
        )
        for child in Unit.objects.filter(pk__in=list(child_ids)):
            unit_move(actor=actor, unit=child, new_parent=merged, on=on)
        _close(unit, on)
        unit.successor = merged
        unit.save(update_fields=["valid_to", "successor", "updated_at"])
        UnitEvent.objects.create(
            unit=unit,
            kind=UnitEventKind.MERGED,
            on=on,
            related=merged,
            description=f"Sáp nhập vào {merged.name}",
        )
        audit.audit_state(
            actor=actor, obj=unit, before=before, reason=reason or f"Sáp nhập vào {merged.name}"
        )
    # Everything that was A or B (including what earlier merged into them) is C today.
    Unit.objects.filter(current__in=units).update(current=merged)
    names = ", ".join(u.name for u in units)
    UnitEvent.objects.create(
        unit=merged,
        kind=UnitEventKind.MERGED,
        on=on,
        description=f"Thành lập trên cơ sở sáp nhập {names}",
    )
    signals.units_merged.send(
        sender=Unit, actor=actor, units=units, merged=merged, on=on, move_staff=move_staff
    )
    return merged


@transaction.atomic
def cluster_create(*, actor: Actor, number: int, name: str, organiser: Unit) -> Cluster:
    if Cluster.objects.filter(organiser=organiser, number=number).exists():
        raise ValidationError(_("Cụm thi đua số %(number)s đã tồn tại.") % {"number": number})
    cluster = Cluster.objects.create(number=number, name=nfc(name), organiser=organiser)
    audit.audit_create(actor=actor, obj=cluster)
    return cluster


@transaction.atomic
def cluster_add_member(
    *, actor: Actor, cluster: Cluster, unit: Unit, valid_from: dt.date, is_head: bool = False
) -> ClusterMembership:
    if cluster.memberships.filter(active_on(valid_from), unit=unit).exists():
        raise ValidationError(
            _("“%(unit)s” đã thuộc %(cluster)s.") % {"unit": unit.name, "cluster": cluster.name}
        )
    membership = ClusterMembership.objects.create(
        cluster=cluster, unit=unit, valid_from=valid_from, is_head=is_head
    )
    audit.audit_create(actor=actor, obj=membership)
    return membership
