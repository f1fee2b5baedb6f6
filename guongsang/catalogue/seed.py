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
        "1.5",
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
    # The rules' columns came later (0003): the migration 0002 sees a model without them.
    if any(f.name == "legal_basis" for f in title_model._meta.get_fields()):
        seed_rules(title_model, prerequisite_model)


# --- rules with their articles ---------------------------------------------------------------
# Filled in by the migration that added the columns (0004), for rows the admin left blank.
LAW = "Luật Thi đua, khen thưởng 2022"
DECREE = "Nghị định 98/2023/NĐ-CP"
CIRCULAR = "Thông tư 01/2024/TT-BNV"
# The decree's reward articles (checked against published copies of its text: Điều 54 for the
# titles, Điều 55 for the orders, Điều 58 for Bằng khen, Giấy khen and Kỷ niệm chương).
REWARD_TITLES = f"{DECREE}, Điều 54 (mức tiền thưởng danh hiệu thi đua)"
REWARD_MEDALS = f"{DECREE}, Điều 55 (mức tiền thưởng Huân chương các loại)"
REWARD_FORMS = f"{DECREE}, Điều 58 (mức tiền thưởng bằng khen, giấy khen)"
UNIT_VOTE = f"{CIRCULAR} và quy chế thi đua, khen thưởng của cơ quan: quá nửa số người dự họp"
IN_YEAR = f"{DECREE}, Điều 5: không xét tặng cho người bị kỷ luật trong năm"
RUNNING = f"{LAW}, Điều 12: chưa đề nghị khen thưởng khi đang thi hành kỷ luật"
HARD_WORK = "Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước"

