"""Bootstrap classes on every form widget, set once in the form renderer."""

from typing import Any

from django import forms


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
