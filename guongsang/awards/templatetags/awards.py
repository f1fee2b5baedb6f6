"""Award blocks shared by pages of other apps: `{% load awards %}`."""

from __future__ import annotations

from typing import Any

from django import template

from guongsang.awards import selectors
from guongsang.org.models import Unit

register = template.Library()


@register.simple_tag(takes_context=True)
def award_count_table(context: Any, unit: Unit, years: int = 5) -> selectors.CountTable:
    """`{% award_count_table unit as table %}`: counts under the unit, cut to the viewer."""
    return selectors.count_table(user=context["request"].user, unit=unit, years=years)
