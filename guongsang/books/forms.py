from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.books.models import PageSize
from guongsang.core.forms import IntegerField, field_of
from guongsang.core.widgets import BootstrapFormMixin
from guongsang.org.models import Unit
from guongsang.org.pickers import UnitChoiceField


class BookForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Tên sách"), max_length=200, initial="Những bông hoa đẹp")
    subtitle = forms.CharField(label=_("Tiêu đề phụ"), max_length=300, required=False)
    year = IntegerField(label=_("Năm"), min_value=1992, max_value=2100)
    organiser = UnitChoiceField(
        label=_("Đơn vị biên soạn"), queryset=Unit.objects.none(), picker="books:pick_organiser"
    )
    page_size = forms.ChoiceField(label=_("Khổ giấy"), choices=PageSize.choices)
    foreword = forms.CharField(
        label=_("Lời giới thiệu"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, organisers: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organiser = field_of(self, "organiser", forms.ModelChoiceField)
        organiser.queryset = organisers