RULES: dict[str, dict] = {
    "lao-dong-tien-tien": {
        "legal_basis": f"{LAW}, Điều 24",
        "coefficient_basis": REWARD_TITLES,
        "discipline_rule": "in_year",
        "discipline_basis": IN_YEAR,
    },
    "chien-si-thi-dua-co-so": {
        "legal_basis": f"{LAW}, Điều 23",
        "quota_basis": f"{DECREE}, Điều 5, khoản 2: không quá 15% số cá nhân đạt “Lao động "
        "tiên tiến”",
        "coefficient_basis": REWARD_TITLES,
        "discipline_rule": "in_year",
        "discipline_basis": IN_YEAR,
    },
    "chien-si-thi-dua-cap-thanh-pho": {
        "criteria": [
            "Thành tích tiêu biểu xuất sắc, chọn trong số cá nhân có 03 lần liên tục được tặng "
            "“Chiến sĩ thi đua cơ sở”",
            "Có sáng kiến được áp dụng hiệu quả, có khả năng nhân rộng trong phạm vi Thành phố "
            "(hoặc đề tài, đề án khoa học được nghiệm thu, áp dụng hiệu quả)",
        ],
        "legal_basis": f"{LAW}, Điều 22",
        "interval_years": 3,
        "interval_basis": f"{LAW}, Điều 22: sau 03 lần liên tục “Chiến sĩ thi đua cơ sở”",
        "coefficient_basis": REWARD_TITLES,
        "discipline_rule": "in_year",
        "discipline_basis": IN_YEAR,
    },
    "chien-si-thi-dua-toan-quoc": {
        "criteria": [
            "Thành tích tiêu biểu xuất sắc, chọn trong số cá nhân có 02 lần liên tục được tặng "
            "“Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh”",
            "Có sáng kiến được áp dụng hiệu quả, có khả năng nhân rộng trong toàn quốc (hoặc đề "
            "tài, đề án, công trình khoa học có phạm vi ảnh hưởng toàn quốc)",
        ],
        "legal_basis": f"{LAW}, Điều 21",
        "coefficient_basis": REWARD_TITLES,
        "discipline_rule": "in_year",
        "discipline_basis": IN_YEAR,
    },
    "tap-the-lao-dong-tien-tien": {
        "criteria": [
            "Hoàn thành tốt nhiệm vụ và kế hoạch được giao",
            "Có phong trào thi đua thường xuyên, thiết thực, hiệu quả",
            "Có trên 50% cá nhân đạt “Lao động tiên tiến”, không có cá nhân bị kỷ luật từ "
            "cảnh cáo trở lên",
            "Nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách, pháp luật",
        ],
        "legal_basis": f"{LAW}, Điều 28",
        "coefficient_basis": REWARD_TITLES,
        "discipline_rule": "in_year",
        "discipline_basis": IN_YEAR,
    },
    "tap-the-lao-dong-xuat-sac": {
        "criteria": [
            "Sáng tạo, vượt khó, hoàn thành xuất sắc nhiệm vụ, thực hiện tốt nghĩa vụ với Nhà nước",
            "Có phong trào thi đua thường xuyên, thiết thực, hiệu quả",
            "100% cá nhân hoàn thành nhiệm vụ, ít nhất 70% đạt “Lao động tiên tiến”",
            "Có cá nhân đạt “Chiến sĩ thi đua cơ sở”, không có cá nhân bị kỷ luật từ cảnh cáo "
            "trở lên",
        ],
        "legal_basis": f"{LAW}, Điều 27",
        "coefficient_basis": REWARD_TITLES,
        "discipline_rule": "in_year",
        "discipline_basis": IN_YEAR,
    },
    "co-thi-dua-ubnd-thanh-pho": {
        "criteria": [
            "Hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao trong năm, là tập "
            "thể tiêu biểu xuất sắc của Thành phố",
            "Có nhân tố mới, mô hình mới để các tập thể khác học tập",
            "Nội bộ đoàn kết, tích cực thực hành tiết kiệm, chống lãng phí, chống tham nhũng",
        ],
        "legal_basis": f"{LAW}, Điều 26",
        "coefficient_basis": REWARD_TITLES,
        "discipline_rule": "in_year",
        "discipline_basis": IN_YEAR,
    },
    "co-thi-dua-chinh-phu": {
        "criteria": [
            "Có thành tích, hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao trong "
            "năm, là tập thể tiêu biểu xuất sắc toàn quốc",
            "Có nhân tố mới, mô hình mới tiêu biểu cho cả nước học tập",
            "Đã được tặng Cờ thi đua cấp bộ, ban, ngành, tỉnh",
        ],
        "legal_basis": f"{LAW}, Điều 25",
        "coefficient_basis": REWARD_TITLES,
        "discipline_rule": "in_year",
        "discipline_basis": IN_YEAR,
    },
    "giay-khen-giam-doc-so": {
        "criteria": [
            "Có thành tích đột xuất, hoặc hoàn thành tốt nhiệm vụ, lập được thành tích được bình "
            "xét trong phong trào thi đua",
            HARD_WORK,
        ],
        "legal_basis": f"{LAW}, Điều 74",
        "coefficient_basis": REWARD_FORMS,
        "discipline_basis": RUNNING,
    },
    "bang-khen-chu-tich-ubnd-thanh-pho": {
        "criteria": [
            "Có thành tích xuất sắc được bình xét trong phong trào thi đua, hoặc lập được nhiều "
            "thành tích có phạm vi ảnh hưởng trong Thành phố",
            "Cá nhân: 02 năm liên tục hoàn thành xuất sắc nhiệm vụ, có 02 sáng kiến được công "
            "nhận và áp dụng hiệu quả ở cơ sở",
            HARD_WORK,
        ],
        "legal_basis": f"{LAW}, Điều 72",
        "coefficient_basis": REWARD_FORMS,
        "discipline_basis": RUNNING,
    },
    "bang-khen-thu-tuong": {
        "criteria": [
            "Có thành tích xuất sắc, tiêu biểu được bình xét trong phong trào thi đua do Thủ "
            "tướng phát động, hoặc thành tích có phạm vi ảnh hưởng trong Thành phố, ngành",
            "Hoặc: đã được tặng Bằng khen cấp bộ, ban, ngành, tỉnh, 05 năm tiếp theo trở lên "
            "liên tục hoàn thành xuất sắc nhiệm vụ, có sáng kiến được công nhận",
            HARD_WORK,
        ],
        "legal_basis": f"{LAW}, Điều 71",
        "coefficient_basis": REWARD_FORMS,
        "interval_years": 5,
        "interval_basis": f"{LAW}, Điều 71: 05 năm tiếp theo trở lên",
        "discipline_basis": RUNNING,
    },
    "huan-chuong-lao-dong-hang-ba": {
        "criteria": [
            "Lập được thành tích xuất sắc đột xuất, hoặc có phát minh, sáng chế, công trình "
            "khoa học được ứng dụng có hiệu quả",
            "Hoặc: đã được tặng Bằng khen của Thủ tướng Chính phủ, 05 năm tiếp theo trở lên "
            "liên tục hoàn thành xuất sắc nhiệm vụ, có 02 lần “Chiến sĩ thi đua cơ sở”",
        ],
        "legal_basis": f"{LAW}, Điều 43",
        "coefficient_basis": REWARD_MEDALS,
        "discipline_basis": RUNNING,
    },
    "huan-chuong-lao-dong-hang-nhi": {
        "criteria": [
            "Lập được thành tích đặc biệt xuất sắc đột xuất có phạm vi ảnh hưởng trong bộ, "
            "ngành, tỉnh",
            "Hoặc: đã được tặng “Huân chương Lao động” hạng Ba, 05 năm tiếp theo trở lên liên "
            "tục hoàn thành xuất sắc nhiệm vụ",
        ],
        "legal_basis": f"{LAW}, Điều 42",
        "coefficient_basis": REWARD_MEDALS,
        "discipline_basis": RUNNING,
    },
    "huan-chuong-lao-dong-hang-nhat": {
        "criteria": [
            "Lập được thành tích đặc biệt xuất sắc đột xuất có phạm vi ảnh hưởng toàn quốc",
            "Hoặc: đã được tặng “Huân chương Lao động” hạng Nhì, 05 năm tiếp theo trở lên liên "
            "tục hoàn thành xuất sắc nhiệm vụ",
        ],
        "legal_basis": f"{LAW}, Điều 41",
        "coefficient_basis": REWARD_MEDALS,
        "discipline_basis": RUNNING,
    },
    "nguoi-tot-viec-tot-co-so": {
        "legal_basis": "Quy định của UBND Thành phố về phong trào “Người tốt, việc tốt”",
        "coefficient_basis": "Quy định của Thành phố (mặc định như Giấy khen)",
        "discipline_basis": RUNNING,
    },
    "nguoi-tot-viec-tot-thanh-pho": {
        "legal_basis": "Quy định của UBND Thành phố về phong trào “Người tốt, việc tốt”",
        "coefficient_basis": "Quy định của Thành phố (mặc định như Bằng khen cấp tỉnh)",
        "discipline_basis": RUNNING,
    },
    "tap-the-tot": {
        "criteria": [
            "Tập thể có nhiều việc làm tốt, tiêu biểu trong phong trào “Người tốt, việc tốt”",
            "Nội bộ đoàn kết, hoàn thành tốt nhiệm vụ được giao",
        ],
        "legal_basis": "Quy định của UBND Thành phố về phong trào “Người tốt, việc tốt”",
        "coefficient_basis": "Quy định của Thành phố (mặc định như Giấy khen)",
        "discipline_basis": RUNNING,
    },
}

