"""Demo initiatives (sáng kiến): the register of the department's units, dated from today.

The authors are people who were Chiến sĩ thi đua cơ sở in the last year of the award history,
so the register shows what their next proposal would rest on: most initiatives recognised at
the base this year, one by the city (the teacher of the 2022 conference), one waiting for the
council, one not recognised, and two recognised last year.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from guongsang.awards.models import Award
from guongsang.demo import facts
from guongsang.demo.context import DemoContext
from guongsang.initiatives import services
from guongsang.initiatives.models import Field, Initiative, Scope
from guongsang.people.models import Person

FIGHTER = "chien-si-thi-dua-co-so"
BASE_COUNCIL = "Hội đồng sáng kiến Sở Lao động - Thương binh và Xã hội"
CITY_COUNCIL = "Hội đồng sáng kiến Thành phố Hà Nội"

# (title, field, description, outcome, days ago registered, days ago decided)
# outcome: a scope recognised, "" waiting for the council, "refused" not recognised.
INITIATIVES = (
    (
        "Sổ theo dõi đối tượng bảo trợ xã hội điện tử",
        Field.MANAGEMENT,
        "Thay sổ giấy bằng bảng tra cứu dùng chung; thời gian lập báo cáo tháng giảm từ 3 "
        "ngày xuống nửa ngày.",
        Scope.BASE,
        200,
        90,
    ),
    (
        "Quy trình tiếp nhận hồ sơ người có công một cửa liên thông",
        Field.OPERATIONS,
        "Gộp ba bước tiếp nhận thành một; hồ sơ trả đúng hẹn tăng từ 82% lên 97%.",
        Scope.BASE,
        180,
        80,
    ),
    (
        "Bộ công cụ khử khuẩn buồng bệnh theo ca",
        Field.TECHNICAL,
        "Bảng kiểm và lịch khử khuẩn theo ca trực; không còn ca nhiễm khuẩn chéo trong năm.",
        Scope.BASE,
        170,
        75,
    ),
    (
        "Ứng dụng bảng tính tự động tính chế độ trợ cấp",
        Field.APPLIED,
        "Bảng tính kiểm tra điều kiện và tính mức trợ cấp theo văn bản hiện hành, tránh sai sót.",
        Scope.BASE,
        160,
        70,
    ),
    (
        "Mô hình lớp học thực hành gia công cơ khí theo đơn đặt hàng",
        Field.TECHNICAL,
        "Học sinh làm sản phẩm thật cho doanh nghiệp; tỷ lệ có việc làm sau tốt nghiệp 95%.",
        Scope.CITY,
        300,
        40,
    ),
    (
        "Phiếu khảo sát nhu cầu học nghề trực tuyến",
        Field.MANAGEMENT,
        "Thu nhu cầu học nghề của người lao động qua mã QR, tổng hợp tự động theo quận, huyện.",
        "",
        20,
        None,
    ),
    (
        "Sắp xếp lại kho lưu trữ hồ sơ theo mã màu",
        Field.OPERATIONS,
        "Dán nhãn màu theo năm; hội đồng đánh giá chưa đủ tính mới để công nhận.",
        "refused",
        150,
        60,
    ),
)
# Recognised last year: (title, field, description).
LAST_YEAR = (
    (
        "Lịch trực chăm sóc nạn nhân chất độc da cam theo nhóm bệnh",
        Field.MANAGEMENT,
        "Phân nhóm theo mức độ phụ thuộc; giảm giờ làm thêm của nhân viên chăm sóc 20%.",
    ),
    (
        "Hướng dẫn an toàn lao động bằng video ngắn",
        Field.APPLIED,
        "Mười video hai phút cho từng máy; số sự cố tại xưởng giảm một nửa.",
    ),
)


def _authors() -> list[Person]:
    """The Chiến sĩ thi đua cơ sở of the latest year on record, in a stable order."""
    last = (
        Award.objects.filter(title__code=FIGHTER, revoked_on=None)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    assert last is not None, "the awards step writes Chiến sĩ thi đua cơ sở first"
    ids = (
        Award.objects.filter(title__code=FIGHTER, year=last, revoked_on=None)
        .order_by("person__sort_name", "person_id")
        .values_list("person_id", flat=True)
    )
    people = Person.objects.in_bulk(list(ids))
    return [people[i] for i in dict.fromkeys(ids)]


def _register(
    title: str,
    field: str,
    description: str,
    author: Person,
    partner: Person | None,
    registered_on: dt.date,
) -> Initiative:
    authors = [(author, Decimal("100"))]
    if partner is not None:
        authors = [(author, Decimal("70")), (partner, Decimal("30"))]
    return services.initiative_register(
        actor=None,
        unit=author.home_unit,
        title=title,
        field=field,
        started_on=registered_on - dt.timedelta(days=240),
        registered_on=registered_on,
        description=description,
        authors=authors,
    )


def _assess(initiative: Initiative, scope: str, decided_on: dt.date, number: str) -> None:
    recognised = scope != "refused"
    services.initiative_assess(
        actor=None,
        initiative=initiative,
        council=CITY_COUNCIL if scope == Scope.CITY else BASE_COUNCIL,
        score=Decimal("88.5") if recognised else Decimal("42"),
        recognised=recognised,
        scope=scope if recognised else "",
        decision_number=number,
        decision_date=decided_on,
    )


def seed() -> dict[str, int]:
    today = timezone.localdate()
    people = _authors()
    teacher = Person.objects.get(full_name=facts.HONOUREE_TEACHER.full_name)
    made = 0
    for i, (title, field, description, outcome, ago, decided) in enumerate(INITIATIVES):
        author = teacher if outcome == Scope.CITY else people[(7 * i) % len(people)]
        partner = people[(7 * i + 3) % len(people)] if i % 2 else None
        if partner is not None and partner.home_unit_id != author.home_unit_id:
            partner = None  # co-authors from the same unit only, as units register them
        initiative = _register(
            title, field, description, author, partner, today - dt.timedelta(days=ago)
        )
        if decided is not None:
            _assess(
                initiative,
                outcome,
                today - dt.timedelta(days=decided),
                f"{10 + i}/QĐ-HĐSK",
            )
        made += 1
    last_year = today.year - 1
    for i, (title, field, description) in enumerate(LAST_YEAR):
        author = people[(11 * i + 5) % len(people)]
        initiative = _register(
            title, field, description, author, None, dt.date(last_year, 3, 10 + i)
        )
        _assess(initiative, Scope.BASE, dt.date(last_year, 11, 20 + i), f"{50 + i}/QĐ-HĐSK")
        made += 1
    return {"initiatives": made}


def step(ctx: DemoContext) -> None:
    ctx.made.update(seed())
