"""The demo's movements and plans (phong trào, kế hoạch) and the pledges made against them.

The city's "Người tốt, việc tốt" movement launched in 1992; the department's yearly movement
from 2009 to last year (and this year's, open today), each linked to it; the 2022 plan with
its 13 contents (launched by the Director at the conference of 23/9/2022) and the 2024 plan with
its 6; pledges of most of the department's units from 2023 on, a few missing so the secretariat
has someone to chase.
The plan texts are written for the demo (demo/movement_texts.py); only facts and figures come from
the articles.

Call `seed_movements()` after the organisation and the people exist. It is idempotent (a second
call changes nothing), writes in bulk and leaves one audit entry for the lot.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from guongsang.catalogue.models import BaseSalary, Prerequisite, Title
from guongsang.catalogue.seed import seed_catalogue
from guongsang.demo import facts
from guongsang.demo.context import DemoContext, audit_seeded
from guongsang.demo.movement_texts import (
    CITY_PURPOSE,
    COLLECTIVE_COMMITMENTS,
    DEFAULT_COMMITMENT,
    LATE_REASON,
    LEGAL_BASES,
    PERSON_COMMITMENT,
    PLAN_OTHER_YEARS,
    PLANS,
    PURPOSE,
    bases_for,
)
from guongsang.movements.models import LegalBasis, Movement, MovementKind, PlanContent, Pledge
from guongsang.movements.selectors import units_expected_to_pledge
from guongsang.org.models import Unit, UnitType
from guongsang.people.models import Person

AUDIT_TYPE = "movements.movement"
AUDIT_REPR = "Phong trào thi đua mẫu"
SEED = 2022

FIRST_YEAR, LAST_YEAR = 2009, 2024  # LAST_YEAR: the last year the articles speak of
PLEDGE_YEARS = (2023, 2024)
CITY_MOVEMENT_NAME = "Phong trào thi đua “Người tốt, việc tốt” của Thành phố Hà Nội"
CITY_LAUNCHED_ON = dt.date(facts.MOVEMENT_LAUNCHED, 1, 1)  # the articles give only the year
DEPARTMENT_PLAN_ISSUER = "KH-SLĐTBXH"


def department_movement_name(year: int) -> str:
    return (
        f"Phong trào thi đua “Người tốt, việc tốt” ngành Lao động - Thương binh và Xã hội "
        f"Hà Nội năm {year}"
    )


def launch_date(year: int) -> dt.date:
    if year == facts.YEAR_2022.year:
        return facts.CONFERENCE_2022  # the Director launched the 2022 plan at the conference
    return dt.date(year, 2, 10 + year % 7)


def present_year() -> int | None:
    """This year, when it comes after the seeded history: its movement is open today."""
    year = timezone.localdate().year
    return year if year > LAST_YEAR else None


def recent_years() -> range:
    """The years after the articles' last, up to last year: closed movements with pledges."""
    return range(LAST_YEAR + 1, timezone.localdate().year)


def present_dates(today: dt.date) -> tuple[dt.date, dt.date, dt.date]:
    """(launched, pledge deadline, nomination deadline) of this year's movement: launched two
    weeks ago, pledges open two more weeks, nominations six more."""
    return (
        today - dt.timedelta(days=14),
        today + dt.timedelta(days=14),
        today + dt.timedelta(days=45),
    )


def pledge_deadline(launched_on: dt.date) -> dt.date:
    return launched_on + dt.timedelta(days=28)


def nomination_deadline(year: int, launched_on: dt.date) -> dt.date:
    return max(dt.date(year, 8, 31), launched_on + dt.timedelta(days=45))


@dataclass(frozen=True)
class MovementSeedResult:
    movements: int
    contents: int
    pledges: int
    created: bool


def is_seeded() -> bool:
    return Movement.objects.filter(year=facts.MOVEMENT_LAUNCHED, name=CITY_MOVEMENT_NAME).exists()


