"""The dashboard (bảng điều khiển): every chart as data with its table, from the statistics
service and the other apps' grouped selectors. One grouped query per chart."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_number, vn_percent
from guongsang.core.permissions import scope_unit_ids
from guongsang.core.types import Actor
from guongsang.nominations.models import Dossier, State
from guongsang.nominations.selectors import dossiers_visible
from guongsang.org.models import Unit
from guongsang.org.selectors import today, unit_ids_for_counting
from guongsang.stats.services import STATS_ROLES, award_stats, latest_year


@dataclass
class Chart:
    """A chart and the table that says the same (headers, rows of shown text)."""

    key: str
    title: str
    kind: str  # Chart.js type: bar, line
    labels: list[str]
    datasets: list[dict[str, Any]]
    headers: list[str]
    rows: list[list[Any]]
    note: str = ""
    stacked: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def css_height(self) -> str:
        """Room for every bar: horizontal charts grow with their labels."""
        if not self.extra.get("horizontal"):
            return "16rem"
        bars = len(self.labels) * max(1, len(self.datasets))
        return f"{max(12.0, 4 + 1.4 * bars):.1f}rem"

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "type": self.kind,
            "labels": self.labels,
            "datasets": self.datasets,
            "stacked": self.stacked,
            "horizontal": bool(self.extra.get("horizontal")),
            "percent": bool(self.extra.get("percent")),
            "headers": self.headers,
            "rows": self.rows,
            "note": self.note,
        }


@dataclass(frozen=True)
class DashboardFilter:
    from_year: int
    to_year: int
    unit: Unit | None
    levels: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()


def _unit_ids(user: Actor, unit: Unit | None) -> Any:
    """The units the dashboard counts: the chosen subtree, cut to the user's scope."""
    ids = unit_ids_for_counting(unit) if unit is not None else None
    scope = scope_unit_ids(user, STATS_ROLES) if user is not None else None
    if scope is None:
        return ids
    if ids is None:
        return scope
    return Unit.objects.filter(pk__in=ids).filter(pk__in=scope).values("pk")


def awards_by_level(*, user: Actor, f: DashboardFilter) -> Chart:
    result = award_stats(
        user=user,
        from_year=f.from_year,
        to_year=f.to_year,
        by=("level", "year"),
        unit=f.unit,
        levels=f.levels or None,
        targets=f.targets or None,
    )
    series = result.pivot()
    years = [str(y) for y in result.years]
    totals = result.year_totals()
    return Chart(
        key="levels",
        title=_("Số lượt khen thưởng theo năm và cấp"),
        kind="bar",
        stacked=True,
        labels=years,
        datasets=[{"label": s.labels["level"], "data": s.counts} for s in series],
        headers=[_("Năm"), *(s.labels["level"] for s in series), _("Tổng"), _("Luỹ kế")],
        rows=[
            [
                year,
                *(vn_number(s.counts[i]) for s in series),
                vn_number(totals[i]),
                vn_number(sum(totals[: i + 1])),
            ]
            for i, year in enumerate(years)
        ],
    )


def titles_this_year(*, user: Actor, f: DashboardFilter) -> Chart:
    year = f.to_year
    result = award_stats(
        user=user,
        from_year=year - 1,
        to_year=year,
        by=("title", "year"),
        unit=f.unit,
        levels=f.levels or None,
        targets=f.targets or None,
    )
    series = result.pivot()
    rows = []
    for s in series:
        last, this = s.counts
        change = this - last
        percent = vn_percent(change * 100 / last) if last else ""
        rows.append(
            [
                s.labels["title"],
                vn_number(last),
                vn_number(this),
                f"{change:+d}".replace("+0", "0"),
                percent,
            ]
        )
    return Chart(
        key="titles",
        title=_("Danh hiệu, hình thức năm %(y)s so với năm %(p)s") % {"y": year, "p": year - 1},
        kind="bar",
        labels=[s.labels["title"] for s in series],
        datasets=[
            {"label": str(year - 1), "data": [s.counts[0] for s in series]},
            {"label": str(year), "data": [s.counts[1] for s in series]},
        ],
        headers=[_("Danh hiệu / hình thức"), str(year - 1), str(year), _("Tăng/giảm"), _("Tỷ lệ")],
        rows=rows,
        extra={"horizontal": True},
    )


