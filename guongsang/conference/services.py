"""Writes of a conference and its parts; each one atomic and in the audit log."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from guongsang.awards.models import Award
from guongsang.conference.models import Conference, Guest, Honouree, ProgrammeItem, SpeakerReport
from guongsang.core import audit
from guongsang.core.formatting import nfc
from guongsang.core.services import model_update
from guongsang.core.types import Actor
from guongsang.org.models import Unit
from guongsang.org.selectors import unit_ids_for_counting
from guongsang.people.models import Person

MAX_REPORT_BYTES = 5 * 1024 * 1024


def _text(value: str | None) -> str:
    return nfc(value or "").strip()


def _snapshot(conference: Conference) -> dict[str, Any]:
    return {
        **audit.snapshot(conference),
        "guests": [f"{g.full_name} — {g.role}" for g in conference.guests.all()],
        "items": [f"{i.starts_at:%H:%M} {i.title}" for i in conference.items.all()],
        "honourees": [h.award_id for h in conference.honourees.all()],
        "reports": [f"{r.speaker}: {r.title}" for r in conference.reports.all()],
    }


def _log_change(actor: Actor, conference: Conference, before: dict[str, Any], reason: str) -> None:
    audit.audit_update(
        actor=actor, obj=conference, before=before, after=_snapshot(conference), reason=reason
    )


@contextmanager
def _parts_change(actor: Actor, conference: Conference, reason: str) -> Iterator[None]:
    """The conference's parts (guests, programme, reports) before and after the block, in
    the audit log."""
    before = _snapshot(conference)
    yield
    _log_change(actor, conference, before, reason)


def _check(*, name: str, place: str, award_year: int, held_on: dt.date) -> None:
    if not name:
        raise ValidationError(_("Hãy nhập tên hội nghị."))
    if not place:
        raise ValidationError(_("Hãy nhập địa điểm tổ chức."))
    if not 1945 <= award_year <= held_on.year + 1:
        raise ValidationError(_("Năm khen thưởng không hợp lệ."))


@transaction.atomic
def conference_create(
    *,
    actor: Actor,
    organiser: Unit,
    name: str,
    held_on: dt.date,
    place: str,
    award_year: int,
    starts_at: dt.time | None = None,
    is_public: bool = False,
    notes: str = "",
) -> Conference:
    name, place = _text(name), _text(place)
    _check(name=name, place=place, award_year=award_year, held_on=held_on)
    conference = Conference.objects.create(
        organiser=organiser,
        name=name,
        held_on=held_on,
        starts_at=starts_at,
        place=place,
        award_year=award_year,
        is_public=is_public,
        notes=_text(notes),
    )
    audit.audit_create(actor=actor, obj=conference)
    return conference


@transaction.atomic
def conference_update(*, actor: Actor, conference: Conference, **fields: Any) -> Conference:
    def check(conference: Conference) -> None:
        _check(
            name=conference.name,
            place=conference.place,
            award_year=conference.award_year,
            held_on=conference.held_on,
        )

    return model_update(
        actor=actor,
        obj=conference,
        changes=fields,
        clean=lambda name, value: _text(value) if name in ("name", "place", "notes") else value,
        before_save=check,
    )


@transaction.atomic
def conference_delete(*, actor: Actor, conference: Conference) -> None:
    audit.audit_delete(actor=actor, obj=conference, reason=_("Xoá hội nghị"))
    conference.delete()


@transaction.atomic
def guest_add(
    *,
    actor: Actor,
    conference: Conference,
    full_name: str = "",
    role: str = "",
    organisation: str = "",
    person: Person | None = None,
) -> Guest:
    full_name = _text(full_name) or (person.full_name if person else "")
    if not full_name:
        raise ValidationError(_("Hãy nhập họ tên đại biểu hoặc chọn một cá nhân."))
    with _parts_change(actor, conference, _("Thêm đại biểu")):
        return Guest.objects.create(
            conference=conference,
            order=(conference.guests.aggregate(m=Max("order"))["m"] or 0) + 1,
            full_name=full_name,
            role=_text(role),
            organisation=_text(organisation),
            person=person,
        )


@transaction.atomic
def guest_remove(*, actor: Actor, guest: Guest) -> None:
    with _parts_change(actor, guest.conference, _("Bỏ đại biểu")):
        guest.delete()


@transaction.atomic
def item_add(
    *, actor: Actor, conference: Conference, starts_at: dt.time, title: str, speaker: str = ""
) -> ProgrammeItem:
    title = _text(title)
    if not title:
        raise ValidationError(_("Hãy nhập nội dung của mục chương trình."))
    if conference.starts_at and starts_at < conference.starts_at:
        raise ValidationError(_("Mục chương trình không thể bắt đầu trước giờ khai mạc hội nghị."))
    with _parts_change(actor, conference, _("Thêm mục chương trình")):
        return ProgrammeItem.objects.create(
            conference=conference, starts_at=starts_at, title=title, speaker=_text(speaker)
        )


@transaction.atomic
def item_remove(*, actor: Actor, item: ProgrammeItem) -> None:
    with _parts_change(actor, item.conference, _("Bỏ mục chương trình")):
        item.delete()


@transaction.atomic
def honourees_add(*, actor: Actor, conference: Conference, awards: Iterable[Award]) -> int:
    """Add the awards (of the organiser's subtree, not revoked) not already on the list."""
    awards = list(awards)
    allowed = set(
        Award.objects.filter(
            pk__in=[a.pk for a in awards],
            unit_id__in=unit_ids_for_counting(conference.organiser_id),
            revoked_on__isnull=True,
        ).values_list("pk", flat=True)
    )
    if len(allowed) != len({a.pk for a in awards}):
        raise ValidationError(
            _("Chỉ chọn được khen thưởng còn hiệu lực của các đơn vị thuộc đơn vị tổ chức.")
        )
    before = _snapshot(conference)
    present = set(conference.honourees.values_list("award_id", flat=True))
    order = conference.honourees.aggregate(m=Max("order"))["m"] or 0
    new = []
    for award in awards:
        if award.pk in present:
            continue
        order += 1
        present.add(award.pk)
        new.append(Honouree(conference=conference, award=award, order=order))
    Honouree.objects.bulk_create(new)
    if new:
        _log_change(actor, conference, before, _("Thêm người được biểu dương"))
    return len(new)


@transaction.atomic
def honourees_remove(*, actor: Actor, conference: Conference, honourees: Sequence[Honouree]) -> int:
    before = _snapshot(conference)
    count, _detail = conference.honourees.filter(pk__in=[h.pk for h in honourees]).delete()
    if count:
        _log_change(actor, conference, before, _("Bỏ người được biểu dương"))
    return count


def report_text(upload: Any) -> str:
    """The text of an uploaded report: DOCX paragraphs or UTF-8 plain text."""
    name = (upload.name or "").lower()
    if upload.size > MAX_REPORT_BYTES:
        raise ValidationError(_("Tệp quá lớn (tối đa 5 MB)."))
    data = upload.read()
    if name.endswith(".docx"):
        from docx import Document

        try:
            document = Document(io.BytesIO(data))
        except Exception as exc:  # not a DOCX after all
            raise ValidationError(_("Không đọc được tệp DOCX.")) from exc
        return "\n".join(p.text for p in document.paragraphs if p.text.strip())
    if name.endswith(".txt"):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(_("Tệp văn bản phải dùng bảng mã UTF-8.")) from exc
    raise ValidationError(_("Chỉ nhận tệp .docx hoặc .txt."))


@transaction.atomic
def report_add(
    *,
    actor: Actor,
    conference: Conference,
    speaker: str,
    title: str,
    role: str = "",
    body: str = "",
    upload: Any = None,
) -> SpeakerReport:
    source_name = ""
    if upload is not None:
        body = report_text(upload)
        source_name = upload.name[:200]
    speaker, title, body = _text(speaker), _text(title), _text(body)
    if not speaker or not title:
        raise ValidationError(_("Hãy nhập người trình bày và tiêu đề bài tham luận."))
    if not body:
        raise ValidationError(_("Bài tham luận chưa có nội dung: hãy nhập hoặc tải tệp lên."))
    with _parts_change(actor, conference, _("Thêm bài tham luận")):
        return SpeakerReport.objects.create(
            conference=conference,
            speaker=speaker,
            role=_text(role),
            title=title,
            body=body,
            source_name=source_name,
        )


@transaction.atomic
def report_remove(*, actor: Actor, report: SpeakerReport) -> None:
    with _parts_change(actor, report.conference, _("Bỏ bài tham luận")):
        report.delete()
