"""Every write of the contest app: contests, entries, judging, rounds, results, commendations."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.contests import scoring
from guongsang.contests.models import (
    Assignment,
    AssignmentStatus,
    Commendation,
    Contest,
    ContestStatus,
    Criterion,
    DeclaredConflict,
    DuplicateMatch,
    Entry,
    EntryPhoto,
    EntryStatus,
    Level,
    PanelMember,
    Prize,
    Round,
    RoundEntry,
    Score,
)
from guongsang.core import audit
from guongsang.core.files import file_save
from guongsang.core.formatting import nfc, vn_number
from guongsang.core.models import AuditAction
from guongsang.core.permissions import has_role
from guongsang.core.roles import Role
from guongsang.org.models import Unit, UnitType

# Bodies above units: belonging to one does not make a judge partial to all its units.
UMBRELLA_TYPES = frozenset(
    {
        UnitType.CITY,
        UnitType.PEOPLES_COMMITTEE,
        UnitType.BOARD,
        UnitType.DEPARTMENT,
        UnitType.DISTRICT,
        UnitType.MINISTRY,
    }
)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
IMAGE_TYPES = {"image/jpeg", "image/png"}


# --- contests ------------------------------------------------------------------------------
@transaction.atomic
def contest_create(
    *,
    actor: Any,
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
    *, actor: Any, contest: Contest, name: str, level: str, advance_count: int | None = 5
) -> Round:
    number = (contest.rounds.aggregate(n=Max("number"))["n"] or 0) + 1
    rnd = Round.objects.create(
        contest=contest, number=number, name=nfc(name), level=level, advance_count=advance_count
    )
    audit.audit_create(actor=actor, obj=contest, reason=f"Thêm vòng {number}: {rnd.name}")
    return rnd


@transaction.atomic
def panel_add(*, actor: Any, contest: Contest, judge: Any, is_chair: bool = False) -> PanelMember:
    if not has_role(judge, Role.JUDGE):
        raise ValidationError(
            _("%(name)s chưa được phân quyền giám khảo.") % {"name": judge.full_name or judge}
        )
    member, _created = PanelMember.objects.update_or_create(
        contest=contest, judge=judge, defaults={"is_chair": is_chair, "active": True}
    )
    audit.audit_create(actor=actor, obj=member, reason=str(contest))
    return member


@transaction.atomic
def conflict_declare(
    *, actor: Any, contest: Contest, judge: Any, unit: Unit, reason: str
) -> DeclaredConflict:
    if not reason.strip():
        raise ValidationError(_("Ghi rõ lý do xung đột lợi ích."))
    conflict, _created = DeclaredConflict.objects.get_or_create(
        contest=contest, judge=judge, unit=unit, defaults={"reason": nfc(reason)}
    )
    # Assignments that the declaration makes impossible go back to the pool.
    for assignment in Assignment.objects.filter(
        round__contest=contest, judge=judge, entry__unit=unit
    ).exclude(status=AssignmentStatus.WITHDRAWN):
        assignment.status = AssignmentStatus.WITHDRAWN
        assignment.save(update_fields=["status", "updated_at"])
    audit.audit_create(actor=actor, obj=conflict, reason=reason)
    return conflict


def conflict_unit_ids(judge: Any, contest: Contest) -> set[int]:
    """Units whose entries this judge must never see: the units they belong to (their person's
    unit and positions, with the units under them; the units of their other grants) and the
    units they declared."""
    from guongsang.org.selectors import closure_on

    today = timezone.localdate()
    deep: set[int] = set()
    exact: set[int] = set()
    person = getattr(judge, "person", None)
    if person is not None:
        deep.add(person.home_unit_id)
        deep |= set(
            person.positions.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today)).values_list(
                "unit_id", flat=True
            )
        )
    for role, unit_id in judge.grants.values_list("role", "unit_id"):
        if role == Role.JUDGE:
            continue
        (deep if role == Role.UNIT_OFFICER else exact).add(unit_id)
    umbrella = set(
        Unit.objects.filter(pk__in=deep, unit_type__in=UMBRELLA_TYPES).values_list("pk", flat=True)
    )
    exact |= umbrella
    deep -= umbrella
    found = set(exact) | deep
    if deep:
        found |= set(
            closure_on().filter(ancestor_id__in=deep).values_list("descendant_id", flat=True)
        )
    found |= set(
        DeclaredConflict.objects.filter(contest=contest, judge=judge).values_list(
            "unit_id", flat=True
        )
    )
    return found


# --- entries -------------------------------------------------------------------------------
def strip_byline(text: str, authors: str = "") -> str:
    """The text with the byline and the authors' names hidden (see contests/blind.py, which
    also hides the subject's and the unit's names for the judges' pages)."""
    from guongsang.contests import blind

    return blind.strip_byline(text, blind.names_of(authors=authors))


