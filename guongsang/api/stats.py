"""API: thống kê khen thưởng — the figures of the statistics service, cut to the caller's scope."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from guongsang.api.params import Year
from guongsang.core.permissions import get_visible_or_404
from guongsang.org.selectors import unit_list
from guongsang.stats import selectors
from guongsang.stats.services import DIMENSIONS, award_stats, check_years, parse_dimensions

router = Router()


class StatsQuery(Schema):
    from_year: Year | None = None
    to_year: Year | None = None
    by: str = "year"
    unit: UUID | None = None
    as_of: dt.date | None = None
    level: list[str] | None = None
    target: list[str] | None = None
    title: list[str] | None = None
    kind: list[str] | None = None
    include_revoked: bool = False


class UnitRef(Schema):
    code: str
    uuid: str
    name: str


class StatsRowOut(Schema):
    key: dict[str, Any]
    labels: dict[str, str]
    count: int
    cumulative: int | None = None
    previous: int | None = None
    change: int | None = None
    change_percent: float | None = None
    note: str = ""


class StatsOut(Schema):
    from_year: int
    to_year: int
    by: list[str]
    unit: UnitRef | None
    as_of: dt.date | None
    note: str = ""
    include_revoked: bool
    filters: dict[str, list[str]]
    total: int
    rows: list[StatsRowOut]


class ChartOut(Schema):
    key: str
    title: str
    type: str
    labels: list[str]
    datasets: list[dict[str, Any]]
    stacked: bool
    horizontal: bool
    percent: bool
    headers: list[str]
    rows: list[list[Any]]
    note: str


class DashboardOut(Schema):
    charts: list[ChartOut]


def _check(request: HttpRequest) -> None:
    if not request.user.has_perm("stats.view_stats"):
        raise PermissionDenied


def _years(request: HttpRequest, from_year: int | None, to_year: int | None) -> tuple[int, int]:
    """Missing years: the ten years up to the last one on record in the caller's scope."""
    start = selectors.default_filter(request.user)
    b = to_year if to_year is not None else start.to_year
    a = from_year if from_year is not None else b - 9
    check_years(a, b)
    if b - a > 60:
        raise ValidationError(_("Chọn tối đa 60 năm."))
    return a, b


def _unit(request: HttpRequest, uuid: UUID | None) -> Any:
    if uuid is None:
        return None
    return get_visible_or_404(unit_list(user=request.user), uuid=uuid)


@router.get(
    "",
    response=StatsOut,
    summary="Số lượt khen thưởng theo các chiều",
    description=(
        "Mặc định: mười năm đến năm gần nhất có số liệu. "
        "Đếm khen thưởng (không tính khen thưởng đã thu hồi, trừ khi include_revoked) trong "
        "[from_year, to_year] theo các chiều `by` (phân cách dấu phẩy: "
        + ", ".join(DIMENSIONS)
        + "). `unit`: đơn vị và các đơn vị trực thuộc hiện nay (kể cả đơn vị đã sáp nhập vào), "
        "hoặc cơ cấu tại ngày `as_of`; không có `unit` mà có `as_of`: mọi đơn vị có tại ngày đó, "
        "theo chiều `unit` mỗi đơn vị một dòng. Đơn vị mang tên tại ngày `as_of`; dòng của đơn "
        "vị đã sáp nhập hoặc giải thể có `note` nói số liệu nay thống kê cùng đơn vị nào. "
        "Khi có chiều `year`: luỹ kế và tăng/giảm so với năm trước."
    ),
)
def stats(request: HttpRequest, q: Query[StatsQuery]) -> dict:
    _check(request)
    from_year, to_year = _years(request, q.from_year, q.to_year)
    result = award_stats(
        user=request.user,
        from_year=from_year,
        to_year=to_year,
        by=parse_dimensions(q.by),
        unit=_unit(request, q.unit),
        as_of=q.as_of,
        levels=q.level,
        targets=q.target,
        title_codes=q.title,
        kinds=q.kind,
        include_revoked=q.include_revoked,
    )
    return result.as_dict()


class DashboardQuery(Schema):
    from_year: Year | None = None
    to_year: Year | None = None
    unit: UUID | None = None
    level: str | None = None
    target: str | None = None


@router.get(
    "/dashboard",
    response=DashboardOut,
    summary="Số liệu các biểu đồ của bảng điều khiển",
)
def dashboard(request: HttpRequest, q: Query[DashboardQuery]) -> dict:
    _check(request)
    from_year, to_year = _years(request, q.from_year, q.to_year)
    f = selectors.DashboardFilter(
        from_year=from_year,
        to_year=to_year,
        unit=_unit(request, q.unit),
        levels=(q.level,) if q.level else (),
        targets=(q.target,) if q.target else (),
    )
    return {"charts": [c.as_dict() for c in selectors.dashboard(user=request.user, f=f)]}
