"""Test data for the contest app."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from guongsang.contests.models import (
    Contest,
    Criterion,
    Entry,
    EntryStatus,
    Level,
    Round,
)

SAMPLE = (
    "Chị là người đầu tiên có mặt ở trung tâm mỗi sáng, chăm sóc từng cháu bé như con "
    "của mình. Những năm qua chị đã cùng đồng nghiệp vượt qua biết bao khó khăn. "
)


def make_contest(
    organiser, *, year: int | None = None, level: str = Level.DEPARTMENT, rounds: int = 1, **extra
) -> Contest:
    today = timezone.localdate()
    year = year or today.year
    contest = Contest.objects.create(
        name=extra.pop("name", "Cuộc thi viết về gương điển hình tiên tiến, Người tốt, việc tốt"),
        year=year,
        level=level,
        organiser=organiser,
        submission_deadline=extra.pop(
            "submission_deadline", max(dt.date(year, 12, 31), today + dt.timedelta(days=30))
        ),
        min_words=extra.pop("min_words", 10),
        max_words=extra.pop("max_words", 3000),
        **extra,
    )
    for number in range(1, rounds + 1):
        Round.objects.create(
            contest=contest,
            number=number,
            name=f"Vòng {number}",
            level=Level.DEPARTMENT if number == 1 else Level.CITY,
        )
    Criterion.objects.create(contest=contest, order=1, name="Nội dung", weight=Decimal("0.6"))
    Criterion.objects.create(contest=contest, order=2, name="Hình thức", weight=Decimal("0.4"))
    return contest


def make_entry(
    contest: Contest,
    unit,
    *,
    title: str = "Người mẹ của những đứa trẻ",
    authors: str = "Nguyễn Văn An",
    text: str = SAMPLE * 3,
    status: str = EntryStatus.SUBMITTED,
    **extra,
) -> Entry:
    return Entry.objects.create(
        contest=contest,
        unit=unit,
        title=title,
        authors=authors,
        subject_name=extra.pop("subject_name", "Lê Thị Bích Liên"),
        text=text,
        word_count=len(text.split()),
        status=status,
        submitted_at=timezone.now() if status == EntryStatus.SUBMITTED else None,
        **extra,
    )


def make_judge(username: str, unit, *, person=None):
    """A judge granted over `unit` (the department), optionally linked to a person."""
    from guongsang.accounts.tests.factories import make_user
    from guongsang.core.roles import Role

    user = make_user(username, role=Role.JUDGE, unit=unit)
    if person is not None:
        user.person = person
        user.save(update_fields=["person"])
    return user


def judged_contest(world, *, judges: int = 3):
    """A department contest with a panel; the first judge works at world.centre."""
    from guongsang.contests import services
    from guongsang.people.tests.factories import letters, make_person

    contest = make_contest(world.dept)
    panel = []
    for i in range(judges):
        person = make_person(f"Giám khảo Số {letters(i)}", unit=world.centre) if i == 0 else None
        judge = make_judge(f"gk{i}", world.dept, person=person)
        services.panel_add(actor=None, contest=contest, judge=judge)
        panel.append(judge)
    return contest, panel
