"""Submissions (tờ trình): what the authority does not confer, forwarded to the level above in
this installation, or to a level outside it (the Central Board) with the package and documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.catalogue.models import Level
from guongsang.core import audit
from guongsang.core.busy import sqlite_writer
from guongsang.core.formatting import nfc, quoted
from guongsang.core.types import Actor, actor_user
from guongsang.decisions import wording
from guongsang.decisions.models import Series, Submission, SubmissionItem, SubmissionState
from guongsang.decisions.permissions import DRAFT_ROLES
from guongsang.decisions.services.authority import (
    may_confer,
    profile_for,
    require_role,
    take_number,
)
from guongsang.decisions.services.drafting import lock_dossiers
from guongsang.nominations import services as dossier_services
from guongsang.nominations.models import Dossier, State
from guongsang.org import services as org_services
from guongsang.org.models import Unit, UnitType


def upper_level(authority: Unit) -> Unit | None:
    """The level above whose council takes forwarded dossiers in this installation, if any."""
    if authority.parent is None:
        return None
    return dossier_services.reviewing_level(authority.parent)


# The Central Emulation and Commendation Board takes the city's proposals of national titles
# and forms (Huân chương, Bằng khen của Thủ tướng, Chiến sĩ thi đua toàn quốc, Cờ thi đua của
# Chính phủ). It works outside this installation: a unit outside the tree stands for it.
CENTRAL_BOARD = ("ban-tdkt-trung-uong", "Ban Thi đua - Khen thưởng Trung ương")


def central_board(*, actor: Actor) -> Unit:
    board = Unit.objects.filter(code=CENTRAL_BOARD[0]).first()
    if board is not None:
        return board
    return org_services.unit_create(
        actor=actor,
        code=CENTRAL_BOARD[0],
        name=CENTRAL_BOARD[1],
        unit_type=UnitType.BOARD,
        valid_from=dt.date(1998, 1, 1),
    )


def _receiver(actor: Actor, authority: Unit, rows: Sequence[Dossier]) -> Unit | None:
    """Who takes the tờ trình: the level above here, or, for national titles from the top of
    the installation, the Central Board outside it."""
    above = upper_level(authority)
    if above is not None:
        return above
    if rows and all(d.title.level == Level.NATIONAL for d in rows):
        return central_board(actor=actor)
    return None


def _submission_problems(authority: Unit, rows: Sequence[Dossier]) -> list[str]:
    """Why these dossiers cannot go into a submission of this authority (none: they can)."""
    problems = []
    for dossier in rows:
        if dossier.state != State.RECOMMENDED or dossier.level_unit_id != authority.pk:
            problems.append(
                _("“%(d)s” chưa được Hội đồng của cơ quan này đề nghị.") % {"d": dossier}
            )
        elif may_confer(authority, dossier.title):
            problems.append(
                _("%(t)s do cơ quan này quyết định, không cần trình.")
                % {"t": quoted(dossier.title.name)}
            )
    if SubmissionItem.objects.filter(dossier__in=rows).exists():
        problems.append(_("Có hồ sơ đã nằm trong một tờ trình khác."))
    return problems


@transaction.atomic
def submission_draft(
    *,
    actor: Actor,
    authority: Unit,
    dossiers: Sequence[Dossier],
    summary: str = "",
    body: str = "",
    to_unit: Unit | None = None,
) -> Submission:
    """Tờ trình. `to_unit` defaults to the level above in this installation; a level outside it
    (the Government, through the Ministry) receives the package and the documents instead."""
    require_role(actor, authority, DRAFT_ROLES, _("Chỉ Thường trực Hội đồng được lập tờ trình."))
    rows = lock_dossiers(authority, dossiers, _submission_problems)
    to_unit = to_unit or _receiver(actor, authority, rows)
    if to_unit is None:
        raise ValidationError(_("Không có cấp trên để trình: chọn cơ quan nhận tờ trình."))
    year = max(d.year for d in rows)
    titles = wording.conferring({d.title for d in rows})  # "công nhận danh hiệu …, tặng …"
    submission = Submission.objects.create(
        authority=authority,
        to_unit=to_unit,
        year=year,
        code=f"{Series.SUBMISSION}-{profile_for(authority).code}",
        summary=nfc(summary).strip()
        or _("Về việc đề nghị %(t)s năm %(y)s") % {"t": titles, "y": year},
        body=nfc(body).strip()
        or _(
            "Căn cứ kết quả xét của Hội đồng Thi đua - Khen thưởng, %(issuer)s kính trình "
            "%(to)s xem xét, %(t)s cho %(n)s trường hợp có tên trong danh sách kèm theo."
        )
        % {"issuer": authority.name, "to": to_unit.name, "t": titles, "n": len(rows)},
        created_by=actor_user(actor),
    )
    SubmissionItem.objects.bulk_create(
        SubmissionItem(submission=submission, order=i, dossier=d)
        for i, d in enumerate(rows, start=1)
    )
    audit.audit_create(actor=actor, obj=submission, reason=_("Lập tờ trình"))
    return submission


@sqlite_writer()  # SQLite has one writer at a time: writers of all apps queue on one lock.
@transaction.atomic
def submission_send(
    *, actor: Actor, submission: Submission, on: dt.date | None = None, signer_name: str = ""
) -> Submission:
    """Trình: the number of the register, and each dossier forwarded to the level above."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    require_role(
        actor, submission.authority, DRAFT_ROLES, _("Chỉ Thường trực Hội đồng được trình.")
    )
    if submission.state != SubmissionState.DRAFT:
        raise ValidationError(_("Tờ trình này đã được gửi."))
    on = on or timezone.localdate()
    before = audit.snapshot(submission)
    submission.number = take_number(
        authority=submission.authority, series=Series.SUBMISSION, year=on.year
    )
    submission.submitted_on = on
    submission.signer_name = nfc(signer_name).strip()
    submission.state = SubmissionState.SENT
    submission.save()
    items = list(submission.items.select_related("dossier"))
    above = upper_level(submission.authority)
    if above is not None and above.pk == submission.to_unit_id:
        _forward(actor=actor, items=items)
    else:  # outside this installation: the package and the documents carry it
        _note_sent(actor=actor, submission=submission, items=items)
    audit.audit_state(actor=actor, obj=submission, before=before, reason=_("Trình cấp trên"))
    return submission


def _forward(*, actor: Actor, items: list[SubmissionItem]) -> None:
    """Each dossier goes up to the level above's council, and the item remembers its copy."""
    for item in items:
        dossier_services.dossier_transition(actor=actor, dossier=item.dossier, action="forward")
        item.upper = Dossier.objects.get(forwarded_from=item.dossier)
    SubmissionItem.objects.bulk_update(items, ["upper"])


def _note_sent(*, actor: Actor, submission: Submission, items: list[SubmissionItem]) -> None:
    """Each dossier says where it went, for a level this installation does not reach."""
    note = _("Đã trình %(to)s (Tờ trình số %(n)s)") % {
        "to": submission.to_unit.name,
        "n": submission.full_number,
    }
    for item in items:
        before = audit.snapshot(item.dossier)
        item.dossier.outcome_note = note
        item.dossier.save(update_fields=["outcome_note", "updated_at"])
        audit.audit_update(actor=actor, obj=item.dossier, before=before)
