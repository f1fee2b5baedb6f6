from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.core.forms import IntegerField, VNDateField, field_of
from guongsang.core.widgets import BootstrapFormMixin
from guongsang.org.models import Unit
from guongsang.org.pickers import UnitChoiceField


class ConferenceForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Tên hội nghị"), max_length=300)
    organiser = UnitChoiceField(
        label=_("Đơn vị tổ chức"), queryset=Unit.objects.none(), picker="conference:pick_organiser"
    )
    held_on = VNDateField(
        label=_("Ngày tổ chức"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    starts_at = forms.TimeField(
        label=_("Giờ khai mạc"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=300)
    award_year = IntegerField(label=_("Năm khen thưởng"), min_value=1945, max_value=2100)
    is_public = forms.BooleanField(
        label=_("Công khai trang ngày hội nghị cho người dân"), required=False
    )
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, organisers: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organiser = field_of(self, "organiser", forms.ModelChoiceField)
        organiser.queryset = organisers


class GuestForm(BootstrapFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    role = forms.CharField(label=_("Chức vụ"), max_length=300, required=False)
    organisation = forms.CharField(label=_("Cơ quan"), max_length=300, required=False)


class ItemForm(BootstrapFormMixin, forms.Form):
    starts_at = forms.TimeField(
        label=_("Thời gian"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    title = forms.CharField(label=_("Nội dung"), max_length=400)
    speaker = forms.CharField(label=_("Người thực hiện"), max_length=300, required=False)


class ReportForm(BootstrapFormMixin, forms.Form):
    speaker = forms.CharField(label=_("Người trình bày"), max_length=200)
    role = forms.CharField(label=_("Chức vụ, đơn vị"), max_length=300, required=False)
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    body = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    upload = forms.FileField(
        label=_("Hoặc tải tệp lên (.docx, .txt)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
    )


class AwardFilterForm(BootstrapFormMixin, forms.Form):
    year = IntegerField(label=_("Năm khen thưởng"), min_value=1945, max_value=2100)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64, required=False)
