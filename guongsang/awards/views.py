"""A person's or a collective's award history as an Excel workbook (the table of their page)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _

from guongsang.awards.models import Award
from guongsang.awards.selectors import person_awards, unit_awards
from guongsang.core.formatting import vn_short_date
from guongsang.core.http import AuthedRequest
from guongsang.core.views import require_perm, visible_object
from guongsang.core.xlsx import table_response
from guongsang.org.selectors import unit_list
from guongsang.people.selectors import person_detail


def _columns() -> list[tuple[str, int]]:
    return [
        (_("Năm"), 8),
        (_("Danh hiệu, hình thức"), 50),
        (_("Cấp"), 14),
        (_("Đơn vị"), 44),
        (_("Số quyết định"), 20),
        (_("Ngày quyết định"), 14),
        (_("Cấp quyết định"), 30),
        (_("Tiền thưởng (đồng)"), 14),
        (_("Ngày thu hồi"), 14),
        (_("Lý do thu hồi"), 30),
    ]


def _rows(awards: Iterable[Award]) -> Iterable[list[object]]:
    for a in awards:
        yield [
            a.year,
            a.title.name,
            str(a.get_level_display()),
            a.unit.name,
            a.decision_number,
            vn_short_date(a.decision_date),
            a.authority,
            a.amount,
            vn_short_date(a.revoked_on),
            a.revoke_reason,
        ]


@login_required
def person_awards_xlsx(request: AuthedRequest, uuid: str) -> HttpResponse:
    person = person_detail(user=request.user, uuid=uuid)
    require_perm(request, "people.view_person", person)
    awards = person_awards(user=request.user, person=person).select_related("title", "unit")
    return table_response(
        title=_("Khen thưởng — %(name)s") % {"name": person.full_name},
        columns=_columns(),
        rows=_rows(awards),
    )


@login_required
def unit_awards_xlsx(request: AuthedRequest, uuid: str) -> HttpResponse:
    unit = visible_object(request, unit_list(user=request.user), "org.view_unit", uuid=uuid)
    awards = unit_awards(user=request.user, unit=unit).select_related("title", "unit")
    return table_response(
        title=_("Khen thưởng tập thể — %(name)s") % {"name": unit.name},
        columns=_columns(),
        rows=_rows(awards),
    )
