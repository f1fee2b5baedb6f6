"""Demo: the commendation conference of 23/9/2022 (Hội nghị biểu dương điển hình "Người tốt,
việc tốt", 30 years of the movement) with the officials of the articles in their roles, its
programme, the 26 honourees of 2022 (5 at city level, 21 at department level, read from the
award records) and the two honourees' reports.

Called by guongsang.demo.builder after the award history (and the decisions) exist. The
programme's wording and the reports are written for the demo; only roles and figures come from
the articles (guongsang/demo/facts.py).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from guongsang.awards.models import Award
from guongsang.conference import services
from guongsang.conference.models import Conference
from guongsang.demo import facts
from guongsang.demo.context import DemoContext
from guongsang.demo.steps.awards import GOOD_COLLECTIVE, GOOD_PERSON_BASE, GOOD_PERSON_CITY
from guongsang.org.models import Unit
from guongsang.org.selectors import unit_ids_for_counting
from guongsang.people.models import Person

NAME = (
    "Hội nghị biểu dương điển hình tiên tiến “Người tốt, việc tốt” năm 2022"
    " và kỷ niệm 30 năm phong trào"
)
PLACE = "Hội trường Sở Lao động - Thương binh và Xã hội Hà Nội"
# Guests in the order of protocol: the city, the ministry, the city board, the department.
GUESTS = (
    facts.CITY_VICE_CHAIRMAN,
    facts.MINISTRY_DEPUTY_CHIEF_OF_OFFICE,
    facts.CITY_BOARD_HEAD,
    facts.DIRECTOR,
    facts.DEPUTY_DIRECTOR,
)
MEDICAL_REPORT = (
    "Tôi là Lê Thị Bích Liên, viên chức {unit}.\n"
    "Công việc hằng ngày của chúng tôi là chăm sóc, điều trị và phục hồi chức năng cho các "
    "nạn nhân chất độc da cam/dioxin. Mỗi người bệnh là một hoàn cảnh, cần sự kiên nhẫn và "
    "yêu thương.\n"
    "Chúng tôi chia ca trực để không người bệnh nào bị bỏ lại một mình, cùng nhau học thêm "
    "các phương pháp phục hồi chức năng, và coi mỗi tiến bộ nhỏ của các cháu là niềm vui lớn.\n"
    "Tôi xin hứa tiếp tục rèn luyện, lan tỏa tinh thần “Người tốt, việc tốt” trong đơn vị."
)
TEACHER_REPORT = (
    "Tôi là Nguyễn Thị Bích Thủy, giáo viên {unit}.\n"
    "Với tôi, dạy nghề là dạy người. Ngoài giờ lên lớp, tôi cùng đồng nghiệp theo dõi từng "
    "học sinh có hoàn cảnh khó khăn, kết nối với doanh nghiệp để các em có việc làm khi ra "
    "trường.\n"
    "Tôi xin cảm ơn Nhà trường, Sở và Thành phố đã ghi nhận; tôi sẽ tiếp tục cố gắng để "
    "xứng đáng với danh hiệu."
)


def _department() -> Unit:
    return Unit.objects.get(code=facts.DEPARTMENT)


def _unit_name(code: str) -> str:
    unit = Unit.objects.filter(code=code).first()
    return unit.name if unit is not None else ""


def honourees_2022(department: Unit) -> list[Award]:
    """The 2022 "Người tốt, việc tốt" (city and department level) and "Tập thể tốt" awards of
    the department's units: whoever was decided before the conference, city level first."""
    return list(
        Award.objects.filter(
            year=facts.CONFERENCE_2022.year,
            title__code__in=(GOOD_PERSON_CITY, GOOD_PERSON_BASE, GOOD_COLLECTIVE),
            unit_id__in=unit_ids_for_counting(department),
            revoked_on__isnull=True,
        )
        .select_related("title", "person", "unit")
        .order_by(
            "-title__level", "target", "title__order", "person__sort_name", "unit__name", "pk"
        )
    )


