"""Public notices and council sessions as Excel workbooks, cut to what the user reads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_short_date
from guongsang.core.http import AuthedRequest
from guongsang.core.views import require_perm
from guongsang.core.xlsx import table_response
from guongsang.council import selectors


@login_required
def notice_list_xlsx(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "council.read_notices")
    notices = selectors.notices_visible(user=request.user).prefetch_related("dossiers")
    columns = [
        (_("Tiêu đề"), 60),
        (_("Cấp"), 40),
        (_("Từ ngày"), 14),
        (_("Đến ngày"), 14),
        (_("Số hồ sơ"), 10),
    ]
    return table_response(
        title=_("Công khai danh sách"),
        columns=columns,
        rows=(
            [
                n.title,
                n.level_unit.name,
                vn_short_date(n.starts_on),
                vn_short_date(n.ends_on),
                len(n.dossiers.all()),
            ]
            for n in notices
        ),
    )


@login_required
def session_list_xlsx(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "council.read")
    sessions = selectors.sessions_visible(user=request.user)
    columns = [
        (_("Ngày họp"), 14),
        (_("Hội đồng"), 50),
        (_("Cấp"), 40),
        (_("Địa điểm"), 36),
        (_("Trạng thái"), 18),
    ]
    return table_response(
        title=_("Phiên họp Hội đồng"),
        columns=columns,
        rows=(
            [
                vn_short_date(s.held_on),
                s.council.name,
                s.level_unit.name,
                s.place,
                str(s.get_status_display()),
            ]
            for s in sessions
        ),
    )
