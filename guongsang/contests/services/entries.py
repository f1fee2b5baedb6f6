"""Contest entries: writing, uploading (DOCX and photos), submitting, withdrawing, and the
near-duplicate check's record."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.contests import blind, signals
from guongsang.contests.docx import docx_read
from guongsang.contests.duplicates import find_matches
from guongsang.contests.models import (
    Assignment,
    AssignmentStatus,
    Contest,
    ContestStatus,
    DuplicateMatch,
    Entry,
    EntryPhoto,
    EntryStatus,
    RoundEntry,
)
from guongsang.core import audit
from guongsang.core.files import file_save
from guongsang.core.formatting import nfc, vn_number
from guongsang.core.models import AuditAction
from guongsang.core.services import model_update
from guongsang.core.types import Actor, actor_user
from guongsang.nominations.uploads import check_upload
from guongsang.org.models import Unit

IMAGE_TYPES = {"image/jpeg", "image/png"}


def strip_byline(text: str, authors: str = "") -> str:
    """The text with the byline and the authors' names hidden (see contests/blind.py, which
    also hides the subject's and the unit's names for the judges' pages)."""
    return blind.strip_byline(text, blind.names_of(authors=authors))


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text or ""))


def entry_problems(entry: Entry) -> list[str]:
    """What keeps the entry from being submitted, in words the officer understands."""
    contest = entry.contest
    problems = []
    if not entry.title.strip():
        problems.append(_("Chưa có tên bài viết."))
    if not entry.authors.strip():
        problems.append(_("Chưa ghi tác giả."))
    if not entry.subject_name.strip():
        problems.append(_("Chưa ghi nhân vật được viết về."))
    if not entry.text.strip():
        problems.append(_("Chưa có nội dung bài viết (nhập trực tiếp hoặc tải tệp DOCX)."))
    elif entry.word_count < contest.min_words:
        problems.append(
            _("Bài viết có %(n)s chữ, ít hơn mức tối thiểu %(min)s chữ của thể lệ.")
            % {"n": vn_number(entry.word_count), "min": vn_number(contest.min_words)}
        )
    elif entry.word_count > contest.max_words:
        problems.append(
            _("Bài viết có %(n)s chữ, vượt mức tối đa %(max)s chữ của thể lệ.")
            % {"n": vn_number(entry.word_count), "max": vn_number(contest.max_words)}
        )
    return problems


def _store(data: bytes, extension: str) -> str:
    return file_save(folder="contests", extension=extension, content=data)


def _read_docx(upload: UploadedFile, *, max_words: int = 0) -> tuple[str, str]:
    """Text and stored path of an uploaded DOCX. Called before any transaction opens: parsing
    never holds the write lock."""
    text, data = docx_read(upload, max_words=max_words)
    return text, _store(data, ".docx")


def _check_open(contest: Contest) -> None:
    if contest.status != ContestStatus.OPEN:
        raise ValidationError(_("Cuộc thi đã hết thời gian nhận bài."))
    if timezone.localdate() > contest.submission_deadline:
        raise ValidationError(_("Đã quá hạn nộp bài của cuộc thi."))


def entry_create(
    *,
    actor: Actor,
    contest: Contest,
    unit: Unit,
    title: str,
    authors: str,
    subject_name: str,
    text: str = "",
    upload: UploadedFile | None = None,
    subject_person: Any = None,
    author_person: Any = None,
) -> Entry:
    _check_open(contest)
    source_file = ""
    if upload is not None:
        text, source_file = _read_docx(upload, max_words=contest.max_words)
    text = nfc(text)
    with transaction.atomic():
        return _entry_insert(
            actor=actor,
            contest=contest,
            unit=unit,
            title=title,
            authors=authors,
            subject_name=subject_name,
            text=text,
            source_file=source_file,
            subject_person=subject_person,
            author_person=author_person,
        )


def _entry_insert(
    *,
    actor: Actor,
    contest: Contest,
    unit: Unit,
    title: str,
    authors: str,
    subject_name: str,
    text: str,
    source_file: str,
    subject_person: Any,
    author_person: Any,
) -> Entry:
    entry = Entry.objects.create(
        contest=contest,
        unit=unit,
        title=nfc(title),
        authors=nfc(authors),
        subject_name=nfc(subject_name),
        subject_person=subject_person,
        author_person=author_person,
        text=text,
        source_file=source_file,
        word_count=word_count(text),
        created_by=actor_user(actor),
    )
    audit.audit_create(actor=actor, obj=entry)
    return entry


def entry_update(
    *, actor: Actor, entry: Entry, upload: UploadedFile | None = None, **fields: Any
) -> Entry:
    read = _read_docx(upload, max_words=entry.contest.max_words) if upload is not None else None
    with transaction.atomic():
        return _entry_change(actor=actor, entry=entry, read=read, fields=fields)


