"""Units (read-mostly: their history is changed by the org services) and clusters."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from guongsang.core.admin import ADMIN_REASON, AuditedModelAdmin, AuditedTabularInline
from guongsang.org.models import Cluster, ClusterMembership, Unit
from guongsang.org.selectors import today
from guongsang.org.services import unit_rename


class ActiveFilter(admin.SimpleListFilter):
    title = _("tình trạng")
    parameter_name = "active"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Đang hoạt động")), ("no", _("Đã giải thể/sáp nhập"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(valid_to__isnull=True)
        if self.value() == "no":
            return queryset.filter(valid_to__isnull=False)
        return queryset


# Kept by the org services together with UnitClosure and the unit's history.
TREE_FIELDS = [
    "code",
    "unit_type",
    "parent",
    "valid_from",
    "valid_to",
    "successor",
    "current",
    "uuid",
]


@admin.register(Unit)
class UnitAdmin(AuditedModelAdmin):
    """Only the name can be corrected here; create, move, merge and dissolve units in the app,
    where the dated tree (UnitClosure) and the history are kept."""

    list_display = ["name", "code", "unit_type", "parent", "valid_from", "valid_to", "is_active"]
    list_filter = ["unit_type", ActiveFilter]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "code"]
    fields = ["name", "short_name", *TREE_FIELDS]
    readonly_fields = TREE_FIELDS

    @admin.display(boolean=True, description=_("đang hoạt động"))
    def is_active(self, unit: Unit) -> bool:
        return unit.is_active

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """A new name goes through the rename service, so the name history is kept."""
        if change and "name" in form.changed_data:
            stored = Unit.objects.get(pk=obj.pk)
            unit_rename(
                actor=request.user,
                unit=stored,
                name=obj.name,
                on=today(),
                short_name=obj.short_name,
                reason=ADMIN_REASON,
            )
            return
        super().save_model(request, obj, form, change)


class ClusterMembershipInline(AuditedTabularInline):
    model = ClusterMembership
    extra = 0
    autocomplete_fields = ["unit"]
    fields = ["unit", "valid_from", "valid_to", "is_head"]


@admin.register(Cluster)
class ClusterAdmin(AuditedModelAdmin):
    list_display = ["number", "name", "organiser"]
    list_select_related = ["organiser"]
    search_fields = ["name"]
    autocomplete_fields = ["organiser"]
    inlines = [ClusterMembershipInline]
