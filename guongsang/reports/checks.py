"""Số liệu được kiểm tra: figures typed into a report's text, compared with the records.

`check_text(text, data)` finds the Vietnamese statements below in free text, works out which
computed figure each one states, and says whether they agree:

- "tăng/giảm N bài|tác phẩm|cá nhân|tập thể|hồ sơ so với năm trước" (or "so với năm trước
  tăng/giảm N …"): the year-over-year change of contest entries (bài, tác phẩm), of awarded
  individuals or collectives, or of all awards of the movement (hồ sơ);
- "N cá nhân [cấp thành phố | cấp cơ sở]", "N tập thể", "N bài|tác phẩm": the figures of the
  year (of the year before when the sentence names only that year; since the first year on
  record when it says "lũy kế" or "từ năm …");
- "đạt X,Y% kế hoạch": the percentage of plan of the indicator the sentence names (or of
  the only indicator; otherwise any indicator with that percentage).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_number, vn_percent
from guongsang.reports.figures import ReportData

NUM = r"(\d{1,3}(?:\.\d{3})+|\d+)"
NOUN = r"(bài(?:\s+dự\s+thi)?|tác\s+phẩm|cá\s+nhân|tập\s+thể|hồ\s+sơ)"
LEVEL = r"(?:\s+(?:được\s+khen\s+)?cấp\s+(thành\s+phố|cơ\s+sở|sở))?"
COMPARE = r"so\s+với\s+(?:cùng\s+kỳ\s+)?năm\s+(?:trước|\d{4})"
YOY_AFTER = re.compile(
    rf"(tăng|giảm)\s+(?:thêm\s+)?{NUM}\s+{NOUN}{LEVEL}[^.;\n]{{0,40}}?{COMPARE}", re.I
)
YOY_BEFORE = re.compile(
    rf"{COMPARE}\s*[,:]?\s*(tăng|giảm)\s+(?:thêm\s+)?{NUM}\s+{NOUN}{LEVEL}", re.I
)
COUNT = re.compile(rf"(?<![\d.,]){NUM}\s+{NOUN}{LEVEL}", re.I)
PERCENT = re.compile(r"đạt\s+(\d+(?:,\d+)?)\s*%(?:\s+(?:so\s+với\s+)?kế\s+hoạch)?", re.I)
SENTENCE_END = re.compile(r"[.;!?](?=\s|$)|\n")


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


def _int(text: str) -> int:
    return int(text.replace(".", ""))


def _kind(noun: str) -> str:
    noun = " ".join(noun.lower().split())
    if noun.startswith("bài") or noun == "tác phẩm":
        return "entries"
    return {"cá nhân": "individuals", "tập thể": "collectives", "hồ sơ": "total"}[noun]


def _level(word: str | None) -> str | None:
    if not word:
        return None
    word = " ".join(word.lower().split())
    return "thanh-pho" if word == "thành phố" else "co-so"


def _sentence(text: str, start: int, end: int) -> str:
    begin = 0
    for m in SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    stop = SENTENCE_END.search(text, end)
    return text[begin : stop.start() if stop else len(text)]


def _signed(change: int, noun: str) -> str:
    word = _("tăng") if change > 0 else _("giảm") if change < 0 else _("không đổi")
    return f"{word} {vn_number(abs(change))} {noun}" if change else str(word)


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


def _check_yoy(data: ReportData, m: re.Match, direction: str, number: str, noun: str, lvl):
    kind, level = _kind(noun), _level(lvl)
    stated = _int(number) * (1 if direction.lower() == "tăng" else -1)
    pair = _yoy(data, kind, level)
    noun_text = " ".join(noun.lower().split())
    if pair is None:
        return Finding(
            m.group(0),
            str(stated),
            "",
            False,
            _("“%(p)s”: chưa có số liệu để đối chiếu.") % {"p": m.group(0)},
            m.start(),
        )
    now, before = pair
    change = now - before
    computed = _signed(change, noun_text)
    ok = change == stated
    message = _(
        "“%(p)s”: theo số liệu, %(label)s năm %(y)s là %(now)s, năm %(py)s là %(before)s, "
        "tức là %(computed)s so với năm trước."
    ) % {
        "p": m.group(0),
        "label": _label(kind, level),
        "y": data.year,
        "now": vn_number(now),
        "py": data.year - 1,
        "before": vn_number(before),
        "computed": computed,
    }
    return Finding(m.group(0), _signed(stated, noun_text), computed, ok, message, m.start())


def _check_count(data: ReportData, text: str, m: re.Match) -> Finding | None:
    number, noun, lvl = m.group(1), m.group(2), m.group(3)
    kind, level = _kind(noun), _level(lvl)
    if kind == "total":
        return None  # "N hồ sơ" alone is too vague to check
    sentence = _sentence(text, m.start(), m.end()).lower()
    pair = _yoy(data, kind, level)
    if pair is None:
        return None
    now, before = pair
    if "lũy kế" in sentence or "luỹ kế" in sentence or re.search(r"từ\s+năm\s+\d{4}", sentence):
        if kind == "entries":
            return None
        value = (
            data.cumulative_individuals if kind == "individuals" else data.cumulative_collectives
        )
        if level:
            return None
        when = _("từ năm %(a)s đến năm %(b)s") % {"a": data.first_year, "b": data.year}
    elif f"năm {data.year - 1}" in sentence and f"năm {data.year}" not in sentence:
        value, when = before, _("năm %(y)s") % {"y": data.year - 1}
    else:
        value, when = now, _("năm %(y)s") % {"y": data.year}
    ok = _int(number) == value
    message = _("“%(p)s”: theo số liệu, %(label)s %(when)s là %(v)s.") % {
        "p": m.group(0).strip(),
        "label": _label(kind, level),
        "when": when,
        "v": vn_number(value),
    }
    return Finding(m.group(0).strip(), number, vn_number(value), ok, message, m.start())


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
    sentence = _sentence(text, m.start(), m.end()).lower()
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
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for m in YOY_AFTER.finditer(text):
        findings.append(_check_yoy(data, m, m.group(1), m.group(2), m.group(3), m.group(4)))
        taken.append(m.span())
    for m in YOY_BEFORE.finditer(text):
        findings.append(_check_yoy(data, m, m.group(1), m.group(2), m.group(3), m.group(4)))
        taken.append(m.span())
    for m in COUNT.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        found = _check_count(data, text, m)
        if found:
            findings.append(found)
    for m in PERCENT.finditer(text):
        found = _check_percent(data, text, m)
        if found:
            findings.append(found)
    return sorted(findings, key=lambda f: f.start)


def warnings_for(text: str, data: ReportData) -> list[Finding]:
    return [f for f in check_text(text, data) if not f.ok]
