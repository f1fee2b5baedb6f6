from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guongsang.core.forms import IntegerField, field_of
from guongsang.core.types import Actor
from guongsang.core.widgets import BootstrapFormMixin, PickerSelect
from guongsang.org.models import Unit
from guongsang.org.pickers import UnitChoiceField
from guongsang.org.selectors import units_acting
from guongsang.targets.models import Indicator

# What a unit is chosen for (`?purpose=` of the picker's URL): each answers from its own roles.
PURPOSE_VIEW, PURPOSE_PLAN, PURPOSE_RESULT = "view", "plan", "result"


def units_for(user: Actor, roles: frozenset[str]):
    return units_acting(user=user, roles=roles)


class _UnitChoice(UnitChoiceField):
    """A unit of the user's scope, found by typing; `targets:pick_unit` answers for the same
    roles as the form (`_unit_choices` points the picker at them)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Unit.objects.none(), **kwargs)


def _unit_choices(form: forms.Form, *, user: Actor, roles: frozenset[str], purpose: str) -> None:
    field = field_of(form, "unit", forms.ModelChoiceField)
    assert isinstance(field.widget, PickerSelect)
    field.widget.url = f"{reverse('targets:pick_unit')}?purpose={purpose}"
    field.queryset = units_for(user, roles)


class IndicatorForm(BootstrapFormMixin, forms.Form):
    code = forms.SlugField(label=_("Mã chỉ tiêu"), max_length=64)
    name = forms.CharField(label=_("Tên chỉ tiêu"), max_length=255)
    measure = forms.CharField(label=_("Đơn vị tính"), max_length=32, initial="người")
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    order = IntegerField(label=_("Thứ tự"), min_value=0, max_value=10_000, initial=0)
    active = forms.BooleanField(label=_("Đang dùng"), required=False, initial=True)


class FilterForm(BootstrapFormMixin, forms.Form):
    year = IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)
    unit = _UnitChoice(label=_("Đơn vị"), required=False)

    def __init__(self, *args: Any, user: Actor, roles: frozenset[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _unit_choices(self, user=user, roles=roles, purpose=PURPOSE_VIEW)


class FigureForm(BootstrapFormMixin, forms.Form):
    """One figure: the yearly plan (no month) or one month's result."""

    unit = _UnitChoice(label=_("Đơn vị"))
    indicator = forms.ModelChoiceField(
        label=_("Chỉ tiêu"), queryset=Indicator.objects.filter(active=True), to_field_name="code"
    )
    year = IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    month = IntegerField(label=_("Tháng"), min_value=1, max_value=12)
    value = forms.CharField(
        label=_("Số liệu"),
        max_length=20,
        help_text=_("Viết như thường dùng: 171.228 hoặc 12,5."),
    )

    def __init__(
        self, *args: Any, user: Actor, roles: frozenset[str], monthly: bool, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        purpose = PURPOSE_RESULT if monthly else PURPOSE_PLAN
        _unit_choices(self, user=user, roles=roles, purpose=purpose)
        self.fields["year"].initial = timezone.localdate().year
        if not monthly:
            del self.fields["month"]
        else:
            self.fields["month"].initial = timezone.localdate().month


class UploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))
