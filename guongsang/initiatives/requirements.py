"""The initiative each Chiến sĩ thi đua title requires, as the Law writes it.

Luật Thi đua, khen thưởng 2022 (Nghị định 98/2023/NĐ-CP adds nothing to these criteria):
- Điều 23, Chiến sĩ thi đua cơ sở: a sáng kiến recognised by the unit (cơ sở), in the year;
- Điều 22, Chiến sĩ thi đua cấp tỉnh (cấp Thành phố): a sáng kiến applied with effect and able
  to spread across the province, over the three consecutive base titles it follows;
- Điều 21, Chiến sĩ thi đua toàn quốc: a sáng kiến able to spread across the country, over the
  two consecutive provincial titles it follows (each at most once in three years: 6 years).
A wider recognition serves a narrower title (a national initiative counts at the base).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from guongsang.initiatives.models import Scope
from guongsang.initiatives.selectors import best_recognised, recognised_for

# title code → (narrowest recognised scope, article of the Law, years counted)
TITLE_RULES = {
    "chien-si-thi-dua-co-so": (Scope.BASE, 23, 1),
    "chien-si-thi-dua-cap-thanh-pho": (Scope.CITY, 22, 3),
    "chien-si-thi-dua-toan-quoc": (Scope.NATIONAL, 21, 6),
}


def initiative_shortfall(*, person_id: int, title_code: str, year: int) -> str:
    """Why the person lacks the initiative the title needs (Vietnamese), or "" when they
    have it or the title needs none."""
    rule = TITLE_RULES.get(title_code)
    if rule is None:
        return ""
    scope, article, years = rule
    start, end = dt.date(year - years + 1, 1, 1), dt.date(year, 12, 31)
    if recognised_for(person_id=person_id, min_scope=scope, start=start, end=end).exists():
        return ""
    period = (
        _("năm %(year)s") % {"year": year}
        if years == 1
        else _("các năm %(a)s–%(b)s") % {"a": start.year, "b": end.year}
    )
    message = _(
        "Chưa đủ tiêu chuẩn: cần sáng kiến được công nhận phạm vi %(scope)s trở lên trong "
        "%(period)s (Luật Thi đua, khen thưởng 2022, Điều %(article)s)."
    ) % {"scope": scope.label, "period": period, "article": article}
    lower = best_recognised(person_id=person_id, start=start, end=end)
    if lower is not None:
        message += " " + _(
            "Sáng kiến “%(name)s” chỉ được công nhận phạm vi %(scope)s (quyết định số %(number)s)."
        ) % {
            "name": lower.initiative.title,
            "scope": lower.get_scope_display(),
            "number": lower.decision_number,
        }
    return message
