"""The catalogue is data the admin edits: titles, forms, their rules, and the base salary."""

from django.contrib import admin

from guongsang.catalogue.models import BaseSalary, Prerequisite, Title
from guongsang.core.admin import AuditedModelAdmin, AuditedTabularInline


class PrerequisiteInline(AuditedTabularInline):
    model = Prerequisite
    fk_name = "title"
    extra = 0


@admin.register(Title)
class TitleAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "level", "target", "authority", "coefficient", "valid_from"]
    list_filter = ["kind", "level", "target", "conferred_by_department"]
    search_fields = ["name", "code"]
    inlines = [PrerequisiteInline]


@admin.register(BaseSalary)
class BaseSalaryAdmin(AuditedModelAdmin):
    list_display = ["valid_from", "amount", "legal_basis"]
