"""Forms of the contest pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.contests.models import Level
from guongsang.core.forms import IntegerField, VNDateField, field_of
from guongsang.core.widgets import BootstrapFormMixin
from guongsang.org.models import Unit
from guongsang.org.pickers import UnitChoiceField


class ContestForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Tên cuộc thi"),
        max_length=300,
        initial=_("Cuộc thi viết về gương điển hình tiên tiến, Người tốt, việc tốt"),
    )
    year = IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    level = forms.ChoiceField(label=_("Cấp"), choices=Level.choices)
    submission_deadline = VNDateField(label=_("Hạn nộp bài"))
    judging_deadline = VNDateField(label=_("Hạn chấm"), required=False)
    min_words = IntegerField(
        label=_("Số chữ tối thiểu"), min_value=0, max_value=100_000, initial=1000
    )
    max_words = IntegerField(label=_("Số chữ tối đa"), min_value=1, max_value=100_000, initial=3000)
    advance_count = IntegerField(
        label=_("Số bài chọn gửi vòng sau"),
        min_value=1,
        max_value=10_000,
        initial=5,
        required=False,
    )
    rules = forms.CharField(
        label=_("Thể lệ"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class EntryForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Tên bài viết"), max_length=300)
    authors = forms.CharField(
        label=_("Tác giả"), max_length=300, help_text=_("Nhiều tác giả: ngăn cách bằng dấu phẩy.")
    )
    subject_name = forms.CharField(label=_("Nhân vật được viết về"), max_length=150)
    text = forms.CharField(
        label=_("Nội dung bài viết"), widget=forms.Textarea(attrs={"rows": 14}), required=False
    )
    upload = forms.FileField(
        label=_("Hoặc tải tệp Word (DOCX)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
        help_text=_("Nội dung tệp sẽ thay cho nội dung nhập ở trên."),
    )
    photo = forms.FileField(
        label=_("Ảnh minh hoạ (JPEG, PNG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png"}),
    )
    unit = UnitChoiceField(
        label=_("Đơn vị dự thi"), queryset=Unit.objects.none(), picker="contests:pick_unit"
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        """`units`: those the user submits for, searched as they type; the only one chosen."""
        super().__init__(*args, **kwargs)
        field_of(self, "unit", UnitChoiceField).queryset = units
        only = list(units[:2])
        if len(only) == 1 and "unit" not in self.initial:
            self.initial["unit"] = str(only[0].uuid)
