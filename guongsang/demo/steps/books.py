"""Demo: the book "Những bông hoa đẹp" of 2023 with one collective and one individual of the
department (facts.BOOK_2023_*), compiled from the stories the showcase demo published.

The showcase demo writes a story for each 2022/2023 "Người tốt, việc tốt" and "Tập thể tốt"
award. The award history has no "Tập thể tốt" in 2023, so when no published 2023 story of a
collective exists this seed writes one (through the showcase's services, with consent recorded)
for the Medical and Decontamination Division of the Agent Orange centre. The PDF and EPUB are
not built here (that takes seconds per book): the secretariat presses "Dựng sách".
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When

from guongsang.books import services
from guongsang.books.models import Book
from guongsang.demo import facts
from guongsang.demo.context import DemoContext
from guongsang.demo.steps.awards import GOOD_PERSON_CITY
from guongsang.org.models import Unit
from guongsang.org.selectors import unit_ids_for_counting
from guongsang.showcase.models import Story

YEAR = 2023
SUBTITLE = "Những tấm gương “Người tốt, việc tốt” năm 2023"
FOREWORD = (
    "Cuốn sách tập hợp những câu chuyện về các tập thể, cá nhân tiêu biểu của ngành Lao động - "
    "Thương binh và Xã hội Hà Nội trong phong trào “Người tốt, việc tốt” năm {year}.\n"
    "Mỗi câu chuyện là một bông hoa đẹp, góp hương sắc cho vườn hoa chung của Thủ đô."
)
COLLECTIVE_TITLE = "Phòng Y tế - Khử độc: mái nhà chung của các nạn nhân da cam"
COLLECTIVE_BODY = (
    "Tập thể {unit} chăm sóc, điều trị và phục hồi chức năng cho các nạn nhân chất độc da "
    "cam/dioxin ngày đêm, coi người bệnh như người thân trong gia đình.\n"
    "Năm {year}, các cán bộ, viên chức của phòng chia ca trực để không người bệnh nào bị bỏ "
    "lại một mình, cùng nhau học thêm các phương pháp phục hồi chức năng mới và tổ chức những "
    "buổi sinh hoạt văn hóa, thể thao giúp người bệnh sống vui, sống khỏe.\n"
    "Những việc làm lặng lẽ ấy đã lan tỏa tinh thần “Người tốt, việc tốt” trong toàn đơn vị."
)


def _stories(department: Unit) -> QuerySet[Story]:
    return (
        Story.objects.published()
        .filter(year=YEAR, unit_id__in=unit_ids_for_counting(department))
        .select_related("award__title", "person")
    )


def _individual(department: Unit) -> Story | None:
    """A published 2023 story of a person, the city-level honourees first."""
    city_first = Case(
        When(award__title__code=GOOD_PERSON_CITY, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        _stories(department)
        .filter(person__isnull=False)
        .annotate(rank=city_first)
        .order_by("-featured", "rank", "pk")
        .first()
    )


def _collective(department: Unit) -> Story | None:
    found = _stories(department).filter(person__isnull=True).order_by("-featured", "pk").first()
    if found is not None:
        return found
    unit = Unit.objects.filter(code=facts.DIOXIN_MEDICAL_DIVISION).first()
    if unit is None:
        return None
    from guongsang.accounts.models import User
    from guongsang.showcase import services as showcase

    secretary = User.objects.filter(username="thuongtruc").first()
    values = {"unit": unit.name, "year": YEAR}
    story = showcase.story_create(
        actor=None,
        unit=unit,
        title=COLLECTIVE_TITLE,
        body=COLLECTIVE_BODY.format(**values),
        summary=f"Tập thể {unit.name} — gương “Người tốt, việc tốt” năm {YEAR}.",
        year=YEAR,
        collective_name=unit.name,
        photo_alt="",
    )
    showcase.story_record_consent(
        actor=secretary,
        story=story,
        note="Biên bản họp tập thể đồng ý đăng tải, lưu tại Văn phòng Sở",
    )
    return showcase.story_publish(actor=secretary, story=story)


@transaction.atomic
def seed() -> dict[str, int]:
    """Create the 2023 book; idempotent (nothing when it exists)."""
    department = Unit.objects.get(code=facts.DEPARTMENT)
    if Book.objects.filter(organiser=department, year=YEAR).exists():
        return {"books": 0, "stories": 0}
    book = services.book_create(
        actor=None,
        organiser=department,
        year=YEAR,
        title=facts.BOOK_2023,
        subtitle=SUBTITLE,
        foreword=FOREWORD.format(year=YEAR),
    )
    chosen = [s for s in (_collective(department), _individual(department)) if s is not None]
    added = services.book_add_stories(actor=None, book=book, stories=chosen)
    return {"books": 1, "stories": added}


def step(ctx: DemoContext) -> None:
    made = seed()
    ctx.made["books"] = made["books"]
