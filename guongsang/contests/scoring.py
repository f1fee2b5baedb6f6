"""Aggregation of the judges' scores: weighted totals, raw and normalised ranking with ties,
and each judge's calibration against the panel. Pure functions over plain numbers."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

TIE_DECIMALS = 3  # totals equal to this many decimals are a tie


def weighted_total(values: Mapping[int, Decimal | float], weights: Mapping[int, Decimal]) -> float:
    """Σ weight × score over the rubric's criteria (a missing score counts as nothing)."""
    return float(sum(Decimal(str(values.get(cid, 0))) * w for cid, w in weights.items()))


@dataclass
class Ranked:
    entry_id: int
    raw: float
    normalised: float
    judges: int
    raw_rank: int = 0
    raw_tied: bool = False
    norm_rank: int = 0
    norm_tied: bool = False

    @property
    def raw_label(self) -> str:
        return f"{self.raw_rank}=" if self.raw_tied else str(self.raw_rank)

    @property
    def norm_label(self) -> str:
        return f"{self.norm_rank}=" if self.norm_tied else str(self.norm_rank)


def competition_ranks(values: Mapping[int, float]) -> dict[int, tuple[int, bool]]:
    """Standard competition ranking (1, 2, 2, 4), highest first: id → (rank, tied)."""
    keyed = {k: round(v, TIE_DECIMALS) for k, v in values.items()}
    ordered = sorted(keyed.items(), key=lambda kv: -kv[1])
    counts: dict[float, int] = defaultdict(int)
    for _, v in ordered:
        counts[v] += 1
    result: dict[int, tuple[int, bool]] = {}
    rank = 0
    previous: float | None = None
    for position, (k, v) in enumerate(ordered, start=1):
        if v != previous:
            rank, previous = position, v
        result[k] = (rank, counts[v] > 1)
    return result


def _zscores(rows: Iterable[tuple[int, int, float]]) -> dict[tuple[int, int], float]:
    """Each judge's totals as z-scores of their own scale (0 when they cannot be scaled)."""
    by_judge: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for entry_id, judge_id, total in rows:
        by_judge[judge_id].append((entry_id, total))
    z: dict[tuple[int, int], float] = {}
    for judge_id, items in by_judge.items():
        totals = [t for _, t in items]
        mean = statistics.fmean(totals)
        sd = statistics.pstdev(totals) if len(totals) > 1 else 0.0
        for entry_id, total in items:
            z[(entry_id, judge_id)] = (total - mean) / sd if sd > 0 else 0.0
    return z


def rank_entries(rows: Iterable[tuple[int, int, float]]) -> list[Ranked]:
    """rows = (entry, judge, weighted total). Mean of totals per entry, and the mean of the
    judges' z-scores beside it; both ranked, ties shared (same rank, marked '=')."""
    rows = list(rows)
    z = _zscores(rows)
    totals: dict[int, list[float]] = defaultdict(list)
    zs: dict[int, list[float]] = defaultdict(list)
    for entry_id, judge_id, total in rows:
        totals[entry_id].append(total)
        zs[entry_id].append(z[(entry_id, judge_id)])
    ranked = [
        Ranked(e, statistics.fmean(t), statistics.fmean(zs[e]), len(t)) for e, t in totals.items()
    ]
    raw = competition_ranks({r.entry_id: r.raw for r in ranked})
    norm = competition_ranks({r.entry_id: r.normalised for r in ranked})
    for r in ranked:
        r.raw_rank, r.raw_tied = raw[r.entry_id]
        r.norm_rank, r.norm_tied = norm[r.entry_id]
    return sorted(ranked, key=lambda r: (r.raw_rank, r.norm_rank, r.entry_id))


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 3:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    if sx == 0 or sy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (sx * sy)


def _average_ranks(xs: list[float]) -> list[float]:
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def _spearman(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 3:
        return None
    return _pearson(_average_ranks(xs), _average_ranks(ys))


@dataclass
class Calibration:
    judge_id: int
    count: int
    mean: float
    spread: float
    offset: float  # mean difference from the other judges on the same entries
    shared: int  # entries this judge shares with other judges
    pearson: float | None
    spearman: float | None
    flags: list[str] = field(default_factory=list)

    @property
    def stands_out(self) -> bool:
        return bool(self.flags)


def calibrate(rows: Iterable[tuple[int, int, float]]) -> tuple[dict[str, float], list[Calibration]]:
    """Each judge against the panel: their mean and spread, the offset from the other judges on
    shared entries, Pearson/Spearman agreement with those judges' mean, and flags."""
    rows = list(rows)
    if not rows:
        return {"mean": 0.0, "spread": 0.0, "count": 0}, []
    all_totals = [t for _, _, t in rows]
    panel = {
        "mean": statistics.fmean(all_totals),
        "spread": statistics.pstdev(all_totals) if len(all_totals) > 1 else 0.0,
        "count": len(all_totals),
    }
    by_entry: dict[int, dict[int, float]] = defaultdict(dict)
    for entry_id, judge_id, total in rows:
        by_entry[entry_id][judge_id] = total
    judges = sorted({j for _, j, _ in rows})
    result = []
    for judge_id in judges:
        mine = [t for _, j, t in rows if j == judge_id]
        xs, ys = [], []
        for scores in by_entry.values():
            if judge_id in scores and len(scores) > 1:
                others = [t for j, t in scores.items() if j != judge_id]
                xs.append(scores[judge_id])
                ys.append(statistics.fmean(others))
        offset = statistics.fmean(x - y for x, y in zip(xs, ys, strict=True)) if xs else 0.0
        cal = Calibration(
            judge_id=judge_id,
            count=len(mine),
            mean=statistics.fmean(mine),
            spread=statistics.pstdev(mine) if len(mine) > 1 else 0.0,
            offset=offset,
            shared=len(xs),
            pearson=_pearson(xs, ys),
            spearman=_spearman(xs, ys),
        )
        # Stands out: more than half the panel's spread above or below the other judges.
        if xs and abs(offset) > max(panel["spread"] / 2, 0.5):
            cal.flags.append("offset")
        if cal.spearman is not None and cal.spearman < 0.3:
            cal.flags.append("disagrees")
        if cal.count > 2 and panel["spread"] and cal.spread < panel["spread"] / 3:
            cal.flags.append("narrow")
        result.append(cal)
    return panel, result
