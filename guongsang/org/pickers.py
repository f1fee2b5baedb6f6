"""The unit picker of every form (see people/pickers.py for the person picker)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guongsang.core.formatting import vn_short_date
from guongsang.core.textsearch import fold_search, search_terms
from guongsang.core.widgets import PickerSelect
from guongsang.org.models import Unit

LIMIT = 20


def unit_label(unit: Unit) -> str:
    """'Phòng Y tế, Trung tâm …': a unit's name alone rarely says where it is."""
    return f"{unit.name} — {unit.parent.name}" if unit.parent is not None else unit.name


def unit_choices(units: QuerySet[Unit], query: str, *, limit: int = LIMIT) -> list[dict]:
    """The units of `units` whose name or short name holds every word typed, folded."""
    if not search_terms(query[:100]):
        return []
    found = fold_search(units.select_related("parent"), query[:100], "name", "short_name")
    return [
        {
            "value": str(unit.uuid),
            "text": unit.name,
            "meta": " · ".join(
                part
                for part in (
                    unit.parent.name if unit.parent else "",
                    _("thành lập %(date)s") % {"date": vn_short_date(unit.valid_from)},
                )
                if part
            ),
        }
        for unit in found[:limit]
    ]


class UnitChoiceField(forms.ModelChoiceField):
    """A unit chosen by typing; `picker` is the endpoint's URL name (or set `widget.url`)."""

    def __init__(self, *args: Any, picker: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("to_field_name", "uuid")
        kwargs.setdefault("widget", PickerSelect(picker))
        kwargs.setdefault("help_text", gettext_lazy("Gõ tên đơn vị, có dấu hay không dấu."))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Unit) -> str:
        return unit_label(obj)
