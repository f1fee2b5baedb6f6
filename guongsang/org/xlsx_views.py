"""The organisation tree as an Excel workbook, as of the date the page shows: units under
the names they bore that day, in that day's order, and today's name where it differs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_short_date
from guongsang.core.http import AuthedRequest
from guongsang.core.views import require_perm
from guongsang.core.xlsx import table_response
from guongsang.org import selectors
from guongsang.org.views import _as_of


@login_required
def tree_xlsx(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "org.view_unit")
    on = _as_of(request)
    rows = selectors.unit_tree(root_ids=selectors.tree_roots_for(request.user), on=on)
    rows = selectors.tree_search(rows, request.GET.get("q", "").strip()[:100])
    names = {row.unit.pk: row.name or row.unit.name for row in rows}  # on the date shown
    columns = [
        (_("Cấp"), 6),
        (_("Đơn vị"), 60),
        (_("Tên viết tắt"), 16),
        (_("Trực thuộc"), 48),
        (_("Loại"), 20),
        (_("Ngày thành lập"), 14),
        (_("Ngày giải thể/sáp nhập"), 14),
        (_("Tên hiện nay"), 60),
    ]
    return table_response(
        title=_("Cơ cấu tổ chức ngày %(date)s") % {"date": vn_short_date(on)},
        columns=columns,
        rows=(
            [
                row.depth + 1,
                names[row.unit.pk],
                row.unit.short_name,
                names.get(row.parent_id, "") if row.parent_id is not None else "",
                str(row.unit.get_unit_type_display()),
                vn_short_date(row.unit.valid_from),
                vn_short_date(row.unit.valid_to),
                row.unit.name if row.unit.name != names[row.unit.pk] else "",
            ]
            for row in rows
        ),
    )
