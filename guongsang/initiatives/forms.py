"""Forms of the initiative register: registration with authors, the council's finding."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.core.forms import VNDateField, field_of
from guongsang.core.widgets import BootstrapFormMixin, PickerSelect
from guongsang.initiatives.models import Field, Scope, Status
from guongsang.org.models import Unit
from guongsang.org.pickers import UnitChoiceField
from guongsang.people.models import Person
from guongsang.people.pickers import PersonChoiceField

AUTHOR_ROWS = 4
ACCEPT = ".pdf,.docx,.jpg,.jpeg,.png"
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InitiativeForm(BootstrapFormMixin, forms.Form):
    unit = UnitChoiceField(
        label=_("Đơn vị áp dụng"), queryset=Unit.objects.none(), picker="initiatives:pick_unit"
    )
    title = forms.CharField(label=_("Tên sáng kiến"), max_length=300)
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=Field.choices)
    started_on = VNDateField(label=_("Ngày bắt đầu áp dụng"), widget=DATE_INPUT)
    registered_on = VNDateField(label=_("Ngày đăng ký"), widget=DATE_INPUT)
    description = forms.CharField(
        label=_("Mô tả sáng kiến"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Tình trạng trước khi có sáng kiến, nội dung giải pháp, hiệu quả áp dụng."),
    )
    evidence = forms.FileField(
        label=_("Tệp minh chứng"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, DOCX, JPEG hoặc PNG; hệ thống kiểm tra nội dung tệp."),
    )

    def __init__(self, *args: Any, units: QuerySet, people: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, AUTHOR_ROWS + 1):
            self.fields[f"author_{i}"] = PersonChoiceField(
                label=_("Tác giả %(n)s") % {"n": i},
                queryset=people,
                required=i == 1,
                widget=PickerSelect("initiatives:pick_person", attrs={"class": "form-select"}),
                help_text="",
            )
            self.fields[f"share_{i}"] = forms.DecimalField(
                label=_("Tỷ lệ đóng góp của tác giả %(n)s (%%)") % {"n": i},
                required=i == 1,
                min_value=Decimal("0.01"),
                max_value=Decimal(100),
                decimal_places=2,
                widget=forms.NumberInput(
                    attrs={"step": "0.01", "inputmode": "decimal", "class": "form-control"}
                ),
            )
        self.fields["evidence"] = self.fields.pop("evidence")  # after the authors
        field_of(self, "unit", forms.ModelChoiceField).queryset = units
        if len(units[:2]) == 1:
            self.fields["unit"].initial = units[0]

    def author_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"author_{i}"], self[f"share_{i}"]) for i in range(1, AUTHOR_ROWS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, AUTHOR_ROWS + 1):
            person, share = data.get(f"author_{i}"), data.get(f"share_{i}")
            if person is not None and share is None:
                self.add_error(f"share_{i}", _("Nhập tỷ lệ đóng góp của tác giả này."))
            if person is None and share is not None:
                self.add_error(f"author_{i}", _("Chọn tác giả cho tỷ lệ đóng góp này."))
        return data

    def authors(self) -> list[tuple[Person, Decimal]]:
        data = self.cleaned_data
        return [
            (data[f"author_{i}"], data[f"share_{i}"])
            for i in range(1, AUTHOR_ROWS + 1)
            if data.get(f"author_{i}") is not None
        ]


RESULT_CHOICES = [("yes", _("Công nhận")), ("no", _("Không công nhận"))]


class AssessmentForm(BootstrapFormMixin, forms.Form):
    council = forms.CharField(
        label=_("Hội đồng sáng kiến"),
        max_length=255,
        initial=_("Hội đồng sáng kiến cơ sở"),
    )
    score = forms.DecimalField(
        label=_("Điểm đánh giá (0–100)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    result = forms.ChoiceField(label=_("Kết quả"), choices=RESULT_CHOICES)
    scope = forms.ChoiceField(
        label=_("Phạm vi công nhận"),
        choices=[("", _("— (không công nhận)")), *Scope.choices],
        required=False,
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64)
    decision_date = VNDateField(label=_("Ngày quyết định"), widget=DATE_INPUT)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("result") == "yes" and not data.get("scope"):
            self.add_error("scope", _("Chọn phạm vi công nhận của sáng kiến."))
        return data


class RegisterFilterForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Tình trạng"), choices=[("", _("Tất cả")), *Status.choices], required=False
    )
    scope = forms.ChoiceField(
        label=_("Phạm vi công nhận từ"),
        choices=[("", _("Tất cả")), *Scope.choices],
        required=False,
    )
    field = forms.ChoiceField(
        label=_("Lĩnh vực"), choices=[("", _("Tất cả")), *Field.choices], required=False
    )
    year = forms.IntegerField(
        label=_("Năm đăng ký"), required=False, min_value=1945, max_value=2100
    )
    q = forms.CharField(label=_("Tên sáng kiến, tác giả"), required=False, max_length=100)
