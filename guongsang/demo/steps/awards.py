"""The demo's award history (lịch sử khen thưởng): the figures of the articles, as records.

"Người tốt, việc tốt" and "Tập thể tốt" since 2009 are spread over the years with a fixed seed,
so every run writes the same history; a few years of Lao động tiên tiến and Chiến sĩ thi đua cơ
sở give the prerequisite checks something to read. The totals in facts.py are what the records
must add up to; no report reads them from here, every report counts the records.

All rows go in with bulk_create and one audit entry covers the lot.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from guongsang.awards.models import Award, AwardSource
from guongsang.catalogue.models import BaseSalary, Prerequisite, Target, Title
from guongsang.catalogue.seed import seed_catalogue
from guongsang.catalogue.selectors import reward_amount
from guongsang.demo import facts
from guongsang.demo.context import DemoContext, audit_seeded
from guongsang.demo.steps.org import DIVISIONS, MERGED, MERGED_AWAY
from guongsang.org.models import Unit
from guongsang.org.selectors import closure_on, unit_ids_for_counting
from guongsang.people.models import Person, Position

SEED = 1992  # the year the city launched the movement; any fixed number would do
AUDIT_TYPE = "awards.award"
AUDIT_REPR = "Lịch sử khen thưởng mẫu"

GOOD_PERSON_BASE = "nguoi-tot-viec-tot-co-so"
GOOD_PERSON_CITY = "nguoi-tot-viec-tot-thanh-pho"
GOOD_COLLECTIVE = "tap-the-tot"
ADVANCED_WORKER = "lao-dong-tien-tien"
BASE_EMULATION_FIGHTER = "chien-si-thi-dua-co-so"

DEPARTMENT_ISSUER = "QĐ-SLĐTBXH"
CITY_ISSUER = "QĐ-UBND"
# Decisions an issuer signs in a year, roughly: numbers rise through the year like a register.
DECISIONS_PER_DAY = {DEPARTMENT_ISSUER: 8, CITY_ISSUER: 18}

HISTORY = range(facts.HISTORY_YEARS[0], facts.HISTORY_YEARS[1] + 1)
GROWTH = 0.06  # the movement grew: a later year honours a few more people than an earlier one
# The 2022 decisions came before the conference at which the 26 were honoured.
CITY_DECISION_2022 = facts.CONFERENCE_2022 - dt.timedelta(days=14)
DEPARTMENT_DECISION_2022 = facts.CONFERENCE_2022 - dt.timedelta(days=7)
# Not in the articles: the demo's choice of when the two honourees first got the base level.
HONOUREE_BASE_YEARS = {
    facts.HONOUREE_MEDICAL.full_name: 2019,
    facts.HONOUREE_TEACHER.full_name: 2020,
}

# Lao động tiên tiến / Chiến sĩ thi đua cơ sở: recent years, in the units below only.
EMULATION_YEARS = (2021, 2022, 2023)
EMULATION_UNITS = (
    *(spec.code for spec in DIVISIONS),
    facts.DIOXIN_CENTRE,
    facts.DIOXIN_MEDICAL_DIVISION,
    facts.MECHANICAL_SCHOOL,
    facts.MECHANICAL_FACULTY,
    MERGED.code,
)
ADVANCED_SHARE = 0.85  # of the staff who worked the year, this share is rated Lao động tiên tiến
WORKED_THE_YEAR_FROM = (3, 1)  # hired by 1 March: about ten months of work in the year
MID_YEAR_REVIEW_BY = (8, 1)  # this year's first "Người tốt, việc tốt" are decided by then
REVOKED_YEAR = 2022  # one Lao động tiên tiến of this year is revoked, to show how it looks
# The "Người tốt, việc tốt" of the years the articles report are not written here: the
# decisions demo takes them through dossiers, the council and signed decisions, which record
# them (steps/decisions.py, reading `planned_in_decisions`).
DECIDED_IN_SYSTEM = {
    (facts.YEAR_2022.year, GOOD_PERSON_BASE),
    (facts.YEAR_2022.year, GOOD_PERSON_CITY),
    (facts.YEAR_2023.year, GOOD_PERSON_BASE),
    (facts.YEAR_2023.year, GOOD_PERSON_CITY),
}


@dataclass(frozen=True)
class Stint:
    """A person in a unit over [start, end): where their award is recorded at a date."""

    person_id: int
    unit_id: int
    start: dt.date
    end: dt.date | None

    def on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Decision:
    number: str
    on: dt.date
    source: str


def spread(total: int, years: Sequence[int], rng: random.Random) -> dict[int, int]:
    """`total` shared over the years, growing slowly with some noise (largest remainder)."""
    weights = [(1 + GROWTH * i) * rng.uniform(0.8, 1.2) for i in range(len(years))]
    exact = [total * w / sum(weights) for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(years)), key=lambda i: counts[i] - exact[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return dict(zip(years, counts, strict=True))


class AwardHistory:
    """Builds the Award rows in memory; `save` writes them."""

    def __init__(self, *, titles: dict[str, Title], department: Unit) -> None:
        self.rng = random.Random(SEED)
        self.titles = titles
        self.rows: list[Award] = []
        self.held: set[tuple[int, int, int]] = set()  # (person, title, year)
        self._amounts: dict[tuple[int, dt.date, bool], int | None] = {}
        self._numbers: set[tuple[str, int]] = set()
        self.honoured_base: set[int] = set()
        self.honoured_city: set[int] = set()
        self.fighters: set[int] = set()  # the last year's Chiến sĩ thi đua cơ sở

        counted = unit_ids_for_counting(department)
        self.units = list(
            Unit.objects.filter(pk__in=counted).exclude(pk=department.pk).order_by("pk")
        )
        codes = {unit.code: unit.pk for unit in self.units}
        self.merged_away = {codes[spec.code] for spec in MERGED_AWAY}
        self.emulation_units = {codes[code] for code in EMULATION_UNITS}
        self.divisions = {codes[spec.code] for spec in DIVISIONS}
        officials = [role.full_name for role in facts.OFFICIALS]
        self.stints = [
            Stint(*row)
            for row in Position.objects.filter(unit_id__in=counted)
            .exclude(person__full_name__in=officials)
            .order_by("person_id", "valid_from")
            .values_list("person_id", "unit_id", "valid_from", "valid_to")
        ]
        self.honourees = {
            role.full_name: Person.objects.get(
                full_name=role.full_name, home_unit__code=role.unit_code
            ).pk
            for role in facts.HONOUREES
        }

    # --- helpers ---------------------------------------------------------------------------

    def _day(self, year: int, first: tuple[int, int], last: tuple[int, int]) -> dt.date:
        start, end = dt.date(year, *first), dt.date(year, *last)
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def decision(self, issuer: str, on: dt.date) -> Decision:
        """A plausible number of the issuer's register on that day (unique in its year)."""
        per_day = DECISIONS_PER_DAY[issuer]
        while True:
            n = (on.timetuple().tm_yday - 1) * per_day + self.rng.randint(1, per_day)
            number = f"{n}/{issuer}"
            if (number, on.year) not in self._numbers:
                self._numbers.add((number, on.year))
                break
        source = AwardSource.IMPORT if on.year <= HISTORY[-1] else AwardSource.DECISION
        return Decision(number, on, source)

    def _amount(self, title: Title, on: dt.date, *, collective: bool) -> int | None:
        key = (title.pk, on, collective)
        if key not in self._amounts:
            try:
                self._amounts[key] = reward_amount(title=title, on=on, collective=collective)
            except ValidationError:  # no base salary on record for that date
                self._amounts[key] = None
        return self._amounts[key]

    def staff_on(self, day: dt.date, *, exclude: Iterable[int] = ()) -> list[Stint]:
        skip = set(exclude)
        return [s for s in self.stints if s.on(day) and s.person_id not in skip]

    def stint_of(self, person_id: int, day: dt.date) -> Stint | None:
        return next((s for s in self.stints if s.person_id == person_id and s.on(day)), None)

    def add(
        self, code: str, year: int, decision: Decision, *, unit_id: int, person_id: int | None
    ) -> Award:
        title = self.titles[code]
        if person_id is not None:
            key = (person_id, title.pk, year)
            assert key not in self.held, key  # at most one of a title a year
            self.held.add(key)
        award = Award(
            title=title,
            year=year,
            level=title.level,
            target=Target.INDIVIDUAL if person_id is not None else Target.COLLECTIVE,
            person_id=person_id,
            unit_id=unit_id,
            decision_number=decision.number,
            decision_date=decision.on,
            authority=title.authority,
            amount=self._amount(title, decision.on, collective=person_id is None),
            source=decision.source,
        )
        self.rows.append(award)
        return award

    def give(self, code: str, year: int, decision: Decision, stint: Stint) -> Award:
        return self.add(code, year, decision, unit_id=stint.unit_id, person_id=stint.person_id)

    # --- "Người tốt, việc tốt" and "Tập thể tốt" ------------------------------------------

    def good_people_and_collectives(self) -> None:
        base = spread(facts.GOOD_PEOPLE_DEPARTMENT_2009_2021, HISTORY, self.rng)
        city = spread(facts.GOOD_PEOPLE_CITY_2009_2021, HISTORY, self.rng)
        collectives = spread(facts.GOOD_COLLECTIVES_DEPARTMENT_2009_2021, HISTORY, self.rng)
        for reported in (facts.YEAR_2022, facts.YEAR_2023):
            base[reported.year] = reported.good_people_department
            city[reported.year] = reported.good_people_city
        for year in sorted(base):
            if year == facts.CONFERENCE_2022.year:
                city_on, dept_on = CITY_DECISION_2022, DEPARTMENT_DECISION_2022
            else:
                city_on = self._day(year, (8, 15), (11, 30))
                dept_on = self._day(year, (9, 1), (11, 30))
            city_year = self._city_level(year, self.decision(CITY_ISSUER, city_on), city[year])
            dept_decision = self.decision(DEPARTMENT_ISSUER, dept_on)
            self._base_level(year, dept_decision, base[year], exclude=city_year)
            self._collectives(year, dept_decision, collectives.get(year, 0))

    def _city_level(self, year: int, decision: Decision, count: int) -> set[int]:
        """The department proposes people it honoured at base level in earlier years."""
        named = [p for p in self.honourees.values() if year == facts.CONFERENCE_2022.year]
        chosen = [s for s in (self.stint_of(p, decision.on) for p in named) if s]
        skip = set(self.honourees.values()) | self.honoured_city
        earlier = [
            s for s in self.staff_on(decision.on, exclude=skip) if s.person_id in self.honoured_base
        ]
        need = count - len(chosen)
        chosen += self.rng.sample(earlier, min(need, len(earlier)))
        if len(chosen) < count:  # the first years: nobody honoured before
            others = self.staff_on(decision.on, exclude=skip | {s.person_id for s in chosen})
            chosen += self.rng.sample(others, count - len(chosen))
        for stint in chosen:
            self.give(GOOD_PERSON_CITY, year, decision, stint)
            self.honoured_city.add(stint.person_id)
        return {s.person_id for s in chosen}

    def _base_level(self, year: int, decision: Decision, count: int, exclude: set[int]) -> None:
        named = [self.honourees[n] for n, y in HONOUREE_BASE_YEARS.items() if y == year]
        picked = [s for s in (self.stint_of(p, decision.on) for p in named) if s]
        pool = self.staff_on(decision.on, exclude=set(self.honourees.values()) | exclude)
        picked += self.rng.sample(pool, count - len(picked))
        # Before the merge, make sure the two old centres are among the honoured.
        old_centres = [s for s in pool if s.unit_id in self.merged_away and s not in picked]
        if old_centres and not any(s.unit_id in self.merged_away for s in picked):
            picked[-1] = self.rng.choice(old_centres)
        for stint in picked:
            self.give(GOOD_PERSON_BASE, year, decision, stint)
            self.honoured_base.add(stint.person_id)

    def _collectives(self, year: int, decision: Decision, count: int) -> None:
        on = decision.on
        units = [
            u for u in self.units if u.valid_from <= on and (u.valid_to is None or on < u.valid_to)
        ]
        for unit in self.rng.sample(units, count):
            self.add(GOOD_COLLECTIVE, year, decision, unit_id=unit.pk, person_id=None)

    # --- Lao động tiên tiến / Chiến sĩ thi đua cơ sở ---------------------------------------

    def emulation_titles(self) -> None:
        self.fighters = self._emulation(EMULATION_YEARS, previous=set())

    def _emulation(self, years: Sequence[int], *, previous: set[int]) -> set[int]:
        """Lao động tiên tiến, then Chiến sĩ thi đua cơ sở, year by year; the last fighters."""
        fighter = self.titles[BASE_EMULATION_FIGHTER]
        share = fighter.quota_percent if fighter.quota_percent is not None else Decimal(0)
        for year in years:
            decision = self.decision(DEPARTMENT_ISSUER, self._day(year, (12, 15), (12, 28)))
            advanced = self._advanced_workers(year, decision)
            if year == REVOKED_YEAR:
                self._revoke_one(advanced)
            previous = self._fighters(year, decision, advanced, share=share, previous=previous)
        return previous

    def _advanced_workers(self, year: int, decision: Decision) -> dict[int, list[Award]]:
        """Lao động tiên tiến for most of those who worked the year; by unit."""
        worked_from = dt.date(year, *WORKED_THE_YEAR_FROM)
        by_unit: dict[int, list[Award]] = defaultdict(list)
        for stint in self.staff_on(decision.on):
            worked = stint.unit_id in self.emulation_units and stint.start <= worked_from
            if worked and self.rng.random() < ADVANCED_SHARE:
                award = self.give(ADVANCED_WORKER, year, decision, stint)
                by_unit[stint.unit_id].append(award)
        return by_unit

    def _revoke_one(self, advanced: dict[int, list[Award]]) -> None:
        """Thu hồi: one award of the biggest division, revoked by a later decision."""
        unit_id = max(
            (u for u in advanced if u in self.divisions), key=lambda u: (len(advanced[u]), -u)
        )
        award = self.rng.choice(advanced[unit_id])
        revoke = self.decision(DEPARTMENT_ISSUER, dt.date(award.year + 1, 3, 15))
        award.revoked_on = revoke.on
        award.revoke_reason = (
            "Bị xử lý kỷ luật khiển trách về hành vi xảy ra trong năm đánh giá"
            f" (Quyết định số {revoke.number})"
        )
        advanced[unit_id].remove(award)

    def _fighters(
        self,
        year: int,
        decision: Decision,
        advanced: dict[int, list[Award]],
        *,
        share: Decimal,
        previous: set[int],
    ) -> set[int]:
        """Chiến sĩ thi đua cơ sở: within the quota of each unit's Lao động tiên tiến, those
        who held it the year before first (so some have the run a city title asks for)."""
        chosen: set[int] = set()
        for unit_id, awards in advanced.items():
            quota = int(len(awards) * share / 100)
            people = [a.person_id for a in awards if a.person_id is not None]
            again = [p for p in people if p in previous]
            new = [p for p in people if p not in previous]
            self.rng.shuffle(again)
            self.rng.shuffle(new)
            for person_id in (again + new)[:quota]:
                self.add(
                    BASE_EMULATION_FIGHTER, year, decision, unit_id=unit_id, person_id=person_id
                )
                chosen.add(person_id)
        return chosen

    # --- the years after the articles, up to last year -----------------------------------

    def recent_years(self, years: Sequence[int]) -> None:
        """The years the articles do not cover, up to last year: the same titles at about the
        size of the last reported year, so the dashboards and a leader's home show the latest
        years. Drawn after everything above, so the seed figures stay as they were."""
        reported = facts.YEAR_2023
        collectives = round(facts.GOOD_COLLECTIVES_DEPARTMENT_2009_2021 / len(HISTORY)) + 1
        for offset, year in enumerate(years, start=1):
            grown = (1 + GROWTH) ** offset
            city_decision = self.decision(CITY_ISSUER, self._day(year, (8, 15), (11, 30)))
            dept_decision = self.decision(DEPARTMENT_ISSUER, self._day(year, (9, 1), (11, 30)))
            city = self._city_level(year, city_decision, round(reported.good_people_city * grown))
            base = round(reported.good_people_department * grown)
            self._base_level(year, dept_decision, base, exclude=city)
            self._collectives(year, dept_decision, collectives)
        self.fighters = self._emulation(years, previous=self.fighters)

    def this_year_so_far(self, today: dt.date) -> None:
        """After mid-year, this year's first decisions: "Người tốt, việc tốt" honoured at the
        six-month review. Not in the demo officers' units, whose people this year's dossiers
        and council sessions are about (a title is held once a year)."""
        if today < dt.date(today.year, *MID_YEAR_REVIEW_BY):
            return
        busy = set(
            closure_on()
            .filter(ancestor__code__in=(facts.DIOXIN_CENTRE, facts.MECHANICAL_SCHOOL))
            .values_list("descendant_id", flat=True)
        )
        busy_people = {s.person_id for s in self.stints if s.unit_id in busy}
        year = today.year
        dept_decision = self.decision(DEPARTMENT_ISSUER, self._day(year, (7, 1), (7, 20)))
        base = round(facts.YEAR_2023.good_people_department / 2)
        self._base_level(year, dept_decision, base, exclude=busy_people)

    def held_back(self) -> list[Award]:
        """The rows that decisions in the system will record instead (not saved here)."""
        return [a for a in self.rows if (a.year, a.title.code) in DECIDED_IN_SYSTEM]

    def save(self) -> dict[str, int]:
        kept = [a for a in self.rows if (a.year, a.title.code) not in DECIDED_IN_SYSTEM]
        Award.objects.bulk_create(kept, batch_size=500)
        self.rows = kept
        counts: dict[str, int] = defaultdict(int)
        for award in kept:
            counts[award.title.code] += 1
        return dict(counts)


