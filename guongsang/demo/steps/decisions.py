"""The 2022 and 2023 cycles of the demo, through the real machinery: dossiers of "Người tốt,
việc tốt" → the department's council → the Director's signed decision (base level), and the
city-level ones forwarded with a tờ trình → the city's council → the city's signed decision,
with the outcome written back. Also the two enterprises' Bằng khen of the City Chairman (2022)
and the city council's proposal of the department for the Prime Minister's Bằng khen.

The people are those the award history chose (guongsang.demo.steps.awards.planned_in_decisions), so
every figure of the articles comes out of signed decisions: 5 + 21 in 2022, 5 + 22 in 2023.
`seed()` runs after the demo builder and the council demo; it does nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction

from guongsang.accounts.models import User
from guongsang.catalogue.models import Title
from guongsang.core.formatting import file_slug
from guongsang.core.types import Actor
from guongsang.decisions import services
from guongsang.decisions.models import AuthorityProfile, Decision, NumberCounter, Series
from guongsang.demo import facts
from guongsang.demo.context import DemoContext
from guongsang.demo.steps.awards import (
    CITY_ISSUER,
    DECISIONS_PER_DAY,
    DEPARTMENT_ISSUER,
    GOOD_PERSON_BASE,
    GOOD_PERSON_CITY,
    planned_in_decisions,
)
from guongsang.demo.steps.dossiers import with_minutes
from guongsang.nominations import services as dossiers
from guongsang.nominations.models import Dossier, State
from guongsang.org.models import Unit, UnitType
from guongsang.people.models import Person

CITY_SIGNER = ("lanhdaotp", facts.CITY_VICE_CHAIRMAN.full_name)
ENTERPRISES = (
    ("dn-may-thang-long", "Công ty Cổ phần May Thăng Long"),
    ("dn-co-khi-ha-noi", "Tổng công ty Cơ khí Hà Nội"),
)
ENTERPRISE_DECISION_2022 = dt.date(2022, 8, 26)
PM_PROPOSAL_2022 = dt.date(2022, 10, 14)
SUMMARIES = (
    "Tận tụy chăm sóc, điều trị cho nạn nhân chất độc da cam/dioxin.",
    "Dũng cảm cứu người bị nạn, không ngại nguy hiểm.",
    "Nhặt được tài sản có giá trị, trả lại cho người đánh mất.",
    "Nhiều năm hiến máu tình nguyện và vận động đồng nghiệp cùng tham gia.",
    "Sáng kiến cải tiến quy trình tiếp nhận, giải quyết hồ sơ người có công.",
    "Tận tâm với học sinh học nghề có hoàn cảnh khó khăn.",
)
PLACE_DEPARTMENT = "Phòng họp tầng 3, trụ sở Sở Lao động - Thương binh và Xã hội"
PLACE_CITY = "Phòng họp số 2, trụ sở UBND Thành phố Hà Nội"


def _users() -> dict[str, User]:
    from guongsang.accounts.services import grant_role
    from guongsang.core.roles import Role
    from guongsang.demo.steps.users import demo_user_create

    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["thuongtruc", "giamdoc", "bantdkt", CITY_SIGNER[0]]
        )
    }
    if CITY_SIGNER[0] not in users:
        city = Unit.objects.get(code=facts.CITY)
        user = demo_user_create(actor=None, username=CITY_SIGNER[0], full_name=CITY_SIGNER[1])
        grant_role(actor=None, user=user, role=Role.SIGNER, unit=city)
        users[user.username] = user
    return users


def ensure_profiles(department: Unit, city: Unit) -> None:
    AuthorityProfile.objects.get_or_create(
        authority=department,
        defaults={
            "code": DEPARTMENT_ISSUER.removeprefix("QĐ-"),
            "parent_name": "UBND THÀNH PHỐ HÀ NỘI",
            "issuer_name": "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
            "head_title": "GIÁM ĐỐC",
            "deputy_title": "PHÓ GIÁM ĐỐC",
        },
    )
    AuthorityProfile.objects.get_or_create(
        authority=city,
        defaults={
            "code": CITY_ISSUER.removeprefix("QĐ-"),
            "parent_name": "",
            "issuer_name": "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
            "head_title": "CHỦ TỊCH",
            "deputy_title": "PHÓ CHỦ TỊCH",
        },
    )


def _register_at(authority: Unit, on: dt.date, issuer: str) -> None:
    """The register of a year began long before the demo: start it at a plausible number."""
    start = (on.timetuple().tm_yday - 1) * DECISIONS_PER_DAY[issuer]
    counter, _created = NumberCounter.objects.get_or_create(
        authority=authority, series=Series.DECISION, year=on.year
    )
    if counter.last < start:
        counter.last = start
        counter.save(update_fields=["last"])


def _accepted(
    *,
    actor: Actor,
    unit: Unit,
    title: Title,
    year: int,
    index: int,
    person: Person | None = None,
    nominee_unit: Unit | None = None,
    meeting: dt.date,
) -> Dossier:
    """A complete dossier, submitted and accepted by the level's secretariat."""
    dossier = dossiers.dossier_create(
        actor=actor,
        unit=unit,
        title=title,
        year=year,
        person=person,
        nominee_unit=nominee_unit,
        summary=SUMMARIES[index % len(SUMMARIES)],
        report="Báo cáo thành tích do đơn vị lập, có xác nhận của thủ trưởng đơn vị.",
    )
    with_minutes(actor=actor, dossier=dossier, votes_yes=18, votes_total=20, meeting=meeting)
    dossiers.dossier_transition(actor=actor, dossier=dossier, action="submit")
    return dossiers.dossier_transition(actor=actor, dossier=dossier, action="accept")