def _legal_bases() -> dict[str, LegalBasis]:
    existing = {b.number: b for b in LegalBasis.objects.all()}
    missing = [
        LegalBasis(
            number=b.number, kind=b.kind, title=b.title, issuer=b.issuer, issued_on=b.issued_on
        )
        for b in LEGAL_BASES
        if b.number not in existing
    ]
    LegalBasis.objects.bulk_create(missing)
    return {b.number: b for b in LegalBasis.objects.all()}


def _movements(city: Unit, department: Unit) -> tuple[Movement, dict[int, Movement]]:
    city_movement = Movement.objects.create(
        name=CITY_MOVEMENT_NAME,
        kind=MovementKind.REGULAR,
        year=facts.MOVEMENT_LAUNCHED,
        organiser=city,
        launched_on=CITY_LAUNCHED_ON,
        purpose=CITY_PURPOSE,
    )
    yearly = []
    present = present_year()
    years = [*range(FIRST_YEAR, LAST_YEAR + 1), *recent_years(), *([present] if present else [])]
    for year in years:
        launched = launch_date(year)
        pledges_by, nominations_by = pledge_deadline(launched), nomination_deadline(year, launched)
        if year == present:
            launched, pledges_by, nominations_by = present_dates(timezone.localdate())
        yearly.append(
            Movement(
                name=department_movement_name(year),
                kind=MovementKind.REGULAR,
                year=year,
                organiser=department,
                launched_on=launched,
                pledge_deadline=pledges_by,
                nomination_deadline=nominations_by,
                plan_number=f"{12 + (year * 7) % 40}/{DEPARTMENT_PLAN_ISSUER}",
                plan_date=launched - dt.timedelta(days=6),
                purpose=PURPOSE.format(year=year),
            )
        )
    Movement.objects.bulk_create(yearly)
    by_year = {
        m.year: m for m in Movement.objects.filter(organiser=department, year__gte=FIRST_YEAR)
    }
    return city_movement, by_year


def _plans(by_year: dict[int, Movement], city_movement: Movement) -> int:
    bases = _legal_bases()
    contents, base_links, movement_links = [], [], []
    BaseThrough = Movement.legal_bases.through
    LinkThrough = Movement.linked.through
    for year, movement in by_year.items():
        plan = PLANS.get(year, PLAN_OTHER_YEARS)
        contents += [
            PlanContent(movement=movement, number=n, title=title, description=description)
            for n, (title, description) in enumerate(plan, start=1)
        ]
        base_links += [
            BaseThrough(movement_id=movement.pk, legalbasis_id=bases[number].pk)
            for number in bases_for(movement.launched_on)
        ]
        movement_links.append(
            LinkThrough(from_movement_id=movement.pk, to_movement_id=city_movement.pk)
        )
    PlanContent.objects.bulk_create(contents)
    BaseThrough.objects.bulk_create(base_links)
    LinkThrough.objects.bulk_create(movement_links)
    return len(contents)


def _titles() -> dict[str, Title]:
    seed_catalogue(Title, Prerequisite, BaseSalary)
    return {t.code: t for t in Title.objects.all()}