# (title, required, counting, N, the year under review counts, blocking, article)
RULE_PREREQUISITES = [
    ("chien-si-thi-dua-co-so", "lao-dong-tien-tien", "years", 1, True, True, f"{LAW}, Điều 23"),
    (
        "chien-si-thi-dua-cap-thanh-pho",
        "chien-si-thi-dua-co-so",
        "years",
        3,
        True,
        True,
        f"{LAW}, Điều 22: 03 lần liên tục (danh hiệu xét hằng năm: 03 năm liên tục)",
    ),
    (
        "chien-si-thi-dua-toan-quoc",
        "chien-si-thi-dua-cap-thanh-pho",
        "awards",
        2,
        True,
        True,
        f"{LAW}, Điều 21: 02 lần liên tục được tặng",
    ),
    (
        "tap-the-lao-dong-xuat-sac",
        "tap-the-lao-dong-tien-tien",
        "years",
        1,
        True,
        True,
        f"{LAW}, Điều 27",
    ),
    (
        "bang-khen-thu-tuong",
        "bang-khen-chu-tich-ubnd-thanh-pho",
        "after",
        5,
        False,
        False,
        f"{LAW}, Điều 71: đã được tặng Bằng khen cấp tỉnh, 05 năm tiếp theo",
    ),
    (
        "huan-chuong-lao-dong-hang-ba",
        "bang-khen-thu-tuong",
        "after",
        5,
        False,
        False,
        f"{LAW}, Điều 43: đã được tặng Bằng khen của Thủ tướng, 05 năm tiếp theo",
    ),
    (
        "huan-chuong-lao-dong-hang-nhi",
        "huan-chuong-lao-dong-hang-ba",
        "after",
        5,
        False,
        False,
        f"{LAW}, Điều 42: đã được tặng Huân chương Lao động hạng Ba, 05 năm tiếp theo",
    ),
    (
        "huan-chuong-lao-dong-hang-nhat",
        "huan-chuong-lao-dong-hang-nhi",
        "after",
        5,
        False,
        False,
        f"{LAW}, Điều 41: đã được tặng Huân chương Lao động hạng Nhì, 05 năm tiếp theo",
    ),
]

