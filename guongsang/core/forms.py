import re
from typing import Any, TypeVar, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from guongsang.core.audit_display import object_type_label
from guongsang.core.models import AuditAction
from guongsang.core.widgets import BootstrapFormMixin

F = TypeVar("F", bound=forms.Field)


def field_of(form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """A form's field as its own class (the type stubs give every field as a plain Field), to
    set its queryset or choices when the form is built."""
    return cast(F, form.fields[name])


ALL = _("Tất cả")


class FilterChoice(forms.ModelChoiceField):
    """A list page's filter on one model: optional, "Tất cả" when left empty, its rows set
    when the form is built (none before), named in the address by `to_field_name`."""

    def __init__(
        self,
        label: Any,
        *,
        model: type[Model],
        to_field_name: str = "uuid",
        empty_label: Any = ALL,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            queryset=model._default_manager.none(),
            label=label,
            required=False,
            to_field_name=to_field_name,
            empty_label=empty_label,
            **kwargs,
        )


class VNDateField(forms.DateField):
    """Dates typed as dd/mm/yyyy (the browser's date picker sends yyyy-mm-dd)."""

    input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
    default_error_messages = {"invalid": _("Ngày không hợp lệ (định dạng dd/mm/yyyy).")}


class IntegerField(forms.IntegerField):
    """An integer written with the digits 0–9 only. Django's own field takes whatever
    Python's int() takes: Arabic-Indic (٢٠٢٤) and full-width (２０２４) digits too."""

    default_error_messages = {"invalid": _("Nhập một số nguyên, chỉ bằng các chữ số 0–9.")}

    def to_python(self, value: Any) -> int | None:
        text = value.strip() if isinstance(value, str) else ""
        if text and not re.fullmatch(r"[+-]?[0-9]+", text, re.ASCII):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class AuditFilterForm(BootstrapFormMixin, forms.Form):
    actor = forms.CharField(label=_("Người thực hiện"), required=False)
    action = forms.ChoiceField(label=_("Thao tác"), required=False)
    object_type = forms.ChoiceField(label=_("Loại đối tượng"), required=False)
    date_from = VNDateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = VNDateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    query = forms.CharField(label=_("Đối tượng"), required=False)

    def __init__(self, *args: Any, object_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action = field_of(self, "action", forms.ChoiceField)
        action.choices = [("", _("Tất cả")), *AuditAction.choices]
        kind = field_of(self, "object_type", forms.ChoiceField)
        labelled = sorted(((t, object_type_label(t)) for t in object_types), key=lambda c: c[1])
        kind.choices = [("", _("Tất cả")), *labelled]
