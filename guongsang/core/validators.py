"""The input rules every form and service applies: the one place they are written.

- digits are ASCII only (Python's `\\d`, `int()` and `Decimal()` also accept Arabic-Indic,
  full-width and other digits, which would slip past uniqueness checks);
- names are letters, spaces and a little punctuation, normalised to NFC, with no control,
  zero-width or bidirectional-override character;
- free text is NFC with no such invisible character either;
- dates of birth lie between 1900 and today; years of the records within sane bounds;
- numbers are finite, checked for their digits before they are stored (a `1e400` or a
  40-digit figure would otherwise become Infinity or overflow the column);
- page numbers and years read from a query string are bounded integers;
- the 12-digit citizen ID follows Circular 59/2021/TT-BCA, phones are Vietnamese numbers.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

ASCII_DIGITS = re.compile(r"[0-9]+", re.ASCII)
# Zero-width characters, bidi embeddings/overrides/isolates, word joiner, BOM: invisible
# characters that make two names look alike or flip the text around them.
INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\u00ad\u180e"
)
NAME_PUNCTUATION = frozenset(" .'’-()")
MIN_BIRTH = dt.date(1900, 1, 1)
MIN_YEAR, MAX_YEAR = 1945, 2100
MAX_PAGE = 100_000


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def is_ascii_digits(value: str) -> bool:
    return bool(ASCII_DIGITS.fullmatch(value))


def _invisible_or_control(ch: str, *, allow_newlines: bool) -> bool:
    if ch in INVISIBLE:
        return True
    category = unicodedata.category(ch)
    if category == "Cc":
        return not (allow_newlines and ch in "\n\r\t")
    return category in {"Cf", "Co", "Cs", "Cn", "Zl", "Zp"}


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Free text (addresses, summaries, reasons): NFC, trimmed, and refused when it holds a
    control, zero-width or bidi-override character."""
    text = nfc(value or "").strip()
    if any(_invisible_or_control(ch, allow_newlines=multiline) for ch in text):
        raise ValidationError(
            _("Văn bản có ký tự điều khiển hoặc ký tự ẩn (không nhìn thấy); hãy gõ lại."),
            code="invisible",
        )
    return text


def clean_person_name(value: str) -> str:
    """Họ và tên: letters (any script, with their diacritics), spaces and . ' ’ - ( );
    NFC, runs of spaces collapsed; at least two letters."""
    text = " ".join(clean_text(value).split())
    letters = 0
    for ch in text:
        category = unicodedata.category(ch)
        if category.startswith("L"):
            letters += 1
        elif not (category.startswith("M") or ch in NAME_PUNCTUATION):
            raise ValidationError(
                _("Họ và tên chỉ gồm chữ cái, dấu cách và các dấu . ' - ( ); có ký tự “%(c)s”.")
                % {"c": ch},
                code="name_chars",
            )
    if letters < 2:
        raise ValidationError(_("Họ và tên phải có ít nhất hai chữ cái."), code="name_short")
    return text


def clean_digits(value: str, *, length: int | None = None, label: str = "") -> str:
    """A string of ASCII digits 0–9 (spaces, dots and dashes between groups dropped)."""
    text = re.sub(r"[\s.\-]", "", value or "")
    if not is_ascii_digits(text) or (length is not None and len(text) != length):
        raise ValidationError(
            _("%(label)s chỉ gồm các chữ số 0–9.") % {"label": label or _("Giá trị")},
            code="digits",
        )
    return text


def validate_birth_date(value: dt.date | None) -> dt.date | None:
    if value is None:
        return None
    today = timezone.localdate()
    if not MIN_BIRTH <= value <= today:
        raise ValidationError(
            _("Ngày sinh phải từ 01/01/1900 đến hôm nay (%(today)s).")
            % {"today": today.strftime("%d/%m/%Y")},
            code="birth_range",
        )
    return value


def bounded_decimal(
    value: Any,
    *,
    max_digits: int,
    decimal_places: int,
    minimum: Decimal | int | None = 0,
    label: str = "",
) -> Decimal:
    """A number that fits a DecimalField(max_digits, decimal_places): finite, ASCII digits,
    no exponent, no more digits than the column holds, within bounds."""
    label = label or _("Số liệu")
    if isinstance(value, float) and math.isfinite(value):
        text = format(Decimal(str(value)), "f")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, Decimal):
        text = format(value, "f") if value.is_finite() else str(value)
    else:
        text = str(value or "").strip()
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text, re.ASCII):
        raise ValidationError(
            _("%(label)s “%(v)s” không hợp lệ: chỉ viết bằng các chữ số 0–9.")
            % {"label": label, "v": text[:30]},
            code="number",
        )
    try:
        number = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern above already refused
        raise ValidationError(_("%(label)s không hợp lệ.") % {"label": label}) from exc
    if text.startswith("-") and number == 0:  # "-0": a sign on nothing, a typing slip
        raise ValidationError(
            _("%(label)s “%(v)s” không hợp lệ.") % {"label": label, "v": text[:30]},
            code="number",
        )
    whole = len(text.lstrip("-").split(".")[0].lstrip("0"))
    if whole > max_digits - decimal_places:
        raise ValidationError(
            _("%(label)s quá lớn: tối đa %(n)s chữ số phần nguyên.")
            % {"label": label, "n": max_digits - decimal_places},
            code="too_big",
        )
    if minimum == 0 and number < 0:
        raise ValidationError(_("%(label)s không được âm.") % {"label": label}, code="negative")
    if minimum is not None and number < minimum:
        raise ValidationError(
            _("%(label)s không được nhỏ hơn %(m)s.") % {"label": label, "m": minimum},
            code="too_small",
        )
    return number.quantize(Decimal(1).scaleb(-decimal_places))


def parse_int_param(
    value: str | None, *, minimum: int, maximum: int, label: str, default: int | None = None
) -> int | None:
    """An integer from a query string: ASCII digits within bounds, else a Vietnamese
    ValidationError (the view answers 400 with it)."""
    text = (value or "").strip()
    if not text:
        return default
    if not is_ascii_digits(text) or len(text) > 9 or not minimum <= int(text) <= maximum:
        raise ValidationError(
            _("%(label)s phải là số nguyên từ %(lo)s đến %(hi)s.")
            % {"label": label, "lo": minimum, "hi": maximum},
            code="param",
        )
    return int(text)


def parse_page(value: str | None) -> int:
    return parse_int_param(value, minimum=1, maximum=MAX_PAGE, label=_("Trang"), default=1) or 1


def parse_year(value: str | None, *, default: int | None = None) -> int | None:
    return parse_int_param(
        value, minimum=MIN_YEAR, maximum=MAX_YEAR, label=_("Năm"), default=default
    )


# Citizen ID (số định danh cá nhân / CCCD) and phone ---------------------------------------

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


def century_gender_digit(birth_year: int, female: bool) -> int:
    """Digit 4: 0/1 for 1900s male/female, 2/3 for 2000s, 4/5 for 2100s…"""
    century_index = (birth_year // 100) - 19
    return century_index * 2 + (1 if female else 0)


def validate_citizen_id(
    value: str, *, date_of_birth: dt.date | None = None, female: bool | None = None
) -> str:
    value = (value or "").strip().replace(" ", "")
    if len(value) != 12 or not is_ascii_digits(value):
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
    if not re.fullmatch(r"0[0-9]{9}", digits, re.ASCII):
        raise ValidationError(_("Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0."), code="phone")
    return digits
