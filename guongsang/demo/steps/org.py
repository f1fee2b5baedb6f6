"""The organisation of the demo: the City, the Department and its units, history included.

Built through guongsang.org.services so the dated closure table, names and events are those a
user's own changes would produce. `staff` is how many generated people work in the unit today
(or worked there until it merged); `profile` picks their job titles (see staff.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from guongsang.demo import facts
from guongsang.demo.context import DemoContext
from guongsang.org.models import Cluster, Unit, UnitType
from guongsang.org.services import (
    cluster_add_member,
    cluster_create,
    unit_create,
    unit_merge,
    unit_rename,
)

LIBERATION = dt.date(1954, 10, 10)  # Giải phóng Thủ đô
EARLY = dt.date(2005, 1, 1)
EXPANDED = dt.date(2008, 8, 1)  # Hà Tây merged into Hà Nội; the department as it is today
MERGE_ON = dt.date(2019, 1, 1)
RENAME_ON = dt.date(2015, 7, 1)
CLUSTER_FROM = dt.date(2015, 1, 1)


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    unit_type: str
    valid_from: dt.date = EXPANDED
    staff: int = 0
    profile: str = ""
    short_name: str = ""
    children: tuple[UnitSpec, ...] = field(default=())


def _division(code: str, name: str, staff: int, profile: str = "division") -> UnitSpec:
    return UnitSpec(f"so-ldtbxh-{code}", name, UnitType.DIVISION, staff=staff, profile=profile)


def _centre(
    code: str,
    name: str,
    staff: int,
    profile: str = "care",
    *,
    valid_from: dt.date = EXPANDED,
    short_name: str = "",
    children: tuple[UnitSpec, ...] = (),
) -> UnitSpec:
    return UnitSpec(
        code,
        name,
        UnitType.CENTRE,
        valid_from=valid_from,
        staff=staff,
        profile=profile,
        short_name=short_name,
        children=children,
    )


def _rehab(number: int, staff: int) -> UnitSpec:
    return UnitSpec(
        f"cscn-{number}",
        f"Cơ sở cai nghiện ma túy số {number} Hà Nội",
        UnitType.REHAB,
        staff=staff,
        profile="rehab",
        short_name=f"CSCN số {number}",
    )


DIVISIONS = (
    _division("van-phong", "Văn phòng Sở", 30, "office"),
    _division("thanh-tra", "Thanh tra Sở", 15, "inspectorate"),
    _division("tccb", "Phòng Tổ chức cán bộ", 12),
    _division("khtc", "Phòng Kế hoạch - Tài chính", 12),
    _division("vl-atld", "Phòng Việc làm - An toàn lao động", 12),
    _division("ld-tl-bhxh", "Phòng Lao động - Tiền lương - Bảo hiểm xã hội", 12),
    _division("ncc", "Phòng Người có công", 15),
    _division("btxh", "Phòng Bảo trợ xã hội", 12),
    _division("gdnn", "Phòng Giáo dục nghề nghiệp", 12),
    _division("pctnxh", "Phòng Phòng, chống tệ nạn xã hội", 12),
    _division("te-bdg", "Phòng Trẻ em và Bình đẳng giới", 10),
)

# The two centres merged on MERGE_ON; their staff move to the merged centre that day.
MERGED_AWAY = (
    _centre("ttbtxh-5", "Trung tâm Bảo trợ xã hội 5 Hà Nội", 70),
    _centre("ttbtxh-6", "Trung tâm Bảo trợ xã hội 6 Hà Nội", 60),
)
MERGED = UnitSpec(
    "tt-ho-tro-xa-hoi",
    "Trung tâm Hỗ trợ xã hội Hà Nội",
    UnitType.CENTRE,
    valid_from=MERGE_ON,
    staff=30,  # hired after the merge; the staff of the two old centres come on top
    profile="care",
)
EMPLOYMENT_CENTRE_CODE = "tt-dich-vu-viec-lam"
EMPLOYMENT_CENTRE_OLD_NAME = "Trung tâm Giới thiệu việc làm Hà Nội"
EMPLOYMENT_CENTRE_NAME = "Trung tâm Dịch vụ việc làm Hà Nội"

DEPARTMENT_UNITS = (
    _centre("ttbtxh-1", "Trung tâm Bảo trợ xã hội 1 Hà Nội", 120),
    _centre("ttbtxh-2", "Trung tâm Bảo trợ xã hội 2 Hà Nội", 130),
    _centre("ttbtxh-3", "Trung tâm Bảo trợ xã hội 3 Hà Nội", 110),
    _centre("ttbtxh-4", "Trung tâm Bảo trợ xã hội 4 Hà Nội", 100),
    *MERGED_AWAY,
    _centre("tt-tam-than-1", "Trung tâm Chăm sóc và nuôi dưỡng người tâm thần 1 Hà Nội", 200),
    _centre("tt-tam-than-2", "Trung tâm Chăm sóc và nuôi dưỡng người tâm thần 2 Hà Nội", 180),
    _centre("tt-ncc-1", "Trung tâm Nuôi dưỡng và điều dưỡng người có công số 1 Hà Nội", 90),
    _centre("tt-ncc-2", "Trung tâm Nuôi dưỡng và điều dưỡng người có công số 2 Hà Nội", 80),
    _centre(
        facts.DIOXIN_CENTRE,
        "Trung tâm Chăm sóc, nuôi dưỡng và điều trị nạn nhân bị nhiễm chất độc da cam/dioxin",
        110,
        short_name="Trung tâm da cam/dioxin",
        children=(
            UnitSpec(
                facts.DIOXIN_MEDICAL_DIVISION,
                "Phòng Y tế - Khử khuẩn",
                UnitType.DIVISION,
                staff=20,
                profile="medical",
            ),
        ),
    ),
    _centre(EMPLOYMENT_CENTRE_CODE, EMPLOYMENT_CENTRE_OLD_NAME, 110, "employment"),
    _centre(
        "tt-ctxh-quy-btte",
        "Trung tâm Công tác xã hội và Quỹ Bảo trợ trẻ em Hà Nội",
        60,
        valid_from=dt.date(2016, 1, 1),
    ),
    UnitSpec(
        "lang-tre-em-birla",
        "Làng Trẻ em Birla Hà Nội",
        UnitType.OTHER,
        staff=50,
        profile="village",
    ),
    UnitSpec(
        "bql-nghia-trang",
        "Ban Quản lý Nghĩa trang liệt sĩ Thành phố Hà Nội",
        UnitType.OTHER,
        staff=40,
        profile="cemetery",
    ),
    UnitSpec(
        "truong-cdn-cong-nghiep",
        "Trường Cao đẳng nghề Công nghiệp Hà Nội",
        UnitType.SCHOOL,
        staff=160,
        profile="college",
    ),
    UnitSpec(
        "truong-cdn-viet-han",
        "Trường Cao đẳng nghề Việt Nam - Hàn Quốc thành phố Hà Nội",
        UnitType.SCHOOL,
        staff=150,
        profile="college",
    ),
    UnitSpec(
        "truong-cdn-cong-nghe-cao",
        "Trường Cao đẳng nghề Công nghệ cao Hà Nội",
        UnitType.SCHOOL,
        valid_from=dt.date(2010, 1, 1),
        staff=140,
        profile="college",
    ),
    UnitSpec(
        "truong-cd-co-dien",
        "Trường Cao đẳng Cơ điện Hà Nội",
        UnitType.SCHOOL,
        staff=130,
        profile="college",
    ),
    UnitSpec(
        facts.MECHANICAL_SCHOOL,
        "Trường Trung cấp nghề Cơ khí I Hà Nội",
        UnitType.SCHOOL,
        staff=70,
        profile="school",
        children=(
            UnitSpec(
                facts.MECHANICAL_FACULTY,
                "Khoa Cơ khí",
                UnitType.FACULTY,
                staff=25,
                profile="faculty",
            ),
        ),
    ),
    UnitSpec(
        "truong-tcn-so-1",
        "Trường Trung cấp nghề số 1 Hà Nội",
        UnitType.SCHOOL,
        staff=70,
        profile="school",
    ),
    _rehab(1, 95),
    _rehab(2, 85),
    _rehab(3, 75),
    _rehab(4, 90),
    _rehab(5, 70),
    _rehab(6, 80),
    _rehab(7, 65),
)

DEPARTMENT_SPEC = UnitSpec(
    facts.DEPARTMENT,
    "Sở Lao động - Thương binh và Xã hội Hà Nội",
    UnitType.DEPARTMENT,
    short_name="Sở LĐTBXH Hà Nội",
    children=DIVISIONS + DEPARTMENT_UNITS,
)


def _peer(code: str, name: str, valid_from: dt.date = EXPANDED) -> UnitSpec:
    return UnitSpec(f"so-{code}", name, UnitType.DEPARTMENT, valid_from=valid_from)


def _district(code: str, name: str, valid_from: dt.date = EARLY) -> UnitSpec:
    return UnitSpec(code, name, UnitType.DISTRICT, valid_from=valid_from)


CITY_SPEC = UnitSpec(
    facts.CITY,
    "Thành phố Hà Nội",
    UnitType.CITY,
    valid_from=LIBERATION,
    children=(
        UnitSpec(
            facts.CITY_BOARD,
            "Ban Thi đua - Khen thưởng Thành phố",
            UnitType.BOARD,
            valid_from=EARLY,
            short_name="Ban TĐKT Thành phố",
        ),
        DEPARTMENT_SPEC,
        _peer("noi-vu", "Sở Nội vụ Hà Nội"),
        _peer("y-te", "Sở Y tế Hà Nội"),
        _peer("gd-dt", "Sở Giáo dục và Đào tạo Hà Nội"),
        _peer("tai-chinh", "Sở Tài chính Hà Nội"),
        _peer("vh-tt", "Sở Văn hóa và Thể thao Hà Nội"),
        _peer("kh-dt", "Sở Kế hoạch và Đầu tư Hà Nội"),
        _district("quan-ba-dinh", "Quận Ba Đình"),
        _district("quan-hoan-kiem", "Quận Hoàn Kiếm"),
        _district("quan-hai-ba-trung", "Quận Hai Bà Trưng"),
        _district("quan-dong-da", "Quận Đống Đa"),
        _district("huyen-ba-vi", "Huyện Ba Vì", EXPANDED),  # part of Hà Tây until 2008
    ),
)

MINISTRY_SPEC = UnitSpec(
    facts.MINISTRY,
    "Bộ Lao động - Thương binh và Xã hội",
    UnitType.MINISTRY,
    valid_from=dt.date(1987, 2, 16),
    short_name="Bộ LĐTBXH",
    children=(
        UnitSpec(
            facts.MINISTRY_OFFICE,
            "Văn phòng Bộ",
            UnitType.DIVISION,
            valid_from=dt.date(1987, 2, 16),
        ),
    ),
)

CLUSTER_NAME = f"Cụm thi đua số {facts.CLUSTER_NUMBER}"
# (unit code, is head of the cluster)
CLUSTER_MEMBERS = (
    (facts.DEPARTMENT, False),
    ("so-y-te", True),
    ("so-gd-dt", False),
    ("so-vh-tt", False),
)


def all_specs() -> list[UnitSpec]:
    """Every unit spec, parents before children (the merged centre last)."""
    out: list[UnitSpec] = []

    def walk(spec: UnitSpec) -> None:
        out.append(spec)
        for child in spec.children:
            walk(child)

    walk(CITY_SPEC)
    walk(MINISTRY_SPEC)
    out.append(MERGED)
    return out


def _create(spec: UnitSpec, parent: Unit | None, units: dict[str, Unit]) -> None:
    units[spec.code] = unit_create(
        actor=None,
        code=spec.code,
        name=spec.name,
        unit_type=spec.unit_type,
        valid_from=spec.valid_from,
        parent=parent,
        short_name=spec.short_name,
    )
    for child in spec.children:
        _create(child, units[spec.code], units)


def build_org() -> dict[str, Unit]:
    """Create the units, the one rename, the one merge and cluster no. 7; units by code."""
    units: dict[str, Unit] = {}
    _create(CITY_SPEC, None, units)
    _create(MINISTRY_SPEC, None, units)

    units[EMPLOYMENT_CENTRE_CODE] = unit_rename(
        actor=None,
        unit=units[EMPLOYMENT_CENTRE_CODE],
        name=EMPLOYMENT_CENTRE_NAME,
        on=RENAME_ON,
    )
    units[MERGED.code] = unit_merge(
        actor=None,
        units=[units[spec.code] for spec in MERGED_AWAY],
        on=MERGE_ON,
        code=MERGED.code,
        name=MERGED.name,
        unit_type=MERGED.unit_type,
        reason="Sáp nhập theo quyết định của UBND Thành phố (dữ liệu mẫu)",
    )
    for spec in MERGED_AWAY:
        units[spec.code].refresh_from_db()

    build_cluster(units)
    return units


def build_cluster(units: dict[str, Unit]) -> Cluster:
    cluster = cluster_create(
        actor=None, number=facts.CLUSTER_NUMBER, name=CLUSTER_NAME, organiser=units[facts.CITY]
    )
    for code, is_head in CLUSTER_MEMBERS:
        cluster_add_member(
            actor=None,
            cluster=cluster,
            unit=units[code],
            valid_from=CLUSTER_FROM,
            is_head=is_head,
        )
    return cluster


def step(ctx: DemoContext) -> None:
    ctx.units = build_org()
    ctx.made["units"] = len(ctx.units)