def _entry_change(
    *, actor: Actor, entry: Entry, read: tuple[str, str] | None, fields: dict[str, Any]
) -> Entry:
    if entry.status != EntryStatus.DRAFT:
        raise ValidationError(_("Bài đã nộp không sửa được."))

    def derive(entry: Entry) -> None:
        if read is not None:
            entry.text, entry.source_file = read
        entry.word_count = word_count(entry.text)

    return model_update(
        actor=actor,
        obj=entry,
        changes=fields,
        allowed={"title", "authors", "subject_name", "text", "subject_person", "author_person"},
        clean=lambda _name, value: nfc(value) if isinstance(value, str) else value,
        before_save=derive,
    )


@transaction.atomic
def photo_check(upload: UploadedFile) -> None:
    """Refuse a wrong photo before the entry is written, so no entry is left without it."""
    checked = check_upload(upload)
    upload.seek(0)
    if checked.content_type not in IMAGE_TYPES:
        raise ValidationError(_("Ảnh phải là JPEG hoặc PNG."))


def entry_add_photo(
    *, actor: Actor, entry: Entry, upload: UploadedFile, caption: str = ""
) -> EntryPhoto:
    if entry.status != EntryStatus.DRAFT:
        raise ValidationError(_("Bài đã nộp không sửa được."))
    checked = check_upload(upload)
    if checked.content_type not in IMAGE_TYPES:
        raise ValidationError(_("Ảnh phải là JPEG hoặc PNG."))
    photo = EntryPhoto.objects.create(
        entry=entry,
        path=_store(checked.data, checked.extension),
        content_type=checked.content_type,
        caption=nfc(caption),
    )
    audit.audit_create(actor=actor, obj=photo, reason=str(entry))
    return photo


@transaction.atomic
def entry_submit(*, actor: Actor, entry: Entry) -> Entry:
    """Nộp bài: checked against the rules, given its blind code (số phách), entered in the first
    round; the near-duplicate check then runs in the background."""
    # One submission at a time per contest: the blind codes are numbered in order.
    Contest.objects.select_for_update().get(pk=entry.contest_id)
    entry = Entry.objects.select_for_update().select_related("contest").get(pk=entry.pk)
    if entry.status != EntryStatus.DRAFT:
        raise ValidationError(_("Bài này đã được nộp."))
    _check_open(entry.contest)
    problems = entry_problems(entry)
    if problems:
        raise ValidationError(problems)
    contest = entry.contest
    taken = Entry.objects.filter(contest=contest).exclude(code="").count()
    entry.code = f"{contest.year % 100:02d}-{taken + 1:03d}"
    while Entry.objects.filter(contest=contest, code=entry.code).exists():
        taken += 1
        entry.code = f"{contest.year % 100:02d}-{taken + 1:03d}"
    entry.status = EntryStatus.SUBMITTED
    entry.submitted_at = timezone.now()
    entry.save(update_fields=["code", "status", "submitted_at", "updated_at"])
    first = contest.rounds.order_by("number").first()
    if first is not None:
        RoundEntry.objects.get_or_create(round=first, entry=entry)
    audit.audit_log(
        actor=actor,
        action=AuditAction.STATE,
        obj=entry,
        before={"status": EntryStatus.DRAFT},
        after={"status": EntryStatus.SUBMITTED, "code": entry.code},
    )
    # The background check is queued by the tasks module, listening (contests/signals.py).
    transaction.on_commit(lambda: signals.entry_submitted.send(sender=Entry, entry_id=entry.pk))
    return entry


@transaction.atomic
def entry_withdraw(*, actor: Actor, entry: Entry, reason: str) -> Entry:
    if entry.status == EntryStatus.WITHDRAWN:
        raise ValidationError(_("Bài này đã được rút."))
    if not reason.strip():
        raise ValidationError(_("Ghi rõ lý do rút bài."))
    before = entry.status
    entry.status = EntryStatus.WITHDRAWN
    entry.save(update_fields=["status", "updated_at"])
    Assignment.objects.filter(entry=entry).exclude(status=AssignmentStatus.SUBMITTED).update(
        status=AssignmentStatus.WITHDRAWN
    )
    audit.audit_log(
        actor=actor,
        action=AuditAction.STATE,
        obj=entry,
        before={"status": before},
        after={"status": entry.status},
        reason=reason,
    )
    return entry


# --- near-duplicates ------------------------------------------------------------------------
@transaction.atomic
def duplicates_record(*, entry: Entry, sync: bool = True) -> list[DuplicateMatch]:
    """Run the check for one entry and keep what it found (replacing an earlier result)."""
    matches = find_matches(entry, sync=sync)
    DuplicateMatch.objects.filter(entry=entry).delete()
    rows = DuplicateMatch.objects.bulk_create(
        DuplicateMatch(
            entry=entry,
            source=m.source,
            object_id=m.object_id,
            label=m.label[:300],
            estimated=m.estimated,
            jaccard=m.jaccard,
            containment=m.containment,
            entry_spans=[list(s) for s in m.entry_spans],
            other_spans=[list(s) for s in m.other_spans],
        )
        for m in matches
    )
    Entry.objects.filter(pk=entry.pk).update(duplicate_checked_at=timezone.now())
    return rows
