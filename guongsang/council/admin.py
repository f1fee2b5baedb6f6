"""Support views of the councils for the admin role. Ballots and participations are not shown
anywhere in the admin: they are read only through the tally."""

from django.contrib import admin

from guongsang.core.admin import AuditedModelAdmin, AuditedTabularInline, ReadOnlyModelAdmin
from guongsang.council.models import Council, CouncilMember, CouncilSession


class CouncilMemberInline(AuditedTabularInline):
    model = CouncilMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Council)
class CouncilAdmin(AuditedModelAdmin):
    list_display = ["name", "unit", "notice_working_days", "active"]
    list_filter = ["active"]
    search_fields = ["name", "unit__name"]
    inlines = [CouncilMemberInline]


@admin.register(CouncilSession)
class CouncilSessionAdmin(ReadOnlyModelAdmin):
    list_display = ["council", "held_on", "place", "status", "present_total", "members_total"]
    list_filter = ["status"]
