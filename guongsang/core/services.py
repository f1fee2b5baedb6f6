"""Writes shared by the apps' services."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from guongsang.core import audit
from guongsang.core.types import Actor

M = TypeVar("M", bound=models.Model)


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
