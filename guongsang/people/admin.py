"""People and positions. Personal data stays out of the admin: it is edited in the app, where
it is validated and every unmasked read is logged."""

from django.contrib import admin

from guongsang.core.admin import AuditedModelAdmin, AuditedTabularInline
from guongsang.people.models import Person, Position


class PositionInline(AuditedTabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["unit"]
    fields = ["title", "unit", "valid_from", "valid_to"]


@admin.register(Person)
class PersonAdmin(AuditedModelAdmin):
    list_display = ["full_name", "kind", "gender", "home_unit", "updated_at"]
    list_filter = ["kind", "gender"]
    list_select_related = ["home_unit"]
    search_fields = ["full_name"]
    autocomplete_fields = ["home_unit"]
    exclude = list(Person.PERSONAL_FIELDS)
    readonly_fields = ["uuid", "created_at", "updated_at"]
    inlines = [PositionInline]


@admin.register(Position)
class PositionAdmin(AuditedModelAdmin):
    list_display = ["person", "title", "unit", "valid_from", "valid_to"]
    list_select_related = ["person", "unit"]
    search_fields = ["person__full_name", "title"]
    autocomplete_fields = ["person", "unit"]
    date_hierarchy = "valid_from"