# Coefficients the earlier seed set wrong: (code, old, checked value).
COEFFICIENT_FIXES = [("bang-khen-thu-tuong", Decimal("1.0"), Decimal("1.5"))]

# Reward articles an earlier seed cited wrong (Điều 55 and 56 for every reward): (the text it
# wrote, the checked text, which titles). Replaced only where the admin left the old text.
ARTICLE_FIXES = [
    (f"{DECREE}, Điều 55 (tiền thưởng danh hiệu thi đua)", REWARD_TITLES, None),
    (
        f"{DECREE}, Điều 56 (tiền thưởng hình thức khen thưởng)",
        REWARD_MEDALS,
        [
            "huan-chuong-lao-dong-hang-ba",
            "huan-chuong-lao-dong-hang-nhi",
            "huan-chuong-lao-dong-hang-nhat",
        ],
    ),
    (f"{DECREE}, Điều 56 (tiền thưởng hình thức khen thưởng)", REWARD_FORMS, None),
]


def fix_articles(title_model, *, backwards: bool = False) -> None:
    """Put the checked reward article where a row still holds the earlier, wrong one (or,
    backwards, the earlier text where a row still holds the checked one)."""
    for old, new, codes in ARTICLE_FIXES if not backwards else reversed(ARTICLE_FIXES):
        rows = title_model.objects.filter(coefficient_basis=new if backwards else old)
        if codes is not None:
            rows = rows.filter(code__in=codes)
        rows.update(coefficient_basis=old if backwards else new)


# A column still holding the value it had before the rules were seeded.
UNTOUCHED: dict[str, object] = {"criteria": [], "interval_years": 1, "discipline_rule": "running"}


def seed_rules(title_model, prerequisite_model) -> None:
    """Fill the rules' articles, criteria and prerequisites where the admin left them blank;
    correct a coefficient only while it still holds the earlier seed's value."""
    by_code = {t.code: t for t in title_model.objects.filter(code__in=list(RULES))}
    for code, fields in RULES.items():
        title = by_code.get(code)
        if title is None:
            continue
        changed = []
        for name, value in {**fields, "unit_vote_basis": UNIT_VOTE}.items():
            if getattr(title, name) == UNTOUCHED.get(name, ""):
                setattr(title, name, value)
                changed.append(name)
        if changed:
            title.save(update_fields=changed)
    for code, old, new in COEFFICIENT_FIXES:
        title_model.objects.filter(code=code, coefficient=old).update(
            coefficient=new, coefficient_basis=REWARD_FORMS
        )
    fix_articles(title_model)
    for code, required, counting, n, same_year, blocking, basis in RULE_PREREQUISITES:
        if code not in by_code or required not in by_code:
            continue
        rule = {
            "counting": counting,
            "consecutive_years": n,
            "same_year": same_year,
            "blocking": blocking,
            "legal_basis": basis,
        }
        found, created = prerequisite_model.objects.get_or_create(
            title=by_code[code], required=by_code[required], defaults=rule
        )
        if not created and not found.legal_basis:  # the earlier seed's row, not yet cited
            for name, value in rule.items():
                setattr(found, name, value)
            found.save()
