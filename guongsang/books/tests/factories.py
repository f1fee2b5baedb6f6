from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from guongsang.books import services
from guongsang.books.models import Book
from guongsang.showcase.models import Story, StoryStatus

BODY = (
    "Hơn mười năm gắn bó với Trung tâm, chị chăm sóc từng bữa ăn, giấc ngủ cho các nạn nhân "
    "chất độc da cam/dioxin như người thân trong gia đình.\n"
    "Không quản ngày đêm, chị cùng đồng nghiệp tìm tòi, áp dụng các phương pháp phục hồi chức "
    "năng mới, giúp nhiều người bệnh tự đi lại, tự phục vụ được bản thân.\n"
)


def make_story(
    *, unit: Any, title: str, person: Any = None, year: int = 2023, **extra: Any
) -> Story:
    slug = slugify(title) or "cau-chuyen"
    n = Story.objects.filter(slug__startswith=slug).count()
    return Story.objects.create(
        title=title,
        slug=f"{slug}-{n}" if n else slug,
        summary=extra.pop("summary", "Một tấm gương sáng về tinh thần tận tụy, sẻ chia."),
        body=extra.pop("body", BODY * 6),
        unit=unit,
        person=person,
        collective_name=extra.pop("collective_name", ""),
        year=year,
        status=extra.pop("status", StoryStatus.PUBLISHED),
        consent_recorded_at=extra.pop("consent_recorded_at", timezone.now()),
        published_at=timezone.now(),
        **extra,
    )


def make_book(organiser: Any, **fields: Any) -> Book:
    values: dict[str, Any] = {"year": 2023, "foreword": "Cuốn sách tập hợp những gương sáng."}
    values.update(fields)
    return services.book_create(actor=None, organiser=organiser, **values)
