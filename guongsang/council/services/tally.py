"""The tally: each agenda item's result against its title's threshold, the dossiers moved on,
the ballots shuffled away from their voters."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.catalogue.models import BallotRule
from guongsang.core import audit
from guongsang.core.busy import sqlite_writer
from guongsang.core.formatting import vn_number, vn_percent
from guongsang.core.models import AuditAction
from guongsang.core.types import Actor
from guongsang.council.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Choice,
    CouncilSession,
    Outcome,
    Participation,
    SessionStatus,
)
from guongsang.council.services.ballots import is_nominee
from guongsang.council.services.base import (
    _require_manage,
)
from guongsang.council.services.sessions import _locked_session
from guongsang.nominations.models import Dossier
from guongsang.nominations.services import procedure_step


@dataclass(frozen=True)
class ItemResult:
    """The tally of one agenda item."""

    item: AgendaItem
    yes: int
    no: int
    abstain: int
    written_yes: int
    written_no: int
    written_abstain: int
    counted_yes: int
    base: int
    recommended: bool

    @property
    def dossier(self) -> Dossier:
        return self.item.dossier

    @property
    def percent(self) -> Decimal:
        return Decimal(self.counted_yes * 100) / self.base if self.base else Decimal(0)


def passes(*, yes: int, base: int, threshold: Decimal, strictly_above: bool) -> bool:
    """Exact comparison of yes/base with a percentage, in integers: no rounding at the edge."""
    if base <= 0:
        return False
    left, right = Decimal(yes) * 100, Decimal(threshold) * base
    return left > right if strictly_above else left >= right


def rule_text(item: AgendaItem) -> str:
    """'quá 50% số thành viên có mặt', 'từ 90% tổng số thành viên'."""
    share = vn_percent(item.threshold, 0 if item.threshold == int(item.threshold) else 2)
    if item.ballot_rule == BallotRule.OF_ALL_MEMBERS:
        base = _("tổng số thành viên Hội đồng")
    else:
        base = _("số thành viên có mặt")
    if item.strictly_above:
        return _("quá %(share)s %(base)s") % {"share": share, "base": base}
    return _("từ %(share)s %(base)s") % {"share": share, "base": base}


def _reshuffle(items: list[AgendaItem]) -> tuple[list[Participation], list[Ballot]]:
    """Rewrite the session's ballots and participations in a random order, in this transaction,
    with fresh random keys: afterwards neither storage order nor transaction ids pair them."""
    participations = list(Participation.objects.filter(item__in=items))
    ballots = list(Ballot.objects.filter(item__in=items))
    Participation.objects.filter(item__in=items).delete()
    Ballot.objects.filter(item__in=items).delete()
    rng = random.SystemRandom()
    rng.shuffle(participations)
    rng.shuffle(ballots)
    fresh_p = [
        Participation(item_id=p.item_id, member_id=p.member_id, written=p.written)
        for p in participations
    ]
    fresh_b = [
        Ballot(item_id=b.item_id, choice=b.choice, written=b.written, receipt=b.receipt)
        for b in ballots
    ]
    Participation.objects.bulk_create(fresh_p)
    Ballot.objects.bulk_create(fresh_b)
    return fresh_p, fresh_b


def _not_recommended_reason(item: AgendaItem) -> str:
    return _(
        "Kết quả bỏ phiếu kín: %(yes)s/%(base)s phiếu đồng ý (%(pct)s), chưa đạt %(rule)s."
    ) % {
        "yes": vn_number(item.counted_yes),
        "base": vn_number(item.base),
        "pct": vn_percent(Decimal(item.counted_yes * 100) / item.base if item.base else 0),
        "rule": rule_text(item),
    }


def voting_close(*, actor: Actor, session: CouncilSession) -> list[ItemResult]:
    """Đóng bỏ phiếu và kiểm phiếu: count each item by its title's rule, move the dossiers to
    recommended / not recommended, and make the stored ballots unlinkable.

    A session with encrypted ballots is not counted here: closing it publishes the summed
    ciphertexts and waits for the key holders' decryptions (services.encrypted)."""
    if CouncilSession.objects.filter(pk=session.pk, encrypted=True).exists():
        from guongsang.council.services.encrypted import encrypted_close

        encrypted_close(actor=actor, session=session)
        return []
    # SQLite has one writer at a time: writers of all apps queue on one lock.
    with sqlite_writer(), transaction.atomic():
        session = _locked_session(session)
        _require_manage(actor, session.level_unit_id)
        if session.status != SessionStatus.OPEN:
            raise ValidationError(_("Phiên họp không trong thời gian bỏ phiếu."))
        items = _locked_items(session)
        _participations, ballots = _reshuffle(items)
        counts: dict[tuple[int, str, bool], int] = {}
        for ballot in ballots:
            key = (ballot.item_id, ballot.choice, ballot.written)
            counts[key] = counts.get(key, 0) + 1
        return apply_counts(actor=actor, session=session, items=items, counts=counts)


