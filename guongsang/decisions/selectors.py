"""Reads of decisions and submissions, cut to the user's scope; the public certificate check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from guongsang.catalogue.models import Level
from guongsang.core.permissions import restrict, scope_roots, scope_unit_ids
from guongsang.core.types import Actor
from guongsang.decisions import codes
from guongsang.decisions.models import (
    Decision,
    DecisionKind,
    DecisionState,
    OutsideDecision,
    OutsideLine,
    Recipient,
    Submission,
    SubmissionItem,
    SubmissionState,
)
from guongsang.decisions.permissions import (
    DRAFT_ROLES,
    OUTCOME_ROLES,
    VIEW_ROLES,
    proposed_by,
    revoking,
)
from guongsang.nominations.models import Dossier, State
from guongsang.org.models import Unit, UnitType
from guongsang.org.selectors import closure_on

if TYPE_CHECKING:
    from guongsang.nominations.models import Dossier


def decisions_visible(*, user: Actor, year: int | None = None) -> QuerySet[Decision]:
    """Decisions of the authorities the user is scoped over (secretariat, signer, council,
    leaders, admin); and, read only, the signed decisions that name a dossier the user's unit
    proposed (or take its award back). Unit officers never see drafts or the register.
    `year`: of that year only."""
    qs = (
        Decision.objects.select_related("authority", "amends")
        .annotate(recipient_count=Count("recipients"), total=Sum("recipients__amount"))
        .order_by("-year", "-number", "-created_at")
    )
    if year is not None:
        qs = qs.filter(year=year)
    ids = scope_unit_ids(user, VIEW_ROLES)
    if ids is None:
        return qs
    return qs.filter(Q(authority__in=ids) | _naming_own_dossier(user))


def _naming_own_dossier(user: Actor) -> Q:
    """Signed decisions naming a dossier the user's unit proposed. Only authorities at or above
    the user's units can have issued one, so the per-decision check (an indexed EXISTS on the
    decision's lines) runs for their decisions alone, never over the whole register."""
    roots = scope_roots(user, OUTCOME_ROLES)
    if not roots:
        return Q(pk__in=[])
    above = closure_on().filter(descendant_id__in=roots).values("ancestor_id")
    own = scope_unit_ids(user, OUTCOME_ROLES)
    lines = Recipient.objects.filter(decision=OuterRef("pk")).filter(
        proposed_by(own) | revoking(own)
    )
    return Q(state=DecisionState.SIGNED, authority__in=above) & Q(Exists(lines))


def certificates_visible(*, user: Actor) -> QuerySet[Recipient]:
    """Recipient lines whose certificate the user may download: of a signed award decision, the
    authority's people for every line, the proposing unit's for the lines of its dossiers."""
    qs = Recipient.objects.filter(
        decision__state=DecisionState.SIGNED,
        decision__kind=DecisionKind.AWARD,
        certificate_code__isnull=False,
    ).select_related("decision__authority", "title", "person", "unit", "award", "dossier")
    ids = scope_unit_ids(user, VIEW_ROLES)
    if ids is None:
        return qs
    return qs.filter(
        Q(decision__authority__in=ids) | proposed_by(scope_unit_ids(user, OUTCOME_ROLES))
    )


@dataclass(frozen=True)
class Outcome:
    """What a signed decision gave a dossier: shown on the dossier and in its notification."""

    dossier_id: int  # the dossier it is shown on (the one it names, or the one forwarded up)
    line: Recipient
    decision: Decision
    code: str  # grouped, as printed on the certificate
    check_url: str  # the public check page
    revoked: bool
    may_download: bool  # this user may download the recipient's certificate
    may_open: bool  # this user may open the decision


def dossier_outcomes(*, user: Actor, dossier_ids: Iterable[int]) -> dict[int, list[Outcome]]:
    """The signed awards of these dossiers (the lines naming a dossier, or the dossier it was
    forwarded to at the levels above: that outcome belongs to the unit below too), with what
    the user may open of them; three queries whatever the number of dossiers."""
    wanted = set(dossier_ids)
    if not wanted:
        return {}
    lines = list(
        Recipient.objects.filter(
            Q(dossier__in=wanted)
            | Q(dossier__forwarded_from__in=wanted)
            | Q(dossier__forwarded_from__forwarded_from__in=wanted),
            decision__state=DecisionState.SIGNED,
            decision__kind=DecisionKind.AWARD,
        )
        .select_related(
            "decision__authority", "title", "person", "unit", "award", "dossier__forwarded_from"
        )
        .order_by("decision__decision_date", "decision_id", "order")
    )
    downloadable = set(
        certificates_visible(user=user)
        .filter(pk__in=[line.pk for line in lines], award__revoked_on__isnull=True)
        .values_list("pk", flat=True)
    )
    openable = set(
        decisions_visible(user=user)
        .filter(pk__in={line.decision_id for line in lines})
        .values_list("pk", flat=True)
    )
    found: dict[int, list[Outcome]] = {}
    for line in lines:
        assert line.dossier is not None  # filtered on the dossier's chain above
        chain = [line.dossier.pk, line.dossier.forwarded_from_id]
        if line.dossier.forwarded_from is not None:
            chain.append(line.dossier.forwarded_from.forwarded_from_id)
        code = codes.grouped(line.certificate_code) if line.certificate_code else ""
        for shown in {pk for pk in chain if pk in wanted}:
            found.setdefault(shown, []).append(
                Outcome(
                    dossier_id=shown,
                    line=line,
                    decision=line.decision,
                    code=code,
                    check_url=reverse("showcase:certificate", args=[code]) if code else "",
                    revoked=line.award is not None and line.award.revoked_on is not None,
                    may_download=line.pk in downloadable,
                    may_open=line.decision_id in openable,
                )
            )
    return found


