"""Reads of decisions and submissions, cut to the user's scope; the public certificate check."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from guongsang.core.permissions import restrict
from guongsang.decisions import codes
from guongsang.decisions.models import (
    Decision,
    DecisionKind,
    DecisionState,
    Recipient,
    Submission,
    SubmissionItem,
)
from guongsang.decisions.permissions import VIEW_ROLES

if TYPE_CHECKING:
    from guongsang.nominations.models import Dossier


def decisions_visible(*, user: Any) -> QuerySet[Decision]:
    """Decisions of the authorities the user is scoped over (secretariat, signer, council,
    leaders, admin); unit officers of the units below do not see drafts or registers."""
    qs = (
        Decision.objects.select_related("authority", "amends")
        .annotate(recipient_count=Count("recipients"), total=Sum("recipients__amount"))
        .order_by("-year", "-number", "-created_at")
    )
    return restrict(qs, user, roles=VIEW_ROLES, unit_field="authority")


def decision_recipients(decision: Decision) -> QuerySet[Recipient]:
    return decision.recipients.select_related(
        "title", "person", "unit", "award", "revokes__decision", "revokes__title"
    ).order_by("order", "id")


def submissions_visible(*, user: Any) -> QuerySet[Submission]:
    qs = (
        Submission.objects.select_related("authority", "to_unit")
        .annotate(item_count=Count("items"))
        .order_by("-year", "-created_at")
    )
    return restrict(qs, user, roles=VIEW_ROLES, unit_field="authority")


def submission_items(submission: Submission) -> QuerySet[SubmissionItem]:
    return submission.items.select_related(
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
        return None
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


def _recommended(*, user: Any) -> QuerySet:
    from guongsang.core.permissions import scope_unit_ids
    from guongsang.decisions.permissions import DRAFT_ROLES
    from guongsang.nominations.models import Dossier, State

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
    from guongsang.catalogue.models import Level
    from guongsang.org.models import UnitType

    return Q(title__conferred_by_department=True) | (
        Q(level_unit__unit_type=UnitType.CITY) & ~Q(title__level=Level.NATIONAL)
    )


def dossiers_to_decide(*, user: Any) -> QuerySet:
    """Recommended dossiers the user's secretariat may put in a decision of its own."""
    return _recommended(user=user).filter(_confers()).order_by("level_unit", "title__order", "pk")


def dossiers_to_forward(*, user: Any) -> QuerySet:
    """Recommended dossiers whose title the level does not confer: for a tờ trình upward."""
    return _recommended(user=user).exclude(_confers()).order_by("level_unit", "title__order", "pk")


def _nominee_name(dossier: Dossier) -> str:
    if dossier.person is not None:
        return dossier.person.full_name
    assert dossier.nominee_unit is not None  # CheckConstraint: a person or a nominee unit
    return dossier.nominee_unit.name


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
                "year": d.year,
                "target": "individual" if d.person_id else "collective",
                "name": _nominee_name(d),
                "unit": d.unit.name,
                "summary": d.summary,
                "council_votes_yes": d.votes_yes,
                "council_votes_total": d.votes_total,
                "outcome": _outcome(item),
            }
        )
    return {
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
    from guongsang.nominations.models import State

    upper = item.upper
    if item.conferred:
        status = "conferred"
    elif upper is not None and upper.state in {State.NOT_RECOMMENDED, State.REJECTED}:
        status = "not_conferred"
    elif upper is None:
        status = "not_sent"
    else:
        status = "pending"
    return {
        "status": status,
        "decision_number": item.outcome_number,
        "decision_date": item.outcome_date.isoformat() if item.outcome_date else None,
    }


def item_outcome_label(item: SubmissionItem) -> str:
    from django.utils.translation import gettext as _

    labels = {
        "conferred": _("Được khen"),
        "not_conferred": _("Không được khen"),
        "not_sent": _("Chưa trình"),
        "pending": _("Cấp trên đang xét"),
    }
    return labels[_outcome(item)["status"]]
