"""`award_stats`: the figures counted from the summary table, cut to the user's scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, F, Max, QuerySet, Sum
from django.utils.translation import gettext as _

from guongsang.catalogue.models import AwardKind, Level, Target, Title
from guongsang.core.permissions import is_superuser, scope_roots, scope_unit_ids
from guongsang.core.roles import Role
from guongsang.org.models import Unit
from guongsang.org.selectors import closure_on, today, unit_ids_for_counting
from guongsang.stats.models import AwardCount, RollupState, SubtreeCount
from guongsang.stats.services.result import StatsResult, check_years, parse_dimensions
from guongsang.stats.services.rows import group_labels, note_ended_units, stats_rows, tally_groups
from guongsang.stats.services.summary import rollup_fresh

# Who may read statistics: leaders, the secretariat and admins over their subtree, unit
# officers over their own unit (their grant's subtree).
STATS_ROLES = frozenset({Role.LEADER, Role.SECRETARIAT, Role.ADMIN, Role.UNIT_OFFICER, Role.SIGNER})


# The database column each dimension is grouped on.
_COLUMNS = {
    "year": "year",
    "level": "level",
    "title": "title_id",
    "target": "target",
    "kind": "title__kind",
    "unit": "unit_id",
}


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

    Long on purpose: one pass from the filters to the result: the scope, the tree as of a date
    and the groups depend on each other, and split apart they would pass a dozen values between
    them.
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
    counts, titles = tally_groups(groups, dims, branch_of)
    labels = group_labels(dims, counts, titles, on=as_of)
    rows = stats_rows(dims, counts, labels, from_year, to_year)
    if "unit" in dims:
        note_ended_units(rows, labels["unit"])
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


def latest_year(*, user: Any = None, unit: Unit | None = None) -> int | None:
    """The last year with an award on record in the scope (dashboards open on it)."""
    qs = AwardCount.objects.filter(revoked=False)
    if unit is not None:
        qs = qs.filter(unit_id__in=unit_ids_for_counting(unit))
    scope = scope_unit_ids(user, STATS_ROLES) if user is not None else None
    if scope is not None:
        qs = qs.filter(unit_id__in=scope)
    return qs.order_by("-year").values_list("year", flat=True).first()
