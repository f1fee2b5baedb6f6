"""The facts and figures of the seed articles (../shared/domain.md), as data.

The demo builders read these; nothing else in the demo states a figure of its own. Sentences of
the articles are not carried over, only who held which public role and the numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

# Unit codes the facts refer to (the tree itself is in org_tree.py).
CITY = "tp-ha-noi"
CITY_BOARD = "ban-tdkt-tp"
DEPARTMENT = "so-ldtbxh"
MINISTRY = "bo-ldtbxh"
MINISTRY_OFFICE = "bo-ldtbxh-van-phong"
DIOXIN_CENTRE = "tt-da-cam-dioxin"
DIOXIN_MEDICAL_DIVISION = "tt-da-cam-dioxin-y-te"
MECHANICAL_SCHOOL = "truong-tcn-co-khi-1"
MECHANICAL_FACULTY = "truong-tcn-co-khi-1-khoa-co-khi"

CLUSTER_NUMBER = 7
"""The department belongs to the city's emulation cluster no. 7 (cụm thi đua số 7)."""

MOVEMENT_LAUNCHED = 1992
"""The city launched "Người tốt, việc tốt" in 1992 (30 years in 2022)."""


@dataclass(frozen=True)
class PublicRole:
    """Someone the articles name, in the public role they name. No personal data."""

    full_name: str
    title: str
    unit_code: str
    female: bool | None = None  # set only where the name itself says so ("Thị")
    note: str = ""


# The articles give roles, not dates: positions start on this demo date so that they are held
# throughout 2022 and 2023, the years the articles report.
ROLES_FROM = dt.date(2020, 1, 1)

DIRECTOR = PublicRole(
    "Bạch Liên Hương",
    "Giám đốc Sở",
    DEPARTMENT,
    note="Chủ tịch Hội đồng Thi đua - Khen thưởng Sở",
)
DEPUTY_DIRECTOR = PublicRole("Nguyễn Tây Nam", "Phó Giám đốc Sở", DEPARTMENT)
CITY_VICE_CHAIRMAN = PublicRole(
    "Lê Hồng Sơn",
    "Phó Chủ tịch Thường trực UBND Thành phố",
    CITY,
    note="Phó Chủ tịch thứ nhất Hội đồng Thi đua - Khen thưởng Thành phố",
)
CITY_BOARD_HEAD = PublicRole(
    "Nguyễn Công Bằng", "Trưởng ban Thi đua - Khen thưởng Thành phố", CITY_BOARD
)
MINISTRY_DEPUTY_CHIEF_OF_OFFICE = PublicRole(
    "Đặng Đức Thuận", "Phó Chánh Văn phòng Bộ", MINISTRY_OFFICE
)
OFFICIALS = (
    DIRECTOR,
    DEPUTY_DIRECTOR,
    CITY_VICE_CHAIRMAN,
    CITY_BOARD_HEAD,
    MINISTRY_DEPUTY_CHIEF_OF_OFFICE,
)

# Honourees who reported at the conference of 23/9/2022. Their titles beyond "teacher" are not
# given, so the other one is a plain "Viên chức".
HONOUREE_MEDICAL = PublicRole(
    "Lê Thị Bích Liên",
    "Viên chức",
    DIOXIN_MEDICAL_DIVISION,
    female=True,
    note="Báo cáo điển hình tại Hội nghị ngày 23/9/2022",
)
HONOUREE_TEACHER = PublicRole(
    "Nguyễn Thị Bích Thủy",
    "Giáo viên",
    MECHANICAL_FACULTY,
    female=True,
    note="Báo cáo điển hình tại Hội nghị ngày 23/9/2022",
)
HONOUREES = (HONOUREE_MEDICAL, HONOUREE_TEACHER)
HONOUREES_FROM = dt.date(2015, 9, 1)
NAMED_PEOPLE = (*OFFICIALS, *HONOUREES)


# --- Figures the demo must reproduce ------------------------------------------------------

CONFERENCE_2022 = dt.date(2022, 9, 23)

GOOD_PEOPLE_DEPARTMENT_2009_2021 = 661  # "Người tốt, việc tốt", department level, individuals
GOOD_COLLECTIVES_DEPARTMENT_2009_2021 = 13  # "Tập thể tốt", department level
GOOD_PEOPLE_CITY_2009_2021 = 122  # "Người tốt, việc tốt", city level, individuals
HISTORY_YEARS = (2009, 2021)


@dataclass(frozen=True)
class Year:
    year: int
    good_people_city: int
    good_people_department: int
    plan_contents: int | None = None
    contest_entries: int | None = None
    contest_to_city: int | None = None
    contest_city_final: int | None = None
    contest_commended_by_director: int | None = None


YEAR_2022 = Year(
    2022,
    good_people_city=5,
    good_people_department=21,  # 26 honoured at the conference of 23/9/2022
    plan_contents=13,
    contest_entries=43,
    contest_to_city=5,
)
YEAR_2023 = Year(
    2023,
    good_people_city=5,
    good_people_department=22,  # "base level" in the 2023 report
    contest_to_city=41,
    contest_city_final=5,
    contest_commended_by_director=2,
)
YEAR_2024_PLAN_CONTENTS = 6

ENTERPRISES_WITH_CITY_BANG_KHEN_2022 = 2  # for social-security contributions
DEPARTMENT_PROPOSED_FOR_PM_BANG_KHEN_2022 = True  # 30 years of the movement

BOOK_2023 = "Những bông hoa đẹp"
BOOK_2023_COLLECTIVES = 1
BOOK_2023_INDIVIDUALS = 1


@dataclass(frozen=True)
class Target:
    """A city-wide sector indicator: the yearly plan and the result after nine months."""

    code: str
    name: str
    unit: str
    plan: int
    result_9_months: int
    reported_percent: Decimal  # as the article typed it; the system recomputes it


TARGETS_2023 = (
    Target("viec-lam", "Giải quyết việc làm", "người", 162_000, 171_228, Decimal("105.7")),
    Target(
        "tuyen-sinh-gdnn",
        "Tuyển sinh giáo dục nghề nghiệp",
        "người",
        230_000,
        202_590,
        Decimal("88.1"),
    ),
    Target(
        "cai-nghien-bat-buoc",
        "Tiếp nhận cai nghiện bắt buộc",
        "người",
        1_200,
        1_243,
        Decimal("103.6"),
    ),
)
