"""The audit log: every service writes one entry per create, update, delete or state change."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import hmac
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest

from guongsang.core.client_ip import client_ip
from guongsang.core.models import AuditAction, AuditEntry
from guongsang.core.types import Actor, actor_user


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, FieldFile):  # a file is logged by its stored name
        return value.name or ""
    return value


# Keyed digests of the personal values, kept in a snapshot only so that a change of a masked
# value can be seen; they are dropped before anything is written.
_DIGESTS = "__personal_digests__"
MASK = "***"


def _digest(name: str, value: Any) -> str:
    message = f"{name}:{_jsonable(value)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's concrete fields as JSON; personal data masked (it is not needed here)."""
    personal = getattr(obj, "PERSONAL_FIELDS", ())
    secret = (*getattr(obj, "SECRET_FIELDS", ()), *getattr(obj, "DERIVED_FIELDS", ()))
    data: dict[str, Any] = {}
    digests: dict[str, str] = {}
    for field in obj._meta.concrete_fields:
        if field.name in secret:
            continue
        value = getattr(obj, field.attname)
        if field.name in personal:
            digests[field.attname] = _digest(field.attname, value)
            value = MASK if value else value
        data[field.attname] = _jsonable(value)
    if digests:
        data[_DIGESTS] = digests
    return data


def _written(data: dict[str, Any] | None) -> dict[str, Any] | None:
    if data is None or _DIGESTS not in data:
        return data
    return {k: v for k, v in data.items() if k != _DIGESTS}


# Bookkeeping fields that change on every save and say nothing about the change itself.
_NOISE = frozenset({"updated_at"})


def changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The fields whose value changed; a personal field that changed is named with its
    masked value (its digest tells the change, the value never reaches the log)."""
    diff = {
        k: v for k, v in after.items() if k not in _NOISE and k != _DIGESTS and before.get(k) != v
    }
    old, new = before.get(_DIGESTS, {}), after.get(_DIGESTS, {})
    for name, digest in new.items():
        if name in old and old[name] != digest:
            diff[name] = after.get(name)
    return diff


def audit_log(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    request: HttpRequest | None = None,
) -> AuditEntry:
    user = actor_user(actor)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(getattr(obj, "uuid", None) or obj.pk)
        object_repr = object_repr or str(obj)[:300]
    ip = (client_ip(request) or None) if request is not None else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=(user.get_username() if user is not None else "hệ thống"),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:300],
        before=_written(before),
        after=_written(after),
        reason=reason,
        ip_address=ip,
    )


def audit_state(
    *, actor: Actor, obj: models.Model, before: dict[str, Any], reason: str = ""
) -> AuditEntry:
    """A change of state (opened, signed, dissolved…): the object before and after."""
    return audit_log(
        actor=actor,
        action=AuditAction.STATE,
        obj=obj,
        before=before,
        after=snapshot(obj),
        reason=reason,
    )


def audit_create(*, actor: Actor, obj: models.Model, reason: str = "") -> AuditEntry:
    return audit_log(
        actor=actor, action=AuditAction.CREATE, obj=obj, after=snapshot(obj), reason=reason
    )


def audit_update(
    *,
    actor: Actor,
    obj: models.Model,
    before: dict[str, Any],
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry | None:
    """The fields that changed, before and after; nothing when none did. `after` defaults to
    the object's snapshot; a service that logs more (a plan's contents, a pledge's titles)
    passes its own, built like `before`."""
    after = snapshot(obj) if after is None else after
    diff = changed(before, after)
    if not diff:
        return None
    return audit_log(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=obj,
        before={k: before.get(k) for k in diff},
        after=diff,
        reason=reason,
    )


def audit_personal_read(
    *, actor: Actor, obj: models.Model, request: HttpRequest | None = None
) -> AuditEntry:
    """A read of the object's personal data (its PERSONAL_FIELDS) in clear."""
    return audit_log(
        actor=actor,
        action=AuditAction.VIEW_PERSONAL_DATA,
        obj=obj,
        request=request,
        after={"fields": list(getattr(obj, "PERSONAL_FIELDS", ()))},
    )


def audit_delete(*, actor: Actor, obj: models.Model, reason: str = "") -> AuditEntry:
    return audit_log(
        actor=actor, action=AuditAction.DELETE, obj=obj, before=snapshot(obj), reason=reason
    )
