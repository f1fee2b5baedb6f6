"""The stories and the tips the editors manage, as Excel workbooks filtered like their pages.
Tipsters' names and contacts stay masked, as on the page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_short_date
from guongsang.core.http import AuthedRequest
from guongsang.core.views import require_perm
from guongsang.core.xlsx import table_response
from guongsang.showcase import selectors


@login_required
def story_list_xlsx(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "showcase.manage_story")
    stories = selectors.stories_managed(user=request.user, status=request.GET.get("status", ""))
    columns = [
        (_("Tiêu đề"), 50),
        (_("Người / tập thể"), 30),
        (_("Đơn vị"), 44),
        (_("Năm"), 8),
        (_("Trạng thái"), 16),
        (_("Ngày đồng ý công khai"), 14),
        (_("Nổi bật"), 8),
    ]
    return table_response(
        title=_("Câu chuyện Vườn hoa"),
        columns=columns,
        rows=(
            [
                s.title,
                s.honouree_name,
                s.unit.name if s.unit else "",
                s.year,
                str(s.get_status_display()),
                vn_short_date(timezone.localtime(s.consent_recorded_at).date())
                if s.consent_recorded_at
                else "",
                _("Có") if s.featured else "",
            ]
            for s in stories
        ),
    )


@login_required
def tip_list_xlsx(request: AuthedRequest) -> HttpResponse:
    require_perm(request, "showcase.moderate_tip")
    tips = selectors.tips_for(user=request.user, status=request.GET.get("status", ""))
    columns = [
        (_("Ngày nhận"), 14),
        (_("Người làm việc tốt"), 36),
        (_("Ở đâu"), 36),
        (_("Người báo tin"), 24),
        (_("Liên hệ"), 20),
        (_("Trạng thái"), 18),
    ]
    return table_response(
        title=_("Tin báo việc tốt"),
        columns=columns,
        rows=(
            [
                vn_short_date(timezone.localtime(t.created_at).date()),
                t.about_who,
                t.where,
                t.tipster_name_masked,
                t.tipster_contact_masked,
                str(t.get_status_display()),
            ]
            for t in tips
        ),
    )
