"""API: báo cáo tổng kết — the list of annual reports and the status of their builds."""

# No "from __future__ import annotations": ninja resolves the paginated endpoints' types.
import datetime as dt
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from guongsang.api.params import Pages, year_query
from guongsang.core.permissions import get_visible_or_404, has_role
from guongsang.reports import selectors
from guongsang.reports.models import AnnualReport
from guongsang.reports.permissions import VIEW_ROLES

router = Router()


class ReportOut(Schema):
    id: UUID = Field(alias="uuid")
    year: int
    unit_id: UUID = Field(alias="unit.uuid")
    unit_name: str = Field(alias="unit.name")
    updated_at: dt.datetime
    build_format: str = Field(alias="last_format")
    build_status: str | None
    build_percent: int | None
    build_message: str | None
    download_url: str | None

    @staticmethod
    def resolve_build_status(obj: AnnualReport) -> str | None:
        return obj.last_build.status if obj.last_build else None

    @staticmethod
    def resolve_build_percent(obj: AnnualReport) -> int | None:
        return obj.last_build.percent if obj.last_build else None

    @staticmethod
    def resolve_build_message(obj: AnnualReport) -> str | None:
        return obj.last_build.message if obj.last_build else None

    @staticmethod
    def resolve_download_url(obj: AnnualReport) -> str | None:
        build = obj.last_build
        if build is None or build.status != "done":
            return None
        return reverse("core:task_download", args=[build.uuid])


def _viewer(request: HttpRequest) -> None:
    if not has_role(request.user, VIEW_ROLES):
        raise PermissionDenied


@router.get("", response=list[ReportOut], summary="Danh sách báo cáo tổng kết")
@paginate(Pages, page_size=50)
def report_list(request: HttpRequest, year: int | None = year_query()) -> QuerySet[AnnualReport]:
    _viewer(request)
    qs = selectors.reports_visible(user=request.user)
    return qs.filter(year=year) if year else qs


@router.get("/{report_id}", response=ReportOut, summary="Một báo cáo và trạng thái lần xuất")
def report_detail(request: HttpRequest, report_id: UUID) -> AnnualReport:
    _viewer(request)
    return get_visible_or_404(selectors.reports_visible(user=request.user), uuid=report_id)