def _council(
    *, unit: Unit, year: int, items: list[Dossier], held_on: dt.date, place: str, actor: Actor
) -> list[Dossier]:
    """The council step: notice, session, secret ballots and tally (the council app)."""
    from guongsang.council.services import council_for
    from guongsang.demo.steps import council as council_demo

    council = council_for(unit)
    if council is None:
        council = (
            council_demo.city_council()
            if unit.unit_type == UnitType.CITY
            else council_demo.department_council()
        )
    council_demo.run_session(
        council=council, year=year, dossiers=items, held_on=held_on, place=place, actor=actor
    )
    fresh = list(Dossier.objects.filter(pk__in=[d.pk for d in items]).order_by("pk"))
    refused = [d for d in fresh if d.state != State.RECOMMENDED]
    assert not refused, [f"{d}: {d.state}" for d in refused]
    return fresh


def _sign(
    *,
    secretariat: User,
    signer: User,
    authority: Unit,
    items: list[Dossier],
    on: dt.date,
    issuer: str,
    signer_name: str,
    deputy: bool = False,
    summary: str = "",
) -> Decision:
    draft = services.decision_draft(
        actor=secretariat, authority=authority, dossiers=items, decision_date=on, summary=summary
    )
    _register_at(authority, on, issuer)
    return services.decision_sign(
        actor=signer, decision=draft, on=on, signer_name=signer_name, as_deputy=deputy
    )


