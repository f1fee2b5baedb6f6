"""Generated Vietnamese identities: names, dates of birth, citizen IDs, phones, Hà Nội addresses.

Faker('vi_VN') with a fixed seed drives every choice, so the demo is the same on every machine.
Its name lists are short (ten surnames), so they are widened here with common names weighted
roughly as they occur, and names are written in Vietnamese order: surname, middle, given name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from faker import Faker
from faker.providers.person.vi_VN import Provider as VietnameseNames

from guongsang.core.formatting import nfc
from guongsang.people.validators import century_gender_digit

SEED = 2024
HANOI = "001"  # province code of Hà Nội in the citizen ID


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# (surname, weight in percent, roughly)
SURNAMES = (
    ("Nguyễn", 31),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Vũ", 4),
    ("Phan", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Ngô", 1.5),
    ("Dương", 1),
    ("Đinh", 1),
    ("Đào", 1),
    ("Trịnh", 1),
    ("Hồ", 1),
    ("Mai", 0.6),
    ("Cao", 0.6),
    ("Hà", 0.6),
    ("Lương", 0.5),
    ("Lưu", 0.5),
    ("Chu", 0.4),
    ("Phùng", 0.4),
    ("Tạ", 0.4),
    ("Kiều", 0.3),
    ("Khuất", 0.3),
    ("Triệu", 0.3),
    ("Tô", 0.3),
    ("Nghiêm", 0.2),
    ("Doãn", 0.2),
    ("Quách", 0.2),
    ("Vương", 0.2),
    ("Lý", 0.2),
    ("Bạch", 0.1),
)
MALE_MIDDLE = (
    ("Văn", 30),
    ("Đức", 8),
    ("Minh", 8),
    ("Quang", 6),
    ("Hữu", 5),
    ("Xuân", 4),
    ("Thành", 4),
    ("Tiến", 3),
    ("Mạnh", 3),
    ("Ngọc", 3),
    ("Công", 3),
    ("Trọng", 3),
    ("Việt", 3),
    ("Duy", 3),
    ("Đình", 3),
    ("Thế", 2),
    ("Quốc", 2),
    ("Hải", 2),
    ("Tuấn", 2),
    ("Anh", 2),
    ("Bá", 1),
    ("Trung", 1),
)
FEMALE_MIDDLE = (
    ("Thị", 40),
    ("Thu", 7),
    ("Thanh", 6),
    ("Ngọc", 5),
    ("Minh", 4),
    ("Phương", 4),
    ("Hồng", 4),
    ("Kim", 3),
    ("Thùy", 3),
    ("Bích", 3),
    ("Mai", 3),
    ("Lan", 2),
    ("Diệu", 2),
    ("Hải", 2),
    ("Hoài", 2),
    ("Khánh", 2),
    ("Quỳnh", 2),
    ("Bảo", 2),
    ("Thúy", 2),
    ("Vân", 2),
)
# After "Thị", a second middle name half the time: "Nguyễn Thị Thu Hà".
SECOND_FEMALE_MIDDLE = ("Thu", "Thanh", "Ngọc", "Minh", "Phương", "Hồng", "Kim", "Bích", "Lan")
MALE_GIVEN = _words(
    "Anh Bình Cường Chiến Công Dũng Đức Dương Đạt Giang Hải Hiếu Hiệp Hiển Hòa Hoàng Hùng Huy "
    "Hưng Khánh Khoa Kiên Lâm Lợi Long Mạnh Minh Nam Nghĩa Phong Phúc Quân Quang Sơn Tài Thắng "
    "Thành Thịnh Tiến Toàn Trung Trường Tú Tuấn Tùng Việt Vinh Vũ Hậu Thanh Thái Cảnh Chính Danh "
    "Định Đông Hào Hoan Khải Khang Lực Luân Lương Nhân Phát Quý Sang Thiện Thông Thuận Trí Tuyên"
)
FEMALE_GIVEN = _words(
    "Anh Châm Chi Dung Duyên Giang Hà Hạnh Hằng Hiền Hoa Hồng Huệ Hương Huyền Lan Liên Linh Loan "
    "Ly Mai Minh My Nga Ngân Ngọc Nhung Oanh Phương Quyên Quỳnh Tâm Thảo Thắm Thanh Thơm Thu "
    "Thủy Trang Tuyết Uyên Vân Yến Hòa Hậu Nhàn Lụa Hường Ánh Bích Châu Diệp Hảo Khánh Kiều "
    "Liễu Mơ Nguyệt Nhi Quế Sen Thoa Thục Thùy Thư Trâm Vy Xuân"
)

# Faker's own Vietnamese names are part of the pool.
# Ordered and unique, so the same seed gives the same names.
_MALE_GIVEN = tuple(dict.fromkeys([*MALE_GIVEN, *VietnameseNames.first_names_male]))
_FEMALE_GIVEN = tuple(dict.fromkeys([*FEMALE_GIVEN, *VietnameseNames.first_names_female]))

# (street, district) pairs of Hà Nội.
STREETS = (
    ("phố Huế", "quận Hai Bà Trưng"),
    ("phố Bạch Mai", "quận Hai Bà Trưng"),
    ("phố Minh Khai", "quận Hai Bà Trưng"),
    ("phố Lò Đúc", "quận Hai Bà Trưng"),
    ("đường Giải Phóng", "quận Hoàng Mai"),
    ("đường Tam Trinh", "quận Hoàng Mai"),
    ("phố Định Công", "quận Hoàng Mai"),
    ("đường Lĩnh Nam", "quận Hoàng Mai"),
    ("đường Trường Chinh", "quận Đống Đa"),
    ("phố Tây Sơn", "quận Đống Đa"),
    ("phố Chùa Láng", "quận Đống Đa"),
    ("phố Xã Đàn", "quận Đống Đa"),
    ("phố Tôn Đức Thắng", "quận Đống Đa"),
    ("phố Kim Mã", "quận Ba Đình"),
    ("phố Đội Cấn", "quận Ba Đình"),
    ("phố Liễu Giai", "quận Ba Đình"),
    ("phố Hàng Bông", "quận Hoàn Kiếm"),
    ("phố Hàng Bài", "quận Hoàn Kiếm"),
    ("đường Nguyễn Trãi", "quận Thanh Xuân"),
    ("phố Khương Trung", "quận Thanh Xuân"),
    ("đường Cầu Giấy", "quận Cầu Giấy"),
    ("đường Xuân Thủy", "quận Cầu Giấy"),
    ("phố Trần Thái Tông", "quận Cầu Giấy"),
    ("đường Phạm Hùng", "quận Nam Từ Liêm"),
    ("đường Phạm Văn Đồng", "quận Bắc Từ Liêm"),
    ("đường Nguyễn Văn Cừ", "quận Long Biên"),
    ("phố Ngọc Lâm", "quận Long Biên"),
    ("đường Lạc Long Quân", "quận Tây Hồ"),
    ("phố Thụy Khuê", "quận Tây Hồ"),
    ("đường Quang Trung", "quận Hà Đông"),
    ("phố Tô Hiệu", "quận Hà Đông"),
    ("phố Lê Lợi", "thị xã Sơn Tây"),
    ("đường Quảng Oai", "huyện Ba Vì"),
    ("đường Ngọc Hồi", "huyện Thanh Trì"),
    ("đường Nguyễn Đức Thuận", "huyện Gia Lâm"),
)
MOBILE_PREFIXES = _words(
    "91 94 88 83 84 85 81 82 98 97 96 86 32 33 34 35 36 37 38 39 90 93 89 70 76 77 78 79 56 58"
)


class Identities:
    """A reproducible source of Vietnamese identities; one instance per seed run."""

    def __init__(self, seed: int = SEED, *, reserved: Iterable[str] = ()) -> None:
        self.fake = Faker("vi_VN")
        self.fake.seed_instance(seed)
        self.random = self.fake.random
        self._serials: set[int] = set()
        # Names of real people in the demo: no generated person may share them.
        self._reserved = {nfc(name) for name in reserved}

    def weighted(self, pairs: tuple[tuple[str, float], ...]) -> str:
        names, weights = zip(*pairs, strict=True)
        return self.random.choices(names, weights=weights)[0]

    def chance(self, p: float) -> bool:
        return self.random.random() < p

    def full_name(self, *, female: bool) -> str:
        while True:
            name = self._full_name(female=female)
            if name not in self._reserved:
                return name

    def _full_name(self, *, female: bool) -> str:
        surname = self.weighted(SURNAMES)
        if female:
            middle = self.weighted(FEMALE_MIDDLE)
            if middle == "Thị" and self.chance(0.5):
                middle += " " + self.random.choice(SECOND_FEMALE_MIDDLE)
            given = self.random.choice(_FEMALE_GIVEN)
        else:
            middle = self.weighted(MALE_MIDDLE)
            given = self.random.choice(_MALE_GIVEN)
        if middle.endswith(given):  # "Minh Minh", "Thị Thu Thu"
            middle = "Thị" if female else "Văn"
        return nfc(f"{surname} {middle} {given}")

    def date_between(self, start: dt.date, end: dt.date) -> dt.date:
        if end <= start:
            return start
        return dt.date.fromordinal(self.random.randint(start.toordinal(), end.toordinal()))

    def citizen_id(self, *, born: dt.date, female: bool) -> str:
        """Số định danh: province, century-and-gender digit, year of birth, six random digits."""
        while True:
            serial = self.random.randint(1, 999_999)
            if serial not in self._serials:
                self._serials.add(serial)
                break
        digit = century_gender_digit(born.year, female)
        return f"{HANOI}{digit}{born.year % 100:02d}{serial:06d}"

    def phone(self) -> str:
        return f"0{self.random.choice(MOBILE_PREFIXES)}{self.random.randint(0, 9_999_999):07d}"

    def address(self) -> str:
        street, district = self.random.choice(STREETS)
        number = self.random.randint(1, 250)
        if self.chance(0.5):
            lane = self.random.randint(2, 180)
            return nfc(f"Số {number} ngõ {lane} {street}, {district}, Hà Nội")
        return nfc(f"Số {number} {street}, {district}, Hà Nội")
