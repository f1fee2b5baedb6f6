"""Indicators in the admin site, for support; officers use the targets pages."""

from django.contrib import admin

from guongsang.core.admin import AuditedModelAdmin
from guongsang.targets.models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "measure", "order", "active"]
    list_filter = ["active"]
    search_fields = ["code", "name"]