def decision_recipients(decision: Decision) -> QuerySet[Recipient]:
    return decision.recipients.select_related(
        "title", "person", "unit", "award", "revokes__decision", "revokes__title"
    ).order_by("order", "id")


def submissions_visible(*, user: Actor) -> QuerySet[Submission]:
    qs = (
        Submission.objects.select_related("authority", "to_unit")
        .annotate(item_count=Count("items"))
        .order_by("-year", "-created_at")
    )
    return restrict(qs, user, roles=VIEW_ROLES, unit_field="authority")


def submission_items(submission: Submission) -> QuerySet[SubmissionItem]:
    return submission.items.select_related(
        "submission",
        "dossier__title",
        "dossier__person",
        "dossier__nominee_unit",
        "dossier__unit",
        "upper",
    ).order_by("order", "id")


def certificate_lookup(code: str) -> dict[str, Any] | None:
    """The public check of a certificate's verification code (vườn hoa / xác minh).

    Typed codes are normalised (case, spaces, dashes, O→0, I/L→1). Only signed decisions'
    certificates exist. Returns None when there is no such certificate.
    """
    key = codes.normalise(code)
    if not codes.is_well_formed(key):
        return None
    line = (
        Recipient.objects.filter(certificate_code=key, decision__state=DecisionState.SIGNED)
        .select_related("decision__authority", "person", "unit", "title", "award")
        .prefetch_related(
            Prefetch(
                "revoked_by",
                queryset=Recipient.objects.filter(
                    decision__state=DecisionState.SIGNED, decision__kind=DecisionKind.REVOCATION
                ).select_related("decision"),
                to_attr="revocations",
            )
        )
        .first()
    )
    if line is None:
        return _outside_certificate(key)
    decision = line.decision
    revocation = line.revocations[0].decision if line.revocations else None
    award = line.award
    revoked_on: dt.date | None = None
    reason = ""
    if award is not None and award.revoked_on is not None:
        revoked_on, reason = award.revoked_on, award.revoke_reason
    if revocation is not None:
        revoked_on = revoked_on or revocation.decision_date
        reason = revocation.reason or reason
    return {
        "code": codes.grouped(key),
        "recipient_name": line.name,
        "unit_name": line.unit.name,
        "title_name": line.title.name,
        "decision_number": decision.full_number,
        "decision_date": decision.decision_date,
        "authority": decision.authority.name,
        "revoked": revoked_on is not None,
        "revoked_on": revoked_on,
        "revoke_reason": reason,
        "revoking_decision_number": revocation.full_number if revocation else "",
    }


def _outside_certificate(key: str) -> dict[str, Any] | None:
    """The code of an award decided outside this installation and recorded here."""
    line = (
        OutsideLine.objects.filter(certificate_code=key, award__isnull=False)
        .select_related("decision", "award__title", "award__person", "award__unit")
        .first()
    )
    if line is None or line.award is None:
        return None
    award = line.award
    return {
        "code": codes.grouped(key),
        "recipient_name": award.person.full_name if award.person is not None else award.unit.name,
        "unit_name": award.unit.name,
        "title_name": award.title.name,
        "decision_number": line.decision.number,
        "decision_date": line.decision.decision_date,
        "authority": line.decision.authority,
        "revoked": award.revoked_on is not None,
        "revoked_on": award.revoked_on,
        "revoke_reason": award.revoke_reason,
        "revoking_decision_number": "",
    }


def outside_decisions_visible(*, user: Actor) -> QuerySet[OutsideDecision]:
    """Outside decisions recorded by the levels the user is scoped over."""
    qs = OutsideDecision.objects.select_related("recorded_by", "submission").annotate(
        line_count=Count("lines"),
        unmatched_count=Count("lines", filter=Q(lines__item__isnull=True)),
    )
    return restrict(qs, user, roles=VIEW_ROLES, unit_field="recorded_by").order_by(
        "-decision_date", "-created_at"
    )


