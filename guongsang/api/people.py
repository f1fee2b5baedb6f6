"""People, with personal data masked."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from guongsang.api.params import Pages
from guongsang.people import selectors
from guongsang.people.models import Person

router = Router()


class PersonOut(Schema):
    """Personal data is always masked here: the API never hands out the clear values."""

    id: UUID = Field(alias="uuid")
    full_name: str
    kind: str
    gender: str
    unit_id: UUID = Field(alias="home_unit.uuid")
    unit_name: str = Field(alias="home_unit.name")
    citizen_id: str
    date_of_birth: str
    phone: str

    @staticmethod
    def resolve_citizen_id(obj: Person) -> str:
        return obj.citizen_id_masked

    @staticmethod
    def resolve_date_of_birth(obj: Person) -> str:
        return obj.date_of_birth_masked

    @staticmethod
    def resolve_phone(obj: Person) -> str:
        return obj.phone_masked


@router.get("", response=list[PersonOut], summary="Danh sách cá nhân (dữ liệu cá nhân đã che)")
@paginate(Pages, page_size=50)
def person_list(request: HttpRequest, q: str = "") -> QuerySet[Person]:
    if not request.user.has_perm("people.view_person"):
        raise PermissionDenied
    return selectors.person_list(user=request.user, query=q)


@router.get("/{person_id}", response=PersonOut, summary="Một cá nhân (dữ liệu cá nhân đã che)")
def person_detail(request: HttpRequest, person_id: UUID) -> Person:
    person = selectors.person_detail(user=request.user, uuid=person_id)
    if not request.user.has_perm("people.view_person", person):
        raise PermissionDenied
    return person
