"""Vietnamese dates and numbers, in one place: "ngày 23 tháng 9 năm 2022", "171.228", "105,7%"."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import ROUND_HALF_UP, Decimal


def nfc(text: str) -> str:
    """Normalise text to NFC: Vietnamese typed on some keyboards arrives decomposed."""
    return unicodedata.normalize("NFC", text)


def vn_date(value: dt.date | None, *, leading_zeros: bool = False) -> str:
    """'ngày 23 tháng 9 năm 2022'; documents (Decree 30) want 'ngày 05 tháng 02 năm 2024'."""
    if value is None:
        return ""
    if leading_zeros:
        day = f"{value.day:02d}"
        month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    else:
        day, month = str(value.day), str(value.month)
    return f"ngày {day} tháng {month} năm {value.year}"


def vn_short_date(value: dt.date | None) -> str:
    """'23/09/2022', the form officers type and read in tables."""
    return value.strftime("%d/%m/%Y") if value else ""


def parse_vn_date(text: str) -> dt.date:
    """Parse 'dd/mm/yyyy' (also accepts ISO 'yyyy-mm-dd'); raises ValueError."""
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"Ngày không hợp lệ: “{text}” (định dạng dd/mm/yyyy).")


def vn_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """'171.228'; with decimals: '105,7'."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def vn_percent(value: int | float | Decimal | None, decimals: int = 1) -> str:
    """'105,7%' from 105.7."""
    if value is None:
        return ""
    return f"{vn_number(value, decimals)}%"