def _locked_items(session: CouncilSession) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("dossier", "dossier__title", "dossier__person")
        .filter(session=session)
        .order_by("order", "id")
    )


def apply_counts(
    *,
    actor: Actor,
    session: CouncilSession,
    items: list[AgendaItem],
    counts: dict[tuple[int, str, bool], int],
    extra: dict[str, object] | None = None,
) -> list[ItemResult]:
    """The thresholds applied to the counts (item id, choice, written) → number, whether
    counted from plain ballots or decrypted from the encrypted sums; the dossiers moved on,
    the session marked tallied. Runs inside the caller's transaction.

    Long on purpose: the thresholds, the outcomes and the moves of the dossiers are one
    transaction per session, item after item, as the minutes report them."""
    members = list(session.council.members.select_related("user"))
    present = set(
        Attendance.objects.filter(session=session, present=True).values_list("member_id", flat=True)
    )
    results = []
    for item in items:
        nominees = [m for m in members if is_nominee(m, item.dossier)]
        item.yes = counts.get((item.pk, Choice.YES, False), 0)
        item.no = counts.get((item.pk, Choice.NO, False), 0)
        item.abstain = counts.get((item.pk, Choice.ABSTAIN, False), 0)
        item.written_yes = counts.get((item.pk, Choice.YES, True), 0)
        item.written_no = counts.get((item.pk, Choice.NO, True), 0)
        item.written_abstain = counts.get((item.pk, Choice.ABSTAIN, True), 0)
        # A member who is the nominee cannot vote and is left out of the base.
        if item.ballot_rule == BallotRule.OF_ALL_MEMBERS:
            item.base = len(members) - len(nominees)
        else:
            item.base = len(present) - sum(1 for m in nominees if m.pk in present)
        recommended = passes(
            yes=item.counted_yes,
            base=item.base,
            threshold=item.threshold,
            strictly_above=item.strictly_above,
        )
        item.outcome = Outcome.RECOMMENDED if recommended else Outcome.NOT_RECOMMENDED
        item.save()
        if recommended:
            procedure_step(actor=actor, dossier=item.dossier, action="recommend")
        else:
            procedure_step(
                actor=actor,
                dossier=item.dossier,
                action="not_recommend",
                reason=_not_recommended_reason(item),
            )
        results.append(
            ItemResult(
                item=item,
                yes=item.yes,
                no=item.no,
                abstain=item.abstain,
                written_yes=item.written_yes,
                written_no=item.written_no,
                written_abstain=item.written_abstain,
                counted_yes=item.counted_yes,
                base=item.base,
                recommended=recommended,
            )
        )
    before = audit.snapshot(session)
    session.status = SessionStatus.TALLIED
    session.tallied_at = timezone.now()
    session.save(update_fields=["status", "tallied_at", "updated_at"])
    audit.audit_log(
        actor=actor,
        action=AuditAction.STATE,
        obj=session,
        before=before,
        after={
            **audit.snapshot(session),
            **(extra or {}),
            "tally": [
                {
                    "dossier": str(r.dossier.uuid),
                    "yes": r.yes,
                    "no": r.no,
                    "abstain": r.abstain,
                    "written_yes": r.written_yes,
                    "base": r.base,
                    "outcome": r.item.outcome,
                }
                for r in results
            ],
        },
        reason=_("Kiểm phiếu"),
    )
    return results
