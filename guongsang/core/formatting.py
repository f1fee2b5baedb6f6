"""Vietnamese dates and numbers, in one place: "ngày 23 tháng 9 năm 2022", "171.228", "105,7%"."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal


def nfc(text: str) -> str:
    """Normalise text to NFC: Vietnamese typed on some keyboards arrives decomposed."""
    return unicodedata.normalize("NFC", text)


def unaccent(text: str) -> str:
    """'Người tốt, việc tốt Đặng' → 'Nguoi tot, viec tot Dang': no tone or vowel marks, đ → d.
    What search and text comparison match on, whether or not the person typed the marks."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """The one text folding of search and comparison: no diacritics, đ → d, lower case
    ('Đặng' → 'dang')."""
    return unaccent(text).lower()


def file_slug(text: str, *, fallback: str = "tep") -> str:
    """A file-name part from Vietnamese text: '1/QĐ-SLĐTBXH' → '1-qd-sldtbxh'.
    Django's slugify alone drops Đ/đ (it has no ASCII decomposition), so fold first."""
    words = re.sub(r"[^a-z0-9]+", "-", fold(text or "")).strip("-")
    return words or fallback


def quoted(text: object) -> str:
    """“text”, unless the text already carries its own quotes (a title named
    Huy hiệu “Người tốt, việc tốt”), which would otherwise show doubled."""
    value = str(text)
    if "“" in value or '"' in value:
        return value
    return f"“{value}”"


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


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
_LETTER_RANK = {"ă": "a1", "â": "a2", "đ": "d1", "ê": "e1", "ô": "o1", "ơ": "o2", "ư": "u1"}
# Tone marks break ties only: ngang, huyền, sắc, hỏi, ngã, nặng.
_TONES = {"\u0300": "1", "\u0301": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}


_WORD_LETTERS = 8  # the longest Vietnamese syllable has 7 letters ("nghiêng")


def _word_key(word: str) -> str:
    """Fixed width, [0-9a-z] only, so every database collation orders it the same way."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", word.lower()):
        decomposed = unicodedata.normalize("NFD", char)
        tone = next((_TONES[c] for c in decomposed if c in _TONES), "0")
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        rank = _LETTER_RANK.get(base, base + "0")
        if len(rank) == 2 and rank[0].isascii() and rank[0].isalnum():
            letters.append(rank)
            tones.append(tone)
    letters, tones = letters[:_WORD_LETTERS], tones[:_WORD_LETTERS]
    pad = _WORD_LETTERS - len(letters)
    return "".join(letters) + "00" * pad + "".join(tones) + "0" * pad


def vn_sort_key(full_name: str) -> str:
    """Sort key for a Vietnamese name the way lists are kept: by given name (the last word),
    then the family and middle names; letters in Vietnamese order, tones breaking ties."""
    words = nfc(full_name).split()
    if not words:
        return ""
    return "".join(_word_key(word) for word in [words[-1], *words[:-1]])[:240]


def vn_text_key(text: str) -> str:
    """Sort key for a name read in its own word order (a unit's name: "Phòng Bảo trợ xã hội"
    before "Phòng Người có công"); letters in Vietnamese order, tones breaking ties."""
    return "".join(_word_key(word) for word in nfc(text).split())
