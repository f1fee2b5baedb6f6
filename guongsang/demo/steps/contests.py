"""Demo data of the writing contest (called by guongsang.demo.builder after the dossiers).

- 2022: the department's contest received 43 entries; its preliminary round chose 5 for the
  city contest; results published with prizes.
- 2023: 41 entries, all sent to the city (the department round keeps every entry); the city's
  preliminary chose 5 for the city final (vòng chung khảo); the Director commended 2 authors
  by a signed decision (dossiers recommended on the contest result, signed by "giamdoc").
- Judges: the demo login "giamkhao" and three more (giamkhao2–4, same password); one of them
  works at a centre, so the assignment never gives them that centre's entries.
- One planted near-duplicate: a 2023 entry is a light rewording of a 2022 entry.
Texts are generated (textgen) from varied sentence parts, never copied from the articles.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from guongsang.accounts.models import User
from guongsang.accounts.services import grant_role
from guongsang.contests import services, textgen
from guongsang.contests.duplicates import signatures_sync
from guongsang.contests.models import (
    Assignment,
    AssignmentStatus,
    Contest,
    ContestStatus,
    Entry,
    EntryStatus,
    Level,
    Round,
    RoundEntry,
    Score,
)
from guongsang.core.roles import Role
from guongsang.decisions.services import decision_sign
from guongsang.demo import facts
from guongsang.demo.context import DemoContext
from guongsang.demo.steps.users import demo_user_create
from guongsang.org.models import Unit
from guongsang.org.selectors import units_under
from guongsang.people.models import Person

ENTRIES_2022 = 43
SENT_TO_CITY_2022 = 5
ENTRIES_2023 = 41
CITY_FINAL_2023 = 5
COMMENDED_2023 = 2
COMMENDED_ON = dt.date(2023, 12, 20)
PLANTED_FROM = 12  # the 2022 entry (by order) that a 2023 entry rewords
PLANTED_INTO = 7
NAME = "Cuộc thi viết về gương điển hình tiên tiến, Người tốt, việc tốt"
JUDGES = (
    ("giamkhao2", "Nguyễn Thị Thanh Vân"),
    ("giamkhao3", "Trịnh Văn Khải"),
    ("giamkhao4", "Lương Thị Mỹ Hạnh"),
)


def _judges(dept: Any, units: list[Any]) -> list[Any]:

    judges = [User.objects.get(username="giamkhao")]
    for index, (username, full_name) in enumerate(JUDGES):
        user = User.objects.filter(username=username).first()
        if user is None:
            # giamkhao3 works at a centre: a conflict of interest with its entries.
            person = (
                Person.objects.filter(home_unit=units[1]).order_by("pk").first()
                if index == 1
                else None
            )
            user = demo_user_create(
                actor=None,
                username=username,
                full_name=full_name,
                person=person,
            )
            grant_role(actor=None, user=user, role=Role.JUDGE, unit=dept)
        judges.append(user)
    return judges


def _entries(
    contest: Contest, units: list[Any], authors: dict[int, Any], count: int, rng: random.Random
) -> list[Entry]:

    honourees = [facts.HONOUREE_MEDICAL.full_name, facts.HONOUREE_TEACHER.full_name]
    submitted = timezone.make_aware(dt.datetime(contest.year, 8, 15, 9, 0))
    rows = []
    for index in range(count):
        unit = units[index % len(units)]
        name = honourees[index % 2] if index < 2 else None
        story = textgen.story(rng, sentences=rng.randint(14, 22), name=name)
        author = authors.get(unit.pk)
        rows.append(
            Entry(
                contest=contest,
                unit=unit,
                code=f"{contest.year % 100:02d}-{index + 1:03d}",
                title=story.title[:300],
                authors=author.full_name if author else textgen.person_name(rng, False),
                author_person=author,
                subject_name=story.subject,
                text=story.text,
                word_count=services.word_count(story.text),
                status=EntryStatus.SUBMITTED,
                submitted_at=submitted + dt.timedelta(hours=index),
            )
        )
    return Entry.objects.bulk_create(rows)


def _score(rnd: Round, judges: list[Any], rng: random.Random) -> None:
    """Two judges per entry (balanced, no conflicts), every sheet finished."""
    services.assign_auto(actor=None, round=rnd, per_entry=2)
    criteria = list(rnd.contest.criteria.all())
    bias = {j.pk: rng.uniform(-0.8, 0.8) for j in judges}
    quality = {
        e: rng.uniform(5.5, 9.3) for e in rnd.round_entries.values_list("entry_id", flat=True)
    }
    scores = []
    sheets = list(Assignment.objects.filter(round=rnd))
    for sheet in sheets:
        for c in criteria:
            value = quality[sheet.entry_id] + bias[sheet.judge_id] + rng.uniform(-0.6, 0.6)
            value = min(float(c.max_score), max(float(c.min_score), round(value * 2) / 2))
            scores.append(Score(assignment=sheet, criterion=c, value=Decimal(str(value))))
        sheet.status = AssignmentStatus.SUBMITTED
        sheet.submitted_at = rnd.contest.judging_deadline and timezone.make_aware(
            dt.datetime.combine(rnd.contest.judging_deadline, dt.time(10))
        )
        sheet.comment = rng.choice(
            ["Bài viết chân thực, cảm động.", "Cần thêm chi tiết cụ thể.", "Bố cục chặt chẽ.", ""]
        )
    Score.objects.bulk_create(scores)
    Assignment.objects.bulk_update(sheets, ["status", "submitted_at", "comment"])


def _close(rnd: Round, *, reason: str = "") -> list[Entry]:
    try:
        return services.round_close(actor=None, round=rnd)
    except Exception:  # a tie at the cut: the organisers' recorded choice
        ranking = services.round_ranking(rnd)
        chosen = [r.entry_id for r in ranking][: rnd.advance_count]
        return services.round_close(
            actor=None,
            round=rnd,
            chosen=list(Entry.objects.filter(pk__in=chosen)),
            reason=reason or "Ban Tổ chức chọn theo điểm chuẩn hoá khi đồng hạng.",
        )


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(16)))


def _dated(rnd: Round, day: dt.date) -> None:
    """The demo's rounds closed on their historical dates, not today."""
    Round.objects.filter(pk=rnd.pk).update(closed_at=_at(day))