def _programme(conference: Conference) -> None:
    director = f"{facts.DIRECTOR.full_name}, {facts.DIRECTOR.title}"
    deputy = f"{facts.DEPUTY_DIRECTOR.full_name}, {facts.DEPUTY_DIRECTOR.title}"
    plan = facts.YEAR_2022.plan_contents
    items = (
        (dt.time(8, 0), "Đón tiếp đại biểu", "Ban Tổ chức"),
        (dt.time(8, 30), "Chương trình văn nghệ chào mừng", "Đội văn nghệ các đơn vị"),
        (dt.time(8, 45), "Tuyên bố lý do, giới thiệu đại biểu", deputy),
        (
            dt.time(8, 55),
            f"Khai mạc hội nghị; phát động phong trào thi đua năm 2022 ({plan} nội dung)",
            director,
        ),
        (
            dt.time(9, 15),
            "Báo cáo kết quả 30 năm thực hiện phong trào “Người tốt, việc tốt”",
            deputy,
        ),
        (
            dt.time(9, 40),
            "Báo cáo điển hình: chăm sóc nạn nhân chất độc da cam/dioxin",
            facts.HONOUREE_MEDICAL.full_name,
        ),
        (
            dt.time(9, 55),
            "Báo cáo điển hình: dạy nghề là dạy người",
            facts.HONOUREE_TEACHER.full_name,
        ),
        (
            dt.time(10, 10),
            "Phát biểu của đại diện Bộ Lao động - Thương binh và Xã hội",
            facts.MINISTRY_DEPUTY_CHIEF_OF_OFFICE.full_name,
        ),
        (
            dt.time(10, 25),
            "Phát biểu chỉ đạo của lãnh đạo Thành phố",
            facts.CITY_VICE_CHAIRMAN.full_name,
        ),
        (
            dt.time(10, 45),
            "Trao danh hiệu “Người tốt, việc tốt” cấp Thành phố",
            facts.CITY_VICE_CHAIRMAN.full_name,
        ),
        (dt.time(10, 55), "Biểu dương các điển hình cấp Sở", director),
        (dt.time(11, 10), "Bế mạc hội nghị", director),
    )
    for starts_at, title, speaker in items:
        services.item_add(
            actor=None, conference=conference, starts_at=starts_at, title=title, speaker=speaker
        )


@transaction.atomic
def seed() -> dict[str, int]:
    """Create the conference of 23/9/2022; idempotent (nothing when it exists)."""
    department = _department()
    if Conference.objects.filter(organiser=department, held_on=facts.CONFERENCE_2022).exists():
        return {"conferences": 0, "honourees": 0}
    conference = services.conference_create(
        actor=None,
        organiser=department,
        name=NAME,
        held_on=facts.CONFERENCE_2022,
        starts_at=dt.time(8, 0),
        place=PLACE,
        award_year=facts.CONFERENCE_2022.year,
        is_public=True,
    )
    people = {
        p.full_name: p
        for p in Person.objects.filter(full_name__in=[g.full_name for g in GUESTS]).order_by("pk")
    }
    for role in GUESTS:
        services.guest_add(
            actor=None,
            conference=conference,
            full_name=role.full_name,
            role=role.title,
            organisation=_unit_name(role.unit_code),
            person=people.get(role.full_name),
        )
    _programme(conference)
    added = services.honourees_add(
        actor=None, conference=conference, awards=honourees_2022(department)
    )
    for role, text, title in (
        (facts.HONOUREE_MEDICAL, MEDICAL_REPORT, "Tận tụy với nạn nhân chất độc da cam/dioxin"),
        (facts.HONOUREE_TEACHER, TEACHER_REPORT, "Dạy nghề là dạy người"),
    ):
        unit = _unit_name(role.unit_code)
        services.report_add(
            actor=None,
            conference=conference,
            speaker=role.full_name,
            role=f"{role.title}, {unit}",
            title=title,
            body=text.format(unit=unit),
        )
    return {"conferences": 1, "honourees": added}


def step(ctx: DemoContext) -> None:
    ctx.made.update(seed())
