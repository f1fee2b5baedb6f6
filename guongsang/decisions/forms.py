"""Forms of the decision pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.core.formatting import nfc
from guongsang.core.forms import VNDateField, field_of
from guongsang.core.widgets import BootstrapFormMixin
from guongsang.decisions.models import Decision, Recipient
from guongsang.decisions.services import needs_backdate_reason
from guongsang.nominations.models import Dossier
from guongsang.org.models import Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DossierChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Dossier) -> str:
        return f"{obj.nominee_name} — {obj.title.name} {obj.year} ({obj.unit.name})"


class DossierBatchForm(BootstrapFormMixin, forms.Form):
    """Recommended dossiers chosen together (all of one level, whose authority signs) and the
    summary of the paper they go into."""

    dossiers_label = _("Hồ sơ Hội đồng đã đề nghị khen")
    mixed_levels = _("Các hồ sơ phải cùng một cấp xét.")

    dossiers = DossierChoice(
        label=dossiers_label,
        queryset=Dossier.objects.none(),
        to_field_name="uuid",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một hồ sơ.")},
    )
    summary = forms.CharField(
        label=_("Trích yếu (để trống: hệ thống tự ghi)"), required=False, max_length=500
    )

    def __init__(self, *args: Any, dossiers: QuerySet[Dossier], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = field_of(self, "dossiers", forms.ModelMultipleChoiceField)
        field.queryset = dossiers
        field.label = self.dossiers_label

    def clean_dossiers(self) -> list[Dossier]:
        chosen = list(self.cleaned_data["dossiers"])
        if len({d.level_unit_id for d in chosen}) > 1:
            raise forms.ValidationError(self.mixed_levels)
        return chosen

    @property
    def authority(self) -> Unit:
        """The level whose council recommended the chosen dossiers."""
        return self.cleaned_data["dossiers"][0].level_unit


class DraftForm(DossierBatchForm):
    mixed_levels = _("Các hồ sơ phải cùng một cấp xét (cùng cơ quan ký).")

    decision_date = VNDateField(label=_("Ngày dự kiến ký"), required=False, widget=DATE)


class DecisionForm(BootstrapFormMixin, forms.ModelForm):
    decision_date = VNDateField(label=_("Ngày dự kiến ký"), required=False, widget=DATE)

    class Meta:
        model = Decision
        fields = ["summary", "decision_date", "legal_bases", "articles", "recipients_list"]
        widgets = {
            "legal_bases": forms.Textarea(attrs={"rows": 5}),
            "articles": forms.Textarea(attrs={"rows": 6}),
            "recipients_list": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        return {k: nfc(v) if isinstance(v, str) else v for k, v in data.items()}


class SignForm(BootstrapFormMixin, forms.Form):
    on = VNDateField(label=_("Ngày ký"), widget=DATE)
    signer_name = forms.CharField(label=_("Họ và tên người ký"), max_length=200)
    as_deputy = forms.BooleanField(
        label=_("Cấp phó ký thay (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC)"), required=False
    )
    backdate_reason = forms.CharField(
        label=_("Lý do ghi ngày ký sớm hơn hôm nay"),
        required=False,
        max_length=300,
        help_text=_("Chỉ cần khi ngày ký sớm hơn hôm nay quá 3 ngày."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on = data.get("on")
        if on and needs_backdate_reason(on) and not nfc(data.get("backdate_reason", "")).strip():
            self.add_error(
                "backdate_reason", _("Ngày ký sớm hơn hôm nay quá 3 ngày: cần ghi lý do.")
            )
        return data

    confirm = forms.BooleanField(
        label=_("Tôi xác nhận ký: quyết định được cấp số và không thể sửa sau khi ký."),
        error_messages={"required": _("Cần xác nhận trước khi ký.")},
    )


class RecipientChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Recipient) -> str:
        return f"{obj.name} — {obj.title.name}"


class RevokeForm(BootstrapFormMixin, forms.Form):
    lines = RecipientChoice(
        label=_("Thu hồi khen thưởng của"),
        queryset=Recipient.objects.none(),
        to_field_name="uuid",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một người hoặc tập thể.")},
    )
    reason = forms.CharField(label=_("Lý do thu hồi"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, lines: QuerySet[Recipient], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = field_of(self, "lines", forms.ModelMultipleChoiceField)
        field.queryset = lines


class SubmissionDraftForm(DossierBatchForm):
    dossiers_label = _("Hồ sơ đề nghị cấp trên khen")


class SendForm(BootstrapFormMixin, forms.Form):
    on = VNDateField(label=_("Ngày trình"), widget=DATE)
    signer_name = forms.CharField(label=_("Họ và tên người ký tờ trình"), max_length=200)
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận trình: các hồ sơ được chuyển lên cấp trên."),
        error_messages={"required": _("Cần xác nhận trước khi trình.")},
    )
