"""Công khai: the public notice of the dossiers going to the council, and the objections
raised during it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.core import audit
from guongsang.core.formatting import nfc
from guongsang.core.types import Actor, actor_user
from guongsang.council.models import (
    Council,
    Objection,
    PublicNotice,
)
from guongsang.council.services.base import (
    DEFAULT_NOTICE_DAYS,
    _require_manage,
    add_working_days,
)
from guongsang.nominations.models import Dossier
from guongsang.nominations.services import procedure_step
from guongsang.org.models import Unit


def notice_period(level: Unit | int) -> int:
    """The working days a notice of this level lasts: its council's rule, or the default."""
    level_id = level if isinstance(level, int) else level.pk
    days = (
        Council.objects.filter(unit_id=level_id, active=True)
        .values_list("notice_working_days", flat=True)
        .first()
    )
    return days or DEFAULT_NOTICE_DAYS


@transaction.atomic
def notice_publish(
    *,
    actor: Actor,
    dossiers: Iterable[Dossier],
    starts_on: dt.date,
    working_days: int | None = None,
    title: str = "",
) -> PublicNotice:
    """Công khai: publish accepted dossiers of one level for `working_days` working days, never
    fewer than the period the level's council sets (5 by default)."""
    dossiers = list(dossiers)
    if not dossiers:
        raise ValidationError(_("Chọn ít nhất một hồ sơ để công khai."))
    levels = {d.level_unit_id for d in dossiers}
    if len(levels) != 1:
        raise ValidationError(_("Các hồ sơ công khai cùng đợt phải thuộc cùng một cấp xét."))
    level = dossiers[0].level_unit
    _require_manage(actor, level.pk)
    period = notice_period(level)
    if working_days is None:
        working_days = period
    if working_days < period:
        raise ValidationError(
            _("Thời gian công khai của cấp này ít nhất %(n)s ngày làm việc.") % {"n": period}
        )
    ends_on = add_working_days(starts_on, working_days)
    for dossier in dossiers:
        procedure_step(actor=actor, dossier=dossier, action="publish")
    years = sorted({d.year for d in dossiers})
    notice = PublicNotice.objects.create(
        level_unit=level,
        title=nfc(title).strip()
        or _("Công khai danh sách đề nghị khen thưởng năm %(year)s")
        % {"year": ", ".join(str(y) for y in years)},
        starts_on=starts_on,
        working_days=working_days,
        ends_on=ends_on,
        published_by=actor_user(actor),
    )
    notice.dossiers.set(dossiers)
    audit.audit_create(actor=actor, obj=notice, reason=_("%(n)s hồ sơ") % {"n": len(dossiers)})
    return notice


def _objection_create(
    *,
    notice: PublicNotice,
    dossier: Dossier,
    who: str,
    text: str,
    contact: str,
    received_at: dt.datetime,
    recorded_by: Any = None,
) -> Objection:
    """The checks and the row shared by objections recorded by staff and sent by citizens."""
    if not notice.dossiers.filter(pk=dossier.pk).exists():
        raise ValidationError(_("Hồ sơ này không có trong đợt công khai."))
    who, text = nfc(who).strip(), nfc(text).strip()
    if not who:
        raise ValidationError(_("Cần ghi tên người (hoặc tổ chức) phản ánh."))
    if not text:
        raise ValidationError(_("Cần ghi nội dung phản ánh."))
    return Objection.objects.create(
        notice=notice,
        dossier=dossier,
        who_name=who[:150],
        contact=nfc(contact).strip()[:200],
        received_at=received_at,
        text=text,
        recorded_by=recorded_by,
    )


@transaction.atomic
def objection_record(
    *,
    actor: Actor,
    notice: PublicNotice,
    dossier: Dossier,
    who: str,
    text: str,
    received_at: dt.datetime | None = None,
    contact: str = "",
) -> Objection:
    """Ghi nhận ý kiến phản ánh: who sent it, when, about which dossier of the notice."""
    _require_manage(actor, notice.level_unit_id)
    objection = _objection_create(
        notice=notice,
        dossier=dossier,
        who=who,
        text=text,
        contact=contact,
        received_at=received_at or timezone.now(),
        recorded_by=actor_user(actor),
    )
    audit.audit_create(actor=actor, obj=objection)
    return objection


@transaction.atomic
def objection_submit(
    *, notice: PublicNotice, dossier: Dossier, who: str, text: str, contact: str = ""
) -> Objection:
    """Ý kiến phản ánh sent by a citizen from the public notice page, while the notice runs.
    The contact is kept for the answer and never shown in public."""
    today = timezone.localdate()
    if not notice.starts_on <= today <= notice.ends_on:
        raise ValidationError(_("Đợt công khai này không còn nhận ý kiến phản ánh."))
    objection = _objection_create(
        notice=notice,
        dossier=dossier,
        who=who,
        text=text,
        contact=contact,
        received_at=timezone.now(),
    )
    audit.audit_create(actor=None, obj=objection, reason=_("Gửi qua trang công khai"))
    return objection


@transaction.atomic
def objection_answer(*, actor: Actor, objection: Objection, answer: str) -> Objection:
    _require_manage(actor, objection.notice.level_unit_id)
    answer = nfc(answer).strip()
    if not answer:
        raise ValidationError(_("Cần ghi nội dung trả lời."))
    before = audit.snapshot(objection)
    objection.answer = answer
    objection.answered_by = actor_user(actor)
    objection.answered_at = timezone.now()
    objection.save(update_fields=["answer", "answered_by", "answered_at", "updated_at"])
    audit.audit_update(actor=actor, obj=objection, before=before)
    return objection
