"""Judging a contest: the panel, conflicts of interest, assignments, score sheets and the
replacement of a judge."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.contests.models import (
    Assignment,
    AssignmentStatus,
    Contest,
    Criterion,
    DeclaredConflict,
    Entry,
    EntryStatus,
    PanelMember,
    Round,
    RoundEntry,
    Score,
)
from guongsang.core import audit
from guongsang.core.formatting import nfc
from guongsang.core.models import AuditAction
from guongsang.core.permissions import has_role
from guongsang.core.roles import Role
from guongsang.core.types import Actor
from guongsang.org.models import Unit, UnitType
from guongsang.org.selectors import closure_on

# Bodies above units: belonging to one does not make a judge partial to all its units.
UMBRELLA_TYPES = frozenset(
    {
        UnitType.CITY,
        UnitType.PEOPLES_COMMITTEE,
        UnitType.BOARD,
        UnitType.DEPARTMENT,
        UnitType.DISTRICT,
        UnitType.MINISTRY,
    }
)


@transaction.atomic
def panel_add(*, actor: Actor, contest: Contest, judge: Any, is_chair: bool = False) -> PanelMember:
    if not has_role(judge, Role.JUDGE):
        raise ValidationError(
            _("%(name)s chưa được phân quyền giám khảo.") % {"name": judge.full_name or judge}
        )
    member, _created = PanelMember.objects.update_or_create(
        contest=contest, judge=judge, defaults={"is_chair": is_chair, "active": True}
    )
    audit.audit_create(actor=actor, obj=member, reason=str(contest))
    return member


@transaction.atomic
def conflict_declare(
    *, actor: Actor, contest: Contest, judge: Any, unit: Unit, reason: str
) -> DeclaredConflict:
    if not reason.strip():
        raise ValidationError(_("Ghi rõ lý do xung đột lợi ích."))
    conflict, _created = DeclaredConflict.objects.get_or_create(
        contest=contest, judge=judge, unit=unit, defaults={"reason": nfc(reason)}
    )
    # Assignments that the declaration makes impossible go back to the pool.
    for assignment in Assignment.objects.filter(
        round__contest=contest, judge=judge, entry__unit=unit
    ).exclude(status=AssignmentStatus.WITHDRAWN):
        assignment.status = AssignmentStatus.WITHDRAWN
        assignment.save(update_fields=["status", "updated_at"])
    audit.audit_create(actor=actor, obj=conflict, reason=reason)
    return conflict


def conflict_unit_ids(judge: Any, contest: Contest) -> set[int]:
    """Units whose entries this judge must never see: the units they belong to (their person's
    unit and positions, with the units under them; the units of their other grants) and the
    units they declared."""
    today = timezone.localdate()
    deep: set[int] = set()
    exact: set[int] = set()
    person = getattr(judge, "person", None)
    if person is not None:
        deep.add(person.home_unit_id)
        deep |= set(
            person.positions.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today)).values_list(
                "unit_id", flat=True
            )
        )
    for role, unit_id in judge.grants.values_list("role", "unit_id"):
        if role == Role.JUDGE:
            continue
        (deep if role == Role.UNIT_OFFICER else exact).add(unit_id)
    umbrella = set(
        Unit.objects.filter(pk__in=deep, unit_type__in=UMBRELLA_TYPES).values_list("pk", flat=True)
    )
    exact |= umbrella
    deep -= umbrella
    found = set(exact) | deep
    if deep:
        found |= set(
            closure_on().filter(ancestor_id__in=deep).values_list("descendant_id", flat=True)
        )
    found |= set(
        DeclaredConflict.objects.filter(contest=contest, judge=judge).values_list(
            "unit_id", flat=True
        )
    )
    return found


def _active_judges(contest: Contest) -> list[Any]:
    return [
        m.judge
        for m in contest.panel.filter(active=True).select_related("judge__person").order_by("id")
    ]


def _check_round_open(rnd: Round) -> None:
    if rnd.is_closed:
        raise ValidationError(_("Vòng thi đã kết thúc."))


@transaction.atomic
def assign_auto(*, actor: Actor, round: Round, per_entry: int = 2) -> int:
    """Phân công tự động: each entry of the round to `per_entry` judges without a conflict,
    balancing the load (the least loaded judge first). Existing assignments are kept."""
    # Two runs at once on one round would both see a judge free: the round's row queues them.
    Round.objects.select_for_update().filter(pk=round.pk).exists()
    _check_round_open(round)
    contest = round.contest
    judges = _active_judges(contest)
    if not judges:
        raise ValidationError(_("Cuộc thi chưa có Ban Giám khảo."))
    conflicts = {j.pk: conflict_unit_ids(j, contest) for j in judges}
    load: dict[int, int] = defaultdict(int)
    taken: dict[int, set[int]] = defaultdict(set)
    withdrawn: dict[tuple[int, int], int] = {}  # a judge moved off an entry may come back
    for pk, entry_id, judge_id, status in Assignment.objects.filter(round=round).values_list(
        "pk", "entry_id", "judge_id", "status"
    ):
        if status == AssignmentStatus.WITHDRAWN:
            withdrawn[entry_id, judge_id] = pk
        else:
            load[judge_id] += 1
            taken[entry_id].add(judge_id)
    entries = list(
        Entry.objects.filter(round_entries__round=round, status=EntryStatus.SUBMITTED).order_by(
            "code", "pk"
        )
    )
    new: list[Assignment] = []
    back: list[int] = []
    short = []
    for entry in entries:
        need = per_entry - len(taken[entry.pk])
        eligible = [
            j
            for j in judges
            if j.pk not in taken[entry.pk] and entry.unit_id not in conflicts[j.pk]
        ]
        eligible.sort(key=lambda j: (load[j.pk], j.pk))
        for judge in eligible[: max(need, 0)]:
            if (entry.pk, judge.pk) in withdrawn:
                back.append(withdrawn[entry.pk, judge.pk])
            else:
                new.append(Assignment(round=round, entry=entry, judge=judge))
            load[judge.pk] += 1
            taken[entry.pk].add(judge.pk)
        if len(taken[entry.pk]) < per_entry:
            short.append(entry.code)
    Assignment.objects.bulk_create(new)
    Assignment.objects.filter(pk__in=back).update(
        status=AssignmentStatus.PENDING, updated_at=timezone.now()
    )
    made = len(new) + len(back)
    audit.audit_log(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=contest,
        reason=f"Phân công tự động {made} lượt chấm ({round.name})"
        + (f"; thiếu giám khảo cho bài {', '.join(short)}" if short else ""),
    )
    return made


def _check_can_judge(judge: Any, entry: Entry, contest: Contest) -> None:
    if not contest.panel.filter(judge=judge, active=True).exists():
        raise ValidationError(_("Người này không ở trong Ban Giám khảo của cuộc thi."))
    if entry.unit_id in conflict_unit_ids(judge, contest):
        raise ValidationError(
            _("Giám khảo có xung đột lợi ích với đơn vị của bài %(code)s.") % {"code": entry.code}
        )


@transaction.atomic
def assignment_add(*, actor: Actor, round: Round, entry: Entry, judge: Any) -> Assignment:
    """Phân công thủ công."""
    _check_round_open(round)
    _check_can_judge(judge, entry, round.contest)
    if not RoundEntry.objects.filter(round=round, entry=entry).exists():
        raise ValidationError(_("Bài không thuộc vòng thi này."))
    assignment, created = Assignment.objects.get_or_create(round=round, entry=entry, judge=judge)
    if not created and assignment.status != AssignmentStatus.WITHDRAWN:
        raise ValidationError(_("Giám khảo đã được phân công bài này."))
    if not created:
        assignment.status = (
            AssignmentStatus.DRAFT if assignment.scores.exists() else AssignmentStatus.PENDING
        )
        assignment.save(update_fields=["status", "updated_at"])
    audit.audit_create(actor=actor, obj=assignment, reason=f"{entry.code} → {judge}")
    return assignment


@transaction.atomic
def assignment_move(*, actor: Actor, assignment: Assignment, judge: Any) -> Assignment:
    """Chuyển bài sang giám khảo khác; the scores given so far stay on the old assignment."""
    if assignment.status == AssignmentStatus.SUBMITTED:
        raise ValidationError(_("Giám khảo đã chấm xong bài này: không chuyển được."))
    new = assignment_add(actor=actor, round=assignment.round, entry=assignment.entry, judge=judge)
    assignment.status = AssignmentStatus.WITHDRAWN
    assignment.save(update_fields=["status", "updated_at"])
    return new


def _num(value: Decimal) -> str:
    """8.0 → '8', 7.5 → '7,5'."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _parse_score(raw: Any, criterion: Criterion) -> Decimal:
    try:
        value = Decimal(str(raw).replace(",", ".").strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(
            _("Điểm “%(name)s” không phải là số.") % {"name": criterion.name}
        ) from exc
    if not criterion.min_score <= value <= criterion.max_score:
        raise ValidationError(
            _("Điểm “%(name)s” phải từ %(low)s đến %(high)s.")
            % {
                "name": criterion.name,
                "low": _num(criterion.min_score),
                "high": _num(criterion.max_score),
            }
        )
    return value


@transaction.atomic
def score_save(
    *,
    actor: Actor,
    assignment: Assignment,
    values: Mapping[int, Any],
    comment: str = "",
    submit: bool = False,
) -> Assignment:
    """Chấm điểm: save (and come back later) or submit; every criterion within its range."""
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("round", "entry")
        .get(pk=assignment.pk)
    )
    if assignment.judge_id != getattr(actor, "pk", None):
        raise ValidationError(_("Chỉ giám khảo được phân công mới chấm được bài này."))
    if assignment.status in {AssignmentStatus.SUBMITTED, AssignmentStatus.WITHDRAWN}:
        raise ValidationError(_("Phiếu chấm này đã khoá."))
    _check_round_open(assignment.round)
    criteria = list(assignment.round.contest.criteria.all())
    parsed: dict[int, Decimal] = {}
    for criterion in criteria:
        raw = values.get(criterion.pk)
        if raw in (None, ""):
            if submit:
                raise ValidationError(
                    _("Chưa chấm tiêu chí “%(name)s”.") % {"name": criterion.name}
                )
            continue
        parsed[criterion.pk] = _parse_score(raw, criterion)
    for criterion_id, value in parsed.items():
        Score.objects.update_or_create(
            assignment=assignment, criterion_id=criterion_id, defaults={"value": value}
        )
    before = assignment.status
    assignment.comment = nfc(comment)
    assignment.status = AssignmentStatus.SUBMITTED if submit else AssignmentStatus.DRAFT
    assignment.submitted_at = timezone.now() if submit else None
    assignment.save()
    audit.audit_log(
        actor=actor,
        action=AuditAction.STATE if submit else AuditAction.UPDATE,
        object_type="contests.assignment",
        object_id=str(assignment.uuid),
        object_repr=f"Phiếu chấm bài {assignment.entry.code}",
        before={"status": before},
        after={"status": assignment.status, "scores": {k: str(v) for k, v in parsed.items()}},
    )
    return assignment


