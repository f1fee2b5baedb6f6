"""Initiatives (sáng kiến): the register and one initiative with its authors and findings.

What a caller sees is cut by `initiatives.selectors.initiative_list` (the unit the initiative
belongs to, within the caller's grants), the same read as the register's pages.
"""

# No "from __future__ import annotations": ninja resolves the annotations at runtime.
import datetime as dt
from decimal import Decimal
from enum import Enum
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from guongsang.api.params import Pages, year_query
from guongsang.initiatives import selectors
from guongsang.initiatives.models import Assessment, Initiative
from guongsang.initiatives.models import Field as SolutionField
from guongsang.initiatives.models import Scope as ScopeChoice
from guongsang.initiatives.models import Status as StatusChoice

router = Router()

StatusParam = Enum("StatusParam", {s.name: s.value for s in StatusChoice}, type=str)  # type: ignore[misc]
ScopeParam = Enum("ScopeParam", {s.name: s.value for s in ScopeChoice}, type=str)  # type: ignore[misc]
FieldParam = Enum("FieldParam", {s.name: s.value for s in SolutionField}, type=str)  # type: ignore[misc]


class AuthorOut(Schema):
    person_id: UUID = Field(alias="person.uuid")
    full_name: str = Field(alias="person.full_name")
    share: Decimal = Field(description="Tỷ lệ đóng góp, phần trăm")


class AssessmentOut(Schema):
    council: str
    score: Decimal
    recognised: bool
    scope: str = Field(
        description="base (cơ sở), city (thành phố), national (toàn quốc); "
        "trống khi không công nhận"
    )
    decision_number: str
    decision_date: dt.date


class InitiativeOut(Schema):
    id: UUID = Field(alias="uuid")
    title: str
    unit_id: UUID = Field(alias="unit.uuid")
    unit_name: str = Field(alias="unit.name")
    field: str = Field(description="technical, management, operations, applied")
    field_label: str
    status: str = Field(description="registered, recognised, refused")
    scope: str = Field(description="Phạm vi công nhận rộng nhất: base, city, national (hoặc trống)")
    started_on: dt.date
    registered_on: dt.date
    authors: list[AuthorOut]
    decision_number: str = Field(description="Quyết định công nhận ở phạm vi rộng nhất")
    decision_date: dt.date | None

    @staticmethod
    def resolve_field_label(obj: Initiative) -> str:
        return str(obj.get_field_display())

    @staticmethod
    def resolve_authors(obj: Initiative) -> list[object]:
        return list(obj.authors.all())

    @staticmethod
    def resolve_decision_number(obj: Initiative) -> str:
        found = _widest(obj)
        return found.decision_number if found else ""

    @staticmethod
    def resolve_decision_date(obj: Initiative) -> dt.date | None:
        found = _widest(obj)
        return found.decision_date if found else None


class InitiativeDetailOut(InitiativeOut):
    description: str
    assessments: list[AssessmentOut]

    @staticmethod
    def resolve_assessments(obj: Initiative) -> list[object]:
        return list(obj.assessments.all())


def _widest(obj: Initiative) -> Assessment | None:
    """The finding that gave the initiative its widest scope (the register's), the latest
    of those; from the prefetched findings."""
    found = [a for a in obj.assessments.all() if a.recognised and a.scope == obj.scope]
    return found[-1] if found else None


def _with_findings(qs: QuerySet[Initiative]) -> QuerySet[Initiative]:
    findings = Assessment.objects.order_by("decision_date", "id")
    return qs.prefetch_related(Prefetch("assessments", queryset=findings))


@router.get(
    "",
    response=list[InitiativeOut],
    summary="Sổ sáng kiến",
    description=(
        "Các sáng kiến của đơn vị trong phạm vi được xem. `status=recognised`: sổ sáng kiến đã "
        "được công nhận; `scope`: công nhận ở phạm vi này hoặc rộng hơn (base ⊂ city ⊂ "
        "national); `year`: năm đăng ký; `q`: tên sáng kiến hoặc tên tác giả."
    ),
)
@paginate(Pages, page_size=50)
def initiative_list(
    request: HttpRequest,
    status: StatusParam | None = None,
    scope: ScopeParam | None = None,
    field: FieldParam | None = None,
    year: int | None = year_query(),
    q: str = Query("", max_length=200),
) -> QuerySet[Initiative]:
    if not request.user.has_perm("initiatives.view_initiative"):
        raise PermissionDenied
    qs = selectors.initiative_list(
        user=request.user,
        status=status.value if status else "",
        scope=scope.value if scope else "",
        field=field.value if field else "",
        year=year,
        query=q,
    )
    return _with_findings(qs)


@router.get("/{initiative_id}", response=InitiativeDetailOut, summary="Một sáng kiến")
def initiative_detail(request: HttpRequest, initiative_id: UUID) -> Initiative:
    initiative = selectors.initiative_detail(user=request.user, uuid=initiative_id)
    if not request.user.has_perm("initiatives.view_initiative", initiative):
        raise PermissionDenied
    return _with_findings(selectors.initiative_list(user=request.user)).get(pk=initiative.pk)
