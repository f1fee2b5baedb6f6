"""The law's rules, read from the catalogue (each with its article) and checked against the
nominee's history: prerequisites, waiting periods, quotas, the unit's vote, discipline.

Prerequisites count as the law says each one (catalogue.Prerequisite.counting): "N years in a
row" (Chiến sĩ thi đua cơ sở needs Lao động tiên tiến the same year: Luật Thi đua, khen thưởng
2022, Điều 23), "N consecutive awards" of a title in its own cycle (Chiến sĩ thi đua toàn quốc
needs 02 consecutive awards of the provincial title, which comes once in 3 years: Điều 21), or
"awarded, then N years" (Huân chương Lao động hạng Ba, 05 years after the Prime Minister's
Bằng khen: Điều 43)."""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import pairwise

from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.awards.models import Award
from guongsang.catalogue.models import Counting, DisciplineRule, Prerequisite
from guongsang.core.formatting import quoted, vn_short_date
from guongsang.discipline.selectors import disciplines_of
from guongsang.nominations.findings import Finding
from guongsang.nominations.history import History
from guongsang.nominations.models import LIVE_STATES, Dossier, State, Track

# Live dossiers not yet turned into an award: counted beside the awards on record.
IN_PROGRESS = tuple(s for s in LIVE_STATES if s != State.DECIDED)


def _basis(text: str) -> str:
    return _(" Căn cứ: %(basis)s.") % {"basis": text} if text else ""


def _years(years: list[int]) -> str:
    return ", ".join(str(y) for y in years)


# --- prerequisites ----------------------------------------------------------------------------
def _held(history: History, pre: Prerequisite, last: int) -> set[int]:
    dossier = history.dossier
    held = {y for y in history.award_years(pre.required_id) if y <= last}
    # A lower title proposed the same year may be decided together with this one.
    if pre.same_year and any(
        o.title_id == pre.required_id and o.year == dossier.year for o in history.live()
    ):
        held.add(dossier.year)
    return held


def _years_in_a_row(history: History, pre: Prerequisite) -> str:
    year = history.dossier.year
    last = year if pre.same_year else year - 1
    needed = set(range(last - pre.consecutive_years + 1, last + 1))
    missing = sorted(needed - _held(history, pre, last))
    if not missing:
        return ""
    if pre.consecutive_years == 1:
        return _("Chưa đủ điều kiện: cần có %(req)s năm %(years)s.") % {
            "req": quoted(pre.required.name),
            "years": _years(missing),
        }
    return _(
        "Chưa đủ điều kiện: cần %(n)s năm liên tục đạt %(req)s "
        "(%(start)s–%(end)s); còn thiếu năm %(years)s."
    ) % {
        "n": pre.consecutive_years,
        "req": quoted(pre.required.name),
        "start": min(needed),
        "end": max(needed),
        "years": _years(missing),
    }


def _awards_in_a_row(history: History, pre: Prerequisite) -> str:
    """The last N awards of the required title follow one another in its cycle (a gap longer
    than the cycle means a cycle was missed)."""
    year = history.dossier.year
    held = sorted(_held(history, pre, year if pre.same_year else year - 1))
    run = held[-pre.consecutive_years :]
    cycle = pre.required.interval_years
    if len(run) == pre.consecutive_years and all(b - a <= cycle for a, b in pairwise(run)):
        return ""
    seen = _("năm %(years)s") % {"years": _years(held)} if held else _("chưa lần nào")
    return _(
        "Chưa đủ điều kiện: cần %(n)s lần liên tục được tặng %(req)s (chu kỳ %(cycle)s năm, "
        "hai lần liên tiếp cách nhau không quá %(cycle)s năm); đã được tặng: %(seen)s."
    ) % {"n": pre.consecutive_years, "req": quoted(pre.required.name), "cycle": cycle, "seen": seen}


def _years_after(history: History, pre: Prerequisite) -> str:
    by = history.dossier.year - pre.consecutive_years
    if any(y <= by for y in history.award_years(pre.required_id)):
        return ""
    return _("Chưa thấy %(req)s được tặng từ năm %(by)s trở về trước (đủ %(n)s năm tiếp theo).") % {
        "req": quoted(pre.required.name),
        "by": by,
        "n": pre.consecutive_years,
    }


COUNTINGS: dict[str, Callable[[History, Prerequisite], str]] = {
    Counting.YEARS: _years_in_a_row,
    Counting.AWARDS: _awards_in_a_row,
    Counting.AFTER: _years_after,
}


def prerequisites(history: History) -> list[Finding]:
    found = []
    for pre in history.prerequisites:
        message = COUNTINGS[pre.counting](history, pre)
        if message:
            found.append(
                Finding("prerequisite", message + _basis(pre.legal_basis), blocking=pre.blocking)
            )
    return found


# --- waiting period between two awards of the same title ----------------------------------------
def interval(history: History) -> list[Finding]:
    title = history.dossier.title
    if title.interval_years <= 1:
        return []
    year = history.dossier.year
    earlier = [y for y in history.award_years(title.pk) if y <= year]
    if not earlier or year - max(earlier) >= title.interval_years:
        return []
    return [
        Finding(
            "interval",
            _(
                "Đối tượng được tặng %(title)s năm %(last)s: lần tiếp theo xét từ năm "
                "%(next)s (cách ít nhất %(n)s năm)."
            )
            % {
                "title": quoted(title.name),
                "last": max(earlier),
                "next": max(earlier) + title.interval_years,
                "n": title.interval_years,
            }
            + _basis(title.interval_basis),
        )
    ]


