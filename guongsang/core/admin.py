"""The Django admin: support work for the admin role, every change written to the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from guongsang.core import audit
from guongsang.core.models import AuditEntry
from guongsang.core.types import Actor

ADMIN_REASON = "Sửa qua trang quản trị"


def stored_snapshot(obj: models.Model) -> dict[str, Any] | None:
    """The object as it is in the database now (the form has already changed `obj`)."""
    if obj.pk is None:
        return None
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    return audit.snapshot(stored) if stored is not None else None


def audit_saved(actor: Actor, obj: models.Model, before: dict[str, Any] | None) -> None:
    """The create or update entry of an object just saved; `before` None means it is new."""
    if before is None:
        audit.audit_create(actor=actor, obj=obj, reason=ADMIN_REASON)
    else:
        audit.audit_update(actor=actor, obj=obj, before=before, reason=ADMIN_REASON)


class AdminRolePermissions:
    """Who may use the admin is decided by the role layer ("core.use_admin_site": the admin
    role), not by Django's per-model permissions; subclasses narrow it (read-only models)."""

    def _allowed(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm("core.use_admin_site"))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)


class AuditedTabularInline(AdminRolePermissions, admin.TabularInline):
    """Inline rows are saved by the parent's save_formset, which audits them."""


class AuditedModelAdmin(AdminRolePermissions, admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes (inlines and bulk deletes too) are audited."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        before = stored_snapshot(obj)
        super().save_model(request, obj, form, change)
        audit_saved(request.user, obj, before)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit.audit_delete(actor=request.user, obj=obj, reason=ADMIN_REASON)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            audit.audit_delete(actor=request.user, obj=obj, reason=ADMIN_REASON)
        super().delete_queryset(request, queryset)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit.audit_delete(actor=request.user, obj=obj, reason=ADMIN_REASON)
            obj.delete()
        for obj in instances:
            before = stored_snapshot(obj)
            obj.save()
            audit_saved(request.user, obj, before)
        formset.save_m2m()


class ReadOnlyModelAdmin(AuditedModelAdmin):
    """Shown, never added, changed or deleted from the admin."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyModelAdmin):
    """Read only: the audit log cannot be edited from any screen."""

    list_display = ["at", "actor_name", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_name", "object_repr", "object_id"]
