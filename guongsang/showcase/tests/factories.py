"""Stories and tips for the tests."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from guongsang.org.models import Unit
from guongsang.showcase.models import Story, StoryStatus, Tip

_n = itertools.count(1)


def make_story(
    title: str = "Người tốt, việc tốt ở phường",
    *,
    unit: Unit,
    body: str = "Chị luôn tận tụy với công việc và giúp đỡ mọi người.",
    person: Any = None,
    collective_name: str = "",
    year: int = 2023,
    published: bool = True,
    featured: bool = False,
    published_at: dt.datetime | None = None,
    **extra: Any,
) -> Story:
    """A story written directly (no service): published ones have consent recorded."""
    if person is None and not collective_name:
        collective_name = f"Tập thể số {next(_n)}"
    n = next(_n)
    now = timezone.now()
    story = Story(
        title=title,
        slug=f"cau-chuyen-{n}",
        body=body,
        unit=unit,
        person=person,
        collective_name=collective_name,
        year=year,
        featured=featured,
        status=StoryStatus.PUBLISHED if published else StoryStatus.DRAFT,
        consent_recorded_at=now if published else None,
        consent_note="Phiếu đồng ý" if published else "",
        published_at=(published_at or now - dt.timedelta(minutes=n)) if published else None,
        **extra,
    )
    story.save()
    return story


def make_tip(**extra: Any) -> Tip:
    data = {
        "about_who": "Anh Nguyễn Văn Tâm",
        "where": "Phường Phúc Xá, quận Ba Đình",
        "what": "Nhặt được ví có 5 triệu đồng và trả lại cho người đánh rơi.",
        "tipster_name": "Trần Thị Hoa",
        "tipster_contact": "0912345678",
        **extra,
    }
    return Tip.objects.create(**data)
