from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.core import validators
from guongsang.core.forms import VNDateField, field_of
from guongsang.core.widgets import BootstrapFormMixin
from guongsang.org.models import Unit
from guongsang.org.pickers import UnitChoiceField
from guongsang.people.models import Gender, PersonKind


class PersonForm(BootstrapFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    kind = forms.ChoiceField(label=_("Loại"), choices=PersonKind.choices)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    home_unit = UnitChoiceField(
        label=_("Đơn vị quản lý"), queryset=Unit.objects.none(), picker="people:pick_unit"
    )
    citizen_id = forms.CharField(
        label=_("Số định danh cá nhân (12 số)"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    date_of_birth = VNDateField(
        label=_("Ngày sinh"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    phone = forms.CharField(label=_("Điện thoại"), max_length=15, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)

    def __init__(
        self, *args: Any, units: QuerySet[Unit], editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        home = field_of(self, "home_unit", forms.ModelChoiceField)
        home.queryset = units
        if not self.initial.get("home_unit") and len(units[:2]) == 1:
            home.initial = units[0]  # the only unit the user manages people of
        if editing:
            # Personal data is not shown in clear on the form: blank keeps the stored value.
            for name in ("citizen_id", "date_of_birth", "phone", "address"):
                self.fields[name].help_text = _("Để trống nếu không thay đổi.")

    # The same rules the services apply, so that each error shows under its field.
    def clean_full_name(self) -> str:
        return validators.clean_person_name(self.cleaned_data["full_name"])

    def clean_citizen_id(self) -> str:
        value = self.cleaned_data["citizen_id"]
        return validators.clean_digits(value, label=str(_("Số định danh"))) if value else ""

    def clean_date_of_birth(self) -> Any:
        return validators.validate_birth_date(self.cleaned_data["date_of_birth"])

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"]
        return validators.validate_phone(value) if value else ""

    def clean_address(self) -> str:
        return validators.clean_text(self.cleaned_data["address"])
