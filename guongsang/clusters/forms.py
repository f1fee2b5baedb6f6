"""Forms of cluster scoring."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.catalogue.models import Title
from guongsang.clusters.models import Criterion
from guongsang.core.formatting import nfc
from guongsang.core.forms import IntegerField, field_of
from guongsang.core.widgets import BootstrapFormMixin
from guongsang.org.models import Unit


class RoundForm(BootstrapFormMixin, forms.Form):
    year = IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    criteria = forms.CharField(
        label=_("Bảng tiêu chí"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Mỗi dòng một tiêu chí: tên tiêu chí | điểm tối đa."),
    )

    def clean_criteria(self) -> list[tuple[str, Decimal]]:
        out = []
        for number, line in enumerate(nfc(self.cleaned_data["criteria"]).splitlines(), start=1):
            if not line.strip():
                continue
            name, sep, points = line.rpartition("|")
            try:
                value = Decimal(points.strip().replace(",", "."))
            except InvalidOperation:
                value = None
            if not sep or not name.strip() or value is None or value <= 0:
                raise ValidationError(
                    _("Dòng %(n)s: viết “tên tiêu chí | điểm tối đa” (điểm là số dương).")
                    % {"n": number}
                )
            out.append((name.strip(), value))
        if not out:
            raise ValidationError(_("Bảng tiêu chí cần ít nhất một tiêu chí."))
        return out


class ScoreForm(BootstrapFormMixin, forms.Form):
    """One field per criterion; empty leaves the criterion unscored."""

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for c in criteria:
            self.fields[f"c{c.pk}"] = forms.DecimalField(
                label=_("%(n)s. %(name)s (tối đa %(max)s điểm)")
                % {"n": c.number, "name": c.name, "max": c.max_label},
                required=False,
                min_value=Decimal(0),
                max_value=c.max_points,
                decimal_places=2,
                widget=forms.NumberInput(
                    attrs={"step": "0.25", "inputmode": "decimal", "class": "form-control"}
                ),
            )
        self.criteria = criteria

    def points(self) -> dict[int, Decimal | None]:
        return {c.pk: self.cleaned_data.get(f"c{c.pk}") for c in self.criteria}


class CloseForm(BootstrapFormMixin, forms.Form):
    summary = forms.CharField(
        label=_("Báo cáo tổng hợp của cụm trưởng"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ProposalForm(BootstrapFormMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị đề nghị khen thưởng"), queryset=Unit.objects.none(), to_field_name="uuid"
    )
    title = forms.ModelChoiceField(
        label=_("Hình thức đề nghị"), queryset=Title.objects.none(), to_field_name="code"
    )

    def __init__(self, *args: Any, units: QuerySet, titles: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "unit", forms.ModelChoiceField).queryset = units
        field_of(self, "title", forms.ModelChoiceField).queryset = titles


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel điểm (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )
