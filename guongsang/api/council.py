"""API: hội đồng thi đua, khen thưởng — sessions with their tally (never a ballot linked to a
voter), and casting a ballot as the authenticated member."""

# No "from __future__ import annotations": ninja resolves the annotations at import.
import datetime as dt
from typing import cast
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from guongsang.accounts.models import User
from guongsang.core.permissions import get_visible_or_404
from guongsang.council import selectors, services
from guongsang.council.models import AgendaItem, Ballot, CouncilSession, SessionStatus

router = Router()


class AgendaItemOut(Schema):
    id: UUID
    dossier_id: UUID
    nominee_name: str
    title_name: str
    rule: str
    outcome: str
    yes: int | None
    no: int | None
    abstain: int | None
    written_yes: int | None
    base: int | None
    receipts: list[str]


class SessionOut(Schema):
    id: UUID
    council: str
    level_unit_id: UUID
    held_on: dt.date
    place: str
    status: str
    members_total: int
    present_total: int
    quorum: str


class SessionDetailOut(SessionOut):
    items: list[AgendaItemOut]


class VoteIn(Schema):
    choice: str = ""


class ReceiptOut(Schema):
    receipt: str


def _session_out(session: CouncilSession) -> dict:
    return {
        "id": session.uuid,
        "council": session.council.name,
        "level_unit_id": session.level_unit.uuid,
        "held_on": session.held_on,
        "place": session.place,
        "status": session.status,
        "members_total": session.members_total,
        "present_total": session.present_total,
        "quorum": f"{session.quorum_numerator}/{session.quorum_denominator}",
    }


def _visible(request: HttpRequest, session_id: UUID) -> CouncilSession:
    session = get_visible_or_404(selectors.sessions_visible(user=request.user), uuid=session_id)
    if not request.user.has_perm("council.read", session):
        raise PermissionDenied(_("Bạn không có quyền xem phiên họp này."))
    return session


@router.get("/sessions", response=list[SessionOut], summary="Các phiên họp Hội đồng")
def session_list(request: HttpRequest) -> list[dict]:
    if not request.user.has_perm("council.read"):
        raise PermissionDenied(_("Bạn không có quyền xem phiên họp Hội đồng."))
    return [_session_out(s) for s in selectors.sessions_visible(user=request.user)[:200]]


@router.get(
    "/sessions/{session_id}",
    response=SessionDetailOut,
    summary="Một phiên họp: chương trình và kết quả kiểm phiếu",
)
def session_detail(request: HttpRequest, session_id: UUID) -> dict:
    session = _visible(request, session_id)
    tallied = session.status == SessionStatus.TALLIED
    receipts: dict[int, list[str]] = {}
    if tallied:
        for row in Ballot.objects.filter(item__session=session).values("item_id", "receipt"):
            receipts.setdefault(row["item_id"], []).append(row["receipt"])
    items = []
    for item in selectors.agenda(session):
        dossier = item.dossier
        items.append(
            {
                "id": item.uuid,
                "dossier_id": dossier.uuid,
                "nominee_name": dossier.person.full_name
                if dossier.person
                else str(dossier.nominee_unit),
                "title_name": dossier.title.name,
                "rule": services.rule_text(item),
                "outcome": item.outcome,
                "yes": item.yes if tallied else None,
                "no": item.no if tallied else None,
                "abstain": item.abstain if tallied else None,
                "written_yes": item.written_yes if tallied else None,
                "base": item.base if tallied else None,
                "receipts": sorted(receipts.get(item.pk, [])),
            }
        )
    return {**_session_out(session), "items": items}


@router.post(
    "/items/{item_id}/vote",
    response={200: ReceiptOut},
    summary="Bỏ phiếu kín cho một hồ sơ (thành viên Hội đồng có mặt)",
)
def vote(request: HttpRequest, item_id: UUID, payload: VoteIn) -> dict:
    visible = selectors.sessions_visible(user=request.user).values("pk")
    item = get_visible_or_404(
        AgendaItem.objects.filter(session__in=visible).select_related("session"), uuid=item_id
    )
    if not request.user.has_perm("council.vote", item.session):
        raise PermissionDenied(_("Bạn không phải thành viên Hội đồng của phiên họp này."))
    voter = cast(User, request.user)  # authenticated by the router's auth
    receipt = services.ballot_cast(voter=voter, item=item, choice=payload.choice)
    return {"receipt": receipt}
