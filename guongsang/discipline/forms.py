from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.core.forms import VNDateField, field_of
from guongsang.core.widgets import BootstrapFormMixin
from guongsang.discipline.models import DisciplineForm
from guongsang.org.models import Unit
from guongsang.org.pickers import UnitChoiceField
from guongsang.people.models import Person
from guongsang.people.pickers import PersonChoiceField

SUBJECT_CHOICES = [("person", _("Cá nhân")), ("unit", _("Tập thể"))]


def _date(label: Any, *, required: bool = True, help_text: Any = "") -> VNDateField:
    return VNDateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class DisciplineRecordForm(BootstrapFormMixin, forms.Form):
    subject = forms.ChoiceField(label=_("Đối tượng bị kỷ luật"), choices=SUBJECT_CHOICES)
    person = PersonChoiceField(
        label=_("Cá nhân"),
        queryset=Person.objects.none(),
        required=False,
        picker="discipline:pick_person",
    )
    unit = UnitChoiceField(
        label=_("Tập thể"),
        queryset=Unit.objects.none(),
        required=False,
        picker="discipline:pick_unit",
    )
    form = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=DisciplineForm.choices)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64)
    decision_date = _date(_("Ngày quyết định"))
    starts_on = _date(_("Thi hành từ ngày"))
    ends_on = _date(
        _("Hết thời hạn ngày"),
        required=False,
        help_text=_("Để trống khi chưa xác định: kỷ luật được coi là đang thi hành."),
    )
    reason = forms.CharField(
        label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, people: QuerySet[Person], units: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "person", forms.ModelChoiceField).queryset = people
        field_of(self, "unit", forms.ModelChoiceField).queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("subject") == "person":
            data["unit"] = None
            if not data.get("person"):
                self.add_error("person", _("Chọn cá nhân bị kỷ luật."))
        else:
            data["person"] = None
            if not data.get("unit"):
                self.add_error("unit", _("Chọn tập thể bị kỷ luật."))
        data.pop("subject", None)
        return data
