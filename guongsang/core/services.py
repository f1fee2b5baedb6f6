"""Writes shared by the apps' services."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from guongsang.core import audit
from guongsang.core.types import Actor

M = TypeVar("M", bound=models.Model)


def full_clean(obj: models.Model, *, exclude: Collection[str] = ()) -> None:
    """Model.full_clean, without asking the database whether the related objects the caller
    handed in as objects exist (a query each, and the service just read them). Unique and
    constraint checks still see every field."""
    given = {
        field.name
        for field in obj._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
        and field.is_cached(obj)
        and getattr(field.get_cached_value(obj), "pk", None) is not None
    }
    errors: dict[str, Any] = {}
    try:
        obj.clean_fields(exclude=set(exclude) | given)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        obj.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    # As Model.full_clean: a field already in error is not checked again for uniqueness.
    skipped = set(exclude) | (set(errors) - {NON_FIELD_ERRORS})
    try:
        obj.validate_unique(exclude=skipped)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        obj.validate_constraints(exclude=skipped)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def model_update(
    *,
    actor: Actor,
    obj: M,
    changes: Mapping[str, Any],
    allowed: Collection[str] | None = None,
    clean: Callable[[str, Any], Any] | None = None,
    before_save: Callable[[M], None] | None = None,
    save_fields: Sequence[str] | None = None,
    reason: str = "",
) -> M:
    """The one way a service edits an object's fields: refuse a field outside `allowed`, set
    each change (through `clean(name, value)`), run `before_save` (checks, derived fields),
    save (only `save_fields` when given), and write the audit entry with the fields that
    changed, before and after."""
    if allowed is not None:
        unknown = set(changes) - set(allowed)
        if unknown:
            raise ValidationError(
                _("Không thể sửa trường: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
            )
    before = audit.snapshot(obj)
    for name, value in changes.items():
        setattr(obj, name, clean(name, value) if clean is not None else value)
    if before_save is not None:
        before_save(obj)
    obj.save(update_fields=save_fields)
    audit.audit_update(actor=actor, obj=obj, before=before, reason=reason)
    return obj