def _commend(entries: list[Entry]) -> Any:
    """The Director's commendation of the authors: dossiers recommended on the contest result,
    a draft by the secretariat, signed by the Director (the decisions app numbers it and
    records the awards)."""

    users = User.objects.in_bulk(["thuongtruc", "giamdoc"], field_name="username")
    draft = services.authors_commend(
        actor=users["thuongtruc"],
        entries=entries,
        note="Giám đốc Sở khen thưởng tác giả có thành tích trong Cuộc thi viết năm 2023",
        decision_date=COMMENDED_ON,
    )
    return decision_sign(
        actor=users["giamdoc"],
        decision=draft,
        on=COMMENDED_ON,
        signer_name=facts.DIRECTOR.full_name,
    )


@transaction.atomic
def _entrants(dept: Any) -> tuple[list[Any], dict[int, Any], list[Any]]:
    """The department's units that send entries (24 of them), one author in each by unit, and
    the jury drawn from them."""

    units = list(
        units_under(dept).exclude(pk=dept.pk).filter(valid_to__isnull=True).order_by("code")[:24]
    )
    authors: dict[int, Any] = {}
    for person in Person.objects.filter(home_unit__in=units).order_by("home_unit_id", "pk"):
        authors.setdefault(person.home_unit_id, person)
    return units, authors, _judges(dept, units)


