"""Bootstrap classes on every form widget, set once in the form renderer."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _


class BootstrapFormMixin:
    """Adds form-control / form-select / form-check-input to the widgets of a form."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            # RadioSelect covers CheckboxSelectMultiple: each option is its own box.
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            classes = widget.attrs.get("class", "").split()
            if css not in classes:
                classes.append(css)
            widget.attrs["class"] = " ".join(classes)


class PickerSelect(forms.Select):
    """A select that looks its options up as the user types (static/js/picker.js, Tom Select):
    only the chosen option is written into the page, so a list of thousands of people is never
    sent. `url_name` (or `url`, set by a form whose endpoint takes arguments) answers `?q=` with
    {"results": [{"value", "text", "meta"}]} (`picker_response`). `with_fields` sends the value
    of other fields along, {"unit": "#id_unit"} → `&unit=…`, and empties the picker when they
    change. The templates load the script with partials/picker_assets.html."""

    def __init__(
        self,
        url_name: str = "",
        attrs: dict[str, Any] | None = None,
        *,
        url: str = "",
        with_fields: dict[str, str] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.url_name = url_name
        self.url = url
        self.with_fields = with_fields or {}

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = {
            **(attrs or {}),
            "data-picker": self.url or (reverse(self.url_name) if self.url_name else ""),
            "data-picker-hint": _("Gõ tên để tìm (không cần dấu)"),
            "data-picker-empty": _("Không tìm thấy"),
            "data-picker-loading": _("Đang tìm…"),
        }
        if self.with_fields:
            attrs["data-picker-with"] = ",".join(f"{k}:{v}" for k, v in self.with_fields.items())
        return super().get_context(name, value, attrs)

    def optgroups(self, name: str, value: Any, attrs: dict[str, Any] | None = None) -> Any:
        chosen = [str(v) for v in value if v not in ("", None)]
        options: list[tuple[str, str]] = [("", "")]
        choices = self.choices
        queryset = getattr(choices, "queryset", None)
        if chosen and queryset is not None:
            field = choices.field  # type: ignore[attr-defined]
            key = field.to_field_name or "pk"
            try:
                found = list(queryset.filter(**{f"{key}__in": chosen}))
            except (ValidationError, ValueError):  # a tampered value: nothing to show
                found = []
            options += [(str(getattr(obj, key)), field.label_from_instance(obj)) for obj in found]
        return [
            (None, [self.create_option(name, v, label, v in chosen, index, attrs=attrs)], index)
            for index, (v, label) in enumerate(options)
        ]


def picker_response(results: list[dict[str, str]]) -> JsonResponse:
    """What a `PickerSelect` endpoint answers: [{"value", "text", "meta"}], best first."""
    return JsonResponse({"results": results})
