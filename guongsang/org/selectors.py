"""Reads of the organisation over time: one indexed query each, no walk over the tree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core.formatting import fold, vn_short_date, vn_text_key
from guongsang.core.permissions import is_superuser, restrict, scope_roots
from guongsang.core.textsearch import search_terms
from guongsang.core.types import Actor
from guongsang.org.models import Unit, UnitClosure, UnitName
from guongsang.org.permissions import UNIT_VIEW_ROLES


def today() -> dt.date:
    return timezone.localdate()


def active_on(on: dt.date, prefix: str = "") -> Q:
    """Rows whose [valid_from, valid_to) contains the date `on`."""
    return Q(**{f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": on})
    )


def closure_on(on: dt.date | None = None) -> QuerySet[UnitClosure]:
    return UnitClosure.objects.filter(active_on(on or today()))


def scope_ids_under(roots: list[int]) -> QuerySet:
    """Ids of the units a grant over `roots` reaches (the permission layer's scope): their
    subtrees as they are today, together with the units that history folded into them (units
    merged into a unit of the subtree, units dissolved while they were in it)."""
    today_ids = closure_on().filter(ancestor_id__in=roots).values("descendant_id")
    dissolved_ids = UnitClosure.objects.filter(
        ancestor_id__in=roots,
        descendant__valid_to__isnull=False,
        descendant__successor__isnull=True,
        valid_to=F("descendant__valid_to"),
    ).values("descendant_id")
    return Unit.objects.filter(Q(current_id__in=today_ids) | Q(pk__in=dissolved_ids)).values("pk")


def unit_ids_under(unit: Unit | int, *, on: dt.date | None = None) -> QuerySet:
    """Ids of the unit and all units under it as of `on` (default today), as a subquery."""
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    return closure_on(on).filter(ancestor_id=unit_id).values("descendant_id")


def units_under(unit: Unit | int, *, on: dt.date | None = None) -> QuerySet[Unit]:
    """Đơn vị trực thuộc X tại ngày D (X itself included)."""
    return Unit.objects.filter(pk__in=unit_ids_under(unit, on=on))


def unit_ids_for_counting(unit: Unit | int, *, as_of: dt.date | None = None) -> QuerySet:
    """Units whose records count under `unit`.

    With `as_of`: the subtree as it was on that date. Without: the subtree as it is today,
    together with every unit since merged into it, so counts for years before a merge still
    add up under the merged unit.
    """
    if as_of is not None:
        return unit_ids_under(unit, on=as_of)
    return Unit.objects.filter(current_id__in=unit_ids_under(unit)).values("pk")


def unit_today(unit: Unit) -> Unit | None:
    """What unit A is today: itself, its successor after a merge, or None if dissolved."""
    current = unit.current if unit.current_id != unit.pk else unit
    if current is None or not current.is_active:
        return None
    return current


def ancestors_of(unit: Unit, *, on: dt.date | None = None) -> list[Unit]:
    """The units above, from the root down, as of `on` (for an ended unit: its last day)."""
    if on is None:
        on = unit.valid_to - dt.timedelta(days=1) if unit.valid_to else today()
    rows = (
        closure_on(on)
        .filter(descendant_id=unit.pk, depth__gt=0)
        .select_related("ancestor")
        .order_by("-depth")
    )
    return [row.ancestor for row in rows]


def unit_name_on(unit: Unit, on: dt.date) -> str:
    """The name the unit bore on `on` (its present name outside its recorded names)."""
    name = unit.names.filter(active_on(on)).values_list("name", flat=True).first()
    return name or unit.name


def unit_names_on(units: Iterable[Unit], on: dt.date | None) -> dict[int, str]:
    """unit id → the name it bore on `on`, in one query (today's names when `on` is None)."""
    names = {u.pk: u.name for u in units}
    if on is None or not names:
        return names
    names.update(
        UnitName.objects.filter(active_on(on), unit_id__in=names.keys()).values_list(
            "unit_id", "name"
        )
    )
    return names


def unit_fate(unit: Unit, *, on: dt.date | None = None) -> str:
    """Where an ended unit's records went, said in Vietnamese; "" for a unit still in force
    on `on` (default today). Merged units count with their successor; dissolved ones with
    the unit above them on their last day."""
    on = on or today()
    if unit.valid_to is None or unit.valid_to > on:
        return ""
    if unit.successor_id:
        successor = unit.successor
        assert successor is not None
        return _(
            "“%(unit)s” đã sáp nhập vào “%(successor)s” từ ngày %(date)s: khen thưởng của đơn "
            "vị được thống kê cùng “%(successor)s”. Chọn một ngày trước %(date)s để xem số "
            "liệu riêng của đơn vị."
        ) % {"unit": unit.name, "successor": successor.name, "date": vn_short_date(unit.valid_to)}
    return _(
        "“%(unit)s” đã giải thể từ ngày %(date)s. Chọn một ngày trước đó để xem số liệu của đơn vị."
    ) % {"unit": unit.name, "date": vn_short_date(unit.valid_to)}


def unit_end_note(unit: Unit) -> str:
    """One line for a table's row of a unit that has ended: where its records went (merged
    units count with their successor, dissolved ones with the unit above them)."""
    if unit.valid_to is None:
        return ""
    if unit.successor_id:
        assert unit.successor is not None
        return _(
            "Đã sáp nhập vào “%(successor)s” từ ngày %(date)s; khen thưởng của đơn vị được "
            "thống kê cùng “%(successor)s”."
        ) % {"successor": unit.successor.name, "date": vn_short_date(unit.valid_to)}
    if unit.parent_id:
        assert unit.parent is not None
        return _(
            "Đã giải thể từ ngày %(date)s; khen thưởng của đơn vị được thống kê cùng “%(parent)s”."
        ) % {"parent": unit.parent.name, "date": vn_short_date(unit.valid_to)}
    return _("Đã giải thể từ ngày %(date)s.") % {"date": vn_short_date(unit.valid_to)}


@dataclass(frozen=True)
class TreeRow:
    unit: Unit
    depth: int
    parent_id: int | None
    name: str = ""  # the unit's name on the tree's date


def unit_tree(*, root_ids: QuerySet | list[int], on: dt.date | None = None) -> list[TreeRow]:
    """The units under the given roots as of `on`, in display order (parents before children).

    Three queries whatever the size: the units, their names and their parents on that date.
    """
    on = on or today()
    visible = closure_on(on).filter(ancestor_id__in=root_ids).values("descendant_id")
    found = list(Unit.objects.filter(pk__in=visible))
    names = unit_names_on(found, on)
    # Siblings in the order of their names on that date, not today's.
    units = {u.pk: u for u in sorted(found, key=lambda u: (vn_text_key(names[u.pk]), u.pk))}
    parents = dict(
        closure_on(on)
        .filter(depth=1, descendant_id__in=units.keys())
        .values_list("descendant_id", "ancestor_id")
    )
    children: dict[int | None, list[int]] = {}
    for unit_id in units:
        parent = parents.get(unit_id)
        children.setdefault(parent if parent in units else None, []).append(unit_id)
    rows: list[TreeRow] = []
    stack = [(uid, 0) for uid in reversed(children.get(None, []))]
    while stack:  # rendering order only: the membership came from the closure query above
        uid, depth = stack.pop()
        rows.append(
            TreeRow(unit=units[uid], depth=depth, parent_id=parents.get(uid), name=names[uid])
        )
        stack.extend((c, depth + 1) for c in reversed(children.get(uid, [])))
    return rows


def tree_search(rows: list[TreeRow], query: str) -> list[TreeRow]:
    """The rows whose unit's name (on the tree's date or today) or short name holds every word
    of `query`, folded like every search ("trung tam dieu duong" finds "Trung tâm Điều
    dưỡng"); all rows when it is empty."""
    terms = search_terms(query)
    if not terms:
        return rows
    return [
        row
        for row in rows
        if all(
            term in fold(f"{row.name or row.unit.name} {row.unit.name} {row.unit.short_name}")
            for term in terms
        )
    ]


def unit_list(*, user: Actor) -> QuerySet[Unit]:
    """Units the user may see: their grants' subtrees and what history folded into them."""
    return restrict(Unit.objects.all(), user, roles=UNIT_VIEW_ROLES, unit_field="pk")


def units_acting(*, user: Actor, roles: Any) -> QuerySet[Unit]:
    """Units in force that the user may act for with these roles (forms' unit choices)."""
    return restrict(
        Unit.objects.filter(valid_to=None).order_by("name"), user, roles=roles, unit_field="pk"
    )


def tree_roots_for(user: Actor) -> list[int]:
    """Where the user's tree starts: the top of the organisation for a superuser, else
    the units of their grants."""
    if is_superuser(user):
        return list(Unit.objects.filter(parent=None).values_list("pk", flat=True))
    return scope_roots(user, UNIT_VIEW_ROLES)
