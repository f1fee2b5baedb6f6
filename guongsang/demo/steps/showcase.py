"""Demo data of the Vườn hoa: stories of the 2022 and 2023 honourees ("Người tốt, việc tốt"
at city and base level, "Tập thể tốt"), written from templates for the demo, consent recorded
and published (some featured); and a few citizens' tips in every state.

Called by guongsang.demo.builder after the award history and the dossiers exist.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from guongsang.accounts.models import User
from guongsang.awards.models import Award
from guongsang.catalogue.models import Title
from guongsang.demo import facts
from guongsang.demo.context import DemoContext
from guongsang.demo.steps.awards import GOOD_COLLECTIVE, GOOD_PERSON_BASE, GOOD_PERSON_CITY
from guongsang.org.models import Unit
from guongsang.showcase import services
from guongsang.showcase.models import Story, Tip

YEARS = (facts.YEAR_2022.year, facts.YEAR_2023.year)
SEED = 20220923

# Templated texts written for the demo (not taken from any article). {name}, {unit}, {year}.
OPENINGS = (
    "Ở {unit}, ai cũng biết đến {name} — người luôn đến sớm nhất và về muộn nhất.",
    "Hơn mười năm gắn bó với {unit}, {name} vẫn giữ nguyên sự tận tụy của ngày đầu.",
    "Với đồng nghiệp ở {unit}, {name} là chỗ dựa những lúc công việc khó khăn nhất.",
    "Không ồn ào, không phô trương, {name} lặng lẽ làm những việc nhỏ mà ý nghĩa tại {unit}.",
)
DEEDS = (
    "Năm {year}, {name} chủ động nhận chăm sóc những đối tượng yếu thế nhất, "
    "thay ca cho đồng nghiệp ốm đau mà không một lời than phiền.",
    "Năm {year}, {name} đề xuất cách sắp xếp lại công việc giúp đơn vị rút ngắn thời gian "
    "giải quyết hồ sơ cho người dân, được lãnh đạo ghi nhận và nhân rộng.",
    "Năm {year}, {name} cùng đồng nghiệp quyên góp, vận động được nhiều suất quà cho các gia "
    "đình chính sách, hộ nghèo trên địa bàn trong dịp Tết.",
    "Năm {year}, {name} nhặt được tài sản có giá trị của người khác và tìm mọi cách trả lại "
    "cho người đánh rơi.",
    "Năm {year}, {name} kèm cặp nhiều học viên, đồng nghiệp trẻ, truyền lại kinh nghiệm nghề "
    "một cách tận tình.",
)
CLOSINGS = (
    "Việc làm của {name} góp phần lan tỏa phong trào “Người tốt, việc tốt” trong toàn ngành.",
    "Tấm gương của {name} được đồng nghiệp và người dân quý mến, noi theo.",
    "{name} chia sẻ: “Mình chỉ làm đúng phần việc của mình, bằng cả tấm lòng.”",
)
COLLECTIVE_OPENINGS = (
    "Tập thể {name} là một trong những đơn vị dẫn đầu phong trào thi đua năm {year}.",
    "Năm {year}, tập thể {name} đoàn kết, hoàn thành xuất sắc nhiệm vụ được giao.",
)
COLLECTIVE_DEEDS = (
    "Cán bộ, viên chức của đơn vị chung tay chăm lo cho đối tượng được nuôi dưỡng, tổ chức "
    "nhiều hoạt động văn hóa, thể thao, giúp mọi người sống vui, sống khỏe.",
    "Đơn vị tổ chức nhiều đợt tình nguyện, hiến máu, quyên góp ủng hộ đồng bào vùng lũ và "
    "các gia đình có hoàn cảnh khó khăn.",
)
MEDICAL_STORY = (
    "Lê Thị Bích Liên làm việc tại {unit}. Hằng ngày, chị chăm sóc, điều trị và phục hồi "
    "chức năng cho các nạn nhân chất độc da cam/dioxin — những người cần sự kiên nhẫn và "
    "yêu thương hơn ai hết.\n"
    "Tại Hội nghị biểu dương ngày 23/9/2022, chị là một trong hai gương điển hình báo cáo "
    "kinh nghiệm trước hội nghị.\n"
    "Chị chia sẻ: “Mỗi tiến bộ nhỏ của các cháu là niềm vui lớn của chúng tôi.”"
)
TEACHER_STORY = (
    "Cô giáo Nguyễn Thị Bích Thủy giảng dạy tại {unit}. Cô không chỉ truyền nghề mà còn "
    "giúp nhiều học sinh có hoàn cảnh khó khăn yên tâm theo học, tìm được việc làm.\n"
    "Tại Hội nghị biểu dương ngày 23/9/2022, cô là một trong hai gương điển hình báo cáo "
    "kinh nghiệm trước hội nghị.\n"
    "Với cô, “dạy nghề là dạy người”: mỗi học sinh ra trường có việc làm ổn định là phần "
    "thưởng lớn nhất."
)
TIPS = (
    # (status, about_who, where, what, tipster_name, contact)
    (
        "new",
        "Anh xe ôm ở ngõ 12",
        "Phường Láng Hạ, quận Đống Đa",
        "Chở miễn phí một cụ già bị lạc về tận nhà lúc nửa đêm.",
        "Phạm Văn Khải",
        "0983111222",
    ),
    (
        "new",
        "Chị bán hàng nước",
        "Phường Tràng Tiền, quận Hoàn Kiếm",
        "Nhặt được ví có giấy tờ và tiền, đã nhờ công an phường trả lại người mất.",
        "Đỗ Thị Mai",
        "mai.do@example.vn",
    ),
    (
        "accepted",
        "Cán bộ Trung tâm Bảo trợ xã hội",
        "Huyện Ba Vì",
        "Thức trắng đêm chăm sóc một cụ bà ốm nặng không có người thân.",
        "Nguyễn Hữu Phước",
        "0912000333",
    ),
    (
        "merged",
        "Chị bán hàng nước ở Tràng Tiền",
        "Quận Hoàn Kiếm",
        "Trả lại ví cho người đánh rơi.",
        "Lý Văn Sơn",
        "0904555666",
    ),
    (
        "rejected",
        "Một người không rõ tên",
        "Không rõ",
        "Thấy ai đó giúp người khác trên mạng xã hội.",
        "Ẩn danh",
        "0900000001",
    ),
    (
        "dossier",
        "Thầy giáo dạy nghề tình nguyện",
        "Trường Trung cấp nghề Cơ khí I Hà Nội",
        "Dạy miễn phí buổi tối cho thanh niên hoàn cảnh khó khăn suốt hai năm.",
        "Trịnh Thị Lan",
        "0977888999",
    ),
)


def _text(rng: random.Random, *parts: tuple[str, ...], **values: str) -> str:
    return "\n".join(rng.choice(pool).format(**values) for pool in parts)


def _photo(name: str, hue: int) -> SimpleUploadedFile:
    """A picture for a demo story, drawn with Pillow (a warm sky, a sun, a field of flowers):
    the demo ships no photographs of real people."""
    from PIL import Image, ImageDraw

    width, height = 1200, 675
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=(255, int(200 - 80 * t), int(120 + hue * t) % 256))
    draw.ellipse((820, 90, 1020, 290), fill=(255, 214, 102))
    draw.rectangle((0, 470, width, height), fill=(86, 140, 70))
    rng = random.Random(name)
    for _ in range(90):
        x, y, r = rng.randrange(width), rng.randrange(480, height), rng.randrange(6, 16)
        colour = rng.choice([(230, 57, 70), (255, 255, 255), (255, 183, 3), (241, 143, 170)])
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile(f"{name}.jpg", buffer.getvalue(), content_type="image/jpeg")


def _summary(body: str, *, name: str, year: int) -> str:
    """The story's deed in one sentence, without the name the card's title already gives:
    'Năm 2023, Đặng Thị Nga chủ động nhận…' → 'Chủ động nhận…'."""
    for line in body.splitlines():
        for prefix in (f"Năm {year}, {name} ", f"Năm {year}, tập thể {name} "):
            if line.startswith(prefix):
                rest = line[len(prefix) :]
                return rest[:1].upper() + rest[1:]
    lines = body.splitlines()
    return lines[1] if len(lines) > 1 and name not in lines[1] else ""


def _awards() -> list[Award]:
    return list(
        Award.objects.filter(
            year__in=YEARS,
            title__code__in=(GOOD_PERSON_CITY, GOOD_PERSON_BASE, GOOD_COLLECTIVE),
            revoked_on__isnull=True,
        )
        .select_related("title", "person", "unit")
        .order_by("year", "title__order", "id")
    )


def _story_for(award: Award, rng: random.Random, secretary: User | None) -> Story:
    unit = award.unit
    if award.person is not None:
        name = award.person.full_name
        values = {"name": name, "unit": unit.name, "year": str(award.year)}
        if name == facts.HONOUREE_MEDICAL.full_name:
            body = MEDICAL_STORY.format(**values)
            title = "Lê Thị Bích Liên: bàn tay ấm của các nạn nhân da cam"
        elif name == facts.HONOUREE_TEACHER.full_name:
            body = TEACHER_STORY.format(**values)
            title = "Cô giáo Nguyễn Thị Bích Thủy: dạy nghề là dạy người"
        else:
            body = _text(rng, OPENINGS, DEEDS, CLOSINGS, **values)
            title = f"{name}: {award.title.name} năm {award.year}"
        summary = _summary(body, name=name, year=award.year)
        named = name in (facts.HONOUREE_MEDICAL.full_name, facts.HONOUREE_TEACHER.full_name)
        return services.story_create(
            actor=None,
            unit=unit,
            title=title,
            body=body,
            year=award.year,
            summary=summary,
            person=award.person,
            award=award,
            photo=_photo(f"anh-{award.pk}", 60 if "Liên" in name else 140) if named else None,
            photo_alt=f"Tranh minh họa câu chuyện về {name}" if named else "",
        )
    values = {"name": unit.name, "unit": unit.name, "year": str(award.year)}
    body = _text(rng, COLLECTIVE_OPENINGS, COLLECTIVE_DEEDS, **values)
    return services.story_create(
        actor=None,
        unit=unit,
        title=f"Tập thể {unit.name}: {award.title.name} năm {award.year}",
        body=body,
        year=award.year,
        summary=_summary(body, name=unit.name, year=award.year),
        collective_name=unit.name,
        award=award,
    )


@transaction.atomic
def seed() -> dict[str, int]:
    """Create the demo stories and tips; idempotent (does nothing when stories exist)."""
    if Story.objects.exists():
        return {"stories": 0, "tips": 0}
    rng = random.Random(SEED)
    secretary = User.objects.filter(username="thuongtruc").first()
    named = {facts.HONOUREE_MEDICAL.full_name, facts.HONOUREE_TEACHER.full_name}
    stories: list[Story] = []
    for award in _awards():
        story = _story_for(award, rng, secretary)
        decided = award.decision_date or dt.date(award.year, 11, 30)
        published = timezone.make_aware(
            dt.datetime.combine(decided + dt.timedelta(days=10), dt.time(9, 0))
        ) + dt.timedelta(minutes=len(stories))
        featured = (story.person is not None and story.person.full_name in named) or (
            award.title.code == GOOD_PERSON_CITY and award.year == YEARS[-1] and rng.random() < 0.5
        )
        note = f"Phiếu đồng ý đăng tải ký ngày {decided:%d/%m/%Y}, lưu tại Văn phòng Sở"
        services.story_record_consent(actor=secretary, story=story, note=note)
        services.story_publish(actor=secretary, story=story)
        Story.objects.filter(pk=story.pk).update(published_at=published, featured=featured)
        stories.append(story)
    collective = _collective_2023(secretary)
    if collective is not None:
        stories.append(collective)
    tips = _seed_tips(secretary, stories)
    return {"stories": len(stories), "tips": tips}


def _collective_2023(secretary: User | None) -> Story | None:
    """The demo's award history has no "Tập thể tốt" in 2022–2023: the 2023 book still tells
    of one collective of the department, so the demo has one collective story (no award)."""
    division = (
        Unit.objects.filter(code=facts.DIOXIN_MEDICAL_DIVISION).select_related("parent").first()
    )
    if division is None:
        return None
    unit = division.parent or division
    values = {"name": unit.name, "unit": unit.name, "year": "2023"}
    story = services.story_create(
        actor=None,
        unit=unit,
        title=f"{unit.name}: mái nhà chung của những nạn nhân da cam",
        body="\n".join(
            [
                COLLECTIVE_OPENINGS[1].format(**values),
                COLLECTIVE_DEEDS[0].format(**values),
                "Câu chuyện của tập thể được chọn giới thiệu trong cuốn sách "
                f"“{facts.BOOK_2023}” năm 2023.",
            ]
        ),
        year=2023,
        summary=COLLECTIVE_DEEDS[0].format(**values),
        collective_name=unit.name,
        photo=_photo("anh-tap-the-2023", 100),
        photo_alt=f"Tranh minh họa câu chuyện về tập thể {unit.name}",
    )
    services.story_record_consent(
        actor=secretary, story=story, note="Văn bản đồng ý của đơn vị ngày 02/10/2023"
    )
    services.story_publish(actor=secretary, story=story)
    published = timezone.make_aware(dt.datetime(2023, 10, 10, 9, 0))
    Story.objects.filter(pk=story.pk).update(published_at=published, featured=True)
    return story


def _seed_tips(secretary: User | None, stories: list[Story]) -> int:
    first_new: Tip | None = None
    count = 0
    for status, who, where, what, name, contact in TIPS:
        tip = services.tip_submit(
            about_who=who, where=where, what=what, tipster_name=name, tipster_contact=contact
        )
        count += 1
        if status == "new":
            first_new = first_new or tip
        elif status == "accepted":
            services.tip_accept(actor=secretary, tip=tip)
        elif status == "merged" and first_new is not None:
            services.tip_merge(actor=secretary, tip=tip, into_tip=first_new)
        elif status == "rejected":
            services.tip_reject(
                actor=secretary,
                tip=tip,
                reason="Không đủ thông tin để xác minh (không rõ người, nơi).",
            )
        elif status == "dossier" and secretary is not None:
            _tip_dossier(secretary, tip)
    return count


def _tip_dossier(secretary: User, tip: Tip) -> None:
    """The teacher's tip became a draft nomination of the vocational school."""
    from guongsang.people.models import Person

    unit = Unit.objects.filter(code=facts.MECHANICAL_FACULTY).first()
    title = Title.objects.filter(code=GOOD_PERSON_BASE).first()
    if unit is None or title is None:
        return
    school = unit.parent or unit
    person = (
        Person.objects.filter(home_unit=unit)
        .exclude(full_name=facts.HONOUREE_TEACHER.full_name)
        .order_by("id")
        .first()
    )
    if person is None:
        return
    services.tip_accept(actor=secretary, tip=tip)
    services.tip_to_dossier(
        actor=secretary,
        tip=tip,
        unit=school,
        title=title,
        year=timezone.localdate().year,
        person=person,
    )


def step(ctx: DemoContext) -> None:
    ctx.made.update(seed())
