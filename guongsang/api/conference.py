"""API: hội nghị biểu dương — the conferences the caller may see, with their programme,
guests and honourees."""

# No "from __future__ import annotations": ninja resolves the annotations at runtime.
import datetime as dt
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from guongsang.api.params import ClockTime, Pages, year_query
from guongsang.conference import selectors
from guongsang.conference.models import Conference

router = Router()


class ConferenceOut(Schema):
    id: UUID = Field(alias="uuid")
    name: str
    organiser_id: UUID = Field(alias="organiser.uuid")
    organiser_name: str = Field(alias="organiser.name")
    held_on: dt.date
    starts_at: ClockTime | None
    place: str
    award_year: int
    is_public: bool


class GuestOut(Schema):
    full_name: str
    role: str
    organisation: str


class ProgrammeItemOut(Schema):
    starts_at: ClockTime
    title: str
    speaker: str


class HonoureeOut(Schema):
    award_id: UUID = Field(alias="award.uuid")
    name: str
    target: str = Field(alias="award.target")
    unit_name: str = Field(alias="award.unit.name")
    title_code: str = Field(alias="award.title.code")
    title_name: str = Field(alias="award.title.name")
    year: int = Field(alias="award.year")
    decision_number: str = Field(alias="award.decision_number")
    decision_date: dt.date | None = Field(alias="award.decision_date")


class ConferenceDetailOut(ConferenceOut):
    guests: list[GuestOut]
    programme: list[ProgrammeItemOut]
    honourees: list[HonoureeOut]

    @staticmethod
    def resolve_guests(obj: Conference) -> list[object]:
        return list(obj.guests.all())

    @staticmethod
    def resolve_programme(obj: Conference) -> list[object]:
        return list(obj.items.all())

    @staticmethod
    def resolve_honourees(obj: Conference) -> list[object]:
        return list(obj.honourees.all())


@router.get("", response=list[ConferenceOut], summary="Danh sách hội nghị biểu dương")
@paginate(Pages, page_size=50)
def conference_list(request: HttpRequest, year: int | None = year_query()) -> QuerySet[Conference]:
    if not request.user.has_perm("conference.view_conference"):
        raise PermissionDenied
    return selectors.conference_list(user=request.user, year=year)


@router.get(
    "/{conference_id}",
    response=ConferenceDetailOut,
    summary="Một hội nghị: đại biểu, chương trình, người được biểu dương",
)
def conference_detail(request: HttpRequest, conference_id: UUID) -> Conference:
    conference = selectors.conference_detail(user=request.user, uuid=conference_id)
    if not request.user.has_perm("conference.view_conference", conference):
        raise PermissionDenied
    return conference
