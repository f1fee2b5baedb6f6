"""Số liệu được kiểm tra: figures typed into a report's text, compared with the records.

`check_text(text, data)` reads the statements officers write, works out which computed
figure each one states, and says whether they agree:

- a change from the year before, when the sentence compares ("so với năm trước", "so với
  năm 2022", "so với cùng kỳ năm trước") and says "tăng/giảm [thêm] [hơn] N [bài|cá nhân|…]";
  without a noun after the number ("số lượng bài viết tăng 5") the noun before the verb is
  used. A change is compared with the change in the records, never with the total;
- a count "N cá nhân|người|tập thể|bài|tác phẩm" (N in digits, "05", "1.243", or words:
  "ba mươi"), or "Số người được khen là N"; the level ("cấp Thành phố", "cấp cơ sở", "cấp
  Sở", or "UBND Thành phố" as the conferring authority) may come after or before the count.
  A count of part of a figure ("trong đó 5 bài", "5 bài lọt vào vòng chung khảo", "1 cá
  nhân điển hình", "2 cá nhân có thành tích trong Cuộc thi") is not the figure: not checked;
- "đạt X,Y% kế hoạch": the percentage of plan of the indicator the sentence names (or of
  the only indicator; otherwise any indicator with that percentage).

The year is the report's year, the year before when the sentence names only that year, and
the years since the first on record when it says "lũy kế" or "từ năm …".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_number, vn_percent
from guongsang.reports.figures import ReportData
from guongsang.reports.numerals import NUMBER, parse

NOUN = (
    r"(bài(?:\s+viết|\s+dự\s+thi)?|tác\s+phẩm|cá\s+nhân|tập\s+thể|hồ\s+sơ"
    r"|người(?!\s+(?:lao\s+động|có\s+công|dân|nghèo)))"
)
ABOUT = r"(?:(hơn|trên|gần|khoảng|hàng)\s+)?"
COMPARE = re.compile(r"so\s+với\s+(?:cùng\s+kỳ\s+)?năm\s+(trước|\d{4})", re.I)
CHANGE = re.compile(
    rf"(tăng|giảm)\s+(?:thêm\s+)?{ABOUT}{NUMBER}(?:\s+{NOUN}(?!\w))?(?=[\s,.;:)]|$)", re.I
)
COUNT = re.compile(rf"{ABOUT}{NUMBER}\s+{NOUN}(?!\w)", re.I)
IS_COUNT = re.compile(
    rf"\bsố\s+(?:lượng\s+)?{NOUN}(?!\w)([^.;\n]{{0,80}}?)\s+(?:là|đạt)\s+{ABOUT}{NUMBER}", re.I
)
PERCENT = re.compile(r"đạt\s+(\d+(?:,\d+)?)\s*%(?:\s+(?:so\s+với\s+)?kế\s+hoạch)?", re.I)
CLAUSE_END = re.compile(r"[.;!?](?=\s|$)|\n")
SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
LEVEL = re.compile(r"cấp\s+(thành\s+phố|cơ\s+sở|sở)(?!\w)", re.I)
CITY_AUTHORITY = re.compile(
    r"(?:ủy|uỷ)\s+ban\s+nhân\s+dân(?:\s*\(ubnd\))?\s+thành\s+phố|ubnd\s+thành\s+phố"
)
AWARDED = re.compile(r"khen|danh\s+hiệu|công\s+nhận|biểu\s+dương", re.I)
# Words that make a count part of a figure, or a figure of something else.
PART_OF = {
    "entries": re.compile(r"lọt|chung\s+khảo|xuất\s+sắc|được\s+chọn|đạt\s+giải|giải\s", re.I),
    "people": re.compile(r"cuộc\s+thi|điển\s+hình|viết\s+sách|dự\s+thi", re.I),
}


@dataclass(frozen=True)
class Finding:
    """One statement found in the text, with the figure the records give."""

    phrase: str
    stated: str
    computed: str
    ok: bool
    message: str
    start: int = 0


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def _kind(noun: str) -> str:
    noun = " ".join(noun.lower().split())
    if noun.startswith("bài") or noun == "tác phẩm":
        return "entries"
    return {"cá nhân": "individuals", "người": "individuals", "tập thể": "collectives"}.get(
        noun, "total"
    )


def _noun_text(noun: str) -> str:
    kind = _kind(noun)
    return {"entries": "bài", "individuals": "cá nhân", "collectives": "tập thể"}.get(kind, "hồ sơ")


def _level_word(word: str) -> str:
    return "thanh-pho" if " ".join(word.lower().split()) == "thành phố" else "co-so"


def _clause(text: str, start: int, end: int, ends: re.Pattern = CLAUSE_END) -> tuple[int, int]:
    """The clause (to ";") or, with ends=SENTENCE_END, the sentence around start:end."""
    begin = 0
    for m in ends.finditer(text, 0, start):
        begin = m.end()
    stop = ends.search(text, end)
    return begin, stop.start() if stop else len(text)


def _signed(change: int, noun: str) -> str:
    word = _("tăng") if change > 0 else _("giảm") if change < 0 else _("không đổi")
    return f"{word} {vn_number(abs(change))} {noun}" if change else str(word)


def _agrees(value: int, stated: int, about: str | None) -> bool | None:
    """Whether the records agree with the statement; None when it is only an estimate."""
    about = (about or "").lower()
    if about in ("hơn", "trên"):
        return value > stated
    if about in ("gần", "khoảng", "hàng"):
        return None
    return value == stated


def _yoy(data: ReportData, kind: str, level: str | None) -> tuple[int, int] | None:
    """(this year, the year before) for the kind of figure; None when not on record."""
    if kind == "entries":
        if data.contest_entries is None or data.contest_previous is None:
            return None
        return data.contest_entries, data.contest_previous
    if kind == "individuals" and level:
        now = data.level_count(level)
        before = data.level_count(level, previous=True)
        return None if now is None or before is None else (now, before)
    return {
        "individuals": (data.individuals, data.previous_individuals),
        "collectives": (data.collectives, data.previous_collectives),
        "total": (data.total, data.previous_total),
    }[kind]


def _label(kind: str, level: str | None) -> str:
    labels = {
        "entries": _("số bài dự thi"),
        "individuals": _("số cá nhân được khen"),
        "collectives": _("số tập thể được khen"),
        "total": _("số cá nhân và tập thể được khen"),
    }
    label = str(labels[kind])
    if kind == "individuals" and level:
        label += " " + (_("cấp Thành phố") if level == "thanh-pho" else _("cấp cơ sở"))
    return label


def _level_near(text: str, start: int, end: int, low: int, high: int) -> str | None:
    """The level of the count at start:end: stated after it (up to the next count), else
    before it (from the previous count), else the conferring authority in the clause."""
    after = LEVEL.search(text, end, high)
    if after:
        return _level_word(after.group(1))
    before = list(LEVEL.finditer(text, low, start))
    if before:
        return _level_word(before[-1].group(1))
    if CITY_AUTHORITY.search(text[low:high].lower()):
        return "thanh-pho"
    return None


def _check_change(data: ReportData, text: str, m: re.Match) -> Finding | None:
    begin, stop = _clause(text, m.start(), m.end())
    compare = COMPARE.search(text, begin, stop)
    if compare is None:
        return None
    if compare.group(1).isdigit() and int(compare.group(1)) != data.year - 1:
        return None  # compared with a year the report does not hold
    direction, about, number, noun = m.group(1), m.group(2), m.group(3), m.group(4)
    if noun is None:  # "số lượng bài viết tăng 5": the noun is the subject
        nouns = list(re.finditer(NOUN, text[begin : m.start()], re.I))
        if not nouns:
            return None
        noun = nouns[-1].group(1)
    kind = _kind(noun)
    level = _level_near(text, m.start(), m.end(), begin, stop) if kind == "individuals" else None
    value = parse(number)
    pair = _yoy(data, kind, level)
    if value is None:
        return None
    phrase = m.group(0).strip()
    noun_text = _noun_text(noun)
    sign = 1 if direction.lower() == "tăng" else -1
    stated = f"{direction.lower()} {about + ' ' if about else ''}{number} {noun_text}"
    if pair is None:
        message = _("“%(p)s”: chưa có số liệu để đối chiếu.") % {"p": phrase}
        return Finding(phrase, stated, "", False, message, m.start())
    now, before = pair
    change = now - before
    ok = _agrees(change * sign, value, about) if change * sign > 0 or value == 0 else False
    if ok is None:
        return None
    message = _(
        "“%(p)s”: theo số liệu, %(label)s năm %(y)s là %(now)s, năm %(py)s là %(before)s, "
        "tức là %(computed)s so với năm trước."
    ) % {
        "p": phrase,
        "label": _label(kind, level),
        "y": data.year,
        "now": vn_number(now),
        "py": data.year - 1,
        "before": vn_number(before),
        "computed": _signed(change, noun_text),
    }
    return Finding(phrase, stated, _signed(change, noun_text), ok, message, m.start())


def _when(data: ReportData, clause: str, kind: str, level: str | None):
    """(value, words) of the year the clause speaks of; None when not held or not checkable."""
    pair = _yoy(data, kind, level)
    if pair is None:
        return None
    now, before = pair
    if "lũy kế" in clause or "luỹ kế" in clause or re.search(r"từ\s+năm\s+\d{4}", clause):
        until = re.search(r"đến\s+(?:hết\s+)?năm\s+(\d{4})", clause)
        if kind not in ("individuals", "collectives") or level:
            return None
        if until and int(until.group(1)) != data.year:
            return None
        value = (
            data.cumulative_individuals if kind == "individuals" else data.cumulative_collectives
        )
        return value, _("từ năm %(a)s đến năm %(b)s") % {"a": data.first_year, "b": data.year}
    if f"năm {data.year - 1}" in clause and f"năm {data.year}" not in clause:
        return before, _("năm %(y)s") % {"y": data.year - 1}
    return now, _("năm %(y)s") % {"y": data.year}


def _count_finding(data, text, m, kind, level, number, about) -> Finding | None:
    begin, stop = _clause(text, m.start(), m.end(), SENTENCE_END)  # the years it speaks of
    clause = text[begin:stop].lower()
    found = _when(data, clause, kind, level)
    value = parse(number)
    if found is None or value is None:
        return None
    computed, when = found
    ok = _agrees(computed, value, about)
    if ok is None:
        return None
    phrase = m.group(0).strip()
    message = _("“%(p)s”: theo số liệu, %(label)s %(when)s là %(v)s.") % {
        "p": phrase,
        "label": _label(kind, level),
        "when": when,
        "v": vn_number(computed),
    }
    return Finding(phrase, m.group(0).strip(), vn_number(computed), ok, message, m.start())


def _check_count(data: ReportData, text: str, m: re.Match, bounds: tuple[int, int]):
    about, number, noun = m.group(1), m.group(2), m.group(3)
    kind = _kind(noun)
    if kind == "total":
        return None  # "N hồ sơ" alone is too vague to check
    begin, stop = _clause(text, m.start(), m.end())
    low, high = bounds
    # The rest of the clause tells what is counted ("1 tập thể, 1 cá nhân điển hình …").
    rest = text[m.end() : high if kind == "entries" else stop]
    lead = text[max(begin, m.start() - 20) : m.start()].lower()
    if "trong đó" in lead or PART_OF["entries" if kind == "entries" else "people"].search(rest):
        return None
    if kind != "entries" and PART_OF["people"].search(text[low : m.start()]):
        return None
    if noun.lower() == "người" and not AWARDED.search(text[begin:stop]):
        return None  # "171.228 người": people, but not people awarded
    level = _level_near(text, m.start(), m.end(), low, high) if kind == "individuals" else None
    return _count_finding(data, text, m, kind, level, number, about)


def _check_is_count(data: ReportData, text: str, m: re.Match) -> Finding | None:
    noun, middle, about, number = m.group(1), m.group(2), m.group(3), m.group(4)
    kind = _kind(noun)
    if kind == "total" or (noun.lower() == "người" and not AWARDED.search(middle)):
        return None
    level = None
    if kind == "individuals":
        found = LEVEL.search(middle)
        level = _level_word(found.group(1)) if found else None
    return _count_finding(data, text, m, kind, level, number, about)


def _check_percent(data: ReportData, text: str, m: re.Match) -> Finding | None:
    rows = [r for r in data.targets if r.percent is not None]
    if not rows:
        return None
    try:
        stated = Decimal(m.group(1).replace(",", "."))
    except InvalidOperation:
        return None
    decimals = len(m.group(1).split(",")[1]) if "," in m.group(1) else 0
    quantum = Decimal(1).scaleb(-decimals)
    begin, stop = _clause(text, m.start(), m.end())
    sentence = text[begin:stop].lower()
    named = [r for r in rows if r.name.lower() in sentence]
    if not named:
        named = [r for r in rows if " ".join(r.name.lower().split()[-2:]) in sentence]
    if not named and len(rows) == 1:
        named = rows
    candidates = named[:1] if named else rows
    matches = [
        r for r in candidates if r.percent and r.percent.quantize(quantum, ROUND_HALF_UP) == stated
    ]
    ok = bool(matches)
    shown = candidates if not ok else matches
    computed = "; ".join(f"{r.name}: {vn_percent(r.percent)}" for r in shown)
    message = _("“%(p)s”: theo số liệu %(m)s tháng năm %(y)s, %(c)s.") % {
        "p": m.group(0).strip(),
        "m": data.targets_month,
        "y": data.year,
        "c": computed,
    }
    return Finding(m.group(0).strip(), f"{m.group(1)}%", computed, ok, message, m.start())


def check_text(text: str, data: ReportData) -> list[Finding]:
    """Every checkable statement in `text`, in order, agreeing or not."""
    text = _norm(text)
    findings: list[Finding | None] = []
    taken: list[tuple[int, int]] = []
    for m in CHANGE.finditer(text):
        change = _check_change(data, text, m)
        if change is not None or COMPARE.search(text, *_clause(text, m.start(), m.end())):
            taken.append(m.span())  # a change is never read as a count
        findings.append(change)
    for m in IS_COUNT.finditer(text):
        taken.append(m.span())
        findings.append(_check_is_count(data, text, m))
    counts = [m for m in COUNT.finditer(text) if not any(a <= m.start() < b for a, b in taken)]
    for i, m in enumerate(counts):
        begin, stop = _clause(text, m.start(), m.end())
        low = max(begin, counts[i - 1].end()) if i else begin
        high = min(stop, counts[i + 1].start()) if i + 1 < len(counts) else stop
        findings.append(_check_count(data, text, m, (low, high)))
    findings.extend(_check_percent(data, text, m) for m in PERCENT.finditer(text))
    return sorted((f for f in findings if f is not None), key=lambda f: f.start)


def warnings_for(text: str, data: ReportData) -> list[Finding]:
    return [f for f in check_text(text, data) if not f.ok]
