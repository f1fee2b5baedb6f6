"""Exchange with the databases of other levels: the award history (by person, unit, year, and
historic awards written in), and the outcomes decided outside this installation (recorded,
read, and their unmatched lines resolved). The format is described in docs/exchange.md."""

# No "from __future__ import annotations": ninja resolves the paginated endpoints' parameters.
import datetime as dt
from typing import Annotated, Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from guongsang.api.params import Pages, Year, year_query
from guongsang.awards import selectors as award_selectors
from guongsang.awards import services as award_services
from guongsang.awards.models import Award, AwardSource
from guongsang.catalogue.models import Title
from guongsang.core.permissions import get_visible_or_404
from guongsang.decisions import outcomes, selectors
from guongsang.decisions.models import OutsideDecision, SubmissionState
from guongsang.decisions.outcomes import LineIn
from guongsang.decisions.permissions import DRAFT_ROLES, can_at
from guongsang.org.models import Unit
from guongsang.people.models import Person

awards_router = Router(tags=["Lịch sử khen thưởng"])
outcomes_router = Router(tags=["Kết quả từ cấp trên"])

Text64 = Annotated[str, Field(max_length=64)]
Text200 = Annotated[str, Field(max_length=200)]
Text300 = Annotated[str, Field(max_length=300)]


class AwardOut(Schema):
    id: UUID = Field(alias="uuid")
    title_code: str = Field(alias="title.code")
    title_name: str = Field(alias="title.name")
    year: int
    level: str
    target: str
    person_id: UUID | None
    person_name: str | None
    unit_id: UUID = Field(alias="unit.uuid")
    unit_name: str = Field(alias="unit.name")
    decision_number: str
    decision_date: dt.date | None
    authority: str
    amount: int | None
    source: str
    revoked_on: dt.date | None

    @staticmethod
    def resolve_person_id(obj: Award) -> UUID | None:
        return obj.person.uuid if obj.person is not None else None

    @staticmethod
    def resolve_person_name(obj: Award) -> str | None:
        return obj.person.full_name if obj.person is not None else None


class AwardIn(Schema):
    title_code: Text64
    year: Year
    unit_id: UUID
    person_id: UUID | None = None
    decision_number: Text64 = ""
    decision_date: dt.date | None = None
    amount: int | None = Field(None, ge=0, le=2_000_000_000)


@awards_router.get(
    "", response=list[AwardOut], summary="Lịch sử khen thưởng theo cá nhân, đơn vị, năm"
)
@paginate(Pages, page_size=100)
def award_list(
    request: HttpRequest,
    person_id: UUID | None = None,
    unit_id: UUID | None = None,
    year: int | None = year_query(),
    collective: bool | None = None,
) -> QuerySet[Award]:
    qs = award_selectors.awards_visible(user=request.user)
    if person_id is not None:
        qs = qs.filter(person__uuid=person_id)
    if unit_id is not None:
        qs = qs.filter(unit__uuid=unit_id)
    if year is not None:
        qs = qs.filter(year=year)
    if collective is not None:
        qs = qs.filter(person__isnull=collective)
    return qs.order_by("-year", "title__order", "pk")


@awards_router.post(
    "", response={201: AwardOut}, summary="Ghi một khen thưởng đã có vào lịch sử (quản trị)"
)
def award_create(request: HttpRequest, payload: AwardIn) -> Status[Award]:
    if not request.user.has_perm("awards.import_award"):
        raise PermissionDenied(_("Chỉ quản trị được ghi khen thưởng lịch sử."))
    title = Title.objects.filter(code=payload.title_code).first()
    if title is None:
        raise ValidationError(
            _("Không có danh hiệu, hình thức “%(code)s”.") % {"code": payload.title_code}
        )
    unit = Unit.objects.filter(uuid=payload.unit_id).first()
    if unit is None:
        raise ValidationError(_("Không tìm thấy đơn vị."))
    person = None
    if payload.person_id is not None:
        person = Person.objects.filter(uuid=payload.person_id).first()
        if person is None:
            raise ValidationError(_("Không tìm thấy cá nhân."))
    award = award_services.award_record(
        actor=request.user,
        title=title,
        year=payload.year,
        unit=unit,
        person=person,
        decision_number=payload.decision_number,
        decision_date=payload.decision_date,
        amount=payload.amount,
        source=AwardSource.IMPORT,
    )
    return Status(201, award_selectors.awards_visible(user=request.user).get(pk=award.pk))


class OutsideLineOut(Schema):
    id: UUID = Field(alias="uuid")
    order: int
    name: str
    unit: str = Field(alias="unit_name")
    title: str = Field(alias="title_name")
    matched: bool
    dossier_id: UUID | None
    award_id: UUID | None
    certificate_code: str | None

    @staticmethod
    def resolve_matched(obj: Any) -> bool:
        return obj.is_matched

    @staticmethod
    def resolve_dossier_id(obj: Any) -> UUID | None:
        return obj.item.dossier.uuid if obj.item_id else None

    @staticmethod
    def resolve_award_id(obj: Any) -> UUID | None:
        return obj.award.uuid if obj.award_id else None

    @staticmethod
    def resolve_certificate_code(obj: Any) -> str | None:
        return obj.grouped_code or None


