"""The figures of an annual report, computed from the records (never typed in).

Award figures come from the statistics service (guongsang.stats.services.award_stats),
contest figures from guongsang.contests.selectors.entry_counts_by_year, target figures from
guongsang.targets.selectors.attainment. This module only arranges them.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from guongsang.awards.selectors import awards_visible
from guongsang.catalogue.models import Title
from guongsang.core.types import Actor
from guongsang.org.models import Unit
from guongsang.org.selectors import unit_ids_for_counting
from guongsang.stats.services import award_stats
from guongsang.targets.selectors import AttainmentRow, attainment, latest_month

# The titles of the "Người tốt, việc tốt" movement, city level first.
MOVEMENT_TITLES = ("nguoi-tot-viec-tot-thanh-pho", "nguoi-tot-viec-tot-co-so", "tap-the-tot")
EARLIEST_YEAR = 1945


@dataclass(frozen=True)
class TitleLine:
    code: str
    name: str
    target: str  # "individual" / "collective"
    count: int
    previous: int
    change: int
    cumulative: int


@dataclass(frozen=True)
class YearPoint:
    year: int
    individuals: int
    collectives: int


@dataclass(frozen=True)
class UnitLine:
    name: str
    counts: list[int]
    total: int


@dataclass(frozen=True)
class Honouree:
    name: str
    unit: str
    title: str


@dataclass
class ReportData:
    year: int
    unit: Unit
    first_year: int
    titles: list[TitleLine] = field(default_factory=list)
    series: list[YearPoint] = field(default_factory=list)
    unit_titles: list[str] = field(default_factory=list)
    by_unit: list[UnitLine] = field(default_factory=list)
    targets: list[AttainmentRow] = field(default_factory=list)
    targets_month: int = 12
    contest_entries: int | None = None
    contest_previous: int | None = None
    honourees: list[Honouree] = field(default_factory=list)

    def _sum(self, target: str, attr: str) -> int:
        return sum(getattr(t, attr) for t in self.titles if t.target == target)

    @property
    def individuals(self) -> int:
        return self._sum("individual", "count")

    @property
    def collectives(self) -> int:
        return self._sum("collective", "count")

    @property
    def previous_individuals(self) -> int:
        return self._sum("individual", "previous")

    @property
    def previous_collectives(self) -> int:
        return self._sum("collective", "previous")

    @property
    def cumulative_individuals(self) -> int:
        return self._sum("individual", "cumulative")

    @property
    def cumulative_collectives(self) -> int:
        return self._sum("collective", "cumulative")

    @property
    def total(self) -> int:
        return self.individuals + self.collectives

    @property
    def previous_total(self) -> int:
        return self.previous_individuals + self.previous_collectives

    @property
    def contest_change(self) -> int | None:
        if self.contest_entries is None or self.contest_previous is None:
            return None
        return self.contest_entries - self.contest_previous

    def level_count(self, level_word: str, *, previous: bool = False) -> int | None:
        """Individuals of the movement title of a level ("thành phố" / "cơ sở")."""
        code = {"thanh-pho": MOVEMENT_TITLES[0], "co-so": MOVEMENT_TITLES[1]}.get(level_word)
        for line in self.titles:
            if line.code == code:
                return line.previous if previous else line.count
        return None


def _movement_codes() -> list[str]:
    return list(Title.objects.filter(code__in=MOVEMENT_TITLES).values_list("code", flat=True))


def _award_figures(data: ReportData, *, user: Actor) -> None:
    codes = _movement_codes()
    if not codes:
        return
    result = award_stats(
        user=user,
        unit=data.unit,
        from_year=EARLIEST_YEAR,
        to_year=data.year,
        by=("year", "title", "target"),
        title_codes=codes,
    )
    on_record = [r.key["year"] for r in result.rows if r.count]
    data.first_year = min(on_record) if on_record else data.year
    order = {code: i for i, code in enumerate(MOVEMENT_TITLES)}
    lines = [
        TitleLine(
            code=r.key["title"],
            name=r.labels["title"],
            target=r.key["target"],
            count=r.count,
            previous=r.previous or 0,
            change=r.count - (r.previous or 0),
            cumulative=r.cumulative or 0,
        )
        for r in result.rows
        if r.key["year"] == data.year
    ]
    data.titles = sorted(lines, key=lambda line: order.get(line.code, 99))
    points: OrderedDict[int, list[int]] = OrderedDict(
        (y, [0, 0]) for y in range(data.first_year, data.year + 1)
    )
    for r in result.rows:
        if r.key["year"] in points:
            points[r.key["year"]][0 if r.key["target"] == "individual" else 1] += r.count
    data.series = [YearPoint(y, i, c) for y, (i, c) in points.items()]
    by_unit = award_stats(
        user=user,
        unit=data.unit,
        from_year=data.year,
        to_year=data.year,
        by=("unit", "title"),
        title_codes=codes,
    )
    titles = [line.code for line in data.titles]
    data.unit_titles = [line.name for line in data.titles]
    table: OrderedDict[str, list[int]] = OrderedDict()
    for r in by_unit.rows:
        counts = table.setdefault(r.labels["unit"], [0] * len(titles))
        if r.key["title"] in titles:
            counts[titles.index(r.key["title"])] += r.count
    data.by_unit = [UnitLine(name, counts, sum(counts)) for name, counts in table.items()]


def _contest_figures(data: ReportData) -> None:
    try:
        from guongsang.contests.selectors import entry_counts_by_year
    except ImportError:  # the contest app is not installed
        return
    counts = entry_counts_by_year(
        unit_ids=unit_ids_for_counting(data.unit), from_year=data.year - 1, to_year=data.year
    )
    if data.year in counts or data.year - 1 in counts:
        data.contest_entries = counts.get(data.year, 0)
        data.contest_previous = counts.get(data.year - 1, 0)


def _honourees(data: ReportData, *, user: Actor) -> None:
    awards = (
        awards_visible(user=user)
        .filter(
            year=data.year,
            title__code__in=MOVEMENT_TITLES,
            revoked_on=None,
            unit_id__in=unit_ids_for_counting(data.unit),
        )
        .select_related("person", "unit", "title")
        .order_by("title__order", "person__sort_name", "unit__name")
    )
    data.honourees = [
        Honouree(
            name=a.person.full_name if a.person is not None else a.unit.name,
            unit=a.unit.name,
            title=a.title.name,
        )
        for a in awards
    ]


def report_figures(*, user: Actor, unit: Unit, year: int) -> ReportData:
    """Every figure of the report of `unit`'s subtree for `year`, as `user` may see them
    (user=None: the system, e.g. a background build that already checked its owner)."""
    data = ReportData(year=year, unit=unit, first_year=year)
    _award_figures(data, user=user)
    month = latest_month(year=year, unit=unit) or 12
    data.targets_month = month
    data.targets = attainment(user=user, year=year, unit=unit, to_month=month)
    _contest_figures(data)
    _honourees(data, user=user)
    return data