def recording_units(*, user: Actor) -> QuerySet[Unit]:
    """The levels whose secretariat the user is: where outside decisions are recorded."""
    return Unit.objects.filter(pk__in=scope_roots(user, DRAFT_ROLES), valid_to=None).order_by(
        "name"
    )


def outside_lines(decision: OutsideDecision) -> QuerySet[OutsideLine]:
    return decision.lines.select_related(
        "item__submission",
        "item__dossier__title",
        "item__dossier__person",
        "item__dossier__nominee_unit",
        "award",
    ).order_by("order", "pk")


def _recommended(*, user: Actor) -> QuerySet:
    qs = Dossier.objects.filter(state=State.RECOMMENDED).select_related(
        "title", "person", "nominee_unit", "unit", "level_unit"
    )
    ids = scope_unit_ids(user, DRAFT_ROLES)
    if ids is not None:
        qs = qs.filter(level_unit__in=ids)
    return qs.exclude(decision_lines__decision__kind=DecisionKind.AWARD).exclude(
        submission_items__isnull=False
    )


def _confers() -> Q:
    return Q(title__conferred_by_department=True) | (
        Q(level_unit__unit_type=UnitType.CITY) & ~Q(title__level=Level.NATIONAL)
    )


def dossiers_to_decide(*, user: Actor) -> QuerySet:
    """Recommended dossiers the user's secretariat may put in a decision of its own."""
    return _recommended(user=user).filter(_confers()).order_by("level_unit", "title__order", "pk")


def dossiers_to_forward(*, user: Actor) -> QuerySet:
    """Recommended dossiers whose title the level does not confer: for a tờ trình upward."""
    return _recommended(user=user).exclude(_confers()).order_by("level_unit", "title__order", "pk")


def _nominee_name(dossier: Dossier) -> str:
    if dossier.person is not None:
        return dossier.person.full_name
    assert dossier.nominee_unit is not None  # CheckConstraint: a person or a nominee unit
    return dossier.nominee_unit.name


# The exchange format of docs/exchange.md (its JSON Schema: docs/exchange.schema.json).
EXCHANGE_FORMAT = "guongsang-exchange"
EXCHANGE_VERSION = 1


def submission_package(submission: Submission) -> dict[str, Any]:
    """The machine-readable package of a tờ trình (for the level above's database)."""
    items = []
    for item in submission_items(submission):
        d = item.dossier
        items.append(
            {
                "order": item.order,
                "dossier": str(d.uuid),
                "upper_dossier": str(item.upper.uuid) if item.upper else None,
                "title_code": d.title.code,
                "title": d.title.name,
                "title_level": d.title.level,
                "year": d.year,
                "target": "individual" if d.person_id else "collective",
                "name": _nominee_name(d),
                "person": str(d.person.uuid) if d.person is not None else None,
                "unit": d.unit.name,
                "unit_uuid": str(d.unit.uuid),
                "summary": d.summary,
                "report": d.report,
                "council_votes_yes": d.votes_yes,
                "council_votes_total": d.votes_total,
                "outcome": _outcome(item),
            }
        )
    return {
        "format": EXCHANGE_FORMAT,
        "version": EXCHANGE_VERSION,
        "kind": "submission",
        "uuid": str(submission.uuid),
        "number": submission.full_number,
        "submitted_on": submission.submitted_on.isoformat() if submission.submitted_on else None,
        "state": submission.state,
        "from": {"uuid": str(submission.authority.uuid), "name": submission.authority.name},
        "to": {"uuid": str(submission.to_unit.uuid), "name": submission.to_unit.name},
        "year": submission.year,
        "summary": submission.summary,
        "items": items,
    }


def _outcome(item: SubmissionItem) -> dict[str, Any]:
    upper = item.upper
    if item.conferred:
        status = "conferred"
    elif item.conferred is False or (
        upper is not None and upper.state in {State.NOT_RECOMMENDED, State.REJECTED}
    ):
        status = "not_conferred"
    elif upper is None and item.submission.state != SubmissionState.SENT:
        status = "not_sent"
    else:
        status = "pending"
    return {
        "status": status,
        "decision_number": item.outcome_number,
        "decision_date": item.outcome_date.isoformat() if item.outcome_date else None,
    }


def item_outcome_label(item: SubmissionItem) -> str:
    labels = {
        "conferred": _("Được khen"),
        "not_conferred": _("Không được khen"),
        "not_sent": _("Chưa trình"),
        "pending": _("Cấp trên đang xét"),
    }
    return labels[_outcome(item)["status"]]