class OutcomeOut(Schema):
    format: str
    version: int
    kind: str
    id: UUID = Field(alias="uuid")
    recorded_by_id: UUID = Field(alias="recorded_by.uuid")
    recorded_by_name: str = Field(alias="recorded_by.name")
    submission_id: UUID | None
    authority: str
    number: str
    decision_date: dt.date
    year: int
    lines: list[OutsideLineOut]

    @staticmethod
    def resolve_format(obj: Any) -> str:
        return selectors.EXCHANGE_FORMAT

    @staticmethod
    def resolve_version(obj: Any) -> int:
        return selectors.EXCHANGE_VERSION

    @staticmethod
    def resolve_kind(obj: Any) -> str:
        return "outcome"

    @staticmethod
    def resolve_submission_id(obj: Any) -> UUID | None:
        return obj.submission.uuid if obj.submission_id else None

    @staticmethod
    def resolve_lines(obj: OutsideDecision) -> list[Any]:
        return list(selectors.outside_lines(obj))


class OutsideLineIn(Schema):
    name: Text300
    title: Text300
    unit: Text300 = ""


# Fields a person must give are checked by the service (400 with the reason in Vietnamese)
# after the permission check, so a caller without the right hears 403 first.
class OutcomeIn(Schema):
    authority: Text200 = ""
    number: Text64 = ""
    decision_date: dt.date | None = None
    submission_id: UUID | None = None
    recorded_by_id: UUID | None = None
    lines: list[OutsideLineIn] = Field([], max_length=outcomes.MAX_LINES)


class ResolveIn(Schema):
    dossier_id: UUID | None = None


def _outcome(request: HttpRequest, outcome_id: UUID) -> OutsideDecision:
    if not request.user.has_perm("decisions.view_decision"):
        raise PermissionDenied
    return get_visible_or_404(
        selectors.outside_decisions_visible(user=request.user), uuid=outcome_id
    )


@outcomes_router.get("", response=list[OutcomeOut], summary="Quyết định của cấp trên đã ghi nhận")
@paginate(Pages, page_size=50)
def outcome_list(request: HttpRequest, year: int | None = year_query()) -> Any:
    if not request.user.has_perm("decisions.view_decision"):
        raise PermissionDenied
    qs = selectors.outside_decisions_visible(user=request.user)
    return qs.filter(year=year) if year is not None else qs


@outcomes_router.get("/{outcome_id}", response=OutcomeOut, summary="Một quyết định của cấp trên")
def outcome_detail(request: HttpRequest, outcome_id: UUID) -> OutsideDecision:
    return _outcome(request, outcome_id)


@outcomes_router.post(
    "",
    response={201: OutcomeOut},
    summary="Ghi nhận quyết định của cấp trên: từng dòng được gắn với hồ sơ đã trình",
)
def outcome_create(request: HttpRequest, payload: OutcomeIn) -> Status[OutsideDecision]:
    if not request.user.has_perm("decisions.draft_decision"):
        raise PermissionDenied(_("Chỉ Thường trực Hội đồng được ghi nhận kết quả."))
    if payload.decision_date is None:
        raise ValidationError(_("Cần ghi ngày quyết định."))
    units = selectors.recording_units(user=request.user)
    submission = None
    if payload.submission_id is not None:
        submission = (
            selectors.submissions_visible(user=request.user)
            .filter(uuid=payload.submission_id, state=SubmissionState.SENT)
            .select_related("authority")
            .first()
        )
        if submission is None:
            raise ValidationError(_("Không tìm thấy tờ trình đã trình."))
        recorded_by = submission.authority
    elif payload.recorded_by_id is not None:
        chosen = units.filter(uuid=payload.recorded_by_id).first()
        if chosen is None:
            raise ValidationError(_("Không có quyền ghi nhận cho cơ quan này."))
        recorded_by = chosen
    else:
        only = list(units.order_by("pk")[:2])
        if len(only) != 1:
            raise ValidationError(_("Chọn cơ quan ghi nhận (recorded_by_id) hoặc tờ trình."))
        recorded_by = only[0]
    decision = outcomes.outside_decision_record(
        actor=request.user,
        recorded_by=recorded_by,
        authority=payload.authority,
        number=payload.number,
        decision_date=payload.decision_date,
        lines=[LineIn(name=x.name, title=x.title, unit=x.unit) for x in payload.lines],
        submission=submission,
    )
    return Status(201, selectors.outside_decisions_visible(user=request.user).get(pk=decision.pk))


@outcomes_router.post(
    "/{outcome_id}/lines/{line_id}/resolve",
    response=OutcomeOut,
    summary="Gắn một dòng chưa khớp với hồ sơ đã trình",
)
def outcome_resolve(
    request: HttpRequest, outcome_id: UUID, line_id: UUID, payload: ResolveIn
) -> OutsideDecision:
    decision = _outcome(request, outcome_id)
    if not can_at(request.user, decision.recorded_by_id, DRAFT_ROLES):
        raise PermissionDenied(_("Chỉ Thường trực Hội đồng được ghi nhận kết quả."))
    line = get_visible_or_404(decision.lines.all(), uuid=line_id)
    if payload.dossier_id is None:
        raise ValidationError(_("Chọn hồ sơ tương ứng với dòng này (dossier_id)."))
    item = (
        outcomes.open_items(decision.recorded_by, decision.submission)
        .filter(dossier__uuid=payload.dossier_id)
        .first()
    )
    if item is None:
        raise ValidationError(_("Hồ sơ được chọn không còn chờ kết quả của tờ trình này."))
    outcomes.outside_line_resolve(actor=request.user, line=line, item=item)
    return selectors.outside_decisions_visible(user=request.user).get(pk=decision.pk)
