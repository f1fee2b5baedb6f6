"""API: quyết định khen thưởng (the register of signed and draft decisions of the authorities
in the user's scope) and the machine-readable package of a tờ trình for the level above."""

# No "from __future__ import annotations": ninja resolves the paginated endpoints' parameters.
import datetime as dt
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from guongsang.api.params import Pages, year_query
from guongsang.core.permissions import get_visible_or_404
from guongsang.decisions import selectors
from guongsang.decisions.models import Decision

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


@router.get(
    "/submissions/{submission_id}/package",
    response=dict,
    summary="Gói dữ liệu tờ trình gửi cấp trên",
)
def submission_package(request: HttpRequest, submission_id: UUID) -> dict[str, Any]:
    submission = get_visible_or_404(
        selectors.submissions_visible(user=request.user), uuid=submission_id
    )
    return selectors.submission_package(submission)


@router.get("/{decision_id}", response=DecisionDetailOut, summary="Một quyết định và danh sách")
def decision_detail(request: HttpRequest, decision_id: UUID) -> Decision:
    return get_visible_or_404(selectors.decisions_visible(user=request.user), uuid=decision_id)
