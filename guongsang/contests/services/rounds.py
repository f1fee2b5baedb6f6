"""A contest and its rounds: creating them, closing a round on its ranking, closing
submissions, publishing the results and saying an entry's result in words."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.contests import scoring
from guongsang.contests.models import (
    AssignmentStatus,
    Contest,
    ContestStatus,
    Criterion,
    Entry,
    Level,
    Prize,
    Round,
    RoundEntry,
    Score,
)
from guongsang.contests.services.judging import _check_round_open
from guongsang.core import audit
from guongsang.core.formatting import nfc
from guongsang.core.models import AuditAction
from guongsang.core.types import Actor, actor_user
from guongsang.org.models import Unit


@transaction.atomic
def contest_create(
    *,
    actor: Actor,
    organiser: Unit,
    name: str,
    year: int,
    level: str = Level.DEPARTMENT,
    submission_deadline: dt.date,
    judging_deadline: dt.date | None = None,
    rules: str = "",
    min_words: int = 1000,
    max_words: int = 3000,
    advance_count: int | None = 5,
    criteria: Iterable[tuple[str, Decimal | str, Decimal | str, Decimal | str]] | None = None,
    prizes: Iterable[tuple[str, int, int | None]] = (),
) -> Contest:
    """A contest with its first round (the department's preliminary, sending the best N on)."""
    if Contest.objects.filter(organiser=organiser, year=year, level=level).exists():
        raise ValidationError(
            _("Đơn vị này đã có cuộc thi cấp này trong năm %(year)s.") % {"year": year}
        )
    if min_words > max_words:
        raise ValidationError(_("Số chữ tối thiểu không được lớn hơn số chữ tối đa."))
    contest = Contest.objects.create(
        organiser=organiser,
        name=nfc(name),
        year=year,
        level=level,
        submission_deadline=submission_deadline,
        judging_deadline=judging_deadline,
        rules=nfc(rules),
        min_words=min_words,
        max_words=max_words,
    )
    Round.objects.create(
        contest=contest,
        number=1,
        name=_("Vòng sơ khảo cấp Sở") if level == Level.DEPARTMENT else _("Vòng sơ khảo"),
        level=level,
        advance_count=advance_count,
    )
    default = [
        (_("Nội dung, tính chân thực của gương điển hình"), "4", "0", "10"),
        (_("Sức lan toả, giá trị nêu gương"), "3", "0", "10"),
        (_("Bố cục, ngôn ngữ, văn phong"), "2", "0", "10"),
        (_("Ảnh minh hoạ, hình thức trình bày"), "1", "0", "10"),
    ]
    for order, (cname, weight, low, high) in enumerate(criteria or default, start=1):
        Criterion.objects.create(
            contest=contest,
            order=order,
            name=nfc(cname),
            weight=Decimal(str(weight)),
            min_score=Decimal(str(low)),
            max_score=Decimal(str(high)),
        )
    for order, (pname, count, amount) in enumerate(prizes, start=1):
        Prize.objects.create(contest=contest, order=order, name=pname, count=count, amount=amount)
    audit.audit_create(actor=actor, obj=contest)
    return contest


@transaction.atomic
def round_add(
    *, actor: Actor, contest: Contest, name: str, level: str, advance_count: int | None = 5
) -> Round:
    number = (contest.rounds.aggregate(n=Max("number"))["n"] or 0) + 1
    rnd = Round.objects.create(
        contest=contest, number=number, name=nfc(name), level=level, advance_count=advance_count
    )
    audit.audit_create(actor=actor, obj=contest, reason=f"Thêm vòng {number}: {rnd.name}")
    return rnd


def round_rows(rnd: Round) -> list[tuple[int, int, float]]:
    """(entry, judge, weighted total) of every finished score sheet of the round."""
    weights = {c.pk: c.weight for c in rnd.contest.criteria.all()}
    sheets: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    for entry_id, judge_id, criterion_id, value in Score.objects.filter(
        assignment__round=rnd, assignment__status=AssignmentStatus.SUBMITTED
    ).values_list("assignment__entry_id", "assignment__judge_id", "criterion_id", "value"):
        sheets[(entry_id, judge_id)][criterion_id] = value
    return [
        (entry_id, judge_id, scoring.weighted_total(values, weights))
        for (entry_id, judge_id), values in sheets.items()
    ]


def round_ranking(rnd: Round) -> list[scoring.Ranked]:
    return scoring.rank_entries(round_rows(rnd))


@transaction.atomic
def round_close(
    *,
    actor: Actor,
    round: Round,
    chosen: Iterable[Entry] | None = None,
    reason: str = "",
    normalised: bool = False,
) -> list[Entry]:
    """Kết thúc vòng: keep the ranking, choose the best N (or the secretariat's recorded
    choice, with its reason) and enter them in the next round. From a department round the
    chosen entries are sent on to the city.

    Long on purpose: closing a round is one transaction: the ranking, the choice of the best,
    the reason of a secretariat's choice and the entries of the next round, in that order."""
    rnd = Round.objects.select_for_update().select_related("contest").get(pk=round.pk)
    _check_round_open(rnd)
    ranking = round_ranking(rnd)
    members = {m.entry_id: m for m in RoundEntry.objects.filter(round=rnd)}
    if chosen is not None:
        chosen_ids = [e.pk for e in chosen]
        if not reason.strip():
            raise ValidationError(_("Ghi rõ lý do khi chọn bài khác với xếp hạng."))
        outside = set(chosen_ids) - set(members)
        if outside:
            raise ValidationError(_("Có bài được chọn không thuộc vòng thi này."))
    else:
        limit = rnd.advance_count
        if limit is None:
            chosen_ids = list(members)
        else:
            if not ranking and members:
                raise ValidationError(_("Vòng thi chưa có điểm: chưa thể chọn bài."))
            key = "norm_rank" if normalised else "raw_rank"
            chosen_ids = [r.entry_id for r in ranking if getattr(r, key) <= limit]
            if len(chosen_ids) > limit:
                raise ValidationError(
                    _("Có bài đồng hạng ở vị trí thứ %(n)s: Thường trực chọn bài và ghi rõ lý do.")
                    % {"n": limit}
                )
    by_entry = {r.entry_id: r for r in ranking}
    for entry_id, member in members.items():
        row = by_entry.get(entry_id)
        member.rank = (row.norm_rank if normalised else row.raw_rank) if row else None
        member.score = Decimal(f"{row.raw:.3f}") if row else None
        member.advanced = entry_id in chosen_ids
        member.choice_reason = nfc(reason) if chosen is not None and member.advanced else ""
        member.save()
    following = rnd.contest.rounds.filter(number__gt=rnd.number).order_by("number").first()
    if following is not None:
        for entry_id in chosen_ids:
            RoundEntry.objects.get_or_create(round=following, entry_id=entry_id)
    rnd.closed_at = timezone.now()
    rnd.closed_by = actor_user(actor)
    rnd.save(update_fields=["closed_at", "closed_by"])
    contest = rnd.contest
    if contest.status == ContestStatus.OPEN:
        contest.status = ContestStatus.JUDGING
        contest.save(update_fields=["status", "updated_at"])
    audit.audit_log(
        actor=actor,
        action=AuditAction.STATE,
        obj=contest,
        after={"round": rnd.number, "closed": True, "chosen": len(chosen_ids)},
        reason=reason or f"Kết thúc {rnd.name}: chọn {len(chosen_ids)} bài",
    )
    return list(Entry.objects.filter(pk__in=chosen_ids))


@transaction.atomic
def contest_close_submissions(*, actor: Actor, contest: Contest) -> Contest:
    if contest.status != ContestStatus.OPEN:
        raise ValidationError(_("Cuộc thi không còn ở giai đoạn nhận bài."))
    contest.status = ContestStatus.JUDGING
    contest.save(update_fields=["status", "updated_at"])
    audit.audit_log(
        actor=actor,
        action=AuditAction.STATE,
        obj=contest,
        before={"status": ContestStatus.OPEN},
        after={"status": contest.status},
    )
    return contest


@transaction.atomic
def contest_publish(*, actor: Actor, contest: Contest) -> Contest:
    """Công bố kết quả: prizes go down the last closed round's ranking, in prize order."""
    if contest.status == ContestStatus.PUBLISHED:
        raise ValidationError(_("Kết quả đã được công bố."))
    last = contest.rounds.filter(closed_at__isnull=False).order_by("-number").first()
    if last is None:
        raise ValidationError(_("Chưa có vòng thi nào kết thúc."))
    ranked = list(
        RoundEntry.objects.filter(round=last, rank__isnull=False).order_by("rank", "entry_id")
    )
    Entry.objects.filter(contest=contest).update(prize=None)
    slots = [p for p in contest.prizes.order_by("order") for _ in range(p.count)]
    ranks = [r.rank for r in ranked]
    if len(slots) < len(ranks) and slots and ranks[len(slots) - 1] == ranks[len(slots)]:
        raise ValidationError(
            _("Có bài đồng hạng ở giải cuối cùng: cần quyết định của Ban Tổ chức.")
        )
    for member, prize in zip(ranked, slots, strict=False):
        Entry.objects.filter(pk=member.entry_id).update(prize=prize)
    contest.status = ContestStatus.PUBLISHED
    contest.published_at = timezone.now()
    contest.save(update_fields=["status", "published_at", "updated_at"])
    audit.audit_log(
        actor=actor, action=AuditAction.STATE, obj=contest, after={"status": contest.status}
    )
    return contest


def entry_result(entry: Entry) -> str:
    """The entry's result in the contest, in words: its prize, else how far it went."""
    if entry.prize is not None:
        return _("đạt %(prize)s") % {"prize": entry.prize.name}
    member = (
        RoundEntry.objects.filter(entry=entry, round__closed_at__isnull=False)
        .select_related("round")
        .order_by("-round__number")
        .first()
    )
    if member is None:
        return _("có bài dự thi")
    following = (
        entry.contest.rounds.filter(number__gt=member.round.number).order_by("number").first()
    )
    if member.advanced and following is not None:
        return _("được chọn vào %(round)s") % {"round": following.name}
    if member.rank:
        return _("xếp thứ %(rank)s tại %(round)s") % {
            "rank": member.rank,
            "round": member.round.name,
        }
    return _("dự %(round)s") % {"round": member.round.name}
