"""Movements: the list, one movement with its plan, and the pledges made against it."""

# No "from __future__ import annotations": ninja reads the path parameters of the paginated
# endpoint through its wrapper, where string annotations cannot be resolved.
import datetime as dt
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from guongsang.api.params import Pages, year_query
from guongsang.movements import selectors
from guongsang.movements.models import Movement, Pledge

router = Router()


class MovementOut(Schema):
    id: UUID = Field(alias="uuid")
    name: str
    kind: str
    year: int
    organiser_id: UUID = Field(alias="organiser.uuid")
    organiser_name: str = Field(alias="organiser.name")
    launched_on: dt.date
    pledge_deadline: dt.date | None
    nomination_deadline: dt.date | None
    plan_number: str
    plan_date: dt.date | None


class PlanContentOut(Schema):
    number: int
    title: str
    description: str


class LegalBasisOut(Schema):
    number: str
    kind: str
    title: str
    issuer: str
    issued_on: dt.date


class LinkedMovementOut(Schema):
    id: UUID = Field(alias="uuid")
    name: str
    year: int
    organiser_name: str = Field(alias="organiser.name")


class MovementDetailOut(MovementOut):
    purpose: str
    contents: list[PlanContentOut]
    legal_bases: list[LegalBasisOut]
    linked: list[LinkedMovementOut]

    @staticmethod
    def resolve_contents(obj: Movement) -> list[object]:
        return list(obj.contents.all())

    @staticmethod
    def resolve_legal_bases(obj: Movement) -> list[object]:
        return list(obj.legal_bases.all())

    @staticmethod
    def resolve_linked(obj: Movement) -> list[object]:
        return list(obj.visible_linked)  # type: ignore[attr-defined]


class TitleRefOut(Schema):
    code: str
    name: str


class PledgeOut(Schema):
    id: UUID = Field(alias="uuid")
    unit_id: UUID = Field(alias="unit.uuid")
    unit_name: str = Field(alias="unit.name")
    person_id: UUID | None
    person_name: str | None
    titles: list[TitleRefOut]
    commitments: str
    is_late: bool
    late_reason: str
    registered_at: dt.datetime = Field(alias="created_at")

    @staticmethod
    def resolve_person_id(obj: Pledge) -> UUID | None:
        return obj.person.uuid if obj.person is not None else None

    @staticmethod
    def resolve_person_name(obj: Pledge) -> str | None:
        return obj.person.full_name if obj.person is not None else None

    @staticmethod
    def resolve_titles(obj: Pledge) -> list[object]:
        return list(obj.titles.all())


@router.get("", response=list[MovementOut], summary="Danh sách phong trào thi đua")
@paginate(Pages, page_size=50)
def movement_list(request: HttpRequest, year: int | None = year_query()) -> QuerySet[Movement]:
    if not request.user.has_perm("movements.view_movement"):
        raise PermissionDenied
    return selectors.movement_list(user=request.user, year=year)


@router.get(
    "/{movement_id}",
    response=MovementDetailOut,
    summary="Một phong trào: kế hoạch, căn cứ, phong trào gắn với",
)
def movement_detail(request: HttpRequest, movement_id: UUID) -> Movement:
    movement = selectors.movement_detail(user=request.user, uuid=movement_id)
    if not request.user.has_perm("movements.view_movement", movement):
        raise PermissionDenied
    return movement


@router.get(
    "/{movement_id}/pledges",
    response=list[PledgeOut],
    summary="Đăng ký thi đua của một phong trào (trong phạm vi người dùng)",
)
@paginate(Pages, page_size=100)
def pledge_list(request: HttpRequest, movement_id: UUID) -> QuerySet[Pledge]:
    movement = selectors.movement_detail(user=request.user, uuid=movement_id)
    if not request.user.has_perm("movements.view_movement", movement):
        raise PermissionDenied
    return selectors.pledge_list(user=request.user, movement=movement)
