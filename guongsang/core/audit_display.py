"""The audit log as a person reads it: 'hồ sơ đề nghị', 'Trạng thái: Nháp → Đã gửi', not
`nominations.dossier` and `state: draft → submitted`.

An entry keeps the raw object type and field values (what the code wrote, stable across
renames); the names and the labels of the choices are looked up from the models when shown.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext as _


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(object_type: str) -> str:
    """'accounts.rolegrant' → 'Phân quyền'; an entry about no model keeps its app's name."""
    if not object_type:
        return ""
    model = _model(object_type)
    if model is not None:
        name = str(model._meta.verbose_name)
    else:
        try:
            name = str(apps.get_app_config(object_type.split(".")[0]).verbose_name)
        except LookupError:
            return object_type
    return name[:1].upper() + name[1:]


def _field(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    for field in model._meta.concrete_fields:
        if key in (field.name, field.attname):
            return field
    return None


def field_label(model: type[models.Model] | None, key: str) -> str:
    field = _field(model, key)
    if field is None:
        return key
    name = str(field.verbose_name)
    return name[:1].upper() + name[1:]


def value_label(model: type[models.Model] | None, key: str, value: Any) -> Any:
    """A stored value as shown: the label of a choice, Có/Không for a yes-or-no."""
    field = _field(model, key)
    if field is None or value is None:
        return value
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.BooleanField):
        return _("Có") if value else _("Không")
    return value


def labelled_changes(
    object_type: str, changes: list[tuple[str, Any, Any]]
) -> list[tuple[str, Any, Any]]:
    model = _model(object_type)
    return [
        (field_label(model, key), value_label(model, key, old), value_label(model, key, new))
        for key, old, new in changes
    ]


def labelled_pairs(object_type: str, pairs: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    model = _model(object_type)
    return [(field_label(model, key), value_label(model, key, value)) for key, value in pairs]
