"""Councils, members and sessions for the tests, built through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from guongsang.accounts.tests.factories import make_user
from guongsang.catalogue.models import BallotRule, Title
from guongsang.core.roles import Role
from guongsang.council import services
from guongsang.council.models import Council, CouncilSession, MemberRole
from guongsang.nominations import services as nominations
from guongsang.nominations.models import Dossier
from guongsang.nominations.tests.factories import make_dossier
from guongsang.people.tests.factories import make_person

HELD_ON = dt.date(2024, 11, 20)
NAMES = [
    "Nguyễn Thị Hồng Nhung",
    "Trần Quốc Việt",
    "Lê Thị Thanh Hương",
    "Phạm Đức Thắng",
    "Hoàng Thị Yến",
    "Đặng Văn Lộc",
    "Bùi Thị Ánh Tuyết",
    "Đỗ Mạnh Hùng",
    "Vũ Thị Ngọc Diệp",
    "Ngô Quang Trường",
]


def make_council(world, n: int = 7, *, prefix: str = "uv") -> Council:
    members = []
    for index in range(n):
        user = make_user(f"{prefix}{index + 1}", role=Role.COUNCIL_MEMBER, unit=world.dept)
        user.full_name = NAMES[index % len(NAMES)]
        user.save(update_fields=["full_name"])
        role = MemberRole.CHAIR if index == 0 else MemberRole.MEMBER
        members.append((user, role))
    return services.council_create(
        actor=world.secretariat,
        unit=world.dept,
        name="Hội đồng Thi đua - Khen thưởng Sở",
        members=members,
    )


def accepted_dossier(world, *, name: str = "", person=None, year: int = 2024) -> Dossier:
    if person is None and name:
        person = make_person(name, unit=world.centre)
    dossier = make_dossier(world, person=person, year=year)
    nominations.dossier_transition(actor=world.officer, dossier=dossier, action="submit")
    return nominations.dossier_transition(actor=world.secretariat, dossier=dossier, action="accept")


def set_rule(code: str, rule: str, threshold: str, strictly_above: bool) -> None:
    Title.objects.filter(code=code).update(
        ballot_rule=rule, ballot_threshold=Decimal(threshold), ballot_strictly_above=strictly_above
    )


def ninety_percent_rule() -> None:
    set_rule("nguoi-tot-viec-tot-co-so", BallotRule.OF_ALL_MEMBERS, "90", False)


def convened_session(
    world,
    council: Council,
    dossiers: list[Dossier],
    *,
    present: int | None = None,
    held_on: dt.date = HELD_ON,
    encrypted: bool = False,
) -> CouncilSession:
    """Notice, session and the attendance of the first `present` members (all by default)."""
    services.notice_publish(
        actor=world.secretariat, dossiers=dossiers, starts_on=dt.date(2024, 11, 4)
    )
    session = services.session_create(
        actor=world.secretariat,
        council=council,
        held_on=held_on,
        place="Phòng họp số 1",
        dossiers=dossiers,
        encrypted=encrypted,
    )
    users = members_of(council)
    count = len(users) if present is None else present
    services.attendance_record(
        actor=world.secretariat, session=session, present_users=users[:count]
    )
    return session


def open_session(
    world, council: Council, dossiers: list[Dossier], *, present: int | None = None
) -> CouncilSession:
    """Notice, session, attendance of the first `present` members, voting open."""
    session = convened_session(world, council, dossiers, present=present)
    return services.voting_open(actor=world.secretariat, session=session)


def open_encrypted_session(
    world, council: Council, dossiers: list[Dossier], *, held_on: dt.date = HELD_ON
) -> CouncilSession:
    """A session with encrypted ballots, all members present, both key shares made, open."""
    session = convened_session(world, council, dossiers, held_on=held_on, encrypted=True)
    for holder in (members_of(council)[0], world.secretariat):
        passphrase = f"cụm mật khẩu của {holder.username}"
        services.key_share_create(
            actor=holder, session=session, passphrase=passphrase, confirm=passphrase
        )
    return services.voting_open(actor=world.secretariat, session=session)


def members_of(council: Council) -> list:
    return [m.user for m in council.members.select_related("user").order_by("order")]
