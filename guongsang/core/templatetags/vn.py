"""Template filters for Vietnamese dates and numbers (loaded as a builtin)."""

from django import template

from guongsang.core import formatting

register = template.Library()

register.filter("vn_date", formatting.vn_date)
register.filter("vn_short_date", formatting.vn_short_date)


@register.filter
def vn_number(value, decimals=0):  # type: ignore[no-untyped-def]
    return formatting.vn_number(value, int(decimals))


@register.filter
def vn_percent(value, decimals=1):  # type: ignore[no-untyped-def]
    return formatting.vn_percent(value, int(decimals))
