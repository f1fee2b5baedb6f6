"""Filters of the statistics pages (year range, unit subtree, level, target, dimensions)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.catalogue.models import Level, Target
from guongsang.core.forms import IntegerField, VNDateField, field_of
from guongsang.core.widgets import BootstrapFormMixin
from guongsang.org.models import Unit
from guongsang.org.pickers import UnitChoiceField
from guongsang.stats.services import DIMENSIONS, MAX_YEAR, MIN_YEAR

ALL = [("", _("Tất cả"))]


class StatsFilterForm(BootstrapFormMixin, forms.Form):
    year_from = IntegerField(label=_("Từ năm"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    year_to = IntegerField(label=_("Đến năm"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    unit = UnitChoiceField(
        label=_("Đơn vị (kể cả trực thuộc)"),
        queryset=Unit.objects.none(),
        required=False,
        picker="stats:pick_unit",
    )
    level = forms.ChoiceField(label=_("Cấp"), choices=ALL + list(Level.choices), required=False)
    target = forms.ChoiceField(
        label=_("Đối tượng"),
        choices=ALL + [c for c in Target.choices if c[0] != Target.BOTH],
        required=False,
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "unit", forms.ModelChoiceField).queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        a, b = data.get("year_from"), data.get("year_to")
        if a is not None and b is not None and a > b:
            raise forms.ValidationError(_("Năm bắt đầu phải không sau năm kết thúc."))
        if a is not None and b is not None and b - a > 60:
            raise forms.ValidationError(_("Chọn tối đa 60 năm."))
        return data


class StatsTableForm(StatsFilterForm):
    by = forms.MultipleChoiceField(
        label=_("Thống kê theo"),
        choices=[(k, v) for k, v in DIMENSIONS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    on = VNDateField(
        label=_("Cơ cấu đơn vị tại ngày (để trống: hôm nay)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    include_revoked = forms.BooleanField(label=_("Tính cả khen thưởng đã thu hồi"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("on") and data["on"] > dt.date.today():
            self.add_error("on", _("Ngày không được sau hôm nay."))
        return data
