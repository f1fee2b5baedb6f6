"""Khen thưởng tác giả: the authors of chosen entries commended through the nominations and
decisions services (a dossier each, one draft decision for them all)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.catalogue.models import Title
from guongsang.contests.models import Commendation, Entry
from guongsang.contests.services.rounds import entry_result
from guongsang.core import audit
from guongsang.core.formatting import nfc
from guongsang.core.models import AuditAction
from guongsang.core.types import Actor
from guongsang.decisions.permissions import DRAFT_ROLES, can_at
from guongsang.decisions.services import decision_draft
from guongsang.nominations.models import Dossier, State, Track
from guongsang.nominations.services import (
    dossier_create,
    dossier_transition,
    procedure_step,
    reviewing_level,
)
from guongsang.nominations.workflow import TRANSITIONS
from guongsang.org.models import Unit
from guongsang.org.selectors import unit_ids_under


def _proposing_unit(entry: Entry, person: Any) -> Unit:
    """The entry's unit proposes its author when the contest's organiser reviews that unit and
    the author belongs to it; otherwise the organiser proposes (the author has moved since, or
    the unit's own council would review it)."""
    organiser = entry.contest.organiser
    unit = entry.unit
    belongs = person.home_unit_id and unit_ids_under(unit).filter(descendant_id=person.home_unit_id)
    if reviewing_level(unit).pk == organiser.pk and belongs:
        return unit
    return organiser


@transaction.atomic
def authors_commend(
    *,
    actor: Actor,
    entries: Iterable[Entry],
    note: str,
    title_code: str = "giay-khen-giam-doc-so",
    decision_date: dt.date | None = None,
) -> Any:
    """Khen thưởng tác giả through the decision machinery: for each author a dossier (track
    đột xuất) whose council step is the contest's judging, taken to "recommended" on the
    contest result; then ONE draft decision of the organiser for them all, returned. The
    secretariat has it signed on the decisions pages; signing numbers it and records the awards
    (Commendation.award). Anything refused raises and nothing is kept."""
    entries = list(entries)
    title, contest = _commendable(actor, entries, title_code)
    note = nfc(note).strip()[:300]
    contest_name = _("%(name)s năm %(year)s") % {"name": contest.name, "year": contest.year}
    made = [
        (
            entry,
            _author_dossier(
                actor, entry, title=title, contest=contest, contest_name=contest_name, note=note
            ),
        )
        for entry in entries
    ]
    decision = decision_draft(
        actor=actor,
        authority=contest.organiser,
        dossiers=[d for _entry, d in made],
        summary=_("Về việc tặng %(title)s cho tác giả có thành tích trong %(contest)s")
        % {"title": title.name, "contest": contest_name},
        decision_date=decision_date,
    )
    lines = {r.dossier_id: r for r in decision.recipients.all()}
    Commendation.objects.bulk_create(
        Commendation(entry=entry, dossier=dossier, recipient=lines[dossier.pk], note=note)
        for entry, dossier in made
    )
    audit.audit_log(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=contest,
        after={"commended": [e.code for e, _d in made], "decision": str(decision.uuid)},
        reason=note or _("Khen thưởng tác giả"),
    )
    return decision


def _commendable(actor: Actor, entries: list[Entry], title_code: str) -> tuple[Title, Any]:
    """The title and the contest of a commendation, once the actor, the entries and their
    authors are checked; every problem found is raised together."""
    if not entries:
        raise ValidationError(_("Chọn bài có tác giả được khen thưởng."))
    if not can_at(actor, entries[0].contest.organiser_id, DRAFT_ROLES):
        raise PermissionDenied(
            _("Chỉ Thường trực Hội đồng của đơn vị tổ chức được đề nghị khen thưởng tác giả.")
        )
    title = Title.objects.filter(code=title_code).first()
    if title is None:
        raise ValidationError(_("Không tìm thấy hình thức khen thưởng."))
    contests = {e.contest_id for e in entries}
    if len(contests) > 1:
        raise ValidationError(_("Các bài được khen phải cùng một cuộc thi."))
    taken = (
        Commendation.objects.filter(entry__in=entries, dossier__isnull=False)
        .exclude(dossier__state__in=[State.WITHDRAWN, State.REJECTED, State.NOT_RECOMMENDED])
        .select_related("entry")
    )
    problems = [
        _("Tác giả bài “%(title)s” đã được đề nghị khen thưởng.") % {"title": c.entry.title}
        for c in taken
    ]
    problems += [
        _("Bài “%(title)s” chưa liên kết tác giả với danh sách cá nhân.") % {"title": e.title}
        for e in entries
        if e.author_person is None
    ]
    if problems:
        raise ValidationError(problems)
    return title, entries[0].contest


def _author_dossier(
    actor: Actor, entry: Entry, *, title: Title, contest: Any, contest_name: str, note: str
) -> Dossier:
    """The author's dossier (track đột xuất), taken to "recommended" on the contest result:
    the council's step is the judges' verdict."""
    person = entry.author_person
    result = entry_result(entry)
    summary = _("Tác giả bài “%(title)s” %(result)s, %(contest)s.") % {
        "title": entry.title,
        "result": result,
        "contest": contest_name,
    }
    dossier = dossier_create(
        actor=actor,
        unit=_proposing_unit(entry, person),
        title=title,
        year=contest.year,
        person=person,
        track=Track.AD_HOC,
        summary=summary,
        report="\n".join(filter(None, [summary, note])),
    )
    if dossier.level_unit_id != contest.organiser_id:
        raise ValidationError(
            _("Tác giả bài “%(title)s” không thuộc phạm vi khen thưởng của %(unit)s.")
            % {"title": entry.title, "unit": contest.organiser.name}
        )
    steps = [
        ("submit", _("Đề nghị khen thưởng tác giả theo kết quả %(c)s.")),
        ("accept", _("Tiếp nhận theo kết quả %(c)s.")),
        (
            "to_council",
            _(
                "Bước xét của Hội đồng là kết quả chấm của Ban Giám khảo %(c)s "
                "(bài %(code)s %(result)s)."
            ),
        ),
        ("recommend", _("Đề nghị khen theo kết quả %(c)s: bài %(code)s %(result)s.")),
    ]
    for action, reason in steps:
        step = procedure_step if TRANSITIONS[action].procedure else dossier_transition
        dossier = step(
            actor=actor,
            dossier=dossier,
            action=action,
            reason=reason % {"c": contest_name, "code": entry.code, "result": result},
        )
    return dossier
