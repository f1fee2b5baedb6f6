"""Reads of sector targets: plans, results and the percentage of plan reached (tỷ lệ đạt).

Figures of a unit are the sums over its subtree (units merged into it included), cut down
to what the user may see. A percentage is `actual × 100 / plan` as an exact Decimal
(format with core.formatting.vn_percent: 171.228 / 162.000 → "105,7%").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum

from guongsang.core.permissions import restrict
from guongsang.core.types import Actor
from guongsang.org.models import Unit
from guongsang.org.selectors import unit_ids_for_counting
from guongsang.targets.models import Indicator, Plan, Result
from guongsang.targets.permissions import VIEW_ROLES

HUNDRED = Decimal(100)
PERCENT_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class AttainmentRow:
    """One indicator: plan of the year, result to date, percentage of plan (None: no plan)."""

    code: str
    name: str
    measure: str
    plan: Decimal
    actual: Decimal
    percent: Decimal | None
    indicator_id: int = 0

    def __iter__(self) -> Any:  # unpack as (code, name, measure, plan, actual, percent)
        return iter((self.code, self.name, self.measure, self.plan, self.actual, self.percent))


def percent_of(actual: Decimal, plan: Decimal) -> Decimal | None:
    if not plan:
        return None
    return (Decimal(actual) * HUNDRED / Decimal(plan)).quantize(PERCENT_PLACES)


def _scoped(qs: QuerySet, user: Actor) -> QuerySet:
    """`user=None` is the system itself (demo, management commands, background report
    builds that already checked their owner): no cut. Views always pass request.user."""
    if user is None:
        return qs
    return restrict(qs, user, roles=VIEW_ROLES, unit_field="unit_id")


def plans_visible(*, user: Actor) -> QuerySet[Plan]:
    return _scoped(Plan.objects.select_related("indicator", "unit"), user)


def results_visible(*, user: Actor) -> QuerySet[Result]:
    return _scoped(Result.objects.select_related("indicator", "unit"), user)


def _cut(qs: QuerySet, unit: Unit | int | None) -> QuerySet:
    if unit is None:
        return qs
    return qs.filter(unit_id__in=unit_ids_for_counting(unit))


def attainment(
    *, user: Actor, year: int, unit: Unit | int | None = None, to_month: int = 12
) -> list[AttainmentRow]:
    """Plan, result to the end of `to_month` and % of plan, per indicator with a plan or a
    result in `year`, over the unit's subtree (default: everything the user sees).

    Two grouped queries whatever the number of units.
    """
    plans = (
        _cut(plans_visible(user=user), unit)
        .filter(year=year)
        .values("indicator_id")
        .annotate(total=Sum("value"))
    )
    results = (
        _cut(results_visible(user=user), unit)
        .filter(year=year, month__lte=to_month)
        .values("indicator_id")
        .annotate(total=Sum("value"))
    )
    plan_by = {row["indicator_id"]: row["total"] or Decimal(0) for row in plans.order_by()}
    actual_by = {row["indicator_id"]: row["total"] or Decimal(0) for row in results.order_by()}
    ids = set(plan_by) | set(actual_by)
    rows = []
    for indicator in Indicator.objects.filter(pk__in=ids):
        plan = Decimal(plan_by.get(indicator.pk, 0))
        actual = Decimal(actual_by.get(indicator.pk, 0))
        rows.append(
            AttainmentRow(
                code=indicator.code,
                name=indicator.name,
                measure=indicator.measure,
                plan=plan,
                actual=actual,
                percent=percent_of(actual, plan),
                indicator_id=indicator.pk,
            )
        )
    return rows


@dataclass(frozen=True)
class UnitAttainment:
    unit: Unit
    rows: dict[int, AttainmentRow]  # by indicator id
    score: Decimal | None


def attainment_by_unit(
    *, user: Actor, year: int, unit: Unit | int | None = None, to_month: int = 12
) -> tuple[list[Indicator], list[UnitAttainment]]:
    """The table "by unit": each unit with its own plans/results (not its subtree)."""
    plans = _cut(plans_visible(user=user), unit).filter(year=year)
    results = _cut(results_visible(user=user), unit).filter(year=year, month__lte=to_month)
    plan_rows = plans.values("unit_id", "indicator_id").annotate(total=Sum("value")).order_by()
    result_rows = results.values("unit_id", "indicator_id").annotate(total=Sum("value")).order_by()
    plan_by: dict[tuple[int, int], Decimal] = {}
    actual_by: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for row in plan_rows:
        plan_by[(row["unit_id"], row["indicator_id"])] = row["total"]
    for row in result_rows:
        actual_by[(row["unit_id"], row["indicator_id"])] = row["total"]
    keys = set(plan_by) | set(actual_by)
    unit_ids = {u for u, _ in keys}
    indicator_ids = {i for _, i in keys}
    indicators = list(Indicator.objects.filter(pk__in=indicator_ids))
    units = sorted(Unit.objects.filter(pk__in=unit_ids), key=lambda u: u.name)
    out = []
    for each in units:
        rows: dict[int, AttainmentRow] = {}
        for indicator in indicators:
            key = (each.pk, indicator.pk)
            if key not in keys:
                continue
            plan = Decimal(plan_by.get(key, 0))
            actual = Decimal(actual_by.get(key, 0))
            rows[indicator.pk] = AttainmentRow(
                indicator.code,
                indicator.name,
                indicator.measure,
                plan,
                actual,
                percent_of(actual, plan),
                indicator.pk,
            )
        out.append(UnitAttainment(each, rows, score_of(rows.values())))
    return indicators, out


SCORE_CAP = HUNDRED


def score_of(rows: Any) -> Decimal | None:
    """Điểm chỉ tiêu: the mean of the percentages of plan reached, each capped at 100.

    Indicators without a plan do not count; no plan at all gives no score. A unit that
    reaches every plan scores 100; over-achieving one indicator cannot hide missing another.
    """
    values = [min(row.percent, SCORE_CAP) for row in rows if row.percent is not None]
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.1"))


def unit_score(*, user: Actor, year: int, unit: Unit | int, to_month: int = 12) -> Decimal | None:
    """The score of a unit's subtree (what feeds the unit's emulation results)."""
    return score_of(attainment(user=user, year=year, unit=unit, to_month=to_month))


def latest_year(*, user: Actor) -> int | None:
    """The most recent year with a plan the user may see: what the targets page opens on."""
    found = plans_visible(user=user).order_by("-year").values_list("year", flat=True).first()
    return int(found) if found is not None else None


def latest_month(*, year: int, unit: Unit | int | None = None) -> int:
    """The last month with a result in the year (0 when none): 'to date'."""
    qs = _cut(Result.objects.filter(year=year), unit)
    found = qs.order_by("-month").values_list("month", flat=True).first()
    return int(found or 0)
