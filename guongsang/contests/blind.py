"""Chấm ẩn danh: what judges read of an entry carries no name that points to its author.

The author's names, the subject's (the person the entry is about) and the unit's names (its
current and former names, its short name) are found word by word on the folded text (lower
case, no diacritics, đ → d, the project's one `unaccent`), so "NGUYỄN VĂN BẢO", "nguyen van
bao", "Nguyễn  Văn\nBảo" or "Nguyễn Văn Bảo" typed with a zero-width space all match; a name
written without its spaces ("NguyenVanBao") too. Every match is replaced with "[…]".

Before a judge sees the text, `blind_text` checks the result again and fails closed: if a
name is still found (or anything goes wrong) it raises `BlindLeak`, and the page shows no
text at all rather than the author's name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from guongsang.core.formatting import fold
from guongsang.core.validators import INVISIBLE
from guongsang.org.models import UnitName

HIDDEN = "[…]"
_WORD = re.compile(r"\w+", re.UNICODE)
_SPLIT_AUTHORS = re.compile(r"[,;/&\n]|\s+và\s+|\s+and\s+", re.IGNORECASE)
_BYLINE = re.compile(
    r"^\s*(?:tác\s*giả|người\s*viết|bài\s*(?:viết\s*)?của|họ\s*(?:và\s*)?tên|"
    r"tac\s*gia|nguoi\s*viet|bai\s*(?:viet\s*)?cua|ho\s*(?:va\s*)?ten)\s*[:\-–—]",
    re.IGNORECASE,
)


class BlindLeak(Exception):
    """A name that identifies the entry is still in the text meant for judges."""


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "")
    return "".join(ch for ch in text if ch not in INVISIBLE)


def _words(text: str) -> list[str]:
    return [fold(m.group()) for m in _WORD.finditer(_clean(text))]


@dataclass(frozen=True)
class Name:
    words: tuple[str, ...]

    @property
    def joined(self) -> str:
        return "".join(self.words)


def names_of(*, authors: str = "", subject: str = "", units: Iterable[str] = ()) -> list[Name]:
    """The names to hide, longest first (so that a full name wins over a shorter one)."""
    found = set()
    for raw in [*_SPLIT_AUTHORS.split(authors or ""), subject, *units]:
        words = tuple(_words(raw or ""))
        # One word alone ("Bảo", "Sở") is too common to hide everywhere.
        if len(words) >= 2 or (len(words) == 1 and len(words[0]) >= 8):
            found.add(Name(words))
    return sorted(found, key=lambda n: len(n.words), reverse=True)


def entry_names(entry) -> list[Name]:
    unit = entry.unit
    units = {
        unit.name,
        unit.short_name,
        *UnitName.objects.filter(unit=unit).values_list("name", flat=True),
    }
    return names_of(authors=entry.authors, subject=entry.subject_name, units=units)


def _spans(text: str, names: list[Name]) -> list[tuple[int, int]]:
    """Character spans of `text` (already cleaned) where a name stands."""
    tokens = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text)]
    words = [t[2] for t in tokens]
    spans: list[tuple[int, int]] = []
    taken = [False] * len(tokens)
    for name in names:
        size = len(name.words)
        for i in range(len(tokens) - size + 1):
            if any(taken[i : i + size]):
                continue
            if tuple(words[i : i + size]) == name.words:
                spans.append((tokens[i][0], tokens[i + size - 1][1]))
                taken[i : i + size] = [True] * size
        for i, word in enumerate(words):
            if not taken[i] and size > 1 and word == name.joined:
                spans.append((tokens[i][0], tokens[i][1]))
                taken[i] = True
    return sorted(spans)


def hide_names(text: str, names: list[Name]) -> str:
    cleaned = _clean(text)
    out, last = [], 0
    for start, end in _spans(cleaned, names):
        out.append(cleaned[last:start])
        out.append(HIDDEN)
        last = end
    out.append(cleaned[last:])
    return "".join(out)


def strip_byline(text: str, names: list[Name]) -> str:
    """Drop the leading lines that are only a byline ("Tác giả: …") or only a name, then hide
    every name anywhere else."""
    lines = _clean(text).splitlines()
    kept_from = 0
    for index, line in enumerate(lines[:4]):
        plain = line.strip()
        rest = _words(plain)
        if not plain or _BYLINE.match(plain):
            kept_from = index + 1
            continue
        if rest and hide_names(plain, names).strip(" .:-–—()[]…") == "":
            kept_from = index + 1
            continue
        break
    return hide_names("\n".join(lines[kept_from:]).strip(), names)


def leaks(text: str, names: list[Name]) -> list[Name]:
    """The names still found in `text`."""
    cleaned = _clean(text)
    return [n for n in names if _spans(cleaned, [n])]


def blind(text: str, names: list[Name]) -> str:
    """The text with the names hidden, checked: raises BlindLeak if any name is left."""
    shown = strip_byline(text, names)
    if leaks(shown, names):
        raise BlindLeak("a name is still in the blind text")
    return shown


def blind_entry(entry) -> dict[str, str]:
    """Title, subject and text as a judge may see them; raises BlindLeak (fail closed)."""
    try:
        names = entry_names(entry)
        return {
            "title": blind(entry.title, names),
            "subject": HIDDEN if entry.subject_name else "",
            "text": blind(entry.text, names),
        }
    except BlindLeak:
        raise
    except Exception as exc:  # nothing unchecked reaches a judge
        raise BlindLeak(str(exc)) from exc


def blind_title(entry) -> str:
    """The title for a list of sheets (no query: the unit's current names only)."""
    unit = entry.unit
    names = names_of(
        authors=entry.authors, subject=entry.subject_name, units=[unit.name, unit.short_name]
    )
    try:
        return blind(entry.title, names)
    except Exception:  # fail closed
        return HIDDEN
