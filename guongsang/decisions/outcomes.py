"""Kết quả từ cấp trên ngoài hệ thống: a decision made elsewhere (authority, number, date, the
people and collectives with their titles) recorded by the level that proposed them. Each line
is matched to a dossier of that level's sent submissions; a matched line writes the award into
the history, with a verification code for the public check, and the proposing units hear the
outcome. Lines that match no dossier (or several) wait for a person to pick the dossier."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.awards import services as award_services
from guongsang.catalogue.selectors import reward_amount
from guongsang.core import audit
from guongsang.core.busy import sqlite_writer
from guongsang.core.formatting import fold, nfc, vn_short_date
from guongsang.core.types import Actor, actor_user
from guongsang.decisions import codes
from guongsang.decisions.models import (
    OutsideDecision,
    OutsideLine,
    Recipient,
    Submission,
    SubmissionItem,
    SubmissionState,
)
from guongsang.decisions.permissions import DRAFT_ROLES
from guongsang.decisions.services.authority import require_role
from guongsang.nominations import notifications
from guongsang.nominations.models import Dossier
from guongsang.org.models import Unit

MAX_LINES = 500


def _require(actor: Actor, unit: Unit) -> None:
    require_role(actor, unit, DRAFT_ROLES, _("Chỉ Thường trực Hội đồng được ghi nhận kết quả."))


@dataclass(frozen=True)
class LineIn:
    """One line of the outside decision as written there."""

    name: str
    title: str
    unit: str = ""


def _key(text: str) -> str:
    """Folded words only: quotes, punctuation, case and diacritics do not count."""
    return " ".join(re.findall(r"\w+", fold(nfc(text or ""))))


def open_items(recorded_by: Unit, submission: Submission | None = None) -> QuerySet[SubmissionItem]:
    """The lines of the level's sent submissions still waiting for an outcome."""
    qs = SubmissionItem.objects.filter(
        submission__authority=recorded_by,
        submission__state=SubmissionState.SENT,
        conferred=None,
        upper=None,
        outside_line__isnull=True,
    )
    if submission is not None:
        qs = qs.filter(submission=submission)
    return qs.select_related(
        "submission",
        "dossier__title",
        "dossier__person__home_unit",
        "dossier__nominee_unit",
        "dossier__unit",
    ).order_by("submission__submitted_on", "order", "pk")


def _units_of(dossier: Dossier) -> list[str]:
    units = [dossier.unit.name]
    if dossier.nominee_unit is not None:
        units.append(dossier.nominee_unit.name)
    if dossier.person is not None and dossier.person.home_unit is not None:
        units.append(dossier.person.home_unit.name)
    return [_key(u) for u in units]


def _fits(line: LineIn, item: SubmissionItem) -> bool:
    dossier = item.dossier
    if _key(line.name) != _key(dossier.nominee_name):
        return False
    title, wanted = _key(dossier.title.name), _key(line.title)
    if (
        wanted
        and wanted != _key(dossier.title.code)
        and wanted not in title
        and title not in wanted
    ):
        return False
    unit = _key(line.unit)
    return not unit or any(unit in u or u in unit for u in _units_of(dossier))


def _clean(lines: Sequence[LineIn]) -> list[LineIn]:
    cleaned = [
        LineIn(name=nfc(x.name).strip(), title=nfc(x.title).strip(), unit=nfc(x.unit).strip())
        for x in lines
    ]
    cleaned = [x for x in cleaned if x.name or x.title or x.unit]
    if not cleaned:
        raise ValidationError(_("Cần ít nhất một người hoặc tập thể được khen."))
    if len(cleaned) > MAX_LINES:
        raise ValidationError(_("Tối đa %(n)s dòng một quyết định.") % {"n": MAX_LINES})
    for i, x in enumerate(cleaned, start=1):
        if not x.name or not x.title:
            raise ValidationError(
                _("Dòng %(i)s: cần ghi họ tên (hoặc tên tập thể) và danh hiệu, hình thức.")
                % {"i": i}
            )
    return cleaned


