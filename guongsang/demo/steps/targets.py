"""Demo targets: the 2023 city-wide figures of the article after nine months, shared out
over the department's units so that the department's subtree adds up to them exactly
(171.228 / 162.000 = 105,7%; 202.590 / 230.000 = 88,1%; 1.243 / 1.200 = 103,6%),
and the whole of 2022 for year-over-year comparisons; then the years up to today's."""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from guongsang.demo import facts
from guongsang.demo.context import DemoContext, audit_seeded
from guongsang.org.models import Unit
from guongsang.targets.models import Indicator, Plan, Result

AUDIT_TYPE = "demo.targets"
EXTRA_INDICATOR = ("xuat-khau-lao-dong", "Đưa người lao động đi làm việc ở nước ngoài", "người")
# Share of the yearly result falling in each month (sums to 100 over nine months; 2022: 12).
WEIGHTS_9 = (7, 8, 11, 12, 11, 12, 12, 13, 14)
WEIGHTS_12 = (6, 7, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9)

# indicator code -> [(unit code, share of the plan, share of the result)] — shares in ‰.
SPLIT = {
    "viec-lam": [("tt-dich-vu-viec-lam", 560, 555), ("so-ldtbxh-vl-atld", 440, 445)],
    "tuyen-sinh-gdnn": [
        ("truong-cdn-cong-nghiep", 35, 37),
        ("truong-cdn-viet-han", 30, 32),
        ("truong-cdn-cong-nghe-cao", 26, 27),
        ("truong-cd-co-dien", 30, 28),
        (facts.MECHANICAL_SCHOOL, 13, 12),
        ("truong-tcn-so-1", 13, 13),
        ("so-ldtbxh-gdnn", 853, 851),
    ],
    "cai-nghien-bat-buoc": [
        ("cscn-1", 167, 170),
        ("cscn-2", 150, 146),
        ("cscn-3", 133, 137),
        ("cscn-4", 158, 160),
        ("cscn-5", 125, 121),
        ("cscn-6", 142, 141),
        ("cscn-7", 125, 125),
    ],
    "xuat-khau-lao-dong": [("so-ldtbxh-vl-atld", 1000, 1000)],
}
EXTRA_2023 = (3_500, 3_020)
RECENT_GROWTH = 1.03  # the yearly plans after 2023 grow by about this much  # plan, nine months
# 2022: (plan, twelve months) city-wide
YEAR_2022 = {
    "viec-lam": (160_000, 168_502),
    "tuyen-sinh-gdnn": (225_000, 221_480),
    "cai-nghien-bat-buoc": (1_150, 1_196),
    "xuat-khau-lao-dong": (3_000, 3_114),
}


def _share(total: int, shares: list[int]) -> list[int]:
    """Split `total` by ‰ shares; the last part takes the rounding so the sum is exact."""
    parts = [total * s // 1000 for s in shares[:-1]]
    return [*parts, total - sum(parts)]


def _months(total: int, weights: tuple[int, ...]) -> list[int]:
    return _share(total, [w * 10 for w in weights])


def _year_rows(
    indicator: Indicator, units: dict[str, Unit], year: int, plan: int, actual: int, weights
) -> tuple[list[Plan], list[Result]]:
    split = SPLIT[indicator.code]
    plans = _share(plan, [s for _, s, _ in split])
    actuals = _share(actual, [s for _, _, s in split])
    plan_rows, result_rows = [], []
    for (code, _p, _a), unit_plan, unit_actual in zip(split, plans, actuals, strict=True):
        unit = units[code]
        plan_rows.append(Plan(indicator=indicator, unit=unit, year=year, value=unit_plan))
        for month, value in enumerate(_months(unit_actual, weights), start=1):
            result_rows.append(
                Result(indicator=indicator, unit=unit, year=year, month=month, value=value)
            )
    return plan_rows, result_rows


def _recent_rows(
    indicator: Indicator, units: dict[str, Unit], plan_2023: int
) -> tuple[list[Plan], list[Result]]:
    """The years after the articles up to this one: plans growing a little each year, whole
    years of results before this one and this year's months up to the last one ended, so the
    targets page and a leader's home open on the present."""
    today = timezone.localdate()
    plans: list[Plan] = []
    results: list[Result] = []
    for offset, year in enumerate(range(2024, today.year + 1), start=1):
        rng = random.Random(f"{indicator.code}-{year}")  # the same figures on every build
        plan = int(round(plan_2023 * RECENT_GROWTH**offset, 3 - len(str(plan_2023))))
        actual = round(plan * rng.uniform(0.92, 1.10))
        reported = 12 if year < today.year else today.month - 1
        more_plans, more_results = _year_rows(indicator, units, year, plan, actual, WEIGHTS_12)
        plans += more_plans
        results += [row for row in more_results if row.month <= reported]
    return plans, results


@transaction.atomic
def seed() -> int:
    """Create the indicators, plans and results once (nothing when they exist)."""
    if Plan.objects.filter(indicator__code=facts.TARGETS_2023[0].code, year=2023).exists():
        return 0
    codes = {code for split in SPLIT.values() for code, _, _ in split}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    indicators = []
    for order, target in enumerate(facts.TARGETS_2023, start=1):
        indicator, _ = Indicator.objects.get_or_create(
            code=target.code,
            defaults={"name": target.name, "measure": target.unit, "order": order},
        )
        indicators.append((indicator, target.plan, target.result_9_months))
    extra, _ = Indicator.objects.get_or_create(
        code=EXTRA_INDICATOR[0],
        defaults={"name": EXTRA_INDICATOR[1], "measure": EXTRA_INDICATOR[2], "order": 9},
    )
    indicators.append((extra, *EXTRA_2023))
    plans: list[Plan] = []
    results: list[Result] = []
    for indicator, plan, actual in indicators:
        for year, (p, a, weights) in {
            2023: (plan, actual, WEIGHTS_9),
            2022: (*YEAR_2022[indicator.code], WEIGHTS_12),
        }.items():
            more_plans, more_results = _year_rows(indicator, units, year, p, a, weights)
            plans += more_plans
            results += more_results
        more_plans, more_results = _recent_rows(indicator, units, plan)
        plans += more_plans
        results += more_results
    Plan.objects.bulk_create(plans)
    Result.objects.bulk_create(results)
    audit_seeded(
        object_type=AUDIT_TYPE,
        object_repr="Chỉ tiêu mẫu",
        counts={"plans": len(plans), "results": len(results)},
        reason="Tạo dữ liệu mẫu chỉ tiêu",
    )
    return len(results)


def check_percentages() -> dict[str, Decimal | None]:
    """The 2023 percentages of the department after nine months (for tests and the CLI)."""
    from guongsang.targets.selectors import attainment

    department = Unit.objects.get(code=facts.DEPARTMENT)
    return {
        row.code: row.percent
        for row in attainment(user=None, year=2023, unit=department, to_month=9)
    }


def step(ctx: DemoContext) -> None:
    ctx.made["target_results"] = seed()
