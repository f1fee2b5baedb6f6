"""The user accounts as an Excel workbook, searched like the page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.accounts import selectors
from guongsang.core.http import AuthedRequest
from guongsang.core.views import require_perm
from guongsang.core.xlsx import table_response


@login_required
def user_list_xlsx(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    users = selectors.user_list(query=request.GET.get("q", ""))
    columns = [
        (_("Tên đăng nhập"), 20),
        (_("Họ và tên"), 30),
        (_("Thư điện tử"), 30),
        (_("Vai trò — phạm vi"), 70),
        (_("Trạng thái"), 16),
        (_("Đăng nhập gần nhất"), 18),
    ]
    return table_response(
        title=_("Người dùng"),
        columns=columns,
        rows=(
            [
                u.username,
                u.full_name,
                u.email,
                "; ".join(f"{g.get_role_display()} — {g.unit}" for g in u.grants.all()),
                _("Đang hoạt động") if u.is_active else _("Đã khoá"),
                timezone.localtime(u.last_login).strftime("%d/%m/%Y %H:%M") if u.last_login else "",
            ]
            for u in users
        ),
    )