@sqlite_writer()  # SQLite has one writer at a time: writers of all apps queue on one lock.
@transaction.atomic
def outside_decision_record(
    *,
    actor: Actor,
    recorded_by: Unit,
    authority: str,
    number: str,
    decision_date: dt.date,
    lines: Sequence[LineIn],
    submission: Submission | None = None,
) -> OutsideDecision:
    _require(actor, recorded_by)
    authority, number = nfc(authority).strip(), nfc(number).strip()
    if not authority or not number:
        raise ValidationError(_("Cần ghi cấp quyết định và số quyết định."))
    if decision_date > timezone.localdate():
        raise ValidationError(_("Ngày quyết định không được sau hôm nay."))
    if submission is not None and (
        submission.authority_id != recorded_by.pk or submission.state != SubmissionState.SENT
    ):
        raise ValidationError(_("Tờ trình không thuộc cơ quan này hoặc chưa được trình."))
    if (
        submission is not None
        and submission.submitted_on
        and decision_date < submission.submitted_on
    ):
        raise ValidationError(_("Ngày quyết định không được trước ngày trình."))
    cleaned = _clean(lines)
    try:
        with transaction.atomic():
            decision = OutsideDecision.objects.create(
                recorded_by=recorded_by,
                submission=submission,
                authority=authority,
                number=number,
                decision_date=decision_date,
                year=submission.year if submission is not None else decision_date.year,
                created_by=actor_user(actor),
            )
    except IntegrityError as exc:
        raise ValidationError(_("Quyết định này đã được ghi nhận.")) from exc
    audit.audit_create(actor=actor, obj=decision, reason=_("Ghi nhận kết quả từ cấp trên"))
    candidates = list(open_items(recorded_by, submission).select_for_update(of=("self",)))
    taken: set[int] = set()
    for order, line_in in enumerate(cleaned, start=1):
        line = OutsideLine.objects.create(
            decision=decision,
            order=order,
            name=line_in.name,
            unit_name=line_in.unit,
            title_name=line_in.title,
        )
        fits = [c for c in candidates if c.pk not in taken and _fits(line_in, c)]
        if len(fits) == 1:
            taken.add(fits[0].pk)
            _confer(actor=actor, line=line, item=fits[0], reason=_("Khớp tự động"))
        else:
            audit.audit_create(actor=actor, obj=line, reason=_("Chưa khớp với hồ sơ nào"))
    return decision


@transaction.atomic
def outside_line_resolve(*, actor: Actor, line: OutsideLine, item: SubmissionItem) -> OutsideLine:
    """A person picks the dossier (the submission line) an unmatched line is about."""
    line = OutsideLine.objects.select_for_update().select_related("decision").get(pk=line.pk)
    decision = line.decision
    _require(actor, decision.recorded_by)
    if line.is_matched:
        raise ValidationError(_("Dòng này đã được gắn với hồ sơ."))
    waiting = (
        open_items(decision.recorded_by, decision.submission)
        .select_for_update(of=("self",))
        .filter(pk=item.pk)
        .first()
    )
    if waiting is None:
        raise ValidationError(_("Hồ sơ được chọn không còn chờ kết quả của tờ trình này."))
    line.resolved_by = actor_user(actor)
    _confer(actor=actor, line=line, item=waiting, reason=_("Gắn hồ sơ thủ công"))
    return line


def _new_code() -> str:
    while True:
        code = codes.new_code()
        if not (
            Recipient.objects.filter(certificate_code=code).exists()
            or OutsideLine.objects.filter(certificate_code=code).exists()
        ):
            return code


def _confer(*, actor: Actor, line: OutsideLine, item: SubmissionItem, reason: str) -> None:
    """The award on record, the outcome on the submission lines and dossiers down the chain,
    and the proposing units told."""
    from guongsang.decisions.certificates import verify_url  # certificates imports services

    decision = line.decision
    dossier = item.dossier
    on = decision.decision_date
    before = audit.snapshot(line)
    person = dossier.person
    unit = dossier.nominee_unit if person is None else (person.home_unit or dossier.unit)
    assert unit is not None  # CheckConstraint: a person or a nominee unit
    amount = reward_amount(title=dossier.title, on=on, collective=person is None)
    line.item = item
    line.certificate_code = _new_code()
    line.award = award_services.award_record(
        actor=actor,
        title=dossier.title,
        year=dossier.year,
        unit=unit,
        person=person,
        decision_number=decision.number,
        decision_date=on,
        amount=amount,
    )
    line.save()
    audit.audit_update(actor=actor, obj=line, before=before, reason=reason)
    note = _("%(who)s: được khen tại Quyết định số %(n)s ngày %(d)s") % {
        "who": decision.authority,
        "n": decision.number,
        "d": vn_short_date(on),
    }
    current: Dossier | None = dossier
    while current is not None:
        before_dossier = audit.snapshot(current)
        current.outcome_note = note
        current.save(update_fields=["outcome_note", "updated_at"])
        audit.audit_update(
            actor=actor, obj=current, before=before_dossier, reason=_("Kết quả từ cấp trên")
        )
        for sent in SubmissionItem.objects.filter(dossier=current).select_for_update():
            before_item = audit.snapshot(sent)
            sent.conferred = True
            sent.outcome_number = decision.number
            sent.outcome_date = on
            sent.save(update_fields=["conferred", "outcome_number", "outcome_date"])
            audit.audit_update(actor=actor, obj=sent, before=before_item, reason=note)
        current = current.forwarded_from
    notifications.notify_decided(
        dossier=dossier,
        number=decision.number,
        on=on,
        amount=amount,
        code=codes.grouped(line.certificate_code),
        check_url=verify_url(line.certificate_code),
    )
