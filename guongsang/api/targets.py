"""API: chỉ tiêu chuyên môn — indicators, yearly plans, monthly results, attainment."""

# No "from __future__ import annotations": ninja resolves the paginated endpoints' types.
from decimal import Decimal
from typing import Annotated, TypeVar
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from guongsang.api.params import AsciiDecimal, Pages, Year, month_query, year_query
from guongsang.core.permissions import get_visible_or_404, has_role, restrict
from guongsang.org.models import Unit
from guongsang.targets import selectors, services
from guongsang.targets.models import Indicator, Plan, Result
from guongsang.targets.permissions import RESULT_ROLES, VIEW_ROLES

router = Router()


class IndicatorOut(Schema):
    id: UUID = Field(alias="uuid")
    code: str
    name: str
    measure: str
    active: bool


class PlanOut(Schema):
    id: UUID = Field(alias="uuid")
    indicator_code: str = Field(alias="indicator.code")
    unit_id: UUID = Field(alias="unit.uuid")
    unit_name: str = Field(alias="unit.name")
    year: int
    value: Decimal


class TargetResultOut(PlanOut):
    month: int


class ResultIn(Schema):
    """Missing fields are refused by the service with a Vietnamese message (400)."""

    unit_id: UUID
    indicator_code: str = ""
    year: Year
    month: Annotated[int, Field(ge=0, le=12)] = 0
    value: AsciiDecimal = Decimal(-1)


class AttainmentOut(Schema):
    code: str
    name: str
    measure: str
    plan: Decimal
    actual: Decimal
    percent: Decimal | None


def _viewer(request: HttpRequest) -> None:
    if not has_role(request.user, VIEW_ROLES):
        raise PermissionDenied


def _unit(request: HttpRequest, unit_id: UUID | None) -> Unit | None:
    if unit_id is None:
        return None
    units = restrict(Unit.objects.all(), request.user, roles=VIEW_ROLES, unit_field="pk")
    return get_visible_or_404(units, uuid=unit_id)


Row = TypeVar("Row", Plan, Result)


def _of_unit_and_year(
    request: HttpRequest, qs: QuerySet[Row], unit_id: UUID | None, year: int | None
) -> QuerySet[Row]:
    """The rows of the asked unit (one the caller may see, else 404) and year, when asked."""
    unit = _unit(request, unit_id)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.filter(year=year) if year else qs


@router.get("/indicators", response=list[IndicatorOut], summary="Danh mục chỉ tiêu")
def indicator_list(request: HttpRequest) -> QuerySet[Indicator]:
    _viewer(request)
    return Indicator.objects.all()


@router.get("/plans", response=list[PlanOut], summary="Kế hoạch năm theo đơn vị")
@paginate(Pages, page_size=100)
def plan_list(
    request: HttpRequest, year: int | None = year_query(), unit_id: UUID | None = None
) -> QuerySet[Plan]:
    _viewer(request)
    return _of_unit_and_year(request, selectors.plans_visible(user=request.user), unit_id, year)


@router.get("/results", response=list[TargetResultOut], summary="Kết quả tháng theo đơn vị")
@paginate(Pages, page_size=100)
def result_list(
    request: HttpRequest,
    year: int | None = year_query(),
    month: int | None = month_query(),
    unit_id: UUID | None = None,
) -> QuerySet[Result]:
    _viewer(request)
    qs = _of_unit_and_year(request, selectors.results_visible(user=request.user), unit_id, year)
    return qs.filter(month=month) if month else qs


@router.post("/results", response={201: TargetResultOut}, summary="Nhập kết quả một tháng")
def result_create(request: HttpRequest, payload: ResultIn) -> Status[Result]:
    units = restrict(Unit.objects.all(), request.user, roles=RESULT_ROLES, unit_field="pk")
    unit = get_visible_or_404(units, uuid=payload.unit_id)
    indicator = get_visible_or_404(Indicator.objects.all(), code=payload.indicator_code)
    result = services.result_set(
        by=request.user,
        indicator=indicator,
        unit=unit,
        year=payload.year,
        month=payload.month,
        value=payload.value,
    )
    return Status(201, result)


@router.get("/attainment", response=list[AttainmentOut], summary="Tỷ lệ đạt kế hoạch")
def attainment(
    request: HttpRequest,
    year: int | None = year_query(),
    unit_id: UUID | None = None,
    to_month: int = month_query(12),
) -> list[selectors.AttainmentRow]:
    """Plan, result to the end of `to_month` and % of plan per indicator, over the unit's
    subtree (default: everything the caller sees), for `year` (default: this year)."""
    _viewer(request)
    year = year or timezone.localdate().year
    unit = _unit(request, unit_id)
    return selectors.attainment(user=request.user, year=year, unit=unit, to_month=to_month)
