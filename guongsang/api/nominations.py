"""Dossiers (hồ sơ đề nghị khen thưởng): the list, one dossier with its findings and history,
create, and the workflow steps; and the read-only catalogue of titles."""

# No "from __future__ import annotations": ninja reads the paginated endpoints' parameters
# through its wrapper, where string annotations cannot be resolved.
import datetime as dt
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from guongsang.api.params import Pages, year_query
from guongsang.catalogue.models import Title
from guongsang.core.permissions import get_visible_or_404, restrict
from guongsang.core.roles import Role
from guongsang.movements import selectors as movement_selectors
from guongsang.nominations import eligibility, selectors, services
from guongsang.nominations.models import Dossier, Track
from guongsang.org.selectors import units_acting
from guongsang.people.models import Person

dossier_router = Router(tags=["Hồ sơ khen thưởng"])
catalogue_router = Router(tags=["Danh mục"])
CREATE_ROLES = frozenset({Role.UNIT_OFFICER, Role.SECRETARIAT})


class TitleOut(Schema):
    code: str
    name: str
    kind: str
    level: str
    target: str
    authority: str


class DossierOut(Schema):
    id: UUID = Field(alias="uuid")
    year: int
    state: str
    state_label: str
    track: str
    title_code: str = Field(alias="title.code")
    title_name: str = Field(alias="title.name")
    unit_id: UUID = Field(alias="unit.uuid")
    unit_name: str = Field(alias="unit.name")
    level_unit_name: str = Field(alias="level_unit.name")
    person_id: UUID | None
    nominee_unit_id: UUID | None
    nominee_name: str
    movement_id: UUID | None

    @staticmethod
    def resolve_state_label(obj: Dossier) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_person_id(obj: Dossier) -> UUID | None:
        return obj.person.uuid if obj.person is not None else None

    @staticmethod
    def resolve_nominee_unit_id(obj: Dossier) -> UUID | None:
        return obj.nominee_unit.uuid if obj.nominee_unit is not None else None

    @staticmethod
    def resolve_nominee_name(obj: Dossier) -> str:
        if obj.person is not None:
            return obj.person.full_name
        return obj.nominee_unit.name if obj.nominee_unit is not None else ""

    @staticmethod
    def resolve_movement_id(obj: Dossier) -> UUID | None:
        return obj.movement.uuid if obj.movement is not None else None


class FindingOut(Schema):
    code: str
    message: str
    blocking: bool
    overridden: str
    info: bool = False  # an explanation (a quota within its limit), not a warning


class EventOut(Schema):
    action: str
    from_state: str
    to_state: str
    at: dt.datetime
    by: str | None
    reason: str

    @staticmethod
    def resolve_by(obj: object) -> str | None:
        by = getattr(obj, "by", None)
        return by.get_username() if by is not None else None


class DossierDetailOut(DossierOut):
    summary: str
    report: str
    meeting_date: dt.date | None
    votes_yes: int | None
    votes_total: int | None
    findings: list[FindingOut]
    history: list[EventOut]

    @staticmethod
    def resolve_findings(obj: Dossier) -> list[object]:
        return list(eligibility.check_dossier(obj))

    @staticmethod
    def resolve_history(obj: Dossier) -> list[object]:
        return list(obj.events.select_related("by"))


class DossierIn(Schema):
    title_code: str
    year: int
    unit_id: UUID | None = None
    person_id: UUID | None = None
    nominee_unit_id: UUID | None = None
    movement_id: UUID | None = None
    track: str = Track.YEARLY
    summary: str = ""
    report: str = ""


class TransitionIn(Schema):
    reason: str = ""


def _visible(request: HttpRequest, dossier_id: UUID) -> Dossier:
    if not request.user.has_perm("nominations.view_dossier"):
        raise PermissionDenied
    dossier = get_visible_or_404(selectors.dossiers_visible(user=request.user), uuid=dossier_id)
    if not request.user.has_perm("nominations.view_dossier", dossier):
        raise PermissionDenied
    return dossier