@transaction.atomic
def judge_replace(
    *, actor: Actor, contest: Contest, judge: Any, replacement: Any, reason: str
) -> int:
    """A judge who cannot finish leaves the panel; their unfinished entries go to the
    replacement (or, where that judge has a conflict, to the least loaded other judge).
    Finished score sheets stay and count; unfinished ones are kept, withdrawn."""
    if not reason.strip():
        raise ValidationError(_("Ghi rõ lý do thay giám khảo."))
    member = contest.panel.filter(judge=judge, active=True).first()
    if member is None:
        raise ValidationError(_("Người này không ở trong Ban Giám khảo của cuộc thi."))
    if replacement is not None and replacement.pk != judge.pk:
        panel_add(actor=actor, contest=contest, judge=replacement)
    member.active = False
    member.left_reason = nfc(reason)
    member.save(update_fields=["active", "left_reason"])
    open_work = list(
        Assignment.objects.filter(
            round__contest=contest, round__closed_at__isnull=True, judge=judge
        )
        .exclude(status__in=[AssignmentStatus.SUBMITTED, AssignmentStatus.WITHDRAWN])
        .select_related("round", "entry")
    )
    judges = _active_judges(contest)
    conflicts = {j.pk: conflict_unit_ids(j, contest) for j in judges}
    load = _judge_loads(contest)
    moved = sum(
        _reassign(assignment, judges, conflicts=conflicts, load=load, replacement=replacement)
        for assignment in open_work
    )
    audit.audit_log(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=member,
        reason=f"{reason} — chuyển {moved} bài",
        after={"replacement": getattr(replacement, "pk", None)},
    )
    return moved


