"""A contest's entries and the contest statistics as Excel workbooks, as their pages show them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _

from guongsang.contests import selectors
from guongsang.contests.models import Contest, Level
from guongsang.contests.views import _contest
from guongsang.core.http import AuthedRequest
from guongsang.core.permissions import get_visible_or_404, scope_unit_ids
from guongsang.core.roles import Role
from guongsang.core.views import require_perm
from guongsang.core.xlsx import table_response


@login_required
def entry_list_xlsx(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """The entries the contest page lists: all of them for the organiser, else the user's units'."""
    contest = _contest(request, uuid)
    entries = selectors.entries_visible(user=request.user).filter(contest=contest)
    if not request.user.has_perm("contests.manage_contest", contest):
        own = scope_unit_ids(request.user, {Role.UNIT_OFFICER})
        entries = entries if own is None else entries.filter(unit__in=own)
    columns = [
        (_("Số phách"), 12),
        (_("Tên bài"), 50),
        (_("Tác giả"), 30),
        (_("Nhân vật"), 30),
        (_("Đơn vị"), 44),
        (_("Số chữ"), 10),
        (_("Trạng thái"), 16),
        (_("Giải"), 20),
    ]
    return table_response(
        title=_("Bài dự thi — %(name)s %(year)s") % {"name": contest.name, "year": contest.year},
        columns=columns,
        rows=(
            [
                e.code,
                e.title,
                e.authors,
                e.subject_name,
                e.unit.name,
                e.word_count,
                str(e.get_status_display()),
                e.prize.name if e.prize else "",
            ]
            for e in entries.order_by("code", "pk")
        ),
    )


@login_required
def stats_xlsx(request: AuthedRequest) -> HttpResponse:
    """The yearly table of the statistics page (entries, change, sent to the city)."""
    require_perm(request, "contests.view_results")
    ids = scope_unit_ids(request.user, {Role.SECRETARIAT, Role.ADMIN, Role.LEADER})
    counts = selectors.entry_counts_by_year(unit_ids=ids, level=Level.DEPARTMENT)
    sent = selectors.sent_to_city_counts(unit_ids=ids)
    columns = [
        (_("Năm"), 8),
        (_("Bài dự thi"), 12),
        (_("Tăng/giảm so với năm trước"), 16),
        (_("Tỷ lệ tăng/giảm (%)"), 14),
        (_("Gửi dự thi cấp Thành phố"), 16),
    ]
    return table_response(
        title=_("Thống kê cuộc thi viết"),
        columns=columns,
        rows=(
            [
                r["year"],
                r["count"],
                r["change"],
                None if r["percent"] is None else round(r["percent"], 1),
                sent.get(r["year"], 0),
            ]
            for r in selectors.year_over_year(counts)
        ),
    )


def _stats_contest(request: AuthedRequest, uuid: Any) -> Contest:
    """A contest whose figures the user's statistics page shows."""
    require_perm(request, "contests.view_results")
    ids = scope_unit_ids(request.user, {Role.SECRETARIAT, Role.ADMIN, Role.LEADER})
    return get_visible_or_404(selectors.stats_contests(unit_ids=ids), uuid=uuid)


@login_required
def stats_rounds_xlsx(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """A contest's table "by round" of the statistics page: entries and how many went on."""
    contest = _stats_contest(request, uuid)
    columns = [(_("Vòng"), 8), (_("Tên vòng"), 40), (_("Bài dự thi"), 12), (_("Được chọn"), 12)]
    return table_response(
        title=_("Thống kê theo vòng — %(name)s %(year)s")
        % {"name": contest.name, "year": contest.year},
        columns=columns,
        rows=(
            [r["round__number"], r["round__name"], r["entries"], r["advanced"]]
            for r in selectors.round_counts(contest=contest)
        ),
    )


@login_required
def stats_units_xlsx(request: AuthedRequest, uuid: Any) -> HttpResponse:
    """A contest's table "by unit" of the statistics page: the units with the most entries."""
    contest = _stats_contest(request, uuid)
    columns = [(_("Đơn vị"), 50), (_("Bài dự thi"), 12)]
    rows = selectors.entry_counts_by_unit(contest=contest)[: selectors.STATS_UNITS]
    return table_response(
        title=_("Thống kê theo đơn vị — %(name)s %(year)s")
        % {"name": contest.name, "year": contest.year},
        columns=columns,
        rows=([r["unit__name"], r["n"]] for r in rows),
    )
