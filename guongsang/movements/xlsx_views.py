"""The movements list and a movement's pledges as Excel workbooks, filtered like their pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_short_date
from guongsang.core.http import AuthedRequest
from guongsang.core.views import require_perm
from guongsang.core.xlsx import table_response
from guongsang.movements import selectors
from guongsang.movements.forms import YearFilterForm


@login_required
def movement_list_xlsx(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "movements.view_movement")
    form = YearFilterForm(request.GET or None, years=selectors.movement_years(user=request.user))
    year = form.cleaned_data.get("year") if form.is_valid() else None
    movements = selectors.movement_list_with_pledges(user=request.user, year=year)
    columns = [
        (_("Năm"), 8),
        (_("Phong trào"), 60),
        (_("Cấp phát động"), 40),
        (_("Ngày phát động"), 14),
        (_("Hạn đăng ký"), 14),
        (_("Hạn nộp hồ sơ"), 14),
        (_("Số bản đăng ký"), 12),
    ]
    return table_response(
        title=_("Phong trào thi đua"),
        columns=columns,
        rows=(
            [
                m.year,
                m.name,
                m.organiser.name,
                vn_short_date(m.launched_on),
                vn_short_date(m.pledge_deadline),
                vn_short_date(m.nomination_deadline),
                m.visible_pledges,  # type: ignore[attr-defined]  # annotated by the selector
            ]
            for m in movements
        ),
    )


@login_required
def pledge_list_xlsx(request: AuthedRequest, uuid: str) -> HttpResponse:
    movement = selectors.movement_detail(user=request.user, uuid=uuid)
    require_perm(request, "movements.view_movement", movement)
    pledges = selectors.pledge_list(user=request.user, movement=movement)
    columns = [
        (_("Đơn vị"), 48),
        (_("Cá nhân"), 30),
        (_("Danh hiệu, hình thức"), 48),
        (_("Cam kết"), 60),
        (_("Ngày đăng ký"), 14),
        (_("Đăng ký muộn"), 12),
        (_("Lý do đăng ký muộn"), 30),
    ]
    return table_response(
        title=_("Đăng ký thi đua — %(name)s") % {"name": movement.name},
        columns=columns,
        rows=(
            [
                p.unit.name,
                p.person.full_name if p.person else "",
                "; ".join(t.name for t in p.titles.all()),
                p.commitments,
                vn_short_date(timezone.localtime(p.created_at).date()),
                _("Có") if p.is_late else "",
                p.late_reason,
            ]
            for p in pledges
        ),
    )