def _history(department: Unit) -> AwardHistory:
    codes = (
        GOOD_PERSON_BASE,
        GOOD_PERSON_CITY,
        GOOD_COLLECTIVE,
        ADVANCED_WORKER,
        BASE_EMULATION_FIGHTER,
    )
    titles = {t.code: t for t in Title.objects.filter(code__in=codes)}
    history = AwardHistory(titles=titles, department=department)
    history.good_people_and_collectives()
    history.emulation_titles()
    history.recent_years(recent_years())
    history.this_year_so_far(timezone.localdate())
    return history


def recent_years() -> range:
    """From the year after the articles' last to last year (empty before that)."""
    return range(facts.YEAR_2023.year + 1, timezone.localdate().year)


@dataclass(frozen=True)
class Planned:
    """An award the decisions demo confers through a signed decision."""

    code: str
    year: int
    person_id: int
    unit_id: int
    on: dt.date  # the date of the decision the history chose


def planned_in_decisions() -> list[Planned]:
    """The held-back rows, recomputed: the same seed over the same staff gives the same people
    (the history is built in memory again, nothing is written)."""
    department = Unit.objects.get(code=facts.DEPARTMENT)
    return [
        Planned(a.title.code, a.year, a.person_id, a.unit_id, a.decision_date)  # type: ignore[arg-type]
        for a in _history(department).held_back()
    ]


def build_awards(units: dict[str, Unit]) -> int:
    """Write the demo's award history; returns how many awards it wrote."""
    seed_catalogue(Title, Prerequisite, BaseSalary)  # idempotent: the rows a migration seeds
    history = _history(units[facts.DEPARTMENT])
    counts = history.save()
    audit_seeded(
        object_type=AUDIT_TYPE,
        object_repr=AUDIT_REPR,
        counts={"awards": len(history.rows), **counts},
        reason="Nhập lịch sử khen thưởng mẫu (manage.py seed_demo)",
    )
    return len(history.rows)


def step(ctx: DemoContext) -> None:
    ctx.made["awards"] = build_awards(ctx.units)
