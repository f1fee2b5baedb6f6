"""Template filters for Vietnamese dates and numbers (loaded as a builtin)."""

from django import template
from django.utils import translation

from guongsang.core import formatting

MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

register = template.Library()


@register.filter
def vn_date(value):
    """'ngày 23 tháng 9 năm 2022'; on English pages '23 September 2022'."""
    if value and (translation.get_language() or "vi").startswith("en"):
        return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"
    return formatting.vn_date(value)


register.filter("vn_short_date", formatting.vn_short_date)


@register.filter
def vn_number(value, decimals=0):
    return formatting.vn_number(value, int(decimals))


@register.filter
def vn_percent(value, decimals=1):
    return formatting.vn_percent(value, int(decimals))


@register.filter
def widget_kind(bound_field):
    """How the shared form partial draws a field: 'checkbox' (one yes/no box), 'choices' (a
    list of named boxes or radio buttons), 'file', or 'input' (everything else)."""
    from django import forms

    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple is a RadioSelect too
        return "choices"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


@register.filter
def chosen_files(bound_field):
    """The names of the files posted in this field (a browser never keeps them in a form that
    comes back with errors: the shared partial asks to choose them again)."""
    form = bound_field.form
    if not form.is_bound or not form.files:
        return []
    value = form.files.getlist(bound_field.html_name)
    return [upload.name for upload in value if getattr(upload, "name", "")]


@register.filter
def dropped_files(form):
    """The files of a form that has errors: posted, not saved, to be chosen again."""
    if not form.is_bound or not form.errors:
        return []
    return [name for field in form for name in chosen_files(field)]


@register.simple_tag
def languages_in_their_own_names() -> list[tuple[str, str]]:
    """The language menu: each language by its own name ('English', 'Tiếng Việt') whatever the
    page's language, as a reader looks for it; Django's own tag would say 'Tiếng Anh'."""
    return [(code, formatting.nfc(info["name_local"])) for code, info in _language_infos()]


def _language_infos():
    from django.conf import settings

    return [(code, translation.get_language_info(code)) for code, _name in settings.LANGUAGES]
