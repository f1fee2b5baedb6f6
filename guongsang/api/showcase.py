"""API: vườn hoa người tốt, việc tốt. Stories and the certificate check are public
(no authentication); the list of citizens' tips is the secretariat's, contacts masked."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from guongsang.api.params import Pages, year_query
from guongsang.core import ratelimit
from guongsang.core.permissions import get_visible_or_404
from guongsang.decisions.selectors import certificate_lookup
from guongsang.showcase import selectors
from guongsang.showcase.models import Story, Tip
from guongsang.showcase.search import search_stories

router = Router()


class StoryOut(Schema):
    id: UUID
    title: str
    slug: str
    year: int
    url: str
    summary: str
    honouree_name: str
    unit_name: str
    award_title: str | None
    published_at: dt.datetime | None

    @staticmethod
    def resolve_id(obj: Story) -> UUID:
        return obj.uuid

    @staticmethod
    def resolve_url(obj: Story) -> str:
        return reverse("showcase:story", args=[obj.year, obj.slug])

    @staticmethod
    def resolve_unit_name(obj: Story) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_award_title(obj: Story) -> str | None:
        return obj.award.title.name if obj.award is not None else None


class StoryDetailOut(StoryOut):
    body: str
    photo_url: str | None
    photo_alt: str

    @staticmethod
    def resolve_photo_url(obj: Story) -> str | None:
        return reverse("showcase:photo", args=[obj.uuid]) if obj.photo else None


class CertificateOut(Schema):
    code: str
    recipient_name: str
    unit_name: str
    title_name: str
    decision_number: str
    decision_date: dt.date | None
    authority: str
    revoked: bool
    revoked_on: dt.date | None = None
    revoke_reason: str = ""
    revoking_decision_number: str = ""


class TipOut(Schema):
    id: UUID
    created_at: dt.datetime
    about_who: str
    where: str
    what: str
    status: str
    tipster_name: str
    tipster_contact: str
    dossier_id: UUID | None

    @staticmethod
    def resolve_id(obj: Tip) -> UUID:
        return obj.uuid

    @staticmethod
    def resolve_tipster_name(obj: Tip) -> str:
        return obj.tipster_name_masked

    @staticmethod
    def resolve_tipster_contact(obj: Tip) -> str:
        return obj.tipster_contact_masked

    @staticmethod
    def resolve_dossier_id(obj: Tip) -> UUID | None:
        return obj.dossier.uuid if obj.dossier is not None else None


@router.get(
    "/stories", response=list[StoryOut], auth=None, summary="Câu chuyện đã đăng (công khai)"
)
@paginate(Pages, page_size=20)
def story_list(request: HttpRequest, year: int | None = year_query()) -> QuerySet[Story]:
    return selectors.browse(year=year)


@router.get(
    "/search",
    response=list[StoryOut],
    auth=None,
    summary="Tìm câu chuyện, không phân biệt dấu và chữ hoa",
)
def story_search(request: HttpRequest, q: str = "", page: int = 1) -> list[Story]:
    page = min(max(page, 1), 100)
    start = (page - 1) * 20
    found = search_stories(q).select_related(*selectors.PUBLIC_RELATED)
    return list(found[start : start + 20])


@router.get(
    "/stories/{story_id}", response=StoryDetailOut, auth=None, summary="Một câu chuyện (công khai)"
)
def story_detail(request: HttpRequest, story_id: UUID) -> Story:
    qs = selectors.published_stories().select_related(*selectors.PUBLIC_RELATED)
    return get_visible_or_404(qs, uuid=story_id)


@router.get(
    "/certificates/{code}",
    response=CertificateOut,
    auth=None,
    summary="Xác minh giấy khen, bằng khen theo mã (công khai, giới hạn số lần tra cứu)",
)
def certificate(request: HttpRequest, code: str) -> dict:
    if not ratelimit.allow(request, "lookup", ratelimit.LOOKUP_LIMIT):
        raise HttpError(429, "Tra cứu quá nhiều lần. Vui lòng thử lại sau.")
    found = certificate_lookup(code[:64])
    if found is None:
        raise Http404
    return found


@router.get("/tips", response=list[TipOut], summary="Tin báo của người dân (liên hệ đã che)")
@paginate(Pages, page_size=50)
def tip_list(request: HttpRequest, status: str = "") -> QuerySet[Tip]:
    if not request.user.has_perm("showcase.moderate_tip"):
        raise PermissionDenied
    return selectors.tips_for(user=request.user, status=status)
