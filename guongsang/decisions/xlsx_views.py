"""The decision register and the submissions upward as Excel workbooks."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_short_date
from guongsang.core.http import AuthedRequest
from guongsang.core.views import require_perm
from guongsang.core.xlsx import table_response
from guongsang.decisions import selectors
from guongsang.decisions.models import DecisionKind
from guongsang.decisions.views import register_year


@login_required
def decision_list_xlsx(request: AuthedRequest) -> HttpResponse:
    """Sổ quyết định: the register as the page filters it (year)."""
    require_perm(request, "decisions.view_decision")
    decisions = selectors.decisions_visible(user=request.user, year=register_year(request))
    columns = [
        (_("Số"), 20),
        (_("Ngày"), 14),
        (_("Trích yếu"), 60),
        (_("Loại"), 14),
        (_("Cơ quan"), 40),
        (_("Số người, tập thể"), 12),
        (_("Tổng tiền thưởng (đồng)"), 16),
        (_("Trạng thái"), 16),
    ]
    return table_response(
        title=_("Sổ quyết định khen thưởng"),
        columns=columns,
        rows=(
            [
                d.full_number or _("(chưa có số)"),
                vn_short_date(d.decision_date),
                d.summary,
                _("Thu hồi") if d.kind == DecisionKind.REVOCATION else _("Khen thưởng"),
                d.authority.name,
                d.recipient_count,  # type: ignore[attr-defined]  # annotated by the selector
                d.total,  # type: ignore[attr-defined]  # annotated by the selector
                str(d.get_state_display()),
            ]
            for d in decisions
        ),
    )


@login_required
def submission_list_xlsx(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "decisions.view_decision")
    submissions = selectors.submissions_visible(user=request.user)
    columns = [
        (_("Số"), 20),
        (_("Ngày trình"), 14),
        (_("Trích yếu"), 60),
        (_("Cơ quan trình"), 40),
        (_("Trình cấp"), 40),
        (_("Số hồ sơ"), 10),
        (_("Trạng thái"), 16),
    ]
    return table_response(
        title=_("Tờ trình cấp trên"),
        columns=columns,
        rows=(
            [
                s.full_number or _("(chưa có số)"),
                vn_short_date(s.submitted_on),
                s.summary,
                s.authority.name,
                s.to_unit.name,
                s.item_count,  # type: ignore[attr-defined]  # annotated by the selector
                str(s.get_state_display()),
            ]
            for s in submissions
        ),
    )
