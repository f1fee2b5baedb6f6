"""The person picker of every form: the field, its label and what its endpoint answers.

A form chooses a person with `PersonChoiceField(picker="app:url_name")`: the officer types a
name, with or without diacritics, and sees the birth year, the positions held today and the
unit, which tell namesakes apart. Each form's endpoint decides *which* people may be chosen
(its own queryset, checked again when the form is posted) and answers with `person_choices`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guongsang.core.textsearch import fold_search, search_terms
from guongsang.core.widgets import PickerSelect
from guongsang.people.exports import with_current_positions
from guongsang.people.models import Person

LIMIT = 20


def person_label(person: Person) -> str:
    """'Nguyễn Minh Châm (1985) — Trung tâm …': the birth year tells namesakes apart (the year
    is what the masked date of birth shows anyway)."""
    born = f" ({person.date_of_birth.year})" if person.date_of_birth else ""
    return f"{person.full_name}{born} — {person.home_unit.name}"


def person_choices(people: QuerySet[Person], query: str, *, limit: int = LIMIT) -> list[dict]:
    """The people of `people` whose name holds every word typed, folded, as picker options."""
    if not search_terms(query[:100]):
        return []
    found = fold_search(people.select_related("home_unit"), query[:100], "full_name")
    results = []
    for person in with_current_positions(found[:limit]):
        parts = []
        if person.date_of_birth:
            parts.append(_("sinh năm %(year)s") % {"year": person.date_of_birth.year})
        parts += [p.title for p in person.current_positions]  # type: ignore[attr-defined]
        parts.append(person.home_unit.name)
        results.append(
            {"value": str(person.uuid), "text": person_label(person), "meta": " · ".join(parts)}
        )
    return results


class PersonChoiceField(forms.ModelChoiceField):
    """A person chosen by typing; `picker` is the endpoint's URL name (or set `widget.url`)."""

    def __init__(self, *args: Any, picker: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("to_field_name", "uuid")
        kwargs.setdefault("widget", PickerSelect(picker))
        kwargs.setdefault(
            "help_text",
            gettext_lazy(
                "Gõ họ tên, có dấu hay không dấu; năm sinh, chức vụ và đơn vị hiện bên cạnh."
            ),
        )
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Person) -> str:
        return person_label(obj)