def dossiers_by_state(*, user: Actor, f: DashboardFilter) -> Chart:
    qs = dossiers_visible(user=user) if user is not None else _all_dossiers()
    # Dossiers still in progress are newer than the last award on record: the span runs on
    # to this year when the range ends before it.
    until = max(f.to_year, today().year)
    qs = qs.filter(year__gte=f.from_year, year__lte=until)
    if f.unit is not None:
        qs = qs.filter(unit_id__in=unit_ids_for_counting(f.unit))
    if f.levels:
        qs = qs.filter(title__level__in=f.levels)
    counts = dict(qs.order_by().values_list("state").annotate(n=Count("id")))
    states = [s for s in State if counts.get(s.value)]
    return Chart(
        key="dossiers",
        title=_("Hồ sơ đề nghị theo trạng thái (%(a)s–%(b)s)") % {"a": f.from_year, "b": until},
        kind="bar",
        labels=[str(s.label) for s in states],
        datasets=[{"label": _("Số hồ sơ"), "data": [counts[s.value] for s in states]}],
        headers=[_("Trạng thái"), _("Số hồ sơ")],
        rows=[[str(s.label), vn_number(counts[s.value])] for s in states],
        extra={"horizontal": True},
    )


def _all_dossiers() -> Any:
    return Dossier.objects.all()


def contest_entries(*, user: Actor, f: DashboardFilter) -> Chart | None:
    """Entries received per contest year (cuộc thi viết; None while contests are not there)."""
    try:
        from guongsang.contests.selectors import entry_counts_by_year
    except ImportError:
        return None
    ids = _unit_ids(user, f.unit)
    kwargs: dict[str, Any] = {"from_year": f.from_year, "to_year": f.to_year}
    if ids is not None:
        kwargs["unit_ids"] = ids
    counts = entry_counts_by_year(**kwargs)
    years = sorted(counts)
    return Chart(
        key="contests",
        title=_("Bài dự thi viết về gương điển hình theo năm"),
        kind="bar",
        labels=[str(y) for y in years],
        datasets=[{"label": _("Số bài dự thi"), "data": [counts[y] for y in years]}],
        headers=[_("Năm"), _("Số bài dự thi")],
        rows=[[str(y), vn_number(counts[y])] for y in years],
    )


def target_attainment(*, user: Actor, f: DashboardFilter) -> Chart | None:
    """Plan, result and % of plan per indicator in the last year of the range."""
    try:
        from guongsang.targets.selectors import attainment
    except ImportError:
        return None
    rows = attainment(user=user, year=f.to_year, unit=f.unit)
    return Chart(
        key="targets",
        title=_("Tỷ lệ đạt chỉ tiêu năm %(y)s") % {"y": f.to_year},
        kind="bar",
        labels=[r.name for r in rows],
        datasets=[
            {
                "label": _("% kế hoạch"),
                "data": [float(r.percent) if r.percent is not None else 0 for r in rows],
            }
        ],
        headers=[_("Chỉ tiêu"), _("Kế hoạch"), _("Thực hiện"), _("Tỷ lệ đạt")],
        rows=[
            [
                f"{r.name} ({r.measure})" if r.measure else r.name,
                vn_number(r.plan),
                vn_number(r.actual),
                vn_percent(r.percent) if r.percent is not None else "",
            ]
            for r in rows
        ],
        extra={"horizontal": True, "percent": True},
    )


def dashboard(*, user: Actor, f: DashboardFilter) -> list[Chart]:
    charts = [
        awards_by_level(user=user, f=f),
        titles_this_year(user=user, f=f),
        dossiers_by_state(user=user, f=f),
        contest_entries(user=user, f=f),
        target_attainment(user=user, f=f),
    ]
    return [c for c in charts if c is not None]


def default_filter(user: Actor) -> DashboardFilter:
    """The last ten years on record (this year when nothing is), over the user's scope."""
    year = latest_year(user=user) or today().year
    return DashboardFilter(from_year=year - 9, to_year=year, unit=None)
