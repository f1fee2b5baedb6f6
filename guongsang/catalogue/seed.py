"""The titles, forms and base salaries every installation starts with (domain facts).

Values follow the 2022 Law on Emulation and Commendation and Decree 98/2023/NĐ-CP; the city's
"Người tốt, việc tốt" titles follow its own rules. All of them are editable data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

LAW_2022 = dt.date(2024, 1, 1)
DIRECTOR = "Giám đốc Sở"
CITY_CHAIR = "Chủ tịch UBND Thành phố"
PRIME_MINISTER = "Thủ tướng Chính phủ"
PRESIDENT = "Chủ tịch nước"

NINETY_OF_ALL = {
    "ballot_rule": "all_members",
    "ballot_threshold": Decimal("90"),
    "ballot_strictly_above": False,
}

# (code, name, kind, level, target, authority, conferred by the department, coefficient, extra)
TITLES: list[tuple[str, str, str, str, str, str, bool, str, dict]] = [
    (
        "lao-dong-tien-tien",
        "Lao động tiên tiến",
        "title",
        "base",
        "individual",
        DIRECTOR,
        True,
        "0.3",
        {
            "criteria": [
                "Hoàn thành tốt nhiệm vụ được giao",
                "Chấp hành tốt chủ trương, chính sách, pháp luật",
                "Có tinh thần tự lực, tự cường; đoàn kết, tương trợ",
                "Tích cực tham gia phong trào thi đua",
            ]
        },
    ),
    (
        "chien-si-thi-dua-co-so",
        "Chiến sĩ thi đua cơ sở",
        "title",
        "base",
        "individual",
        DIRECTOR,
        True,
        "1.0",
        {
            "criteria": [
                "Đạt danh hiệu “Lao động tiên tiến”",
                "Có sáng kiến, giải pháp được công nhận",
            ],
            "quota_percent": Decimal("15"),
            "quota_of": "lao-dong-tien-tien",
        },
    ),
    (
        "chien-si-thi-dua-cap-thanh-pho",
        "Chiến sĩ thi đua cấp Thành phố",
        "title",
        "city",
        "individual",
        CITY_CHAIR,
        False,
        "3.0",
        NINETY_OF_ALL,
    ),
    (
        "chien-si-thi-dua-toan-quoc",
        "Chiến sĩ thi đua toàn quốc",
        "title",
        "national",
        "individual",
        PRIME_MINISTER,
        False,
        "4.5",
        NINETY_OF_ALL,
    ),
    (
        "tap-the-lao-dong-tien-tien",
        "Tập thể lao động tiên tiến",
        "title",
        "base",
        "collective",
        DIRECTOR,
        True,
        "0.8",
        {},
    ),
    (
        "tap-the-lao-dong-xuat-sac",
        "Tập thể lao động xuất sắc",
        "title",
        "city",
        "collective",
        CITY_CHAIR,
        False,
        "1.5",
        {},
    ),
    (
        "co-thi-dua-ubnd-thanh-pho",
        "Cờ thi đua của UBND Thành phố",
        "title",
        "city",
        "collective",
        CITY_CHAIR,
        False,
        "8.0",
        {},
    ),
    (
        "co-thi-dua-chinh-phu",
        "Cờ thi đua của Chính phủ",
        "title",
        "national",
        "collective",
        PRIME_MINISTER,
        False,
        "12.0",
        {},
    ),
    (
        "giay-khen-giam-doc-so",
        "Giấy khen của Giám đốc Sở",
        "form",
        "base",
        "both",
        DIRECTOR,
        True,
        "0.3",
        {"collective_doubles": True},
    ),
    (
        "bang-khen-chu-tich-ubnd-thanh-pho",
        "Bằng khen của Chủ tịch UBND Thành phố",
        "form",
        "city",
        "both",
        CITY_CHAIR,
        False,
        "1.0",
        {"collective_doubles": True},
    ),
    (
        "bang-khen-thu-tuong",
        "Bằng khen của Thủ tướng Chính phủ",
        "form",
        "national",
        "both",
        PRIME_MINISTER,
        False,
        "1.0",
        {"collective_doubles": True},
    ),
    (
        "huan-chuong-lao-dong-hang-ba",
        "Huân chương Lao động hạng Ba",
        "form",
        "national",
        "both",
        PRESIDENT,
        False,
        "4.5",
        {"collective_doubles": True, **NINETY_OF_ALL},
    ),
    (
        "huan-chuong-lao-dong-hang-nhi",
        "Huân chương Lao động hạng Nhì",
        "form",
        "national",
        "both",
        PRESIDENT,
        False,
        "7.5",
        {"collective_doubles": True, **NINETY_OF_ALL},
    ),
    (
        "huan-chuong-lao-dong-hang-nhat",
        "Huân chương Lao động hạng Nhất",
        "form",
        "national",
        "both",
        PRESIDENT,
        False,
        "9.0",
        {"collective_doubles": True, **NINETY_OF_ALL},
    ),
    # The city's movement titles (its own rules; editable).
    (
        "nguoi-tot-viec-tot-co-so",
        "“Người tốt, việc tốt” cấp cơ sở",
        "title",
        "base",
        "individual",
        DIRECTOR,
        True,
        "0.3",
        {
            "criteria": [
                "Có hành động, việc làm tốt, tiêu biểu, được tập thể ghi nhận",
                "Có sức lan toả trong cơ quan, đơn vị, cộng đồng",
            ]
        },
    ),
    (
        "nguoi-tot-viec-tot-thanh-pho",
        "“Người tốt, việc tốt” cấp Thành phố",
        "title",
        "city",
        "individual",
        CITY_CHAIR,
        False,
        "1.0",
        {
            "criteria": [
                "Tiêu biểu trong số “Người tốt, việc tốt” cấp cơ sở",
                "Được tặng kèm Bằng khen của Chủ tịch UBND Thành phố",
            ]
        },
    ),
    (
        "tap-the-tot",
        "“Tập thể tốt”",
        "title",
        "base",
        "collective",
        DIRECTOR,
        True,
        "0.3",
        {"collective_doubles": True},
    ),
]

# (title, required title, consecutive years, the year under review counts)
PREREQUISITES = [
    ("chien-si-thi-dua-co-so", "lao-dong-tien-tien", 1, True),
    ("chien-si-thi-dua-cap-thanh-pho", "chien-si-thi-dua-co-so", 3, True),
    ("chien-si-thi-dua-toan-quoc", "chien-si-thi-dua-cap-thanh-pho", 2, True),
    ("tap-the-lao-dong-xuat-sac", "tap-the-lao-dong-tien-tien", 1, True),
]

BASE_SALARIES = [
    (1_300_000, dt.date(2017, 7, 1), "Nghị định 47/2017/NĐ-CP"),
    (1_390_000, dt.date(2018, 7, 1), "Nghị định 72/2018/NĐ-CP"),
    (1_490_000, dt.date(2019, 7, 1), "Nghị định 38/2019/NĐ-CP"),
    (1_800_000, dt.date(2023, 7, 1), "Nghị định 24/2023/NĐ-CP"),
    (2_340_000, dt.date(2024, 7, 1), "Nghị định 73/2024/NĐ-CP"),
]


def seed_catalogue(title_model, prerequisite_model, salary_model) -> None:
    """Create what is missing (by code / date); never overwrite what the admin edited."""
    by_code = {}
    for order, (code, name, kind, level, target, authority, by_dept, coef, extra) in enumerate(
        TITLES
    ):
        extra = dict(extra)
        quota_of = extra.pop("quota_of", None)
        title, _ = title_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "level": level,
                "target": target,
                "authority": authority,
                "conferred_by_department": by_dept,
                "coefficient": Decimal(coef),
                "valid_from": LAW_2022,
                "order": order,
                **extra,
            },
        )
        by_code[code] = (title, quota_of)
    for title, quota_of in by_code.values():
        if quota_of and title.quota_of_id is None:
            title.quota_of = by_code[quota_of][0]
            title.save(update_fields=["quota_of"])
    for code, required, years, same_year in PREREQUISITES:
        prerequisite_model.objects.get_or_create(
            title=by_code[code][0],
            required=by_code[required][0],
            defaults={"consecutive_years": years, "same_year": same_year},
        )
    for amount, valid_from, basis in BASE_SALARIES:
        salary_model.objects.get_or_create(
            valid_from=valid_from, defaults={"amount": amount, "legal_basis": basis}
        )