def _judge_loads(contest: Contest) -> dict[int, int]:
    """judge id → the score sheets they hold in the contest (withdrawn ones left out)."""
    load: dict[int, int] = defaultdict(int)
    for row in (
        Assignment.objects.filter(round__contest=contest)
        .exclude(status=AssignmentStatus.WITHDRAWN)
        .values("judge_id")
        .annotate(n=Count("id"))
    ):
        load[row["judge_id"]] = row["n"]
    return load


def _reassign(
    assignment: Assignment,
    judges: list[Any],
    *,
    conflicts: dict[int, Any],
    load: dict[int, int],
    replacement: Any,
) -> bool:
    """Withdraw an unfinished score sheet and give the entry to the replacement, else to the
    least loaded judge without a conflict who does not hold it yet; True when it found one."""
    already = set(
        Assignment.objects.filter(round=assignment.round, entry=assignment.entry)
        .exclude(status=AssignmentStatus.WITHDRAWN)
        .values_list("judge_id", flat=True)
    )
    candidates = [
        j for j in judges if j.pk not in already and assignment.entry.unit_id not in conflicts[j.pk]
    ]
    candidates.sort(
        key=lambda j: (
            0 if replacement is not None and j.pk == replacement.pk else 1,
            load[j.pk],
        )
    )
    assignment.status = AssignmentStatus.WITHDRAWN
    assignment.save(update_fields=["status", "updated_at"])
    if candidates:
        target = candidates[0]
        Assignment.objects.update_or_create(
            round=assignment.round,
            entry=assignment.entry,
            judge=target,
            defaults={"status": AssignmentStatus.PENDING},
        )
        load[target.pk] += 1
        return True
    return False
