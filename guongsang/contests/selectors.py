"""Reads of contests and entries, cut to what the user may see."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from guongsang.contests.models import (
    Assignment,
    AssignmentStatus,
    Contest,
    Entry,
    EntryStatus,
    Level,
    PanelMember,
    Round,
    RoundEntry,
)
from guongsang.contests.services import conflict_unit_ids
from guongsang.core.permissions import has_role, is_superuser, scope_roots, scope_unit_ids
from guongsang.core.roles import Role
from guongsang.core.types import Actor, actor_user
from guongsang.org.selectors import closure_on

# Roles that run a contest (and see every entry, with its author, in their subtree).
ORGANISER_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN})
VIEW_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN, Role.LEADER})


def entry_counts_by_year(
    *,
    unit_ids: Iterable[int] | QuerySet | None = None,
    from_year: int | None = None,
    to_year: int | None = None,
    level: str | None = Level.DEPARTMENT,
) -> dict[int, int]:
    """Submitted entries per contest year (one grouped query).

    `unit_ids` limits to entries of those units (a list or a subquery of unit ids);
    `level` the contest level ("department", "city"; None for every level).
    """
    qs = Entry.objects.filter(status=EntryStatus.SUBMITTED)
    if level:
        qs = qs.filter(contest__level=level)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    if from_year is not None:
        qs = qs.filter(contest__year__gte=from_year)
    if to_year is not None:
        qs = qs.filter(contest__year__lte=to_year)
    rows = qs.values("contest__year").annotate(n=Count("id")).order_by("contest__year")
    return {row["contest__year"]: row["n"] for row in rows}


def contests_visible(*, user: Actor) -> QuerySet[Contest]:
    """Contests run by a unit in the user's scope, or by a unit above the user's units (the
    contests a unit officer may enter), or on whose panel the user sits."""
    qs = Contest.objects.select_related("organiser").annotate(
        # distinct: the scope filter below joins the panel, one row per judge
        submitted=Count("entries", filter=Q(entries__status=EntryStatus.SUBMITTED), distinct=True)
    )
    if is_superuser(user):
        return qs
    scope = scope_unit_ids(user, list(Role))
    above = (
        closure_on().filter(descendant_id__in=scope_roots(user, list(Role))).values("ancestor_id")
    )
    return qs.filter(
        Q(organiser__in=scope) | Q(organiser__in=above) | Q(panel__judge=user)
    ).distinct()


def contests_managed(*, user: Actor) -> QuerySet[Contest]:
    qs = Contest.objects.select_related("organiser")
    ids = scope_unit_ids(user, ORGANISER_ROLES)
    if not has_role(user, ORGANISER_ROLES):
        return qs.none()
    return qs if ids is None else qs.filter(organiser__in=ids)


def entries_visible(*, user: Actor) -> QuerySet[Entry]:
    """Entries of the user's own units (officers) and of the contests they run (secretariat).
    Judges reach entries only through their score sheets (`judge_assignments`)."""
    qs = Entry.objects.select_related("contest", "unit", "prize")
    if is_superuser(user):
        return qs
    cond = Q(pk__in=[])
    if has_role(user, Role.UNIT_OFFICER):
        cond |= Q(unit__in=scope_unit_ids(user, {Role.UNIT_OFFICER}))
    if has_role(user, ORGANISER_ROLES):
        cond |= Q(contest__organiser__in=scope_unit_ids(user, ORGANISER_ROLES))
    return qs.filter(cond)


def judge_assignments(*, user: Actor) -> QuerySet[Assignment]:
    """The judge's own live score sheets, minus any entry of a unit they have a conflict with
    (a second guard: assignment already refuses those)."""
    if not has_role(user, Role.JUDGE):
        return Assignment.objects.none()
    judge = actor_user(user)
    qs = (
        Assignment.objects.filter(
            judge=judge,
            round__contest__in=PanelMember.objects.filter(judge=judge, active=True).values(
                "contest"
            ),
        )
        .exclude(status=AssignmentStatus.WITHDRAWN)
        .select_related("round__contest", "entry")
    )
    excluded: set[int] = set()
    for contest in Contest.objects.filter(panel__judge=judge):
        conflicted = conflict_unit_ids(user, contest)  # once per contest, not per sheet
        excluded |= {
            pk
            for pk in qs.filter(round__contest=contest).values_list("entry__unit_id", flat=True)
            if pk in conflicted
        }
    return qs.exclude(entry__unit_id__in=excluded)


def judge_progress(*, contest: Contest, in_round: Round | None = None) -> list[dict[str, Any]]:
    """Per judge of the panel: assigned, started, finished (one grouped query); over the whole
    contest, or over one round's assignments and sheets only when `in_round` is given."""
    assignments = Assignment.objects.filter(round__contest=contest)
    if in_round is not None:
        assignments = assignments.filter(round=in_round)
    rows = (
        assignments.exclude(status=AssignmentStatus.WITHDRAWN)
        .values("judge_id", "judge__full_name", "judge__username")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status=AssignmentStatus.SUBMITTED)),
            draft=Count("id", filter=Q(status=AssignmentStatus.DRAFT)),
        )
        .order_by("judge__full_name")
    )
    active = dict(contest.panel.values_list("judge_id", "active"))
    return [
        {
            "judge_id": r["judge_id"],
            "name": r["judge__full_name"] or r["judge__username"],
            "total": r["total"],
            "done": r["done"],
            "draft": r["draft"],
            "percent": round(100 * r["done"] / r["total"]) if r["total"] else 0,
            "active": active.get(r["judge_id"], False),
        }
        for r in rows
    ]


