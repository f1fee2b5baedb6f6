"""The catalogue is data the admin edits: titles, forms, their rules, and the base salary.
Each rule is shown with the article of the law it comes from, beside it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from guongsang.catalogue.models import BaseSalary, Prerequisite, Title
from guongsang.core.admin import AuditedModelAdmin, AuditedTabularInline


class PrerequisiteInline(AuditedTabularInline):
    model = Prerequisite
    fk_name = "title"
    extra = 0
    fields = ["required", "counting", "consecutive_years", "same_year", "blocking", "legal_basis"]


@admin.register(Title)
class TitleAdmin(AuditedModelAdmin):
    list_display = [
        "name",
        "kind",
        "level",
        "target",
        "authority",
        "legal_basis",
        "coefficient",
        "coefficient_basis",
        "valid_from",
    ]
    list_filter = ["kind", "level", "target", "conferred_by_department"]
    search_fields = ["name", "code"]
    inlines = [PrerequisiteInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "code",
                    "name",
                    "kind",
                    "level",
                    "target",
                    "authority",
                    "conferred_by_department",
                    "valid_from",
                    "valid_to",
                    "order",
                ]
            },
        ),
        (_("Tiêu chuẩn"), {"fields": ["criteria", "legal_basis"]}),
        (
            _("Tiền thưởng"),
            {"fields": [("coefficient", "coefficient_basis"), "collective_doubles"]},
        ),
        (_("Tỷ lệ"), {"fields": [("quota_percent", "quota_of"), "quota_basis"]}),
        (_("Khoảng cách giữa hai lần tặng"), {"fields": [("interval_years", "interval_basis")]}),
        (
            _("Bỏ phiếu"),
            {
                "fields": [
                    ("unit_vote_threshold", "unit_vote_strictly_above"),
                    "unit_vote_basis",
                    ("ballot_rule", "ballot_threshold", "ballot_strictly_above"),
                ]
            },
        ),
        (_("Kỷ luật"), {"fields": [("discipline_rule", "discipline_basis")]}),
    ]


@admin.register(BaseSalary)
class BaseSalaryAdmin(AuditedModelAdmin):
    list_display = ["valid_from", "amount", "legal_basis"]
