"""What the statistics service answers: its dimensions, year bounds, rows and result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guongsang.org.models import Unit
from guongsang.org.selectors import unit_fate, unit_name_on

DIMENSIONS: dict[str, Any] = {
    "year": gettext_lazy("Năm"),
    "level": gettext_lazy("Cấp"),
    "title": gettext_lazy("Danh hiệu / hình thức"),
    "target": gettext_lazy("Đối tượng"),
    "kind": gettext_lazy("Loại"),
    "unit": gettext_lazy("Đơn vị"),
}
"""Dimensions a result can be grouped by. `unit` rolls every award up to the unit directly
under the chosen unit (or the chosen unit itself for its own awards); `kind` is the type:
emulation title (danh hiệu) or commendation form (hình thức khen thưởng)."""

MIN_YEAR = 1945
MAX_YEAR = 2100


@dataclass(slots=True)
class StatsRow:
    """One group: `key` holds the codes (year int, level/target/kind code, title code, unit
    uuid str), `labels` the Vietnamese names. With "year" among the dimensions, `cumulative`
    is the running total of the same series from `from_year`, `previous` the count of the year
    before (the year before `from_year` included) and `change`/`change_percent` the
    year-over-year change (None when there was nothing the year before)."""

    key: dict[str, Any]
    labels: dict[str, str]
    count: int
    cumulative: int | None = None
    previous: int | None = None
    change: int | None = None
    change_percent: Decimal | None = None
    note: str = ""  # a unit row: where the unit's records went since (merged, dissolved)


@dataclass(frozen=True)
class PivotRow:
    labels: dict[str, str]
    key: dict[str, Any]
    counts: list[int]
    total: int


@dataclass(frozen=True)
class StatsResult:
    from_year: int
    to_year: int
    by: tuple[str, ...]
    unit: Unit | None
    as_of: dt.date | None
    include_revoked: bool
    rows: list[StatsRow]
    total: int
    filters: dict[str, Any] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return list(range(self.from_year, self.to_year + 1))

    def total_for(self, **key: Any) -> int:
        """Sum of the rows whose key matches, e.g. total_for(title="tap-the-tot", year=2021)."""
        return sum(r.count for r in self.rows if all(r.key.get(k) == v for k, v in key.items()))

    def pivot(self) -> list[PivotRow]:
        """Series (every dimension but year) as rows, years as columns."""
        series_dims = [d for d in self.by if d != "year"]
        index = {y: i for i, y in enumerate(self.years)}
        found: dict[tuple, PivotRow] = {}
        for row in self.rows:
            skey = tuple(row.key[d] for d in series_dims)
            if skey not in found:
                found[skey] = PivotRow(
                    labels={d: row.labels[d] for d in series_dims},
                    key={d: row.key[d] for d in series_dims},
                    counts=[0] * len(index),
                    total=0,
                )
            year = row.key.get("year")
            if year in index:
                found[skey].counts[index[year]] += row.count
        return [
            PivotRow(labels=p.labels, key=p.key, counts=p.counts, total=sum(p.counts))
            for p in found.values()
        ]

    @property
    def unit_name(self) -> str:
        """The chosen unit's name as it was on `as_of` (today's name without a date)."""
        if self.unit is None:
            return ""
        return unit_name_on(self.unit, self.as_of) if self.as_of else self.unit.name

    @property
    def note(self) -> str:
        """For a unit merged or dissolved by the date asked for: where its records went."""
        return unit_fate(self.unit, on=self.as_of) if self.unit is not None else ""

    def year_totals(self) -> list[int]:
        totals = {y: 0 for y in self.years}
        for row in self.rows:
            if row.key.get("year") in totals:
                totals[row.key["year"]] += row.count
        return list(totals.values())

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON (API, command, chart endpoints)."""
        return {
            "from_year": self.from_year,
            "to_year": self.to_year,
            "by": list(self.by),
            "unit": (
                {"code": self.unit.code, "uuid": str(self.unit.uuid), "name": self.unit_name}
                if self.unit
                else None
            ),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "note": self.note,
            "include_revoked": self.include_revoked,
            "filters": self.filters,
            "total": self.total,
            "rows": [
                {
                    "key": r.key,
                    "labels": r.labels,
                    "count": r.count,
                    "cumulative": r.cumulative,
                    "previous": r.previous,
                    "change": r.change,
                    "change_percent": (
                        float(r.change_percent) if r.change_percent is not None else None
                    ),
                    "note": r.note,
                }
                for r in self.rows
            ],
        }


def parse_dimensions(value: str | Iterable[str]) -> tuple[str, ...]:
    """'level,title,target' → ('level', 'title', 'target'); unknown names raise."""
    items = value.split(",") if isinstance(value, str) else list(value)
    dims = tuple(dict.fromkeys(i.strip() for i in items if i and i.strip()))
    unknown = [d for d in dims if d not in DIMENSIONS]
    if unknown:
        raise ValidationError(
            _("Không có chiều thống kê “%(names)s”. Chọn trong: %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(DIMENSIONS)}
        )
    return dims


def check_years(from_year: int, to_year: int) -> None:
    if not (MIN_YEAR <= from_year <= MAX_YEAR and MIN_YEAR <= to_year <= MAX_YEAR):
        raise ValidationError(
            _("Năm phải trong khoảng %(a)s–%(b)s.") % {"a": MIN_YEAR, "b": MAX_YEAR}
        )
    if from_year > to_year:
        raise ValidationError(_("Năm bắt đầu phải không sau năm kết thúc."))
