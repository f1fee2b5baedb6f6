"""Reading a workbook the way officers make it, for the Excel imports.

- The header row is found by its column names wherever it sits (under a merged banner,
  after an "STT" column, columns in any order, "Họ tên" or "Họ và tên", "(dd/mm/yyyy)" or
  not); the rows are handed on in the template's column order.
- A date may be a real Excel date, "dd/mm/yyyy" text, or an Excel serial number (33000 is
  7 May 1990), which is what a date becomes when the cell is formatted as a number.
- A title or form is matched whatever quotes, case and diacritics were typed, by its code,
  and by the short names officers use ("LĐTT", "CSTĐ cơ sở", "NTVT cơ sở"): the initials of
  its name, with the level spelled out or abbreviated.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from guongsang.catalogue.models import Level, Title
from guongsang.core.formatting import fold

# Canonical fields, in the order of the template's columns.
NAME, BIRTH, UNIT, TITLE, YEAR, SUMMARY, DECISION_NUMBER, DECISION_DATE = range(8)
REQUIRED = (NAME, UNIT, TITLE, YEAR)
# Folded header texts (no diacritics, lower case, no "(…)"), by field; the first that fits.
HEADERS: list[tuple[int, re.Pattern[str]]] = [
    (BIRTH, re.compile(r"^(ngay( thang)?( nam)? sinh|nam sinh|sinh ngay)$")),
    (DECISION_NUMBER, re.compile(r"^so (quyet dinh|qd)")),
    (DECISION_DATE, re.compile(r"^ngay (quyet dinh|qd|ky)")),
    (NAME, re.compile(r"^(ho (va )?ten|ten ca nhan|ca nhan)")),
    (UNIT, re.compile(r"^(don vi|co quan|noi cong tac)")),
    (TITLE, re.compile(r"^(danh hieu|hinh thuc)")),
    (YEAR, re.compile(r"^(nam|nam (xet|de nghi|khen thuong|cong nhan|thi dua))$")),
    (SUMMARY, re.compile(r"^(tom tat )?thanh tich")),
]
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 (with Excel's 1900 leap bug)
SERIALS = range(1, 80_000)  # up to the 2100s: anything larger is not a date


def _folded(value: Any) -> str:
    text = fold(str(value or ""))
    text = re.sub(r"\(.*?\)", " ", text)
    return " ".join(re.sub(r"[^\w/]+", " ", text).split())


def header_columns(values: Sequence[Any]) -> dict[int, int] | None:
    """{field: column index} when the row is the header row (it names at least the name,
    unit, title and year columns); None otherwise."""
    found: dict[int, int] = {}
    for index, value in enumerate(values):
        text = _folded(value)
        if not text:
            continue
        for field, pattern in HEADERS:
            if field not in found and pattern.search(text):
                found[field] = index
                break
    return found if all(f in found for f in REQUIRED) else None


def is_column_numbers(values: Sequence[Any]) -> bool:
    """The row under a header that numbers its columns: "(1)", "(2)", … or 1, 2, 3, …"""
    cells = [str(v).strip() for v in values if v is not None and str(v).strip()]
    if len(cells) < 3:
        return False
    numbers = [re.sub(r"^\((\d+)\)$", r"\1", c) for c in cells]
    return all(n.isdigit() for n in numbers) and [int(n) for n in numbers] == list(
        range(int(numbers[0]), int(numbers[0]) + len(numbers))
    )


def in_template_order(values: Sequence[Any], columns: dict[int, int]) -> tuple[Any, ...]:
    out = [None] * (DECISION_DATE + 1)
    for field, index in columns.items():
        out[field] = values[index] if index < len(values) else None
    return tuple(out)


def serial_date(value: Any) -> dt.date | None:
    """The date of an Excel serial number (a number, or digits typed as text); None when
    the value is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) or (
        isinstance(value, str) and re.fullmatch(r"\d{4,5}", value.strip())
    ):
        number = float(value)
    else:
        return None
    if not number.is_integer() or int(number) not in SERIALS:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


# Titles ------------------------------------------------------------------------------------

LEVEL_WORDS = {
    "co so": "co so",
    "cs": "co so",
    "so": "co so",
    "thanh pho": "thanh pho",
    "tp": "thanh pho",
    "tinh": "thanh pho",
    "toan quoc": "toan quoc",
    "tq": "toan quoc",
}


def canon(text: str) -> str:
    """'“Người tốt, Việc tốt” cấp Cơ sở' → 'nguoi tot viec tot co so'; a code reads the
    same ('nguoi-tot-viec-tot-co-so')."""
    words = [w for w in re.sub(r"[^\w]+", " ", fold(text)).split() if w != "cap"]
    return " ".join(words)


def _split_level(words: str) -> tuple[str, str]:
    for spelled in sorted(LEVEL_WORDS, key=len, reverse=True):
        if words.endswith(" " + spelled):
            return words[: -len(spelled) - 1], LEVEL_WORDS[spelled]
    return words, ""


def _initials(words: str) -> str:
    return "".join(w[0] for w in words.split())


@dataclass(frozen=True)
class TitleMatch:
    title: Title | None
    note: str = ""  # a warning when a guess was made, an error when none could be


class TitleResolver:
    """Every way a title may be typed, built once from the catalogue (no query per row)."""

    def __init__(self, titles: Iterable[Title]) -> None:
        self.exact: dict[str, Title] = {}
        self.by_stem: dict[str, list[Title]] = {}
        for title in titles:  # newest first: an older version never shadows a newer one
            full = canon(title.name)
            stem, level = _split_level(full)
            keys = {full, canon(title.code), _initials(full)}
            if level:
                keys |= {f"{_initials(stem)} {level}", _initials(stem) + _initials(level)}
                keys.add(f"{stem} {level}")
            for key in keys:
                self.exact.setdefault(key, title)
            for stem_key in {stem, _initials(stem)}:
                known = self.by_stem.setdefault(stem_key, [])
                if title.code not in {t.code for t in known}:
                    known.append(title)

    def match(self, typed: str) -> TitleMatch:
        words = canon(typed)
        stem, level = _split_level(words)
        for key in (words, f"{stem} {level}".strip(), f"{_initials(stem)} {level}".strip()):
            if key in self.exact:
                return TitleMatch(self.exact[key])
        candidates = self.by_stem.get(stem, [])
        if not candidates:  # "Giấy khen": the one title whose name starts so
            candidates = self._starting_with(words)
        if len(candidates) == 1:
            title = candidates[0]
            return TitleMatch(title, _("hiểu là “%(t)s”") % {"t": title.name})
        base = [t for t in candidates if t.level == Level.BASE]
        if len(base) == 1:  # a unit nominates at base level; the level above is proposed
            return TitleMatch(base[0], _("hiểu là “%(t)s”") % {"t": base[0].name})
        if candidates:
            names = "; ".join(f"“{t.name}”" for t in candidates)
            return TitleMatch(None, _("có nhiều danh hiệu/hình thức khớp: %(l)s") % {"l": names})
        return TitleMatch(None)

    def _starting_with(self, words: str) -> list[Title]:
        found: dict[str, Title] = {}
        if len(words) < 4:
            return []
        for key, title in self.exact.items():
            if key.startswith(words + " "):
                found.setdefault(title.code, title)
        return list(found.values())
