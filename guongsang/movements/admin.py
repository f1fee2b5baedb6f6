"""Movements, plans, legal bases and pledges for support work; officers use the app's pages."""

from django.contrib import admin

from guongsang.core.admin import AuditedModelAdmin, AuditedTabularInline
from guongsang.movements.models import LegalBasis, Movement, PlanContent, Pledge


class PlanContentInline(AuditedTabularInline):
    model = PlanContent
    extra = 0
    fields = ["number", "title", "description"]


@admin.register(Movement)
class MovementAdmin(AuditedModelAdmin):
    list_display = ["name", "year", "organiser", "launched_on", "pledge_deadline"]
    list_filter = ["year", "kind"]
    list_select_related = ["organiser"]
    search_fields = ["name", "plan_number"]
    autocomplete_fields = ["organiser"]
    filter_horizontal = ["legal_bases", "linked"]
    readonly_fields = ["uuid", "created_at", "updated_at"]
    inlines = [PlanContentInline]


@admin.register(LegalBasis)
class LegalBasisAdmin(AuditedModelAdmin):
    list_display = ["number", "kind", "title", "issuer", "issued_on"]
    search_fields = ["number", "title"]


@admin.register(Pledge)
class PledgeAdmin(AuditedModelAdmin):
    list_display = ["movement", "unit", "person", "is_late", "created_at"]
    list_filter = ["is_late", "movement__year"]
    list_select_related = ["movement", "unit", "person"]
    search_fields = ["unit__name", "person__full_name", "movement__name"]
    autocomplete_fields = ["movement", "unit", "person"]
    filter_horizontal = ["titles"]
    readonly_fields = ["uuid", "registered_by", "created_at", "updated_at"]