def seed() -> dict[str, int]:
    """A demo scenario told in order: the 2022 contest from its rounds to its prizes."""
    dept = Unit.objects.get(code=facts.DEPARTMENT)
    if Contest.objects.filter(organiser=dept, year=2022).exists():
        return {}
    units, authors, judges = _entrants(dept)
    rng = random.Random(2022)

    prizes = [("Giải Nhất", 1, 3_000_000), ("Giải Nhì", 2, 2_000_000), ("Giải Ba", 2, 1_000_000)]
    c2022 = services.contest_create(
        actor=None,
        organiser=dept,
        name=NAME,
        year=2022,
        submission_deadline=dt.date(2022, 8, 31),
        judging_deadline=dt.date(2022, 9, 10),
        rules="Bài viết về người thật, việc thật ở đơn vị; mỗi bài 1.000–3.000 chữ, kèm ảnh.",
        advance_count=SENT_TO_CITY_2022,
        prizes=prizes,
    )
    for judge in judges:
        services.panel_add(actor=None, contest=c2022, judge=judge, is_chair=judge == judges[0])
    entries_2022 = _entries(c2022, units, authors, ENTRIES_2022, rng)
    r1 = c2022.rounds.get(number=1)
    RoundEntry.objects.bulk_create(RoundEntry(round=r1, entry=e) for e in entries_2022)
    _score(r1, judges, rng)
    _close(r1)
    services.contest_publish(actor=None, contest=c2022)
    _dated(r1, dt.date(2022, 9, 12))
    Contest.objects.filter(pk=c2022.pk).update(published_at=_at(dt.date(2022, 9, 20)))

    c2023 = services.contest_create(
        actor=None,
        organiser=dept,
        name=NAME,
        year=2023,
        submission_deadline=dt.date(2023, 8, 31),
        judging_deadline=dt.date(2023, 9, 15),
        rules="Bài viết về gương điển hình tiên tiến ở đơn vị; mỗi bài 1.000–3.000 chữ.",
        advance_count=None,  # every entry goes on to the city
    )
    services.round_add(
        actor=None,
        contest=c2023,
        name="Vòng sơ khảo cấp Thành phố",
        level=Level.CITY,
        advance_count=CITY_FINAL_2023,
    )
    services.round_add(
        actor=None,
        contest=c2023,
        name="Vòng chung khảo cấp Thành phố",
        level=Level.CITY,
        advance_count=None,
    )
    for judge in judges:
        services.panel_add(actor=None, contest=c2023, judge=judge, is_chair=judge == judges[0])
    entries_2023 = _entries(c2023, units, authors, ENTRIES_2023, rng)
    # The planted near-duplicate: a light rewording of a 2022 entry.
    source = entries_2022[PLANTED_FROM]
    planted = entries_2023[PLANTED_INTO]
    planted.text = textgen.reword(
        source.text, rng=rng, old_name=source.subject_name, new_name=planted.subject_name
    )
    planted.word_count = services.word_count(planted.text)
    planted.save(update_fields=["text", "word_count"])
    d1 = c2023.rounds.get(number=1)
    RoundEntry.objects.bulk_create(RoundEntry(round=d1, entry=e) for e in entries_2023)
    _score(d1, judges, rng)
    services.round_close(actor=None, round=d1)
    city = c2023.rounds.get(number=2)
    finalists = [e for e in services.round_ranking(d1)][:CITY_FINAL_2023]
    services.round_close(
        actor=None,
        round=city,
        chosen=list(Entry.objects.filter(pk__in=[r.entry_id for r in finalists])),
        reason="Theo kết quả vòng sơ khảo do Ban Tổ chức cấp Thành phố công bố.",
    )
    commended = [
        e
        for e in Entry.objects.filter(pk__in=[r.entry_id for r in finalists])
        if e.author_person_id
    ]
    _commend(commended[:COMMENDED_2023])
    Contest.objects.filter(pk=c2023.pk).update(status=ContestStatus.JUDGING)
    _dated(d1, dt.date(2023, 9, 15))
    _dated(city, dt.date(2023, 10, 20))

    signatures_sync()
    flagged = 0
    for entry in Entry.objects.filter(contest__in=[c2022, c2023]).order_by("submitted_at"):
        flagged += bool(services.duplicates_record(entry=entry, sync=False))
    return {
        "entries_2022": len(entries_2022),
        "entries_2023": len(entries_2023),
        "judges": len(judges),
        "flagged": flagged,
    }


ENTRIES_THIS_YEAR = 12


@transaction.atomic
def seed_this_year() -> dict[str, int]:
    """This year's contest, in its judging round today: entries closed ten days ago, each
    sheet given to two judges and none finished, so `giamkhao`… have sheets on their home.
    Built from today's date, so the demo keeps the shape a year later."""

    today = timezone.localdate()
    dept = Unit.objects.get(code=facts.DEPARTMENT)
    if today.year <= 2023 or Contest.objects.filter(organiser=dept, year=today.year).exists():
        return {}
    units, authors, judges = _entrants(dept)
    contest = services.contest_create(
        actor=None,
        organiser=dept,
        name=NAME,
        year=today.year,
        submission_deadline=today - dt.timedelta(days=10),
        judging_deadline=today + dt.timedelta(days=14),
        rules="Bài viết về gương điển hình tiên tiến ở đơn vị; mỗi bài 1.000–3.000 chữ.",
        advance_count=3,
        prizes=[("Giải Nhất", 1, 3_000_000), ("Giải Nhì", 1, 2_000_000), ("Giải Ba", 1, 1_000_000)],
    )
    for judge in judges:
        services.panel_add(actor=None, contest=contest, judge=judge, is_chair=judge == judges[0])
    entries = _entries(contest, units, authors, ENTRIES_THIS_YEAR, random.Random(today.year))
    submitted = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=12), dt.time(9, 0))
    )
    for index, entry in enumerate(entries):
        Entry.objects.filter(pk=entry.pk).update(submitted_at=submitted + dt.timedelta(hours=index))
    first = contest.rounds.get(number=1)
    RoundEntry.objects.bulk_create(RoundEntry(round=first, entry=e) for e in entries)
    services.assign_auto(actor=None, round=first, per_entry=2)
    Contest.objects.filter(pk=contest.pk).update(status=ContestStatus.JUDGING)
    return {"entries_this_year": len(entries)}


def step(ctx: DemoContext) -> None:
    ctx.made.update(seed())
    ctx.made.update(seed_this_year())
