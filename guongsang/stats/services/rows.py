"""The grouped counts turned into labelled rows, sorted, with running totals and changes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from guongsang.catalogue.models import AwardKind, Level, Target
from guongsang.core.formatting import vn_text_key
from guongsang.org.models import Unit
from guongsang.org.selectors import today, unit_end_note, unit_names_on
from guongsang.stats.services.result import StatsRow

_LEVEL_ORDER = {value: i for i, value in enumerate(Level.values)}
_TARGET_ORDER = {value: i for i, value in enumerate(Target.values)}
_KIND_ORDER = {value: i for i, value in enumerate(AwardKind.values)}

TENTH = Decimal("0.1")


def tally_groups(
    groups: list[tuple], dims: tuple[str, ...], branch_of: dict[int, int]
) -> tuple[dict[tuple, int], dict[int, tuple]]:
    """The counts per key of the dimensions (units folded into their branch), and the titles
    met on the way: one pass over the groups, never over awards."""
    counts: dict[tuple, int] = defaultdict(int)
    titles: dict[int, tuple] = {}
    width = len(dims)
    at_unit = dims.index("unit") if "unit" in dims else -1
    at_title = dims.index("title") if "title" in dims else -1
    for group in groups:
        key = group[:width]
        if at_unit >= 0:
            unit_id = key[at_unit]
            key = (*key[:at_unit], branch_of.get(unit_id, unit_id), *key[at_unit + 1 :])
        counts[key] += group[-1]
        if at_title >= 0:
            code, name, order = group[width : width + 3]
            titles[key[at_title]] = (code, name, (order, name))
    return counts, titles


def group_labels(
    dims: Sequence[str],
    counts: dict[tuple, int],
    titles: dict[int, tuple],
    on: dt.date | None = None,
) -> dict[str, dict[Any, tuple]]:
    """Per dimension: raw value → (public key, label, sort key). Units are named as they
    were on `on` (the structure's date), else today: two queries for units."""
    out: dict[str, dict[Any, tuple]] = {}
    for i, dim in enumerate(dims):
        values = {key[i] for key in counts}
        if dim == "year":
            out[dim] = {v: (v, str(v), v) for v in values}
        elif dim == "level":
            out[dim] = {v: (v, str(Level(v).label), _LEVEL_ORDER.get(v, 99)) for v in values}
        elif dim == "target":
            out[dim] = {v: (v, str(Target(v).label), _TARGET_ORDER.get(v, 99)) for v in values}
        elif dim == "kind":
            out[dim] = {v: (v, str(AwardKind(v).label), _KIND_ORDER.get(v, 99)) for v in values}
        elif dim == "title":
            out[dim] = {pk: titles[pk] for pk in values}
        elif dim == "unit":
            units = list(Unit.objects.filter(pk__in=values).only("pk", "uuid", "name"))
            names = unit_names_on(units, on)
            out[dim] = {u.pk: (str(u.uuid), names[u.pk], vn_text_key(names[u.pk])) for u in units}
    return out


def note_ended_units(rows: list[StatsRow], unit_labels: dict[Any, tuple]) -> None:
    """A unit row of a unit merged or dissolved by today says where its records went."""
    ended = Unit.objects.filter(pk__in=unit_labels.keys(), valid_to__lte=today())
    notes = {str(u.uuid): unit_end_note(u) for u in ended.select_related("successor", "parent")}
    if notes:
        for row in rows:
            row.note = notes.get(row.key["unit"], "")


def stats_rows(
    dims: Sequence[str],
    counts: dict[tuple, int],
    labels: dict[str, dict[Any, tuple]],
    from_year: int,
    to_year: int,
) -> list[StatsRow]:
    """Rows in dimension order; with a year dimension, every series gets every year of the
    range with its running total and the change from the year before.

    Long on purpose: one loop builds the row, its running total and its change together; split,
    each would walk the series again."""
    if "year" not in dims:

        def sort_key(raw: tuple) -> tuple:
            return tuple(labels[d][v][2] for d, v in zip(dims, raw, strict=True))

        return [
            StatsRow(
                key={d: labels[d][v][0] for d, v in zip(dims, raw, strict=True)},
                labels={d: labels[d][v][1] for d, v in zip(dims, raw, strict=True)},
                count=counts[raw],
            )
            for raw in sorted(counts, key=sort_key)
            if counts[raw]
        ]
    y = dims.index("year")
    others = [d for d in dims if d != "year"]
    series: dict[tuple, dict[int, int]] = defaultdict(dict)
    for raw, n in counts.items():
        series[raw[:y] + raw[y + 1 :]][raw[y]] = n
    years = range(from_year, to_year + 1)
    out: list[tuple[tuple, StatsRow]] = []
    for skey, by_year in series.items():
        if not any(by_year.get(year) for year in years):
            continue
        parts = [labels[d][v] for d, v in zip(others, skey, strict=True)]
        sort_before = tuple(p[2] for p in parts[:y])
        sort_after = tuple(p[2] for p in parts[y:])
        keys = [(d, p[0]) for d, p in zip(others, parts, strict=True)]
        names = [(d, p[1]) for d, p in zip(others, parts, strict=True)]
        running = 0
        previous = by_year.get(from_year - 1, 0)
        for year in years:
            n = by_year.get(year, 0)
            running += n
            change = n - previous
            percent = (
                (Decimal(change * 100) / previous).quantize(TENTH, ROUND_HALF_UP)
                if previous
                else None
            )
            row = StatsRow(
                key=dict([*keys[:y], ("year", year), *keys[y:]]),
                labels=dict([*names[:y], ("year", str(year)), *names[y:]]),
                count=n,
                cumulative=running,
                previous=previous,
                change=change,
                change_percent=percent,
            )
            out.append(((*sort_before, year, *sort_after), row))
            previous = n
    out.sort(key=lambda pair: pair[0])
    return [row for _key, row in out]
