from django.contrib import admin

from guongsang.core.admin import AuditedModelAdmin
from guongsang.discipline.models import Discipline


@admin.register(Discipline)
class DisciplineAdmin(AuditedModelAdmin):
    list_display = ["__str__", "form", "decision_number", "decision_date", "starts_on", "ends_on"]
    list_filter = ["form"]
    search_fields = ["decision_number", "person__full_name", "unit__name"]
    raw_id_fields = ["person", "unit"]
    exclude = ["recorded_by"]
