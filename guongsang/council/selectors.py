"""Reads of the council's work, cut to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from guongsang.core.permissions import is_superuser, scope_unit_ids
from guongsang.council.models import (
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    CouncilSession,
    Participation,
    PublicNotice,
    SessionStatus,
)
from guongsang.council.permissions import MANAGE_ROLES, READ_ROLES
from guongsang.nominations.eligibility import check_dossier
from guongsang.nominations.models import Dossier, State, Track
from guongsang.nominations.services import REVIEWING_TYPES
from guongsang.people.models import Position


def sessions_visible(*, user: Any) -> QuerySet[CouncilSession]:
    """Sessions of the levels the user reads, and of the councils the user sits on."""
    qs = CouncilSession.objects.select_related("council", "level_unit")
    if is_superuser(user):
        return qs
    member_of = CouncilMember.objects.filter(user=user).values("council_id")
    return qs.filter(Q(level_unit__in=scope_unit_ids(user, READ_ROLES)) | Q(council__in=member_of))


def notices_visible(*, user: Any) -> QuerySet[PublicNotice]:
    qs = PublicNotice.objects.select_related("level_unit")
    if is_superuser(user):
        return qs
    return qs.filter(level_unit__in=scope_unit_ids(user, READ_ROLES))


def notices_running(*, on: Any) -> QuerySet[PublicNotice]:
    """The notices open for objections on the day `on`, for the public site."""
    return (
        PublicNotice.objects.filter(starts_on__lte=on, ends_on__gte=on)
        .select_related("level_unit")
        .prefetch_related(
            Prefetch(
                "dossiers",
                queryset=Dossier.objects.select_related(
                    "title", "person", "nominee_unit", "unit"
                ).order_by("pk"),
            )
        )
        .order_by("ends_on", "pk")
    )


def in_managed_levels(qs: QuerySet, user: Any, field: str) -> QuerySet:
    ids = scope_unit_ids(user, MANAGE_ROLES)
    return qs if ids is None else qs.filter(**{f"{field}__in": ids})


def councils_managed(*, user: Any) -> QuerySet[Council]:
    return in_managed_levels(Council.objects.filter(active=True), user, "unit")


def _managed_dossiers(user: Any) -> QuerySet[Dossier]:
    qs = Dossier.objects.select_related("title", "person", "nominee_unit", "unit")
    return in_managed_levels(qs, user, "level_unit")


def dossiers_to_publish(*, user: Any) -> QuerySet[Dossier]:
    return _managed_dossiers(user).filter(
        state=State.ACCEPTED, track__in=[Track.YEARLY, Track.THEMATIC]
    )


def dossiers_for_agenda(*, user: Any) -> QuerySet[Dossier]:
    busy = AgendaItem.objects.filter(
        session__status__in=[SessionStatus.DRAFT, SessionStatus.OPEN, SessionStatus.COUNTING]
    ).values("dossier_id")
    return (
        _managed_dossiers(user)
        .filter(
            Q(state__in=[State.PUBLIC_NOTICE, State.COUNCIL])
            | Q(state=State.ACCEPTED, track=Track.AD_HOC)
        )
        .exclude(pk__in=busy)
    )


def _agenda_items(qs: QuerySet[AgendaItem]) -> QuerySet[AgendaItem]:
    return (
        qs.select_related(
            "dossier__title",
            "dossier__person__home_unit__parent",
            "dossier__nominee_unit__parent",
            "dossier__unit",
        )
        .prefetch_related("dossier__objections", "dossier__files")
        .order_by("order", "id")
    )


def agenda(session: CouncilSession) -> list[AgendaItem]:
    return list(_agenda_items(session.items.all()))


HEAD_TITLES = ("giám đốc", "trưởng", "hiệu trưởng", "chủ tịch", "chánh", "thủ trưởng")


def _is_head(title: str) -> bool:
    words = title.lower().removeprefix("phó ").strip()
    return words.startswith(HEAD_TITLES)


@dataclass(frozen=True)
class Conflict:
    """Xung đột lợi ích of a member with an agenda item."""

    member: CouncilMember
    kind: str  # "self" (may not vote), "superior", "same_unit"
    label: str


def conflicts(session: CouncilSession, items: list[AgendaItem]) -> dict[int, list[Conflict]]:
    """Members who are the nominee (refused at the ballot), the nominee's direct superior (a
    head or deputy head of the nominee's unit; of the unit above it for a collective, or for a
    person when that unit is in the same institution) or who work in the nominee's unit
    (flagged for the chair to decide)."""
    members = [
        m for m in session.council.members.select_related("user__person") if m.user.person_id
    ]
    person_ids = [m.user.person_id for m in members]
    positions = list(
        Position.objects.filter(person_id__in=person_ids, valid_to__isnull=True).select_related(
            "unit"
        )
    )
    by_person: dict[int, list[Position]] = {}
    for position in positions:
        by_person.setdefault(position.person_id, []).append(position)
    found: dict[int, list[Conflict]] = {}
    for item in items:
        dossier = item.dossier
        if dossier.person is not None:
            home_unit = dossier.person.home_unit
            # A person's superiors: the heads of their unit and, inside the same institution
            # (a division of a centre), of the unit above; not the department's director.
            parent = home_unit.parent
            above = parent.pk if parent and parent.unit_type not in REVIEWING_TYPES else None
        else:
            assert dossier.nominee_unit is not None
            home_unit = dossier.nominee_unit
            above = home_unit.parent_id  # a collective's superior heads the unit above it
        home = home_unit.pk
        superior_units = {home, above} - {None}
        rows: list[Conflict] = []
        for member in members:
            person = member.user.person
            assert person is not None
            held = by_person.get(person.pk, [])
            if person.pk == dossier.person_id:
                rows.append(Conflict(member, "self", _("là người được đề nghị: không bỏ phiếu")))
            elif any(p.unit_id in superior_units and _is_head(p.title) for p in held):
                rows.append(Conflict(member, "superior", _("là lãnh đạo trực tiếp")))
            elif person.home_unit_id == home or any(p.unit_id == home for p in held):
                rows.append(Conflict(member, "same_unit", _("cùng đơn vị")))
        if rows:
            found[item.pk] = rows
    return found


def member_of(session: CouncilSession, user: Any) -> CouncilMember | None:
    return CouncilMember.objects.filter(council_id=session.council_id, user=user).first()


def voted_item_ids(member: CouncilMember | None, items: list[AgendaItem]) -> set[int]:
    if member is None:
        return set()
    return set(
        Participation.objects.filter(member=member, item__in=items).values_list(
            "item_id", flat=True
        )
    )


def open_sessions_for_member(*, user: Any) -> QuerySet[CouncilSession]:
    return (
        CouncilSession.objects.filter(status=SessionStatus.OPEN, council__members__user=user)
        .select_related("council", "level_unit")
        .distinct()
    )


def open_ballots_for_member(
    *, user: Any
) -> list[tuple[CouncilSession, list[AgendaItem], set[int]]]:
    """The open sessions the user sits on, each with its agenda and the items the user has
    voted on: a fixed number of queries however many sessions are open."""
    sessions = list(open_sessions_for_member(user=user))
    if not sessions:
        return []
    items_by_session: dict[int, list[AgendaItem]] = {s.pk: [] for s in sessions}
    for item in _agenda_items(AgendaItem.objects.filter(session__in=sessions)):
        items_by_session[item.session_id].append(item)
    member_by_council = {
        m.council_id: m.pk
        for m in CouncilMember.objects.filter(
            user=user, council_id__in={s.council_id for s in sessions}
        )
    }
    council_by_item = {item.pk: s.council_id for s in sessions for item in items_by_session[s.pk]}
    voted = {
        item_id
        for item_id, member_id in Participation.objects.filter(
            member_id__in=member_by_council.values(), item_id__in=council_by_item
        ).values_list("item_id", "member_id")
        if member_by_council.get(council_by_item[item_id]) == member_id
    }
    return [
        (s, items_by_session[s.pk], {i.pk for i in items_by_session[s.pk] if i.pk in voted})
        for s in sessions
    ]


@dataclass
class BallotLine:
    """One agenda item as a member sees it on the ballot page: the dossier to read, and
    whether and why the member may vote on it."""

    item: AgendaItem
    findings: list[Any]
    conflicts: list[Conflict]
    voted: bool
    absent: bool

    @property
    def recused(self) -> bool:
        return any(c.kind == "self" for c in self.conflicts)

    @property
    def can_vote(self) -> bool:
        return not (self.voted or self.absent or self.recused)


@dataclass
class BallotSession:
    """One open session on the member's ballot page, told apart from the council's other
    sessions by its number (phiên họp thứ N of that council), date, place and kind of ballot."""

    session: CouncilSession
    number: int
    lines: list[BallotLine]

    @property
    def left_to_vote(self) -> int:
        return sum(1 for line in self.lines if line.can_vote)


def session_numbers(sessions: list[CouncilSession]) -> dict[int, int]:
    """Each session's rank among its council's sessions, by meeting date then creation."""
    numbers: dict[int, int] = {}
    counted: dict[int, int] = {}
    rows = (
        CouncilSession.objects.filter(council_id__in={s.council_id for s in sessions})
        .order_by("held_on", "pk")
        .values_list("pk", "council_id")
    )
    for pk, council_id in rows:
        counted[council_id] = counted.get(council_id, 0) + 1
        numbers[pk] = counted[council_id]
    return numbers


def ballot_sheet(*, user: Any) -> list[BallotSession]:
    """The open sessions the user sits on, each item with what the member needs to decide:
    the summary and report, files, objections and answers, eligibility checks, conflicts."""
    sheet = []
    opened = open_ballots_for_member(user=user)
    numbers = session_numbers([session for session, _items, _voted in opened])
    for session, items, voted in opened:
        member = member_of(session, user)
        present = Attendance.objects.filter(session=session, member=member, present=True).exists()
        found = conflicts(session, items)
        mine = {
            item_id: [c for c in rows if c.member.pk == getattr(member, "pk", None)]
            for item_id, rows in found.items()
        }
        lines = [
            BallotLine(
                item=item,
                findings=check_dossier(item.dossier),
                conflicts=mine.get(item.pk, []),
                voted=item.pk in voted,
                absent=not present,
            )
            for item in items
        ]
        sheet.append(BallotSession(session=session, number=numbers[session.pk], lines=lines))
    return sheet
