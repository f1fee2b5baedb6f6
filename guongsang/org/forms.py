from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.core.forms import VNDateField, field_of
from guongsang.core.widgets import BootstrapFormMixin
from guongsang.org.models import Unit, UnitType

_DATE = forms.DateInput(attrs={"type": "date"})


class UnitCreateForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=100, required=False)
    code = forms.SlugField(
        label=_("Mã đơn vị"),
        max_length=64,
        help_text=_("Chữ không dấu, số và gạch nối, ví dụ: ttbtxh-1."),
    )
    unit_type = forms.ChoiceField(label=_("Loại đơn vị"), choices=UnitType.choices)
    valid_from = VNDateField(label=_("Ngày thành lập"), widget=_DATE)


class UnitRenameForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Tên mới"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt mới"), max_length=100, required=False)
    on = VNDateField(label=_("Có hiệu lực từ ngày"), widget=_DATE)


class UnitMergeForm(BootstrapFormMixin, forms.Form):
    others = forms.ModelMultipleChoiceField(
        label=_("Sáp nhập cùng các đơn vị"),
        queryset=Unit.objects.none(),
        # Boxes to tick: a multiple select wants Ctrl+click, which officers do not expect.
        widget=forms.CheckboxSelectMultiple,
    )
    name = forms.CharField(label=_("Tên đơn vị sau sáp nhập"), max_length=255)
    code = forms.SlugField(label=_("Mã đơn vị sau sáp nhập"), max_length=64)
    on = VNDateField(label=_("Ngày sáp nhập"), widget=_DATE)
    reason = forms.CharField(label=_("Căn cứ / lý do"), widget=forms.Textarea(attrs={"rows": 2}))
    move_staff = forms.BooleanField(
        label=_("Chuyển cán bộ đang công tác ở các đơn vị cũ sang đơn vị sau sáp nhập"),
        help_text=_(
            "Mỗi người giữ chức vụ cũ ở đơn vị mới từ ngày sáp nhập; quá trình công tác ở đơn vị "
            "cũ được giữ nguyên. Bỏ chọn nếu sẽ bố trí lại cán bộ sau."
        ),
        required=False,
        initial=True,
    )
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận sáp nhập: các đơn vị cũ sẽ chấm dứt hoạt động từ ngày trên."),
    )

    def __init__(self, *args: Any, candidates: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = field_of(self, "others", forms.ModelMultipleChoiceField)
        others.queryset = candidates


class UnitDissolveForm(BootstrapFormMixin, forms.Form):
    on = VNDateField(label=_("Ngày giải thể"), widget=_DATE)
    reason = forms.CharField(label=_("Căn cứ / lý do"), widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(label=_("Tôi xác nhận giải thể đơn vị này."))
