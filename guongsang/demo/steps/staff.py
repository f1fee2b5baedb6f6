"""The people of the demo: about 3,000 generated staff, and the officials the articles name.

Generated staff are written with bulk_create (one audit entry covers the whole seed); the few
named officials and honourees go through the people services like any typed-in person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from guongsang.core.formatting import nfc, vn_sort_key
from guongsang.demo import facts
from guongsang.demo.context import DemoContext
from guongsang.demo.steps.org import MERGE_ON, MERGED, MERGED_AWAY, UnitSpec, all_specs
from guongsang.org.models import Unit
from guongsang.people.models import Gender, Person, PersonKind, Position
from guongsang.people.services import person_create, position_assign

if TYPE_CHECKING:
    from guongsang.demo.identities import Identities

HIRED_UNTIL = dt.date(2023, 6, 30)  # the last demo hire
MERGED_AWAY_CODES = frozenset(spec.code for spec in MERGED_AWAY)
WORKING_AGE = 22


@dataclass(frozen=True)
class Profile:
    """Job titles of a kind of unit: its head, its deputies, and everyone else by weight."""

    head: str
    deputy: str
    deputies: int
    titles: tuple[tuple[str, int], ...]
    female_share: float


PROFILES = {
    "division": Profile(
        "Trưởng phòng",
        "Phó Trưởng phòng",
        2,
        (("Chuyên viên", 60), ("Chuyên viên chính", 25), ("Cán sự", 10), ("Nhân viên", 5)),
        0.55,
    ),
    "office": Profile(
        "Chánh Văn phòng",
        "Phó Chánh Văn phòng",
        2,
        (
            ("Chuyên viên", 50),
            ("Chuyên viên chính", 10),
            ("Văn thư", 10),
            ("Kế toán viên", 10),
            ("Lái xe", 10),
            ("Nhân viên", 10),
        ),
        0.6,
    ),
    "inspectorate": Profile(
        "Chánh Thanh tra",
        "Phó Chánh Thanh tra",
        2,
        (("Thanh tra viên", 60), ("Thanh tra viên chính", 25), ("Chuyên viên", 15)),
        0.45,
    ),
    "care": Profile(
        "Giám đốc",
        "Phó Giám đốc",
        2,
        (
            ("Nhân viên công tác xã hội", 30),
            ("Điều dưỡng viên", 15),
            ("Hộ lý", 12),
            ("Bác sĩ", 6),
            ("Y sĩ", 5),
            ("Chuyên viên", 8),
            ("Kế toán viên", 4),
            ("Nhân viên hành chính", 6),
            ("Cấp dưỡng", 6),
            ("Bảo vệ", 5),
            ("Giáo viên", 3),
        ),
        0.7,
    ),
    "medical": Profile(
        "Trưởng phòng",
        "Phó Trưởng phòng",
        1,
        (
            ("Bác sĩ", 20),
            ("Điều dưỡng viên", 40),
            ("Kỹ thuật viên", 20),
            ("Nhân viên khử khuẩn", 20),
        ),
        0.75,
    ),
    "employment": Profile(
        "Giám đốc",
        "Phó Giám đốc",
        2,
        (
            ("Tư vấn viên việc làm", 40),
            ("Chuyên viên", 35),
            ("Kế toán viên", 8),
            ("Nhân viên hành chính", 12),
            ("Bảo vệ", 5),
        ),
        0.6,
    ),
    "village": Profile(
        "Giám đốc",
        "Phó Giám đốc",
        1,
        (
            ("Nhân viên chăm sóc trẻ em", 55),
            ("Giáo viên", 15),
            ("Nhân viên công tác xã hội", 15),
            ("Kế toán viên", 5),
            ("Bảo vệ", 10),
        ),
        0.85,
    ),
    "cemetery": Profile(
        "Trưởng ban",
        "Phó Trưởng ban",
        2,
        (("Nhân viên", 40), ("Công nhân", 35), ("Chuyên viên", 10), ("Bảo vệ", 15)),
        0.3,
    ),
    "college": Profile(
        "Hiệu trưởng",
        "Phó Hiệu trưởng",
        3,
        (
            ("Giảng viên", 60),
            ("Giảng viên chính", 10),
            ("Chuyên viên", 12),
            ("Kế toán viên", 4),
            ("Thư viện viên", 2),
            ("Nhân viên", 12),
        ),
        0.45,
    ),
    "school": Profile(
        "Hiệu trưởng",
        "Phó Hiệu trưởng",
        2,
        (
            ("Giáo viên", 65),
            ("Chuyên viên", 15),
            ("Kế toán viên", 5),
            ("Thư viện viên", 3),
            ("Nhân viên", 12),
        ),
        0.4,
    ),
    "faculty": Profile("Trưởng khoa", "Phó Trưởng khoa", 1, (("Giáo viên", 100),), 0.35),
    "rehab": Profile(
        "Giám đốc",
        "Phó Giám đốc",
        2,
        (
            ("Cán bộ quản lý học viên", 30),
            ("Nhân viên công tác xã hội", 15),
            ("Bác sĩ", 6),
            ("Y sĩ", 8),
            ("Giáo viên dạy nghề", 8),
            ("Chuyên viên", 8),
            ("Bảo vệ", 10),
            ("Kế toán viên", 3),
        ),
        0.35,
    ),
}


@dataclass
class _Hire:
    person: Person
    title: str
    unit: Unit
    start: dt.date
    # The merged centre's title from the merge day, for staff of the two old centres.
    after_merge_title: str | None = None


class StaffBuilder:
    def __init__(self, units: dict[str, Unit], identities: Identities) -> None:
        self.units = units
        self.ids = identities
        self.hires: list[_Hire] = []

    def _person(self, *, home: Unit, female: bool, born: dt.date) -> Person:
        full_name = self.ids.full_name(female=female)
        return Person(
            full_name=full_name,
            sort_name=vn_sort_key(full_name),
            kind=PersonKind.STAFF,
            gender=Gender.FEMALE if female else Gender.MALE,
            home_unit=home,
            citizen_id=self.ids.citizen_id(born=born, female=female),
            date_of_birth=born,
            phone=self.ids.phone(),
            address=self.ids.address(),
        )

    def _hire(
        self, spec: UnitSpec, *, home: Unit, hired_from: dt.date, hired_until: dt.date
    ) -> None:
        profile = PROFILES[spec.profile]
        unit = self.units[spec.code]
        # The merged centre hires no head of its own: the old centres' leaders carry over.
        leaders = 0 if spec.code == MERGED.code else 1 + profile.deputies
        for i in range(spec.staff):
            if i < leaders:
                title = profile.head if i == 0 else profile.deputy
                born_from, born_to = dt.date(1965, 1, 1), dt.date(1978, 12, 31)
            else:
                title = self.ids.weighted(profile.titles)
                born_from, born_to = dt.date(1966, 1, 1), dt.date(2000, 12, 31)
            latest_birth = hired_until.replace(year=hired_until.year - WORKING_AGE)
            born = self.ids.date_between(born_from, min(born_to, latest_birth))
            of_age = born.replace(year=born.year + WORKING_AGE, day=min(born.day, 28))
            start = self.ids.date_between(max(hired_from, of_age), hired_until)
            female = self.ids.chance(profile.female_share)
            after = None
            if spec.code in MERGED_AWAY_CODES:
                after = title
                # The first centre's director leads the merged centre; the other one deputises.
                if title == profile.head and spec.code != MERGED_AWAY[0].code:
                    after = profile.deputy
            person = self._person(home=home, female=female, born=born)
            self.hires.append(_Hire(person, title, unit, start, after))

    def generate(self) -> None:
        merged = self.units[MERGED.code]
        for spec in all_specs():
            if not spec.staff:
                continue
            unit = self.units[spec.code]
            if spec.code in MERGED_AWAY_CODES:
                # Hired before the merge (a month ahead, so no position lasts a day).
                until = MERGE_ON - dt.timedelta(days=31)
                self._hire(spec, home=merged, hired_from=unit.valid_from, hired_until=until)
            else:
                self._hire(spec, home=unit, hired_from=unit.valid_from, hired_until=HIRED_UNTIL)

    def save(self) -> tuple[int, int]:
        """Write the people and their positions; returns (people, positions)."""
        people = [hire.person for hire in self.hires]
        Person.objects.bulk_create(people, batch_size=500)
        if any(p.pk is None for p in people):  # databases that return no keys on bulk insert
            keys = dict(
                Person.objects.filter(citizen_id__in=[p.citizen_id for p in people]).values_list(
                    "citizen_id", "pk"
                )
            )
            for p in people:
                p.pk = keys[p.citizen_id]
        merged = self.units[MERGED.code]
        positions: list[Position] = []
        for hire in self.hires:
            moved = hire.after_merge_title is not None
            positions.append(
                Position(
                    person=hire.person,
                    unit=hire.unit,
                    title=hire.title,
                    valid_from=hire.start,
                    valid_to=MERGE_ON if moved else None,
                )
            )
            if hire.after_merge_title is not None:
                positions.append(
                    Position(
                        person=hire.person,
                        unit=merged,
                        title=hire.after_merge_title,
                        valid_from=MERGE_ON,
                    )
                )
        Position.objects.bulk_create(positions, batch_size=1000)
        return len(people), len(positions)


def build_staff(units: dict[str, Unit], identities: Identities) -> tuple[int, int]:
    builder = StaffBuilder(units, identities)
    builder.generate()
    return builder.save()


def build_public_roles(units: dict[str, Unit]) -> dict[str, Person]:
    """The officials and honourees of the articles, by name, in their public roles only.

    No citizen ID, date of birth, phone or address is invented for them.
    """
    people: dict[str, Person] = {}
    for role in facts.NAMED_PEOPLE:
        unit = units[role.unit_code]
        gender = "" if role.female is None else (Gender.FEMALE if role.female else Gender.MALE)
        person = person_create(
            actor=None,
            full_name=role.full_name,
            kind=PersonKind.STAFF,
            home_unit=unit,
            gender=gender,
        )
        start = facts.HONOUREES_FROM if role in facts.HONOUREES else facts.ROLES_FROM
        position_assign(
            actor=None, person=person, unit=unit, title=nfc(role.title), valid_from=start
        )
        people[role.full_name] = person
    return people


def step(ctx: DemoContext) -> None:
    # Faker takes a third of a second to import: only when the demo is really built.
    from guongsang.demo.identities import Identities

    named = [role.full_name for role in facts.NAMED_PEOPLE]
    people, positions = build_staff(ctx.units, Identities(reserved=named))
    ctx.officials = build_public_roles(ctx.units)
    ctx.made["people"] = people + len(ctx.officials)
    ctx.made["positions"] = positions + len(ctx.officials)