def _pledges(
    movement: Movement, titles: dict[str, Title], rng: random.Random, *, still_open: bool = False
) -> int:
    """Most units pledge as collectives, a few do not, one is late; two people per unit.
    A movement still open has its pledges up to today, and the demo officer's unit has not
    pledged yet (their home page says so).

    Long on purpose: A demo scenario told in order: who pledges, who is late, who has not, on
    which day."""
    units = list(units_expected_to_pledge(movement).order_by("code"))
    missing = {unit.pk for unit in rng.sample(units, k=max(3, len(units) // 8))}
    if still_open:
        missing |= {unit.pk for unit in units if unit.code == facts.DIOXIN_CENTRE}
    pledging = [unit for unit in units if unit.pk not in missing]
    late = rng.choice(pledging) if movement.year == LAST_YEAR else None
    people: dict[int, list[Person]] = {}
    for person in Person.objects.filter(home_unit__in=[u.pk for u in pledging]).order_by(
        "home_unit_id", "sort_name", "pk"
    ):
        people.setdefault(person.home_unit_id, []).append(person)

    rows: list[tuple[Pledge, list[str], dt.date]] = []
    deadline = movement.pledge_deadline
    assert deadline is not None
    window = ((timezone.localdate() if still_open else deadline) - movement.launched_on).days
    for unit in pledging:
        codes = ["tap-the-lao-dong-tien-tien"]
        if rng.random() < 0.4:
            codes.append("tap-the-lao-dong-xuat-sac")
        if rng.random() < 0.3:
            codes.append("tap-the-tot")
        is_late = unit is late
        on = movement.launched_on + dt.timedelta(days=rng.randint(3, window))
        if is_late:
            on = deadline + dt.timedelta(days=5)
        pledge = Pledge(
            movement=movement,
            unit=unit,
            commitments=COLLECTIVE_COMMITMENTS.get(UnitType(unit.unit_type), DEFAULT_COMMITMENT),
            is_late=is_late,
            late_reason=LATE_REASON if is_late else "",
        )
        rows.append((pledge, codes, on))
        for person in people.get(unit.pk, [])[:2]:
            person_codes = ["lao-dong-tien-tien", "nguoi-tot-viec-tot-co-so"]
            if rng.random() < 0.3:
                person_codes.append("chien-si-thi-dua-co-so")
            pledge = Pledge(
                movement=movement, unit=unit, person=person, commitments=PERSON_COMMITMENT
            )
            rows.append((pledge, person_codes, on))

    Pledge.objects.bulk_create([pledge for pledge, _codes, _on in rows])
    created = {
        (p.unit_id, p.person_id): p.pk
        for p in Pledge.objects.filter(movement=movement).only("pk", "unit_id", "person_id")
    }
    Through = Pledge.titles.through
    Through.objects.bulk_create(
        Through(pledge_id=created[(p.unit_id, p.person_id)], title_id=titles[code].pk)
        for p, codes, _on in rows
        for code in codes
    )
    # auto_now_add stamps today: give the pledges the dates they were made on.
    by_day: dict[dt.date, list[int]] = {}
    for p, _codes, on in rows:
        by_day.setdefault(on, []).append(created[(p.unit_id, p.person_id)])
    for on, ids in by_day.items():
        stamp = timezone.make_aware(dt.datetime.combine(on, dt.time(9, 0)))
        Pledge.objects.filter(pk__in=ids).update(created_at=stamp, updated_at=stamp)
    return len(rows)


@transaction.atomic
def seed_movements() -> MovementSeedResult:
    """Create the demo movements, plans and pledges once; a second call changes nothing."""
    if is_seeded():
        return MovementSeedResult(
            movements=Movement.objects.count(),
            contents=PlanContent.objects.count(),
            pledges=Pledge.objects.count(),
            created=False,
        )
    city = Unit.objects.get(code=facts.CITY)
    department = Unit.objects.get(code=facts.DEPARTMENT)
    city_movement, by_year = _movements(city, department)
    contents = _plans(by_year, city_movement)
    titles = _titles()
    rng = random.Random(SEED)
    pledges = sum(_pledges(by_year[year], titles, rng) for year in PLEDGE_YEARS)
    pledges += sum(_pledges(by_year[year], titles, rng) for year in recent_years())
    present = present_year()
    if present:  # after the seeded years, so their pledges stay as they were
        pledges += _pledges(by_year[present], titles, rng, still_open=True)
    result = MovementSeedResult(
        movements=len(by_year) + 1, contents=contents, pledges=pledges, created=True
    )
    audit_seeded(
        object_type=AUDIT_TYPE,
        object_repr=AUDIT_REPR,
        counts={
            "movements": result.movements,
            "plan_contents": result.contents,
            "pledges": result.pledges,
        },
        reason="Tạo dữ liệu mẫu: phong trào, kế hoạch, đăng ký thi đua",
    )
    return result


def step(ctx: DemoContext) -> None:
    ctx.made["pledges"] = seed_movements().pledges
