"""Validation of the 12-digit citizen ID (số định danh cá nhân / CCCD)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Province codes of Circular 59/2021/TT-BCA (001–096, with gaps of the old numbering).
PROVINCE_CODES = frozenset(
    {
        1,
        2,
        4,
        6,
        8,
        10,
        11,
        12,
        14,
        15,
        17,
        19,
        20,
        22,
        24,
        25,
        26,
        27,
        30,
        31,
        33,
        34,
        35,
        36,
        37,
        38,
        40,
        42,
        44,
        45,
        46,
        48,
        49,
        51,
        52,
        54,
        56,
        58,
        60,
        62,
        64,
        66,
        67,
        68,
        70,
        72,
        74,
        75,
        77,
        79,
        80,
        82,
        83,
        84,
        86,
        87,
        89,
        91,
        92,
        93,
        94,
        95,
        96,
    }
)
_CID = re.compile(r"^\d{12}$")


def century_gender_digit(birth_year: int, female: bool) -> int:
    """Digit 4: 0/1 for 1900s male/female, 2/3 for 2000s, 4/5 for 2100s…"""
    century_index = (birth_year // 100) - 19
    return century_index * 2 + (1 if female else 0)


def validate_citizen_id(
    value: str, *, date_of_birth: dt.date | None = None, female: bool | None = None
) -> str:
    value = (value or "").strip().replace(" ", "")
    if not _CID.match(value):
        raise ValidationError(_("Số định danh cá nhân phải gồm đúng 12 chữ số."), code="format")
    if int(value[:3]) not in PROVINCE_CODES:
        raise ValidationError(
            _("Mã tỉnh “%(code)s” trong số định danh cá nhân không tồn tại.") % {"code": value[:3]},
            code="province",
        )
    code = int(value[3])
    if date_of_birth is not None:
        century = 1900 + (code // 2) * 100
        year = century + int(value[4:6])
        if year != date_of_birth.year:
            raise ValidationError(
                _("Số định danh cá nhân không khớp với năm sinh (%(year)s).")
                % {"year": date_of_birth.year},
                code="birth_year",
            )
    if female is not None and (code % 2 == 1) != female:
        raise ValidationError(_("Số định danh cá nhân không khớp với giới tính."), code="gender")
    return value


def validate_phone(value: str) -> str:
    digits = re.sub(r"[\s.\-]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    if not re.fullmatch(r"0\d{9}", digits):
        raise ValidationError(_("Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0."), code="phone")
    return digits
