"""Forms of the outside outcome pages: the decision with its lines typed or pasted one a line,
and the dossier picked for a line that matched none."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guongsang.core.formatting import nfc
from guongsang.core.forms import VNDateField
from guongsang.core.widgets import BootstrapFormMixin
from guongsang.decisions.forms import DATE
from guongsang.decisions.models import Submission, SubmissionItem
from guongsang.decisions.outcomes import MAX_LINES, LineIn
from guongsang.org.models import Unit

SEPARATORS = re.compile(r"\t|;|\|")


def parse_lines(text: str) -> list[LineIn]:
    """'Họ và tên; Danh hiệu, hình thức; Đơn vị' a line (a tab or | works as well, so rows
    copied from a spreadsheet or a table of the decision paste as they are)."""
    lines = []
    for i, raw in enumerate(nfc(text).splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in SEPARATORS.split(raw)]
        if len(parts) < 2 or not parts[0] or not parts[1]:
            raise forms.ValidationError(
                _("Dòng %(i)s: ghi “Họ và tên; Danh hiệu, hình thức; Đơn vị”.") % {"i": i}
            )
        lines.append(LineIn(name=parts[0], title=parts[1], unit=" ".join(parts[2:3])))
    if not lines:
        raise forms.ValidationError(_("Cần ít nhất một người hoặc tập thể được khen."))
    if len(lines) > MAX_LINES:
        raise forms.ValidationError(_("Tối đa %(n)s dòng một quyết định.") % {"n": MAX_LINES})
    return lines


class SubmissionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Submission) -> str:
        return f"{obj.full_number} — {obj.summary}"[:160]


class OutsideDecisionForm(BootstrapFormMixin, forms.Form):
    recorded_by = forms.ModelChoiceField(
        label=_("Cơ quan ghi nhận"), queryset=Unit.objects.none(), to_field_name="uuid"
    )
    submission = SubmissionChoice(
        label=_("Theo tờ trình (để trống: so với mọi tờ trình đã trình)"),
        queryset=Submission.objects.none(),
        to_field_name="uuid",
        required=False,
        empty_label=_("— Mọi tờ trình đã trình —"),
    )
    authority = forms.CharField(
        label=_("Cấp quyết định"),
        max_length=200,
        help_text=_("Ví dụ: Chủ tịch nước, Thủ tướng Chính phủ"),
    )
    number = forms.CharField(label=_("Số quyết định"), max_length=64)
    decision_date = VNDateField(label=_("Ngày quyết định"), widget=DATE)
    lines = forms.CharField(
        label=_("Danh sách được khen"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Mỗi dòng một người hoặc tập thể: Họ và tên; Danh hiệu, hình thức; Đơn vị "
            "(có thể dán từ bảng tính)."
        ),
    )

    def __init__(
        self, *args: Any, units: QuerySet[Unit], submissions: QuerySet[Submission], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recorded_by"].queryset = units  # type: ignore[attr-defined]
        self.fields["submission"].queryset = submissions  # type: ignore[attr-defined]
        if len(units) == 1:
            self.fields["recorded_by"].initial = units[0].uuid
            self.fields["recorded_by"].widget = forms.HiddenInput()
        self.fields["decision_date"].initial = timezone.localdate()

    def clean_lines(self) -> list[LineIn]:
        return parse_lines(self.cleaned_data["lines"])


class ItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: SubmissionItem) -> str:
        d = obj.dossier
        return f"{d.nominee_name} — {d.title.name} {d.year} ({obj.submission.full_number})"


class ResolveForm(BootstrapFormMixin, forms.Form):
    item = ItemChoice(
        label=_("Hồ sơ tương ứng"),
        queryset=SubmissionItem.objects.none(),
        empty_label=_("— Chọn hồ sơ —"),
        error_messages={"required": _("Chọn hồ sơ tương ứng với dòng này.")},
    )

    def __init__(self, *args: Any, items: QuerySet[SubmissionItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items  # type: ignore[attr-defined]
