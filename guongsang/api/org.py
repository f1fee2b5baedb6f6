"""Units: the tree as of a date, and one unit."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema

from guongsang.core.permissions import get_visible_or_404
from guongsang.org import selectors
from guongsang.org.models import Unit

router = Router()


class UnitOut(Schema):
    id: UUID
    code: str
    name: str
    short_name: str
    unit_type: str
    unit_type_label: str
    valid_from: dt.date
    valid_to: dt.date | None


class TreeNodeOut(UnitOut):
    depth: int
    parent_id: UUID | None


class UnitDetailOut(UnitOut):
    parent_id: UUID | None
    today_id: UUID | None
    name_as_of: str | None = None


def _unit_out(unit: Unit) -> dict:
    return {
        "id": unit.uuid,
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "unit_type": unit.unit_type,
        "unit_type_label": str(unit.get_unit_type_display()),
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
    }


@router.get("/tree", response=list[TreeNodeOut], summary="Cây đơn vị tại một ngày")
def unit_tree(request: HttpRequest, as_of: dt.date | None = None) -> list[dict]:
    if not request.user.has_perm("org.view_unit"):
        raise PermissionDenied
    rows = selectors.unit_tree(root_ids=selectors.tree_roots_for(request.user), on=as_of)
    uuids = {row.unit.pk: row.unit.uuid for row in rows}
    return [
        {
            **_unit_out(row.unit),
            "name": row.name,  # as it was on the date asked for
            "depth": row.depth,
            "parent_id": None if row.parent_id is None else uuids.get(row.parent_id),
        }
        for row in rows
    ]


@router.get("/{unit_id}", response=UnitDetailOut, summary="Một đơn vị")
def unit_detail(request: HttpRequest, unit_id: UUID, as_of: dt.date | None = None) -> dict:
    unit = get_visible_or_404(
        selectors.unit_list(user=request.user).select_related("parent", "current"), uuid=unit_id
    )
    if not request.user.has_perm("org.view_unit", unit):
        raise PermissionDenied
    today_unit = selectors.unit_today(unit)
    return {
        **_unit_out(unit),
        "parent_id": unit.parent.uuid if unit.parent else None,
        "today_id": today_unit.uuid if today_unit else None,
        "name_as_of": selectors.unit_name_on(unit, as_of) if as_of else None,
    }
