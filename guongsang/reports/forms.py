from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guongsang.core.forms import IntegerField, field_of
from guongsang.core.types import Actor
from guongsang.core.widgets import BootstrapFormMixin
from guongsang.org.models import Unit
from guongsang.org.pickers import UnitChoiceField
from guongsang.reports.selectors import units_for_reports


class OpenReportForm(BootstrapFormMixin, forms.Form):
    unit = UnitChoiceField(
        label=_("Đơn vị (cả các đơn vị trực thuộc)"),
        queryset=Unit.objects.none(),
        picker="reports:pick_unit",
    )
    year = IntegerField(label=_("Năm"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, user: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "unit", forms.ModelChoiceField).queryset = units_for_reports(user=user)
        self.fields["year"].initial = timezone.localdate().year - 1


class IntroductionForm(BootstrapFormMixin, forms.Form):
    introduction = forms.CharField(
        label=_("Phần mở đầu"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Các số liệu gõ trong phần này (ví dụ “tăng 5 bài so với năm trước”, “22 cá nhân”, "
            "“đạt 105,7% kế hoạch”) được đối chiếu với dữ liệu khi lưu."
        ),
    )


class IssueForm(BootstrapFormMixin, forms.Form):
    """The number and date the report is issued with ("Số: 12/BC-…", "ngày … tháng …")."""

    number = IntegerField(label=_("Số báo cáo"), min_value=1, max_value=99_999, required=False)
    date = forms.DateField(
        label=_("Ngày ban hành"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