@dossier_router.get("", response=list[DossierOut], summary="Danh sách hồ sơ đề nghị khen thưởng")
@paginate(Pages, page_size=50)
def dossier_list(
    request: HttpRequest,
    year: int | None = year_query(),
    state: str | None = None,
    title: str | None = None,
    unit_id: UUID | None = None,
) -> QuerySet[Dossier]:
    if not request.user.has_perm("nominations.view_dossier"):
        raise PermissionDenied
    dossiers = selectors.dossiers_visible(user=request.user)
    if year is not None:
        dossiers = dossiers.filter(year=year)
    if state:
        dossiers = dossiers.filter(state=state)
    if title:
        dossiers = dossiers.filter(title__code=title)
    if unit_id is not None:
        dossiers = dossiers.filter(unit__uuid=unit_id)
    return dossiers.select_related("movement").order_by("-year", "-created_at", "-pk")


@dossier_router.get(
    "/{dossier_id}",
    response=DossierDetailOut,
    summary="Một hồ sơ: điều kiện được kiểm tra và lịch sử xử lý",
)
def dossier_detail(request: HttpRequest, dossier_id: UUID) -> Dossier:
    return _visible(request, dossier_id)


def _one_of(qs: QuerySet, uuid: UUID | None, message: str):
    if uuid is None:
        return None
    found = qs.filter(uuid=uuid).first()
    if found is None:
        raise ValidationError(message)
    return found


@dossier_router.post(
    "", response={201: DossierDetailOut}, summary="Tạo hồ sơ đề nghị (đơn vị của cán bộ)"
)
def dossier_create(request: HttpRequest, payload: DossierIn) -> Status[Dossier]:
    if not request.user.has_perm("nominations.edit_dossier"):
        raise PermissionDenied
    user = request.user
    units = units_acting(user=user, roles=CREATE_ROLES)
    if payload.unit_id is not None:
        unit = _one_of(units, payload.unit_id, _("Không có quyền đề nghị cho đơn vị này."))
    else:
        only = list(units.order_by("pk")[:2])
        if len(only) != 1:
            raise ValidationError(_("Chọn đơn vị đề nghị (unit_id)."))
        unit = only[0]
    people = restrict(Person.objects.all(), user, roles=CREATE_ROLES, unit_field="home_unit")
    title = Title.objects.filter(code=payload.title_code, valid_to=None).first()
    if title is None:
        raise ValidationError(
            _("Không có danh hiệu, hình thức “%(code)s”.") % {"code": payload.title_code}
        )
    dossier = services.dossier_create(
        actor=user,
        unit=unit,
        title=title,
        year=payload.year,
        person=_one_of(people, payload.person_id, _("Không tìm thấy cá nhân được đề nghị.")),
        nominee_unit=_one_of(units, payload.nominee_unit_id, _("Không tìm thấy tập thể.")),
        movement=_one_of(
            movement_selectors.movement_list(user=user),
            payload.movement_id,
            _("Không tìm thấy phong trào."),
        ),
        track=payload.track,
        summary=payload.summary,
        report=payload.report,
    )
    return Status(201, selectors.dossiers_visible(user=user).get(pk=dossier.pk))


@dossier_router.post(
    "/{dossier_id}/transitions/{action}",
    response=DossierDetailOut,
    summary="Một bước xử lý hồ sơ (gửi, tiếp nhận, trả lại…), kèm lý do khi cần",
)
def dossier_transition(
    request: HttpRequest, dossier_id: UUID, action: str, payload: TransitionIn | None = None
) -> Dossier:
    dossier = _visible(request, dossier_id)
    reason = payload.reason if payload is not None else ""
    services.dossier_transition(actor=request.user, dossier=dossier, action=action, reason=reason)
    return selectors.dossiers_visible(user=request.user).get(pk=dossier.pk)


@catalogue_router.get(
    "/titles", response=list[TitleOut], summary="Danh mục danh hiệu, hình thức khen thưởng"
)
def title_list(request: HttpRequest) -> QuerySet[Title]:
    return Title.objects.filter(valid_to=None).order_by("order", "name")


# One router for the API: /dossiers/… and /catalogue/….
router = Router()
router.add_router("/dossiers", dossier_router)
router.add_router("/catalogue", catalogue_router)