def docx_text(data: bytes) -> str:
    """The paragraphs of a DOCX (tables included) as plain text."""
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return nfc("\n".join(p for p in parts if p.strip()))


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
    """Text and stored path of an uploaded DOCX, checked for bombs before python-docx reads
    it. Called before any transaction opens: parsing never holds the write lock."""
    from guongsang.core import ooxml
    from guongsang.nominations.uploads import check_upload

    checked = check_upload(upload)
    if checked.content_type != DOCX_TYPE:
        raise ValidationError(
            _("Tệp “%(name)s” không phải tệp Word (DOCX).") % {"name": upload.name}
        )
    ooxml.check_docx(checked.data, max_words=max(max_words, ooxml.limit("GS_ENTRY_MAX_WORDS")))
    try:
        text = docx_text(checked.data)
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise ValidationError(
            _("Không đọc được nội dung tệp “%(name)s”.") % {"name": upload.name}
        ) from exc
    return text, _store(checked.data, ".docx")


def _check_open(contest: Contest) -> None:
    if contest.status != ContestStatus.OPEN:
        raise ValidationError(_("Cuộc thi đã hết thời gian nhận bài."))
    if timezone.localdate() > contest.submission_deadline:
        raise ValidationError(_("Đã quá hạn nộp bài của cuộc thi."))