def _cycle(year: int, plan: list[Any], ctx: dict[str, Any]) -> None:
    """A demo scenario told in order: one year's dossiers through the department's council, its
    decision, the submission to the city, the city's council and decision."""
    department, city = ctx["department"], ctx["city"]
    users, titles = ctx["users"], ctx["titles"]
    secretariat, city_secretariat = users["thuongtruc"], users["bantdkt"]
    by_code: dict[str, list[Any]] = defaultdict(list)
    for row in plan:
        by_code[row.code].append(row)
    base, upward = by_code[GOOD_PERSON_BASE], by_code[GOOD_PERSON_CITY]
    dept_on, city_on = base[0].on, upward[0].on
    held_on = min(dept_on, city_on) - dt.timedelta(days=21)
    people = Person.objects.in_bulk([r.person_id for r in plan])
    units = Unit.objects.in_bulk([r.unit_id for r in plan])

    def propose(rows: list[Any], code: str, offset: int) -> list[Dossier]:
        return [
            _accepted(
                actor=secretariat,
                unit=_proposing_unit(units[r.unit_id], people[r.person_id], department),
                title=titles[code],
                year=year,
                index=offset + i,
                person=people[r.person_id],
                meeting=held_on - dt.timedelta(days=30),
            )
            for i, r in enumerate(rows)
        ]

    proposed = propose(base, GOOD_PERSON_BASE, 0) + propose(upward, GOOD_PERSON_CITY, len(base))
    recommended = _council(
        unit=department,
        year=year,
        items=proposed,
        held_on=held_on,
        place=PLACE_DEPARTMENT,
        actor=secretariat,
    )
    to_decide = [d for d in recommended if d.title.code == GOOD_PERSON_BASE]
    to_forward = [d for d in recommended if d.title.code == GOOD_PERSON_CITY]
    _sign(
        secretariat=secretariat,
        signer=users["giamdoc"],
        authority=department,
        items=to_decide,
        on=dept_on,
        issuer=DEPARTMENT_ISSUER,
        signer_name=facts.DIRECTOR.full_name,
    )
    submission = services.submission_draft(
        actor=secretariat, authority=department, dossiers=to_forward
    )
    services.submission_send(
        actor=secretariat,
        submission=submission,
        on=held_on + dt.timedelta(days=2),
        signer_name=facts.DIRECTOR.full_name,
    )
    uppers = []
    for upper in Dossier.objects.filter(forwarded_from__in=to_forward).order_by("pk"):
        # The department's own dossier counts as a duplicate of the one it became above
        # (nominations.eligibility does not follow forwarded_from yet): the city lets it through.
        dossiers.check_override(
            actor=city_secretariat,
            dossier=upper,
            check_code="duplicate",
            reason="Hồ sơ do Sở trình lên: cùng một hồ sơ ở cấp Thành phố.",
        )
        uppers.append(
            dossiers.dossier_transition(actor=city_secretariat, dossier=upper, action="accept")
        )
    extra = ctx.get("city_extra", {}).get(year, [])
    # The city council meets before the first decision it leads to (the enterprises' one in
    # 2022), and after the department's submission arrived.
    city_held = city_on - dt.timedelta(days=7)
    if extra and year == ENTERPRISE_DECISION_2022.year:
        city_held = min(city_held, ENTERPRISE_DECISION_2022 - dt.timedelta(days=1))
    assert city_held > held_on + dt.timedelta(days=2), (city_held, held_on)
    city_recommended = _council(
        unit=city,
        year=year,
        items=[*uppers, *extra],
        held_on=city_held,
        place=PLACE_CITY,
        actor=city_secretariat,
    )
    good = [d for d in city_recommended if d.title.code == GOOD_PERSON_CITY]
    _sign(
        secretariat=city_secretariat,
        signer=users[CITY_SIGNER[0]],
        authority=city,
        items=good,
        on=city_on,
        issuer=CITY_ISSUER,
        signer_name=CITY_SIGNER[1],
        deputy=True,
    )
    ctx.setdefault("city_recommended", {})[year] = [
        d for d in city_recommended if d.title.code != GOOD_PERSON_CITY
    ]


def _proposing_unit(unit: Unit, person: Person, department: Unit) -> Unit:
    """The unit that proposes the person: their unit when it holds them today, else the
    department (the person has moved since; the award still names the unit of the time)."""
    from guongsang.org.selectors import unit_ids_under

    if person.home_unit_id and unit_ids_under(unit).filter(descendant_id=person.home_unit_id):
        return unit
    return department


def _enterprises(city: Unit) -> list[Unit]:
    from guongsang.org.services import unit_create

    found = []
    for code, name in ENTERPRISES:
        unit = Unit.objects.filter(code=code).first() or unit_create(
            actor=None,
            code=code,
            name=name,
            unit_type=UnitType.ENTERPRISE,
            parent=city,
            valid_from=dt.date(2005, 1, 1),
        )
        found.append(unit)
    return found


def _city_extra_2022(ctx: dict[str, Any]) -> list[Dossier]:
    """The enterprises' Bằng khen and the proposal of the department for the Prime Minister's
    Bằng khen go to the city's council of 2022 with the forwarded "Người tốt, việc tốt"."""
    city, department = ctx["city"], ctx["department"]
    actor, titles = ctx["users"]["bantdkt"], ctx["titles"]
    meeting = dt.date(2022, 7, 15)
    items = [
        _accepted(
            actor=actor,
            unit=enterprise,
            title=titles["bang-khen-chu-tich-ubnd-thanh-pho"],
            year=2022,
            index=i,
            nominee_unit=enterprise,
            meeting=meeting,
        )
        for i, enterprise in enumerate(_enterprises(city))
    ]
    items.append(
        _accepted(
            actor=actor,
            unit=city,
            title=titles["bang-khen-thu-tuong"],
            year=2022,
            index=0,
            nominee_unit=department,
            meeting=meeting,
        )
    )
    return items