# --- quota ----------------------------------------------------------------------------------
def _count(dossier: Dossier, title_id: int) -> tuple[int, int]:
    """(awards on record, dossiers in progress) of a title in the proposing unit and year."""
    awards = Award.objects.filter(
        unit_id=dossier.unit_id, year=dossier.year, title_id=title_id, revoked_on=None
    ).count()
    # A forwarded dossier's copy at the level above is the same proposal: count the original.
    dossiers = Dossier.objects.filter(
        unit_id=dossier.unit_id,
        year=dossier.year,
        title_id=title_id,
        state__in=IN_PROGRESS,
        forwarded_from=None,
    ).count()
    return awards, dossiers


def quota(dossier: Dossier, *, pending: int = 0) -> list[Finding]:
    """The title's share of another title in the same unit and year, both counted from the
    awards on record plus the dossiers in progress. `pending`: proposals of the title not yet
    saved (rows of an import above this one)."""
    title = dossier.title
    if title.quota_percent is None or title.quota_of_id is None or title.quota_of is None:
        return []
    base_awards, base_dossiers = _count(dossier, title.quota_of_id)
    awards, dossiers = _count(dossier, title.pk)
    # A live dossier is counted already: in progress itself (or its original, for a copy at
    # the level above), or as its award once decided.
    counted = bool(dossier.pk) and dossier.state in LIVE_STATES
    dossiers += pending + (0 if counted else 1)
    base = base_awards + base_dossiers
    allowed = math.floor(base * title.quota_percent / 100)
    current = awards + dossiers
    values = {
        "title": quoted(title.name),
        "of": quoted(title.quota_of.name),
        "year": dossier.year,
        "pct": f"{title.quota_percent.normalize()}".replace(".", ","),
        "base": base,
        "base_awards": base_awards,
        "base_dossiers": base_dossiers,
        "allowed": allowed,
        "current": current,
        "awards": awards,
        "dossiers": dossiers,
    }
    explained = _(
        "đơn vị có %(base)s %(of)s năm %(year)s (%(base_awards)s đã được tặng, "
        "%(base_dossiers)s hồ sơ đang đề nghị) nên được tối đa %(allowed)s %(title)s "
        "(%(pct)s%%); hiện có %(current)s (%(awards)s đã được tặng, %(dossiers)s hồ sơ đang đề "
        "nghị, kể cả hồ sơ này)."
    ) % values + _basis(title.quota_basis)
    if current > allowed:
        return [Finding("quota", _("Vượt tỷ lệ: ") + explained)]
    return [Finding("quota_info", _("Trong tỷ lệ: ") + explained, blocking=False, info=True)]


# --- the unit's meeting vote -------------------------------------------------------------------
def unit_vote(dossier: Dossier) -> list[Finding]:
    yes, total = dossier.votes_yes, dossier.votes_total
    if dossier.track == Track.AD_HOC or yes is None or not total:
        return []
    title = dossier.title
    threshold = title.unit_vote_threshold
    share = yes * 100 / total
    passed = share > threshold if title.unit_vote_strictly_above else share >= threshold
    if passed:
        return []
    rule = _("quá %(t)s%%") if title.unit_vote_strictly_above else _("từ %(t)s%% trở lên")
    return [
        Finding(
            "unit_vote",
            _(
                "Cuộc họp xét của đơn vị: %(yes)s/%(total)s phiếu đồng ý (%(share)s%%), chưa đạt "
                "%(rule)s số người dự họp."
            )
            % {
                "yes": yes,
                "total": total,
                "share": f"{share:.1f}".replace(".", ","),
                "rule": rule % {"t": f"{threshold.normalize()}".replace(".", ",")},
            }
            + _basis(title.unit_vote_basis),
        )
    ]


# --- discipline --------------------------------------------------------------------------------
def discipline(dossier: Dossier) -> list[Finding]:
    title = dossier.title
    if title.discipline_rule == DisciplineRule.NONE:
        return []
    records = disciplines_of(person_id=dossier.person_id, unit_id=dossier.nominee_unit_id)
    today = timezone.localdate()
    for record in records:
        if title.discipline_rule == DisciplineRule.IN_YEAR:
            stops = record.touches_year(dossier.year)
            why = _("bị kỷ luật trong năm %(year)s thì không xét tặng %(title)s")
        else:
            stops = record.runs_on(today)
            why = _("không đề nghị %(title)s trong thời gian thi hành kỷ luật")
        if not stops:
            continue
        until = vn_short_date(record.ends_on) if record.ends_on else _("chưa xác định")
        return [
            Finding(
                "discipline",
                _(
                    "Đối tượng bị kỷ luật “%(form)s” (quyết định số %(number)s ngày %(date)s, "
                    "thi hành từ %(start)s đến %(until)s): %(why)s."
                )
                % {
                    "form": record.get_form_display(),
                    "number": record.decision_number,
                    "date": vn_short_date(record.decision_date),
                    "start": vn_short_date(record.starts_on),
                    "until": until,
                    "why": why % {"year": dossier.year, "title": quoted(title.name)},
                }
                + _basis(title.discipline_basis),
            )
        ]
    return []
