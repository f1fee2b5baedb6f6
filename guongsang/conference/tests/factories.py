from __future__ import annotations

import datetime as dt
from typing import Any

from guongsang.awards.models import Award, AwardSource
from guongsang.catalogue.models import Title
from guongsang.conference import services
from guongsang.conference.models import Conference


def make_conference(organiser: Any, **fields: Any) -> Conference:
    values: dict[str, Any] = {
        "name": "Hội nghị biểu dương điển hình “Người tốt, việc tốt” năm 2022",
        "held_on": dt.date(2022, 9, 23),
        "starts_at": dt.time(8, 0),
        "place": "Hội trường Sở Lao động - Thương binh và Xã hội",
        "award_year": 2022,
    }
    values.update(fields)
    return services.conference_create(actor=None, organiser=organiser, **values)


def make_award(*, unit: Any, person: Any = None, year: int = 2022, code: str = "") -> Award:
    target = "individual" if person is not None else "collective"
    title = Title.objects.filter(code=code).first() if code else None
    title = title or Title.objects.filter(target=target).order_by("order").first()
    assert title is not None, "seed the catalogue first (titles fixture)"
    return Award.objects.create(
        title=title,
        year=year,
        level=title.level,
        target=target,
        person=person,
        unit=unit,
        decision_number="1234/QĐ-SLĐTBXH",
        decision_date=dt.date(year, 9, 16),
        source=AwardSource.DECISION,
    )