def _after_2022(ctx: dict[str, Any]) -> None:
    users, city = ctx["users"], ctx["city"]
    rest = ctx["city_recommended"][2022]
    enterprises = [d for d in rest if d.title.code == "bang-khen-chu-tich-ubnd-thanh-pho"]
    _sign(
        secretariat=users["bantdkt"],
        signer=users[CITY_SIGNER[0]],
        authority=city,
        items=enterprises,
        on=ENTERPRISE_DECISION_2022,
        issuer=CITY_ISSUER,
        signer_name=CITY_SIGNER[1],
        deputy=True,
        summary="Về việc tặng Bằng khen của Chủ tịch UBND Thành phố cho các doanh nghiệp "
        "thực hiện tốt chính sách bảo hiểm xã hội năm 2022",
    )
    board = services.central_board(actor=None)
    proposal = [d for d in rest if d.title.code == "bang-khen-thu-tuong"]
    submission = services.submission_draft(
        actor=users["bantdkt"],
        authority=city,
        dossiers=proposal,
        to_unit=board,
        summary="Về việc đề nghị Thủ tướng Chính phủ tặng Bằng khen cho Sở Lao động - Thương "
        "binh và Xã hội (30 năm phong trào “Người tốt, việc tốt”)",
    )
    services.submission_send(
        actor=users["bantdkt"],
        submission=submission,
        on=PM_PROPOSAL_2022,
        signer_name=CITY_SIGNER[1],
    )


def _certificates(decision: Decision, owner: User) -> None:
    """The Director's 2022 decision has its certificates printed already (as the background
    job would leave them), so the demo shows a finished download."""
    from guongsang.core.files import file_save
    from guongsang.core.tasks import progress_finish, progress_start
    from guongsang.decisions import certificates
    from guongsang.decisions.tasks import CERTIFICATES_LABEL

    progress = progress_start(owner=owner, label=f"{CERTIFICATES_LABEL} {decision.full_number}")
    items = certificates.for_decision(decision)
    relative = file_save(
        folder="exports", extension=".pdf", content=certificates.render(items, total=len(items))
    )
    progress_finish(
        progress.pk,
        result_file=relative,
        result_name=f"giay-khen-{file_slug(decision.full_number)}.pdf",
        message=f"Đã in {len(items)} giấy khen, bằng khen.",
    )


def is_seeded() -> bool:
    return Decision.objects.filter(authority__code=facts.DEPARTMENT, year=2022).exists()


@transaction.atomic
def seed() -> int:
    """Run the 2022 and 2023 cycles; returns the number of decisions signed (0 if already)."""
    if is_seeded():
        return 0
    department = Unit.objects.get(code=facts.DEPARTMENT)
    city = Unit.objects.get(code=facts.CITY)
    ensure_profiles(department, city)
    codes = [
        GOOD_PERSON_BASE,
        GOOD_PERSON_CITY,
        "bang-khen-chu-tich-ubnd-thanh-pho",
        "bang-khen-thu-tuong",
    ]
    ctx: dict[str, Any] = {
        "department": department,
        "city": city,
        "users": _users(),
        "titles": {t.code: t for t in Title.objects.filter(code__in=codes)},
    }
    plan = planned_in_decisions()
    ctx["city_extra"] = {2022: _city_extra_2022(ctx)}
    for year in (facts.YEAR_2022.year, facts.YEAR_2023.year):
        _cycle(year, [row for row in plan if row.year == year], ctx)
        if year == facts.YEAR_2022.year:
            _after_2022(ctx)
    first = Decision.objects.get(authority=department, year=facts.YEAR_2022.year, state="signed")
    _certificates(first, ctx["users"]["thuongtruc"])
    return Decision.objects.filter(state="signed").count()


def step(ctx: DemoContext) -> None:
    ctx.made["decisions"] = seed()