STATS_CONTESTS = 5  # the statistics page details the latest contests
STATS_UNITS = 10  # and, in each, the units with the most entries


def stats_contests(*, unit_ids: Any) -> QuerySet[Contest]:
    """The contests whose figures the statistics page may show (`unit_ids` None: all)."""
    contests = Contest.objects.select_related("organiser")
    if unit_ids is not None:
        contests = contests.filter(organiser__in=unit_ids)
    return contests.order_by("-year", "-pk")


def round_counts(*, contest: Contest) -> list[dict[str, Any]]:
    """Entries per round and how many went on."""
    return list(
        RoundEntry.objects.filter(round__contest=contest)
        .values("round__number", "round__name", "round__level")
        .annotate(entries=Count("id"), advanced=Count("id", filter=Q(advanced=True)))
        .order_by("round__number")
    )


def entry_counts_by_unit(*, contest: Contest) -> list[dict[str, Any]]:
    return list(
        Entry.objects.filter(contest=contest, status=EntryStatus.SUBMITTED)
        .values("unit__name")
        .annotate(n=Count("id"))
        .order_by("-n", "unit__name")
    )


def year_over_year(counts: dict[int, int]) -> list[dict[str, Any]]:
    """[{year, count, change, percent}] with the change from the previous year on record."""
    rows: list[dict[str, Any]] = []
    previous: int | None = None
    for year in sorted(counts):
        n = counts[year]
        change = None if previous is None else n - previous
        percent = None if not previous else 100 * (n - previous) / previous
        rows.append({"year": year, "count": n, "change": change, "percent": percent})
        previous = n
    return rows


def sent_to_city_counts(*, unit_ids: Any = None) -> dict[int, int]:
    """Entries of department contests chosen in a department round and sent to the city."""
    qs = RoundEntry.objects.filter(
        advanced=True, round__level=Level.DEPARTMENT, round__contest__level=Level.DEPARTMENT
    )
    if unit_ids is not None:
        qs = qs.filter(entry__unit_id__in=unit_ids)
    rows = qs.values("round__contest__year").annotate(n=Count("entry", distinct=True))
    return {r["round__contest__year"]: r["n"] for r in rows}
