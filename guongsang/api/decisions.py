"""API: quyết định khen thưởng (the register of signed and draft decisions of the authorities
in the user's scope) and the machine-readable package of a tờ trình for the level above."""

# No "from __future__ import annotations": ninja resolves the paginated endpoints' parameters.
import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from guongsang.api.params import Pages, year_query
from guongsang.core.documents import file_response
from guongsang.core.permissions import get_visible_or_404
from guongsang.decisions import package, selectors, services
from guongsang.decisions.models import Decision, Submission

router = Router()


class RecipientOut(Schema):
    order: int
    name: str
    target: str
    unit_name: str = Field(alias="unit.name")
    title_code: str = Field(alias="title.code")
    title_name: str = Field(alias="title.name")
    amount: int
    certificate_code: str | None
    award_id: UUID | None

    @staticmethod
    def resolve_target(obj: Any) -> str:
        return "collective" if obj.person_id is None else "individual"

    @staticmethod
    def resolve_award_id(obj: Any) -> UUID | None:
        return obj.award.uuid if obj.award_id else None


class DecisionOut(Schema):
    id: UUID = Field(alias="uuid")
    authority_id: UUID = Field(alias="authority.uuid")
    authority_name: str = Field(alias="authority.name")
    kind: str
    state: str
    year: int
    number: str
    decision_date: dt.date | None
    summary: str
    signer_name: str
    signed_as_deputy: bool
    amends_number: str | None
    recipient_count: int
    total_amount: int

    @staticmethod
    def resolve_number(obj: Decision) -> str:
        return obj.full_number

    @staticmethod
    def resolve_amends_number(obj: Decision) -> str | None:
        return obj.amends.full_number if obj.amends_id else None  # type: ignore[union-attr]

    @staticmethod
    def resolve_total_amount(obj: Any) -> int:
        return obj.total or 0


class DecisionDetailOut(DecisionOut):
    legal_bases: list[str]
    articles: list[str]
    recipients: list[RecipientOut]

    @staticmethod
    def resolve_legal_bases(obj: Decision) -> list[str]:
        return [line for line in obj.legal_bases.splitlines() if line.strip()]

    @staticmethod
    def resolve_articles(obj: Decision) -> list[str]:
        return [line for line in obj.articles.splitlines() if line.strip()]

    @staticmethod
    def resolve_recipients(obj: Decision) -> list[Any]:
        return list(selectors.decision_recipients(obj))


@router.get("", response=list[DecisionOut], summary="Danh sách quyết định khen thưởng")
@paginate(Pages, page_size=50)
def decision_list(request: HttpRequest, year: int | None = year_query(), state: str = "") -> Any:
    qs = selectors.decisions_visible(user=request.user)
    if year:
        qs = qs.filter(year=year)
    if state:
        qs = qs.filter(state=state)
    return qs


class SubmissionOut(Schema):
    id: UUID = Field(alias="uuid")
    authority_id: UUID = Field(alias="authority.uuid")
    authority_name: str = Field(alias="authority.name")
    to_name: str = Field(alias="to_unit.name")
    year: int
    state: str
    number: str
    submitted_on: dt.date | None
    summary: str
    item_count: int

    @staticmethod
    def resolve_number(obj: Submission) -> str:
        return obj.full_number


class SubmissionIn(Schema):
    dossier_ids: list[UUID] = Field([], max_length=500)
    summary: str = Field("", max_length=500)


class SendIn(Schema):
    on: dt.date | None = None
    signer_name: str = Field("", max_length=200)


@router.get("/submissions", response=list[SubmissionOut], summary="Các tờ trình cấp trên")
@paginate(Pages, page_size=50)
def submission_list(request: HttpRequest, year: int | None = year_query()) -> Any:
    if not request.user.has_perm("decisions.view_decision"):
        raise PermissionDenied
    qs = selectors.submissions_visible(user=request.user)
    return qs.filter(year=year) if year is not None else qs


@router.post(
    "/submissions",
    response={201: SubmissionOut},
    summary="Lập tờ trình từ các hồ sơ Hội đồng đã đề nghị (cấp trên không tự quyết định)",
)
def submission_create(request: HttpRequest, payload: SubmissionIn) -> Status[Submission]:
    if not request.user.has_perm("decisions.draft_decision"):
        raise PermissionDenied(_("Chỉ Thường trực Hội đồng được lập tờ trình."))
    chosen = list(
        selectors.dossiers_to_forward(user=request.user).filter(uuid__in=payload.dossier_ids)
    )
    if not payload.dossier_ids:
        raise ValidationError(_("Chọn ít nhất một hồ sơ đã được Hội đồng đề nghị khen."))
    if len(chosen) != len(set(payload.dossier_ids)):
        raise ValidationError(_("Có hồ sơ không tìm thấy hoặc không chờ trình cấp trên."))
    levels = {d.level_unit_id for d in chosen}
    if len(levels) != 1:
        raise ValidationError(_("Các hồ sơ phải cùng một cấp xét."))
    submission = services.submission_draft(
        actor=request.user,
        authority=chosen[0].level_unit,
        dossiers=chosen,
        summary=payload.summary,
    )
    return Status(201, selectors.submissions_visible(user=request.user).get(pk=submission.pk))


def _submission(request: HttpRequest, submission_id: UUID) -> Submission:
    return get_visible_or_404(selectors.submissions_visible(user=request.user), uuid=submission_id)


@router.post(
    "/submissions/{submission_id}/send",
    response=SubmissionOut,
    summary="Trình: cấp số tờ trình và chuyển các hồ sơ lên cấp trên",
)
def submission_send(request: HttpRequest, submission_id: UUID, payload: SendIn) -> Submission:
    submission = _submission(request, submission_id)
    services.submission_send(
        actor=request.user, submission=submission, on=payload.on, signer_name=payload.signer_name
    )
    return selectors.submissions_visible(user=request.user).get(pk=submission.pk)


@router.get(
    "/submissions/{submission_id}/package.zip",
    response={200: None},
    summary="Gói hồ sơ (ZIP): tờ trình, danh sách, báo cáo thành tích, biên bản, manifest.json",
    openapi_extra={
        "responses": {
            "200": {
                "description": "Tệp ZIP",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def submission_zip(request: HttpRequest, submission_id: UUID) -> HttpResponse:
    submission = _submission(request, submission_id)
    return file_response(
        package.package_zip(submission), package.package_filename(submission), "application/zip"
    )


@router.get(
    "/submissions/{submission_id}/package",
    response=dict,
    summary="Gói dữ liệu tờ trình gửi cấp trên",
)
def submission_package(request: HttpRequest, submission_id: UUID) -> dict[str, Any]:
    return selectors.submission_package(_submission(request, submission_id))


@router.get("/{decision_id}", response=DecisionDetailOut, summary="Một quyết định và danh sách")
def decision_detail(request: HttpRequest, decision_id: UUID) -> Decision:
    return get_visible_or_404(selectors.decisions_visible(user=request.user), uuid=decision_id)
