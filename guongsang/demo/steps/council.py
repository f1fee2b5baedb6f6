"""The councils of the demo and their sessions.

`seed()` (called by the demo builder after the dossiers) creates the department's council,
chaired by the Director, and the city's, with the Head of the City Emulation Board as its
standing member; publishes this year's accepted dossier with an objection answered; and leaves
one session of this year open so that the login “hoidong” can vote in the browser.

`run_session()` takes dossiers through notice → session → attendance → votes → tally; the
decisions demo uses it for the 2022 and 2023 cycles.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from guongsang.accounts.models import User
from guongsang.catalogue.models import BallotRule
from guongsang.core.types import Actor
from guongsang.council import services
from guongsang.council.models import (
    AgendaItem,
    Choice,
    Council,
    CouncilSession,
    MemberRole,
)
from guongsang.demo import facts
from guongsang.demo.context import DemoContext
from guongsang.demo.steps.users import demo_user_create
from guongsang.nominations.models import Dossier, State, Track
from guongsang.org.models import Unit
from guongsang.people.models import Person, Position

HEAD_OF = "head-of:"  # the person heading the unit with this code
DEPARTMENT_PLACE = "Phòng họp tầng 3, trụ sở Sở Lao động - Thương binh và Xã hội"
CITY_PLACE = "Phòng họp số 2, trụ sở UBND Thành phố Hà Nội"

# (login, full name, person of the demo to link, role) — logins created here if missing.
DEPARTMENT_MEMBERS: list[tuple[str, str, str, str]] = [
    ("giamdoc", facts.DIRECTOR.full_name, facts.DIRECTOR.full_name, MemberRole.CHAIR),
    (
        "hoidong2",
        facts.DEPUTY_DIRECTOR.full_name,
        facts.DEPUTY_DIRECTOR.full_name,
        MemberRole.VICE,
    ),
    ("thuongtruc", "Trần Thu Hà", "", MemberRole.SECRETARY),
    ("hoidong", "Vũ Thị Lan Anh", "", MemberRole.MEMBER),
    # The head of the Agent Orange centre sits on the council: the agenda flags the conflict.
    ("hoidong3", "", HEAD_OF + facts.DIOXIN_CENTRE, MemberRole.MEMBER),
    ("hoidong4", "Đinh Văn Khải", "", MemberRole.MEMBER),
    ("hoidong5", "Lương Thị Mai", "", MemberRole.MEMBER),
]
CITY_MEMBERS: list[tuple[str, str, str, str]] = [
    (
        "hdtp1",
        facts.CITY_VICE_CHAIRMAN.full_name,
        facts.CITY_VICE_CHAIRMAN.full_name,
        MemberRole.VICE,
    ),
    (
        "hdtp2",
        facts.CITY_BOARD_HEAD.full_name,
        facts.CITY_BOARD_HEAD.full_name,
        MemberRole.SECRETARY,
    ),
    ("bantdkt", "Phạm Minh Đức", "", MemberRole.MEMBER),
    ("hdtp3", "Trịnh Thị Ngọc Ánh", "", MemberRole.MEMBER),
    ("hdtp4", "Hà Minh Quân", "", MemberRole.MEMBER),
]
NEW_LOGINS = ["hoidong2", "hoidong3", "hoidong4", "hoidong5", "hdtp1", "hdtp2", "hdtp3", "hdtp4"]
OBJECTION_TEXT = (
    "Đề nghị làm rõ thời gian công tác tại đơn vị của người được đề nghị trong năm xét khen."
)
OBJECTION_ANSWER = (
    "Thường trực đã xác minh với đơn vị: người được đề nghị công tác liên tục cả năm, đủ điều "
    "kiện xét."
)


def _member_users(spec: list[tuple[str, str, str, str]]) -> list[tuple[User, str]]:
    users = {u.username: u for u in User.objects.filter(username__in=[s[0] for s in spec])}
    names = [s[2] for s in spec if s[2]]
    people = {p.full_name: p for p in Person.objects.filter(full_name__in=names)}
    members = []
    for login, full_name, person_name, role in spec:
        user = users.get(login)
        person = people.get(person_name)
        if person_name.startswith(HEAD_OF):
            person = _head_of(person_name.removeprefix(HEAD_OF))
        if user is None:
            user = demo_user_create(
                actor=None,
                username=login,
                full_name=full_name or (person.full_name if person else login),
                person=person,
            )
        members.append((user, role))
    return members


def _head_of(code: str) -> Person | None:
    position = (
        Position.objects.filter(
            unit__code=code, valid_to__isnull=True, title__startswith="Giám đốc"
        )
        .select_related("person")
        .order_by("valid_from", "id")
        .first()
    )
    return position.person if position else None


def _council(unit: Unit, name: str, spec: list[tuple[str, str, str, str]]) -> Council:
    found = services.council_for(unit)
    return found or services.council_create(
        actor=None, unit=unit, name=name, members=_member_users(spec)
    )


def before_working_days(day: dt.date, days: int) -> dt.date:
    """A start date whose notice period of `days` working days ends before `day`."""
    start = day - dt.timedelta(days=1)
    while services.add_working_days(start, days) >= day or start.weekday() >= 5:
        start -= dt.timedelta(days=1)
    return start


def _default_choices(rng: random.Random, voters: int, item: AgendaItem) -> list[str]:
    """A realistic spread: nearly all yes; under the 90% rule everyone present says yes."""
    if item.ballot_rule == BallotRule.OF_ALL_MEMBERS:
        return [str(Choice.YES)] * voters
    choices: list[str] = [Choice.YES] * voters
    if voters >= 5 and rng.random() < 0.6:
        choices[-1] = rng.choice([Choice.NO, Choice.ABSTAIN])
    return choices


def run_session(
    *,
    council: Council,
    year: int,
    dossiers: Sequence[Dossier],
    held_on: dt.date,
    place: str,
    actor: Actor,
    votes: Mapping[int, tuple[int, int, int]] | None = None,
) -> CouncilSession:
    """A whole council cycle for `dossiers` (accepted, in public notice, or already sent to
    the council): notice (5 working days before `held_on`), session, attendance (all but the
    last member when the quorum allows), votes, written opinions of the absent for the 90%
    titles, and the tally. `votes` maps a dossier's pk to (yes, no, abstain) among the members
    present; the others get a realistic spread. Deterministic for a given year."""
    rng = random.Random(f"council-{council.pk}-{year}")
    votes = votes or {}
    with transaction.atomic():
        to_publish = [d for d in dossiers if d.state == State.ACCEPTED and d.track != Track.AD_HOC]
        if to_publish:
            services.notice_publish(
                actor=actor,
                dossiers=to_publish,
                starts_on=before_working_days(held_on, 5),
                title=f"Công khai danh sách đề nghị khen thưởng năm {year}",
            )
        for dossier in dossiers:
            dossier.refresh_from_db()
        session = services.session_create(
            actor=actor, council=council, held_on=held_on, place=place, dossiers=dossiers
        )
        members = list(council.members.select_related("user"))
        absent = members[-1:] if len(members) >= 4 else []
        present = [m for m in members if m not in absent]
        services.attendance_record(
            actor=actor, session=session, present_users=[m.user for m in present]
        )
        services.voting_open(actor=actor, session=session)
        for item in session.items.select_related("dossier").order_by("order"):
            voters = [m for m in present if not services.is_nominee(m, item.dossier)]
            if item.dossier_id in votes:
                yes, no, abstain = votes[item.dossier_id]
                choices = [str(Choice.YES)] * yes + [str(Choice.NO)] * no
                choices += [str(Choice.ABSTAIN)] * abstain
            else:
                choices = _default_choices(rng, len(voters), item)
            for member, choice in zip(voters, choices, strict=False):
                services.ballot_cast(voter=member.user, item=item, choice=choice)
            if item.ballot_rule == BallotRule.OF_ALL_MEMBERS:
                for member in absent:
                    services.written_opinion_record(
                        actor=actor, item=item, member_user=member.user, choice=Choice.YES
                    )
        services.voting_close(actor=actor, session=session)
    session.refresh_from_db()
    return session


def department_council() -> Council:
    return _council(
        Unit.objects.get(code=facts.DEPARTMENT),
        "Hội đồng Thi đua - Khen thưởng Sở Lao động - Thương binh và Xã hội",
        DEPARTMENT_MEMBERS,
    )


def city_council() -> Council:
    return _council(
        Unit.objects.get(code=facts.CITY),
        "Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội",
        CITY_MEMBERS,
    )


@transaction.atomic
def seed() -> CouncilSession | None:
    """Councils of the department and the city, this year's notice with an objection, and one
    session left open for voting. Returns that session (None if there is nothing to vote on).

    Long on purpose: A demo scenario told in order: the councils, this year's notice with its
    objection, the session left open."""
    department = department_council()
    city_council()
    today = timezone.localdate()
    # The plain session of today (the encrypted one of the ballots step is held the same day).
    already = CouncilSession.objects.filter(
        council=department, held_on=today, encrypted=False
    ).first()
    if already is not None:  # seeded before: nothing to add
        return already
    secretariat = User.objects.get(username="thuongtruc")
    year = Dossier.objects.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        return None
    mine = Dossier.objects.filter(year=year, level_unit=department.unit).order_by("created_at")
    # The last one accepted waits for the next notice: the demo keeps a dossier in every state.
    accepted = [d for d in mine.filter(state=State.ACCEPTED, track=Track.YEARLY)][:-1]
    if accepted:
        notice = services.notice_publish(
            actor=secretariat,
            dossiers=accepted,
            starts_on=today,
            title=f"Công khai danh sách đề nghị khen thưởng năm {year}",
        )
        objection = services.objection_record(
            actor=secretariat,
            notice=notice,
            dossier=accepted[0],
            who="Nguyễn Văn Tâm",
            contact="0912345678",
            text=OBJECTION_TEXT,
        )
        services.objection_answer(actor=secretariat, objection=objection, answer=OBJECTION_ANSWER)
    # On today's agenda: what has ended its notice with every objection answered, and the
    # ad-hoc dossiers, which skip the notice.
    candidates = list(
        mine.filter(
            Q(state__in=[State.PUBLIC_NOTICE, State.COUNCIL])
            | Q(state=State.ACCEPTED, track=Track.AD_HOC)
        ).exclude(pk__in=[d.pk for d in accepted])
    )
    blocked = services.agenda_blockers(candidates, on=today)
    agenda = [d for d in candidates if d.pk not in blocked]
    if not agenda:
        return None
    session = services.session_create(
        actor=secretariat,
        council=department,
        held_on=today,
        place=DEPARTMENT_PLACE,
        dossiers=agenda,
    )
    members = list(department.members.select_related("user"))
    present = [m.user for m in members if m.user.username != "hoidong5"]
    services.attendance_record(actor=secretariat, session=session, present_users=present)
    services.voting_open(actor=secretariat, session=session)
    # The chair and the vice chair have already voted; "hoidong" has not.
    for item in session.items.select_related("dossier"):
        for member in members[:2]:
            if not services.is_nominee(member, item.dossier):
                services.ballot_cast(voter=member.user, item=item, choice=Choice.YES)
    session.refresh_from_db()
    return session


def step(ctx: DemoContext) -> None:
    ctx.made["open_sessions"] = 1 if seed() is not None else 0
