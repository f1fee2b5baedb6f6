"""The commendation conferences as an Excel workbook."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _

from guongsang.conference import selectors
from guongsang.core.formatting import vn_short_date
from guongsang.core.http import AuthedRequest
from guongsang.core.views import require_perm
from guongsang.core.xlsx import table_response


@login_required
def conference_list_xlsx(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "conference.view_conference")
    columns = [
        (_("Hội nghị"), 60),
        (_("Đơn vị tổ chức"), 44),
        (_("Ngày"), 14),
        (_("Địa điểm"), 36),
        (_("Số người được biểu dương"), 14),
        (_("Công khai"), 10),
    ]
    return table_response(
        title=_("Hội nghị biểu dương"),
        columns=columns,
        rows=(
            [
                c.name,
                c.organiser.name,
                vn_short_date(c.held_on),
                c.place,
                c.honouree_count,  # type: ignore[attr-defined]  # annotated by the selector
                _("Có") if c.is_public else "",
            ]
            for c in selectors.conference_list(user=request.user)
        ),
    )
