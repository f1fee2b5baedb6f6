"""The statistics service (thống kê khen thưởng): the one place award figures are computed.

Every screen, export, API endpoint, command and document asks `award_stats` for its figures.
It reads the summary table `AwardCount` (kept equal to the award table by database triggers)
with one grouped query; no Python loop ever runs over awards, only over the groups.

    from guongsang.stats.services import award_stats

    result = award_stats(user=None, unit=department, from_year=2009, to_year=2021,
                         by=("level", "title", "target"))
    result.total_for(title="nguoi-tot-viec-tot-co-so")   # 661 on the demo
    for row in result.rows: row.key, row.labels, row.count, row.cumulative, row.change
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Exists, F, Max, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guongsang.catalogue.models import AwardKind, Level, Target, Title
from guongsang.core.formatting import vn_text_key
from guongsang.core.permissions import is_superuser, scope_roots, scope_unit_ids
from guongsang.core.roles import Role
from guongsang.org.models import Unit
from guongsang.org.selectors import (
    closure_on,
    today,
    unit_end_note,
    unit_fate,
    unit_ids_for_counting,
    unit_name_on,
    unit_names_on,
)
from guongsang.stats import rollup
from guongsang.stats.models import AwardCount, RollupState, SubtreeCount

# Who may read statistics: leaders, the secretariat and admins over their subtree, unit
# officers over their own unit (their grant's subtree).
STATS_ROLES = frozenset({Role.LEADER, Role.SECRETARIAT, Role.ADMIN, Role.UNIT_OFFICER, Role.SIGNER})

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

# The database column each dimension is grouped on.
_COLUMNS = {
    "year": "year",
    "level": "level",
    "title": "title_id",
    "target": "target",
    "kind": "title__kind",
    "unit": "unit_id",
}
_LEVEL_ORDER = {value: i for i, value in enumerate(Level.values)}
_TARGET_ORDER = {value: i for i, value in enumerate(Target.values)}
_KIND_ORDER = {value: i for i, value in enumerate(AwardKind.values)}
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


def award_stats(
    *,
    user: Any = None,
    from_year: int,
    to_year: int,
    by: Sequence[str] = ("year",),
    unit: Unit | None = None,
    as_of: dt.date | None = None,
    levels: Sequence[str] | None = None,
    targets: Sequence[str] | None = None,
    title_codes: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    include_revoked: bool = False,
) -> StatsResult:
    """Counts of awards for [from_year, to_year], grouped by the dimensions in `by`.

    - `user`: whose scope cuts the figures (their grants' subtrees, see core.permissions);
      None means the system itself (commands, documents). A user without a statistics role,
      or asking for a unit outside their scope, gets PermissionDenied.
    - `unit`: count the awards under this unit: its subtree today together with the units
      since merged into it (history adds up), or, with `as_of`, its subtree as it was on that
      date. None: every unit (the user's whole scope); with `as_of`, every unit in force on
      that date, and grouped by unit each on its own line (that day's structure has no one
      top to roll up to).
    - Units are named as they were on `as_of` (today without it); a unit row of a unit
      merged or dissolved since carries a `note` saying where its records went.
    - `levels`, `targets`, `title_codes`, `kinds`: optional filters (codes).
    - Revoked awards (thu hồi) are left out unless `include_revoked`.

    Rows come sorted by the dimensions in order (years ascending, levels and titles in
    catalogue order, units by Vietnamese name). With "year" in `by`, every series gets a row
    for each year of the range (zeros included) with cumulative and year-over-year figures.
    """
    dims = parse_dimensions(by)
    check_years(from_year, to_year)
    if as_of is not None and as_of > today():
        raise ValidationError(_("Ngày không được sau hôm nay."))
    scope = _scope(user, unit)
    filters = {
        "levels": levels,
        "targets": targets,
        "title_codes": title_codes,
        "kinds": kinds,
    }
    groups = _award_groups(
        dims=dims,
        first=from_year - 1 if "year" in dims else from_year,
        to_year=to_year,
        unit=unit,
        as_of=as_of,
        scope=scope,
        include_revoked=include_revoked,
        filters=filters,
    )
    branch_of = _branches(unit, as_of, user) if "unit" in dims else {}
    counts, titles = _tally(groups, dims, branch_of)
    labels = _labels(dims, counts, titles, on=as_of)
    rows = _rows(dims, counts, labels, from_year, to_year)
    if "unit" in dims:
        _note_ended_units(rows, labels["unit"])
    return StatsResult(
        from_year=from_year,
        to_year=to_year,
        by=dims,
        unit=unit,
        as_of=as_of,
        include_revoked=include_revoked,
        rows=rows,
        total=sum(r.count for r in rows),
        filters={k: list(v) for k, v in filters.items() if v},
    )


def _award_groups(
    *,
    dims: tuple[str, ...],
    first: int,
    to_year: int,
    unit: Unit | None,
    as_of: dt.date | None,
    scope: QuerySet | None,
    include_revoked: bool,
    filters: dict[str, Sequence[str] | None],
) -> list[tuple]:
    """(*dimension values, [title code, name, order,] count) per group of the counts: from
    the subtree rollup when it answers the question and is fresh, else from the per-unit
    counts cut to the unit and the scope."""
    columns = [_COLUMNS[d] for d in dims]
    # Title names ride along with the groups (a join on the small catalogue), no extra query.
    meta = (
        {"t_code": Max("title__code"), "t_name": Max("title__name"), "t_order": Max("title__order")}
        if "title" in dims
        else {}
    )

    def grouped(qs: QuerySet) -> list[tuple]:
        if not include_revoked:
            qs = qs.filter(revoked=False)
        qs = _filtered(qs, **filters)
        names = [*columns, *meta, "count"]
        return list(
            qs.values(*columns).annotate(**meta, count=Sum("n")).order_by().values_list(*names)
        )

    if unit is not None and as_of is None and "unit" not in dims:
        # The unit's subtree today lies inside the user's scope (checked above): one range
        # scan of the rollup, guarded in the same query by the rollup being fresh.
        rollup = SubtreeCount.objects.filter(
            ancestor_id=unit.pk, year__gte=first, year__lte=to_year
        )
        fresh = RollupState.objects.filter(pk=1, stale=False, built_on=today())
        groups = grouped(rollup.filter(Exists(fresh)))
        if groups:
            return groups
        if rollup_fresh():  # empty: nothing to count, or a stale rollup
            return grouped(rollup)
    qs = AwardCount.objects.filter(year__gte=first, year__lte=to_year)
    if unit is not None:
        qs = qs.filter(unit_id__in=unit_ids_for_counting(unit, as_of=as_of))
    elif as_of is not None:  # every unit in force on that date
        qs = qs.filter(unit_id__in=closure_on(as_of).filter(depth=0).values("descendant_id"))
    if scope is not None:
        qs = qs.filter(unit_id__in=scope)
    return grouped(qs)


def _tally(
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


def check_years(from_year: int, to_year: int) -> None:
    if not (MIN_YEAR <= from_year <= MAX_YEAR and MIN_YEAR <= to_year <= MAX_YEAR):
        raise ValidationError(
            _("Năm phải trong khoảng %(a)s–%(b)s.") % {"a": MIN_YEAR, "b": MAX_YEAR}
        )
    if from_year > to_year:
        raise ValidationError(_("Năm bắt đầu phải không sau năm kết thúc."))


def _scope(user: Any, unit: Unit | None) -> QuerySet | None:
    if user is None:
        return None
    if not is_superuser(user) and not scope_roots(user, STATS_ROLES):
        raise PermissionDenied(_("Bạn không có quyền xem thống kê."))
    scope = scope_unit_ids(user, STATS_ROLES)
    if scope is not None and unit is not None and not scope.filter(pk=unit.pk).exists():
        raise PermissionDenied(_("Đơn vị này nằm ngoài phạm vi bạn được xem."))
    return scope


def _filtered(
    qs: QuerySet,
    *,
    levels: Sequence[str] | None,
    targets: Sequence[str] | None,
    title_codes: Sequence[str] | None,
    kinds: Sequence[str] | None,
) -> QuerySet:
    for _name, values, known in (
        ("levels", levels, Level.values),
        ("targets", targets, Target.values),
        ("kinds", kinds, AwardKind.values),
    ):
        if values:
            bad = [v for v in values if v not in known]
            if bad:
                raise ValidationError(
                    _("Giá trị lọc không hợp lệ: %(values)s.") % {"values": ", ".join(bad)}
                )
    if levels:
        qs = qs.filter(level__in=list(levels))
    if targets:
        qs = qs.filter(target__in=list(targets))
    if kinds:
        qs = qs.filter(title_id__in=Title.objects.filter(kind__in=list(kinds)).values("pk"))
    if title_codes:
        ids = list(Title.objects.filter(code__in=list(title_codes)).values_list("pk", flat=True))
        if len(ids) != len(set(title_codes)):
            raise ValidationError(_("Có mã danh hiệu không tồn tại trong danh mục."))
        qs = qs.filter(title_id__in=ids)
    return qs


def _branches(unit: Unit | None, as_of: dt.date | None, user: Any) -> dict[int, int]:
    """unit id → the id of the unit directly under `unit` (or the top units) it rolls up to.

    Two queries over the closure table; history folded in: a merged unit rolls up with the
    unit it merged into (today), an as-of tree uses that date's closure.
    """
    on = as_of or today()
    if unit is None and as_of is not None:
        return {}  # every unit on its own line
    if unit is not None:
        tops = [unit.pk]
    elif user is not None and not is_superuser(user):
        tops = scope_roots(user, STATS_ROLES)
    else:
        tops = list(Unit.objects.filter(parent=None).values_list("pk", flat=True))
    children = set(
        closure_on(on).filter(ancestor_id__in=tops, depth=1).values_list("descendant_id", flat=True)
    )
    pairs = (
        closure_on(on).filter(ancestor_id__in=children).values_list("descendant_id", "ancestor_id")
    )
    branch: dict[int, int] = {top: top for top in tops}
    branch.update({desc: anc for desc, anc in pairs})
    if as_of is None:  # units that no longer exist count with what they became
        merged = Unit.objects.exclude(current_id=None).exclude(current_id=F("pk"))
        for old, current in merged.values_list("pk", "current_id"):
            if current in branch:
                branch[old] = branch[current]
    return branch


def _labels(
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


def _note_ended_units(rows: list[StatsRow], unit_labels: dict[Any, tuple]) -> None:
    """A unit row of a unit merged or dissolved by today says where its records went."""
    ended = Unit.objects.filter(pk__in=unit_labels.keys(), valid_to__lte=today())
    notes = {str(u.uuid): unit_end_note(u) for u in ended.select_related("successor", "parent")}
    if notes:
        for row in rows:
            row.note = notes.get(row.key["unit"], "")


def _rows(
    dims: Sequence[str],
    counts: dict[tuple, int],
    labels: dict[str, dict[Any, tuple]],
    from_year: int,
    to_year: int,
) -> list[StatsRow]:
    """Rows in dimension order; with a year dimension, every series gets every year of the
    range with its running total and the change from the year before."""
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


TENTH = Decimal("0.1")


# --- Keeping the summary table right ---------------------------------------------------------


REBUILD_SQL = """
INSERT INTO stats_awardcount (unit_id, year, title_id, level, target, revoked, n)
SELECT unit_id, year, title_id, level, target, revoked_on IS NOT NULL, COUNT(*)
FROM awards_award
GROUP BY unit_id, year, title_id, level, target, revoked_on IS NOT NULL
"""


ROLLUP_SQL = (
    "INSERT INTO stats_subtreecount (ancestor_id, year, title_id, level, target, revoked, n)"
    + rollup.ROLLUP_SELECT
)
# Below this many summary cells a stale rollup is rebuilt on the spot (milliseconds);
# above it the service counts from AwardCount until `manage.py stats_refresh` runs.
INLINE_REFRESH_CELLS = 100_000


@transaction.atomic
def stats_rebuild() -> int:
    """Recompute the summary table from the awards (after a bulk load with triggers off),
    then the rollup. Returns the number of summary rows. The triggers keep both right on
    every other change."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM stats_awardcount")
        cursor.execute(REBUILD_SQL)
    stats_refresh()
    return AwardCount.objects.count()


def stats_refresh(*, on: dt.date | None = None) -> int:
    """Rebuild the rollup (counts per unit and everything under it) along the tree as it
    stands today. On PostgreSQL outside a transaction it is built aside and swapped in, so
    that award writes go on meanwhile (`rollup.refresh_aside`); otherwise one DELETE and one
    grouped INSERT in a transaction. Run nightly as a check (`manage.py stats_refresh`): the
    triggers and `rollup_fresh` keep it following the tree; small installations refresh on
    the first read when it is stale."""
    on = on or today()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        return rollup.refresh_aside(on)
    return _refresh_in_place(on)


@transaction.atomic
def _refresh_in_place(on: dt.date) -> int:
    state, _created = RollupState.objects.select_for_update().get_or_create(pk=1)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM stats_subtreecount")
        cursor.execute(ROLLUP_SQL, [on, on])
    state.built_on, state.stale, state.building_on = on, False, None
    state.save(update_fields=["built_on", "stale", "building_on"])
    return SubtreeCount.objects.count()


def rollup_fresh() -> bool:
    """Is the rollup built for today's tree? A new day alone changes nothing: it is moved on
    to today, and when dated changes of the tree took effect in between, by those changes
    only (`rollup.advance`; one indexed check, once a day). A small stale one is rebuilt
    here."""
    state = RollupState.objects.filter(pk=1).values_list("built_on", "stale").first()
    on = today()
    if state is not None and not state[1] and state[0] is not None:
        if state[0] == on:
            return True
        if state[0] < on and not _tree_changed_between(state[0], on):
            RollupState.objects.filter(pk=1, stale=False, built_on=state[0]).update(built_on=on)
            return True
        if state[0] < on and rollup.advance(state[0], on):
            return True
    if AwardCount.objects.all()[:INLINE_REFRESH_CELLS].count() < INLINE_REFRESH_CELLS:
        try:
            stats_refresh()
        except rollup.RefreshBusy:  # another process is refreshing it: count this time
            return False
        return True
    return False


def _tree_changed_between(after: dt.date, until: dt.date) -> bool:
    """Does a closure row start or end in (after, until]: a dated move, merge or closure that
    took effect since `after`? Then the tree of `until` differs from the tree of `after`."""
    from guongsang.org.models import UnitClosure

    starts = Q(valid_from__gt=after, valid_from__lte=until)
    ends = Q(valid_to__gt=after, valid_to__lte=until)
    return UnitClosure.objects.filter(starts | ends).exists()


def stats_mismatches() -> list[tuple]:
    """Summary cells that differ from a fresh count of the awards (empty when all is well),
    then rollup cells that differ from the summary along today's tree (when it is fresh)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT unit_id, year, title_id, level, target, revoked, SUM(raw), SUM(summ)
            FROM (
              SELECT unit_id, year, title_id, level, target,
                     revoked_on IS NOT NULL AS revoked, 1 AS raw, 0 AS summ
              FROM awards_award
              UNION ALL
              SELECT unit_id, year, title_id, level, target, revoked, 0, n
              FROM stats_awardcount
            ) AS t
            GROUP BY unit_id, year, title_id, level, target, revoked
            HAVING SUM(raw) <> SUM(summ)
            """
        )
        found = list(cursor.fetchall())
        state = RollupState.objects.filter(pk=1, stale=False).first()
        if state is None or state.built_on is None:
            return found
        expected = ROLLUP_SQL.split("SELECT", 1)[1]
        cursor.execute(
            f"""
            SELECT ancestor_id, year, title_id, level, target, revoked, SUM(want), SUM(have)
            FROM (
              SELECT ancestor_id, year, title_id, level, target, revoked, n AS want, 0 AS have
              FROM (SELECT {expected}) AS e
              UNION ALL
              SELECT ancestor_id, year, title_id, level, target, revoked, 0, n
              FROM stats_subtreecount
            ) AS t
            GROUP BY ancestor_id, year, title_id, level, target, revoked
            HAVING SUM(want) <> SUM(have)
            """,  # noqa: S608 - constant SQL of this module, values passed as parameters
            [state.built_on, state.built_on],
        )
        return found + list(cursor.fetchall())


def latest_year(*, user: Any = None, unit: Unit | None = None) -> int | None:
    """The last year with an award on record in the scope (dashboards open on it)."""
    qs = AwardCount.objects.filter(revoked=False)
    if unit is not None:
        qs = qs.filter(unit_id__in=unit_ids_for_counting(unit))
    scope = scope_unit_ids(user, STATS_ROLES) if user is not None else None
    if scope is not None:
        qs = qs.filter(unit_id__in=scope)
    return qs.order_by("-year").values_list("year", flat=True).first()
