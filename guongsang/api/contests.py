"""API: cuộc thi viết — contests, the owner unit's entries, results, and the judges' blind
score sheets (which never carry the author or the unit)."""

# No "from __future__ import annotations": ninja resolves the annotations at import.
import datetime as dt
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema

from guongsang.contests import scoring, selectors, services
from guongsang.contests.models import Contest, ContestStatus, Entry
from guongsang.core.permissions import get_visible_or_404, scope_unit_ids
from guongsang.core.roles import Role

router = Router()


class CriterionOut(Schema):
    name: str
    weight: float
    min_score: float
    max_score: float


class RoundOut(Schema):
    number: int
    name: str
    level: str
    advance_count: int | None
    closed_at: dt.datetime | None


class ContestOut(Schema):
    id: UUID = Field(alias="uuid")
    name: str
    year: int
    level: str
    organiser: str = Field(alias="organiser.name")
    status: str
    submission_deadline: dt.date
    min_words: int
    max_words: int


class ContestDetailOut(ContestOut):
    rules: str
    rounds: list[RoundOut]
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_rounds(obj: Contest) -> list:
        return list(obj.rounds.all())

    @staticmethod
    def resolve_criteria(obj: Contest) -> list:
        return list(obj.criteria.all())


class EntryOut(Schema):
    id: UUID = Field(alias="uuid")
    code: str
    title: str
    authors: str
    unit_id: UUID = Field(alias="unit.uuid")
    unit_name: str = Field(alias="unit.name")
    subject_name: str
    word_count: int
    status: str
    submitted_at: dt.datetime | None
    prize: str | None

    @staticmethod
    def resolve_prize(obj: Entry) -> str | None:
        return obj.prize.name if obj.prize is not None else None


class EntryDetailOut(EntryOut):
    text: str


class ContestResultOut(Schema):
    round: int
    round_name: str
    rank: str
    rank_normalised: str
    code: str
    title: str
    score: float
    score_normalised: float
    advanced: bool


class SheetOut(Schema):
    """A judge's score sheet: blind — code, title, subject and text only."""

    id: UUID
    contest: str
    round: str
    code: str
    title: str
    subject_name: str
    status: str


class SheetDetailOut(SheetOut):
    text: str
    scores: dict[str, float]
    comment: str


def _sheet(a) -> dict:
    return {
        "id": a.uuid,
        "contest": f"{a.round.contest.name} {a.round.contest.year}",
        "round": a.round.name,
        "code": a.entry.code,
        "title": a.entry.title,
        "subject_name": a.entry.subject_name,
        "status": a.status,
    }


@router.get("/judge/sheets", response=list[SheetOut], summary="Phiếu chấm của giám khảo")
def judge_sheets(request: HttpRequest) -> list[dict]:
    return [_sheet(a) for a in selectors.judge_assignments(user=request.user)]


@router.get("/judge/sheets/{sheet_id}", response=SheetDetailOut, summary="Một phiếu chấm (kín)")
def judge_sheet(request: HttpRequest, sheet_id: UUID) -> dict:
    a = get_visible_or_404(selectors.judge_assignments(user=request.user), uuid=sheet_id)
    return {
        **_sheet(a),
        "text": services.strip_byline(a.entry.text, a.entry.authors),
        "scores": {s.criterion.name: float(s.value) for s in a.scores.select_related("criterion")},
        "comment": a.comment,
    }


@router.get("/entries/{entry_id}", response=EntryDetailOut, summary="Một bài dự thi")
def entry_detail(request: HttpRequest, entry_id: UUID) -> Entry:
    entry = get_visible_or_404(selectors.entries_visible(user=request.user), uuid=entry_id)
    if not request.user.has_perm("contests.view_entry", entry):
        raise PermissionDenied
    return entry


@router.get("", response=list[ContestOut], summary="Các cuộc thi")
def contest_list(request: HttpRequest) -> list[Contest]:
    return list(selectors.contests_visible(user=request.user).order_by("-year"))


@router.get("/{contest_id}", response=ContestDetailOut, summary="Một cuộc thi")
def contest_detail(request: HttpRequest, contest_id: UUID) -> Contest:
    return get_visible_or_404(selectors.contests_visible(user=request.user), uuid=contest_id)


@router.get(
    "/{contest_id}/entries",
    response=list[EntryOut],
    summary="Bài dự thi (của đơn vị mình, hoặc cả cuộc thi với Thường trực)",
)
def contest_entries(request: HttpRequest, contest_id: UUID) -> list[Entry]:
    contest = get_visible_or_404(selectors.contests_visible(user=request.user), uuid=contest_id)
    entries = selectors.entries_visible(user=request.user).filter(contest=contest)
    if not request.user.has_perm("contests.manage_contest", contest):
        ids = scope_unit_ids(request.user, {Role.UNIT_OFFICER})
        entries = entries.filter(unit__in=ids) if ids is not None else entries
    return list(entries.order_by("code", "pk"))


@router.get("/{contest_id}/results", response=list[ContestResultOut], summary="Kết quả, xếp hạng")
def contest_results(request: HttpRequest, contest_id: UUID) -> list[dict]:
    contest = get_visible_or_404(selectors.contests_visible(user=request.user), uuid=contest_id)
    insider = request.user.has_perm("contests.view_results", contest)
    if not insider and contest.status != ContestStatus.PUBLISHED:
        raise PermissionDenied("Kết quả chưa được công bố.")
    out = []
    for rnd in contest.rounds.filter(closed_at__isnull=False).order_by("number"):
        members = {m.entry_id: m for m in rnd.round_entries.select_related("entry")}
        for r in scoring.rank_entries(services.round_rows(rnd)):
            m = members.get(r.entry_id)
            if m is None:
                continue
            out.append(
                {
                    "round": rnd.number,
                    "round_name": rnd.name,
                    "rank": r.raw_label,
                    "rank_normalised": r.norm_label,
                    "code": m.entry.code,
                    "title": m.entry.title,
                    "score": round(r.raw, 3),
                    "score_normalised": round(r.normalised, 3),
                    "advanced": m.advanced,
                }
            )
    return out
