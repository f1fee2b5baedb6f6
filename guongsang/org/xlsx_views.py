"""The organisation tree as an Excel workbook, as of the date the page shows."""

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
    units = {row.unit.pk: row.unit for row in rows}
    columns = [
        (_("Cấp"), 6),
        (_("Đơn vị"), 60),
        (_("Tên viết tắt"), 16),
        (_("Trực thuộc"), 48),
        (_("Loại"), 20),
        (_("Ngày thành lập"), 14),
        (_("Ngày giải thể/sáp nhập"), 14),
    ]
    return table_response(
        title=_("Cơ cấu tổ chức ngày %(date)s") % {"date": vn_short_date(on)},
        columns=columns,
        rows=(
            [
                row.depth + 1,
                row.unit.name,
                row.unit.short_name,
                units[row.parent_id].name if row.parent_id in units else "",
                str(row.unit.get_unit_type_display()),
                vn_short_date(row.unit.valid_from),
                vn_short_date(row.unit.valid_to),
            ]
            for row in rows
        ),
    )
