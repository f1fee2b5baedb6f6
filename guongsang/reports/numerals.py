"""Numbers as Vietnamese officers write them in a report: "41", "05", "1.243", "ba mươi",
"hai mươi mốt", "một trăm linh năm"."""

from __future__ import annotations

import re

DIGITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
_FIRST = r"(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)"
_NEXT = r"(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|linh|lẻ)"
WORDS = rf"{_FIRST}(?:\s+{_NEXT})*"
DIGITAL = r"\d{1,3}(?:\.\d{3})+|\d+"
# A count as typed: digits (thousands with "."), or words; one capture group.
NUMBER = rf"(?<![\d.,])({DIGITAL}|{WORDS})(?![\d,])"


def parse(text: str) -> int | None:
    """The value of a number in digits or Vietnamese words; None when it is neither."""
    text = " ".join(text.lower().split())
    if re.fullmatch(DIGITAL, text):
        return int(text.replace(".", ""))
    total = current = 0
    pending: int | None = None
    for word in text.split():
        if word in DIGITS and not (word == "tư" and pending is None and current == 0):
            if pending is not None:
                return None  # two digits in a row: not a number
            pending = DIGITS[word]
        elif word == "mười":
            current += 10
        elif word == "mươi":
            if pending is None:
                return None
            current += pending * 10
            pending = None
        elif word == "trăm":
            current += (pending if pending is not None else 1) * 100
            pending = None
        elif word in ("nghìn", "ngàn"):
            total += (current + (pending or 0)) * 1000
            current, pending = 0, None
        elif word in ("linh", "lẻ"):
            continue
        else:
            return None
    return total + current + (pending or 0)