def entry_create(
    *,
    actor: Any,
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
    actor: Any,
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
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.audit_create(actor=actor, obj=entry)
    return entry


def entry_update(
    *, actor: Any, entry: Entry, upload: UploadedFile | None = None, **fields: Any
) -> Entry:
    read = _read_docx(upload, max_words=entry.contest.max_words) if upload is not None else None
    with transaction.atomic():
        return _entry_change(actor=actor, entry=entry, read=read, fields=fields)


def _entry_change(
    *, actor: Any, entry: Entry, read: tuple[str, str] | None, fields: dict[str, Any]
) -> Entry:
    if entry.status != EntryStatus.DRAFT:
        raise ValidationError(_("Bài đã nộp không sửa được."))
    before = audit.snapshot(entry)
    allowed = {"title", "authors", "subject_name", "text", "subject_person", "author_person"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValidationError(f"Unknown field {name}")
        setattr(entry, name, nfc(value) if isinstance(value, str) else value)
    if read is not None:
        entry.text, entry.source_file = read
    entry.word_count = word_count(entry.text)
    entry.save()
    audit.audit_update(actor=actor, obj=entry, before=before)
    return entry


@transaction.atomic
def photo_check(upload: UploadedFile) -> None:
    """Refuse a wrong photo before the entry is written, so no entry is left without it."""
    from guongsang.nominations.uploads import check_upload

    checked = check_upload(upload)
    upload.seek(0)
    if checked.content_type not in IMAGE_TYPES:
        raise ValidationError(_("Ảnh phải là JPEG hoặc PNG."))


def entry_add_photo(
    *, actor: Any, entry: Entry, upload: UploadedFile, caption: str = ""
) -> EntryPhoto:
    from guongsang.nominations.uploads import check_upload

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
def entry_submit(*, actor: Any, entry: Entry) -> Entry:
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
    from guongsang.contests.tasks import duplicate_check_enqueue

    transaction.on_commit(lambda: duplicate_check_enqueue(entry_id=entry.pk))
    return entry


@transaction.atomic
def entry_withdraw(*, actor: Any, entry: Entry, reason: str) -> Entry:
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
    from guongsang.contests.duplicates import find_matches

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


# --- judging -------------------------------------------------------------------------------
def _active_judges(contest: Contest) -> list[Any]:
    return [
        m.judge
        for m in contest.panel.filter(active=True).select_related("judge__person").order_by("id")
    ]


def _check_round_open(rnd: Round) -> None:
    if rnd.is_closed:
        raise ValidationError(_("Vòng thi đã kết thúc."))


@transaction.atomic
def assign_auto(*, actor: Any, round: Round, per_entry: int = 2) -> int:
    """Phân công tự động: each entry of the round to `per_entry` judges without a conflict,
    balancing the load (the least loaded judge first). Existing assignments are kept."""
    _check_round_open(round)
    contest = round.contest
    judges = _active_judges(contest)
    if not judges:
        raise ValidationError(_("Cuộc thi chưa có Ban Giám khảo."))
    conflicts = {j.pk: conflict_unit_ids(j, contest) for j in judges}
    live = Assignment.objects.filter(round=round).exclude(status=AssignmentStatus.WITHDRAWN)
    load: dict[int, int] = defaultdict(int)
    taken: dict[int, set[int]] = defaultdict(set)
    for entry_id, judge_id in live.values_list("entry_id", "judge_id"):
        load[judge_id] += 1
        taken[entry_id].add(judge_id)
    entries = list(
        Entry.objects.filter(round_entries__round=round, status=EntryStatus.SUBMITTED).order_by(
            "code", "pk"
        )
    )
    made = 0
    short = []
    for entry in entries:
        need = per_entry - len(taken[entry.pk])
        eligible = [
            j
            for j in judges
            if j.pk not in taken[entry.pk] and entry.unit_id not in conflicts[j.pk]
        ]
        eligible.sort(key=lambda j: (load[j.pk], j.pk))
        for judge in eligible[: max(need, 0)]:
            Assignment.objects.update_or_create(
                round=round,
                entry=entry,
                judge=judge,
                defaults={"status": AssignmentStatus.PENDING},
            )
            load[judge.pk] += 1
            taken[entry.pk].add(judge.pk)
            made += 1
        if len(taken[entry.pk]) < per_entry:
            short.append(entry.code)
    audit.audit_log(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=contest,
        reason=f"Phân công tự động {made} lượt chấm ({round.name})"
        + (f"; thiếu giám khảo cho bài {', '.join(short)}" if short else ""),
    )
    return made


def _check_can_judge(judge: Any, entry: Entry, contest: Contest) -> None:
    if not contest.panel.filter(judge=judge, active=True).exists():
        raise ValidationError(_("Người này không ở trong Ban Giám khảo của cuộc thi."))
    if entry.unit_id in conflict_unit_ids(judge, contest):
        raise ValidationError(
            _("Giám khảo có xung đột lợi ích với đơn vị của bài %(code)s.") % {"code": entry.code}
        )


@transaction.atomic
def assignment_add(*, actor: Any, round: Round, entry: Entry, judge: Any) -> Assignment:
    """Phân công thủ công."""
    _check_round_open(round)
    _check_can_judge(judge, entry, round.contest)
    if not RoundEntry.objects.filter(round=round, entry=entry).exists():
        raise ValidationError(_("Bài không thuộc vòng thi này."))
    assignment, created = Assignment.objects.get_or_create(round=round, entry=entry, judge=judge)
    if not created and assignment.status != AssignmentStatus.WITHDRAWN:
        raise ValidationError(_("Giám khảo đã được phân công bài này."))
    if not created:
        assignment.status = (
            AssignmentStatus.DRAFT if assignment.scores.exists() else AssignmentStatus.PENDING
        )
        assignment.save(update_fields=["status", "updated_at"])
    audit.audit_create(actor=actor, obj=assignment, reason=f"{entry.code} → {judge}")
    return assignment


@transaction.atomic
def assignment_move(*, actor: Any, assignment: Assignment, judge: Any) -> Assignment:
    """Chuyển bài sang giám khảo khác; the scores given so far stay on the old assignment."""
    if assignment.status == AssignmentStatus.SUBMITTED:
        raise ValidationError(_("Giám khảo đã chấm xong bài này: không chuyển được."))
    new = assignment_add(actor=actor, round=assignment.round, entry=assignment.entry, judge=judge)
    assignment.status = AssignmentStatus.WITHDRAWN
    assignment.save(update_fields=["status", "updated_at"])
    return new


def _num(value: Decimal) -> str:
    """8.0 → '8', 7.5 → '7,5'."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _parse_score(raw: Any, criterion: Criterion) -> Decimal:
    try:
        value = Decimal(str(raw).replace(",", ".").strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(
            _("Điểm “%(name)s” không phải là số.") % {"name": criterion.name}
        ) from exc
    if not criterion.min_score <= value <= criterion.max_score:
        raise ValidationError(
            _("Điểm “%(name)s” phải từ %(low)s đến %(high)s.")
            % {
                "name": criterion.name,
                "low": _num(criterion.min_score),
                "high": _num(criterion.max_score),
            }
        )
    return value


@transaction.atomic
def score_save(
    *,
    actor: Any,
    assignment: Assignment,
    values: Mapping[int, Any],
    comment: str = "",
    submit: bool = False,
) -> Assignment:
    """Chấm điểm: save (and come back later) or submit; every criterion within its range."""
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("round", "entry")
        .get(pk=assignment.pk)
    )
    if assignment.judge_id != getattr(actor, "pk", None):
        raise ValidationError(_("Chỉ giám khảo được phân công mới chấm được bài này."))
    if assignment.status in {AssignmentStatus.SUBMITTED, AssignmentStatus.WITHDRAWN}:
        raise ValidationError(_("Phiếu chấm này đã khoá."))
    _check_round_open(assignment.round)
    criteria = list(assignment.round.contest.criteria.all())
    parsed: dict[int, Decimal] = {}
    for criterion in criteria:
        raw = values.get(criterion.pk)
        if raw in (None, ""):
            if submit:
                raise ValidationError(
                    _("Chưa chấm tiêu chí “%(name)s”.") % {"name": criterion.name}
                )
            continue
        parsed[criterion.pk] = _parse_score(raw, criterion)
    for criterion_id, value in parsed.items():
        Score.objects.update_or_create(
            assignment=assignment, criterion_id=criterion_id, defaults={"value": value}
        )
    before = assignment.status
    assignment.comment = nfc(comment)
    assignment.status = AssignmentStatus.SUBMITTED if submit else AssignmentStatus.DRAFT
    assignment.submitted_at = timezone.now() if submit else None
    assignment.save()
    audit.audit_log(
        actor=actor,
        action=AuditAction.STATE if submit else AuditAction.UPDATE,
        object_type="contests.assignment",
        object_id=str(assignment.uuid),
        object_repr=f"Phiếu chấm bài {assignment.entry.code}",
        before={"status": before},
        after={"status": assignment.status, "scores": {k: str(v) for k, v in parsed.items()}},
    )
    return assignment


@transaction.atomic
def judge_replace(
    *, actor: Any, contest: Contest, judge: Any, replacement: Any, reason: str
) -> int:
    """A judge who cannot finish leaves the panel; their unfinished entries go to the
    replacement (or, where that judge has a conflict, to the least loaded other judge).
    Finished score sheets stay and count; unfinished ones are kept, withdrawn."""
    if not reason.strip():
        raise ValidationError(_("Ghi rõ lý do thay giám khảo."))
    member = contest.panel.filter(judge=judge, active=True).first()
    if member is None:
        raise ValidationError(_("Người này không ở trong Ban Giám khảo của cuộc thi."))
    if replacement is not None and replacement.pk != judge.pk:
        panel_add(actor=actor, contest=contest, judge=replacement)
    member.active = False
    member.left_reason = nfc(reason)
    member.save(update_fields=["active", "left_reason"])
    open_work = list(
        Assignment.objects.filter(
            round__contest=contest, round__closed_at__isnull=True, judge=judge
        )
        .exclude(status__in=[AssignmentStatus.SUBMITTED, AssignmentStatus.WITHDRAWN])
        .select_related("round", "entry")
    )
    judges = _active_judges(contest)
    conflicts = {j.pk: conflict_unit_ids(j, contest) for j in judges}
    load: dict[int, int] = defaultdict(int)
    for row in (
        Assignment.objects.filter(round__contest=contest)
        .exclude(status=AssignmentStatus.WITHDRAWN)
        .values("judge_id")
        .annotate(n=Count("id"))
    ):
        load[row["judge_id"]] = row["n"]
    moved = 0
    for assignment in open_work:
        already = set(
            Assignment.objects.filter(round=assignment.round, entry=assignment.entry)
            .exclude(status=AssignmentStatus.WITHDRAWN)
            .values_list("judge_id", flat=True)
        )
        candidates = [
            j
            for j in judges
            if j.pk not in already and assignment.entry.unit_id not in conflicts[j.pk]
        ]
        candidates.sort(
            key=lambda j: (
                0 if replacement is not None and j.pk == replacement.pk else 1,
                load[j.pk],
            )
        )
        assignment.status = AssignmentStatus.WITHDRAWN
        assignment.save(update_fields=["status", "updated_at"])
        if candidates:
            target = candidates[0]
            Assignment.objects.update_or_create(
                round=assignment.round,
                entry=assignment.entry,
                judge=target,
                defaults={"status": AssignmentStatus.PENDING},
            )
            load[target.pk] += 1
            moved += 1
    audit.audit_log(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=member,
        reason=f"{reason} — chuyển {moved} bài",
        after={"replacement": getattr(replacement, "pk", None)},
    )
    return moved


# --- results -------------------------------------------------------------------------------
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
    actor: Any,
    round: Round,
    chosen: Iterable[Entry] | None = None,
    reason: str = "",
    normalised: bool = False,
) -> list[Entry]:
    """Kết thúc vòng: keep the ranking, choose the best N (or the secretariat's recorded
    choice, with its reason) and enter them in the next round. From a department round the
    chosen entries are sent on to the city."""
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
    rnd.closed_by = actor if getattr(actor, "is_authenticated", False) else None
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
def contest_close_submissions(*, actor: Any, contest: Contest) -> Contest:
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
def contest_publish(*, actor: Any, contest: Contest) -> Contest:
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
    if entry.prize_id is not None:
        return _("đạt %(prize)s") % {"prize": entry.prize.name}  # type: ignore[union-attr]
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


def _proposing_unit(entry: Entry, person: Any) -> Unit:
    """The entry's unit proposes its author when the contest's organiser reviews that unit and
    the author belongs to it; otherwise the organiser proposes (the author has moved since, or
    the unit's own council would review it)."""
    from guongsang.nominations.services import reviewing_level
    from guongsang.org.selectors import unit_ids_under

    organiser = entry.contest.organiser
    unit = entry.unit
    belongs = person.home_unit_id and unit_ids_under(unit).filter(descendant_id=person.home_unit_id)
    if reviewing_level(unit).pk == organiser.pk and belongs:
        return unit
    return organiser


@transaction.atomic
def authors_commend(
    *,
    actor: Any,
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
    from guongsang.catalogue.models import Title
    from guongsang.decisions.permissions import DRAFT_ROLES, can_at
    from guongsang.decisions.services import decision_draft
    from guongsang.nominations.models import Dossier, State, Track
    from guongsang.nominations.services import dossier_create, dossier_transition, procedure_step
    from guongsang.nominations.workflow import TRANSITIONS

    entries = list(entries)
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
    contest = entries[0].contest
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
    note = nfc(note).strip()[:300]
    contest_name = _("%(name)s năm %(year)s") % {"name": contest.name, "year": contest.year}
    made: list[tuple[Entry, Dossier]] = []
    for entry in entries:
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
        made.append((entry, dossier))
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
