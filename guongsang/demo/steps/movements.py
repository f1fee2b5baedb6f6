"""The demo's movements and plans (phong trào, kế hoạch) and the pledges made against them.

The city's "Người tốt, việc tốt" movement launched in 1992; the department's yearly movement
from 2009 to last year (and this year's, open today), each linked to it; the 2022 plan with
its 13 contents (launched by the Director at the conference of 23/9/2022) and the 2024 plan with
its 6; pledges of most of the department's units from 2023 on, a few missing so the secretariat
has someone to chase.
The plan texts are written for the demo; only facts and figures come from the articles.

Call `seed_movements()` after the organisation and the people exist. It is idempotent (a second
call changes nothing), writes in bulk and leaves one audit entry for the lot.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from guongsang.catalogue.models import BaseSalary, Prerequisite, Title
from guongsang.catalogue.seed import seed_catalogue
from guongsang.demo import facts
from guongsang.demo.context import DemoContext, audit_seeded
from guongsang.movements.models import LegalBasis, Movement, MovementKind, PlanContent, Pledge
from guongsang.movements.selectors import units_expected_to_pledge
from guongsang.org.models import Unit, UnitType
from guongsang.people.models import Person

AUDIT_TYPE = "movements.movement"
AUDIT_REPR = "Phong trào thi đua mẫu"
SEED = 2022

FIRST_YEAR, LAST_YEAR = 2009, 2024  # LAST_YEAR: the last year the articles speak of
PLEDGE_YEARS = (2023, 2024)
CITY_MOVEMENT_NAME = "Phong trào thi đua “Người tốt, việc tốt” của Thành phố Hà Nội"
CITY_LAUNCHED_ON = dt.date(facts.MOVEMENT_LAUNCHED, 1, 1)  # the articles give only the year
DEPARTMENT_PLAN_ISSUER = "KH-SLĐTBXH"


def department_movement_name(year: int) -> str:
    return (
        f"Phong trào thi đua “Người tốt, việc tốt” ngành Lao động - Thương binh và Xã hội "
        f"Hà Nội năm {year}"
    )


@dataclass(frozen=True)
class Basis:
    number: str
    kind: str
    title: str
    issuer: str
    issued_on: dt.date
    in_force_until: dt.date | None = None  # replaced from this date: later plans cite another


LAW_2022_IN_FORCE = dt.date(2024, 1, 1)
LEGAL_BASES = (
    Basis(
        "15/2003/QH11",
        "Luật",
        "Thi đua, khen thưởng",
        "Quốc hội",
        dt.date(2003, 11, 26),
        LAW_2022_IN_FORCE,
    ),
    Basis(
        "47/2005/QH11",
        "Luật",
        "sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
        "Quốc hội",
        dt.date(2005, 6, 14),
        LAW_2022_IN_FORCE,
    ),
    Basis(
        "39/2013/QH13",
        "Luật",
        "sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
        "Quốc hội",
        dt.date(2013, 11, 16),
        LAW_2022_IN_FORCE,
    ),
    Basis(
        "06/2022/QH15",
        "Luật",
        "Thi đua, khen thưởng",
        "Quốc hội",
        dt.date(2022, 6, 15),
    ),
    Basis(
        "121/2005/NĐ-CP",
        "Nghị định",
        "quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng",
        "Chính phủ",
        dt.date(2005, 9, 30),
        dt.date(2010, 6, 1),
    ),
    Basis(
        "42/2010/NĐ-CP",
        "Nghị định",
        "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        "Chính phủ",
        dt.date(2010, 4, 15),
        dt.date(2017, 9, 15),
    ),
    Basis(
        "91/2017/NĐ-CP",
        "Nghị định",
        "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        "Chính phủ",
        dt.date(2017, 7, 31),
        dt.date(2023, 12, 31),
    ),
    Basis(
        "98/2023/NĐ-CP",
        "Nghị định",
        "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        "Chính phủ",
        dt.date(2023, 12, 31),
    ),
    Basis(
        "34-CT/TW",
        "Chỉ thị",
        "về tiếp tục đổi mới công tác thi đua, khen thưởng",
        "Bộ Chính trị",
        dt.date(2014, 4, 7),
    ),
    Basis(
        "05-CT/TW",
        "Chỉ thị",
        "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Bộ Chính trị",
        dt.date(2016, 5, 15),
    ),
)
LAW_2022_BASES = ("06/2022/QH15", "98/2023/NĐ-CP")


def bases_for(launched_on: dt.date) -> list[str]:
    """What a plan launched on that date cites: texts issued by then and not yet replaced;
    from 2024 on, the 2022 Law and its decree (they are in force from the start of the year)."""
    chosen = []
    for basis in LEGAL_BASES:
        if basis.number in LAW_2022_BASES:
            if launched_on >= LAW_2022_IN_FORCE - dt.timedelta(days=1):
                chosen.append(basis.number)
            continue
        if basis.issued_on <= launched_on and (
            basis.in_force_until is None or launched_on < basis.in_force_until
        ):
            chosen.append(basis.number)
    return chosen


PLAN_2022 = (
    (
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với phát hiện, "
        "bồi dưỡng và nhân rộng các gương “Người tốt, việc tốt” trong toàn ngành",
        "Mỗi đơn vị lựa chọn, giới thiệu ít nhất một tấm gương tiêu biểu trong năm.",
    ),
    (
        "Chăm lo đời sống vật chất, tinh thần của người có công với cách mạng; đẩy mạnh "
        "phong trào “Đền ơn đáp nghĩa, uống nước nhớ nguồn”",
        "Giải quyết đúng, đủ, kịp thời chế độ ưu đãi; không để hộ người có công thuộc diện "
        "hộ nghèo.",
    ),
    (
        "Thi đua giải quyết việc làm, kết nối cung - cầu lao động, phát triển thị trường "
        "lao động Thủ đô",
        "Tổ chức phiên giao dịch việc làm định kỳ và lưu động; hoàn thành chỉ tiêu giải quyết "
        "việc làm được giao.",
    ),
    (
        "Nâng cao chất lượng giáo dục nghề nghiệp; thi đua “Dạy tốt, học tốt” tại các trường "
        "trực thuộc Sở",
        "Đổi mới chương trình, phương pháp đào tạo gắn với nhu cầu của doanh nghiệp.",
    ),
    (
        "Thực hiện đầy đủ, kịp thời chính sách trợ giúp xã hội; thi đua “Vì người nghèo - "
        "Không để ai bị bỏ lại phía sau”",
        "",
    ),
    (
        "Thi đua “Quản lý, chăm sóc, nuôi dưỡng tốt đối tượng” tại các trung tâm bảo trợ xã "
        "hội, chăm sóc người tâm thần, người có công và nạn nhân chất độc da cam/dioxin",
        "Bảo đảm an toàn tuyệt đối cho đối tượng; nâng cao chất lượng chăm sóc, phục hồi "
        "chức năng.",
    ),
    (
        "Nâng cao hiệu quả cai nghiện ma túy và quản lý sau cai nghiện; phòng, chống tệ nạn xã hội",
        "Hoàn thành chỉ tiêu tiếp nhận cai nghiện bắt buộc; hỗ trợ học nghề, tạo việc làm "
        "cho người sau cai.",
    ),
    (
        "Bảo vệ, chăm sóc trẻ em; thúc đẩy bình đẳng giới và vì sự tiến bộ của phụ nữ",
        "",
    ),
    (
        "Đẩy mạnh cải cách hành chính; nâng cao mức độ hài lòng của người dân, doanh nghiệp "
        "đối với dịch vụ công của ngành",
        "Giải quyết hồ sơ đúng hạn, công khai, minh bạch; tăng tỷ lệ hồ sơ trực tuyến.",
    ),
    (
        "Chuyển đổi số trong quản lý nhà nước về lao động, người có công và xã hội; hoàn "
        "thiện, khai thác cơ sở dữ liệu của ngành",
        "",
    ),
    (
        "Thực hiện văn hóa công sở và quy tắc ứng xử của cán bộ, công chức, viên chức, người "
        "lao động",
        "",
    ),
    (
        "Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng, tiêu cực",
        "",
    ),
    (
        "Hưởng ứng Cuộc thi viết về gương điển hình tiên tiến, “Người tốt, việc tốt”; tuyên "
        "truyền, biểu dương kịp thời các điển hình nhân dịp 30 năm phong trào (1992 - 2022)",
        "Mỗi đơn vị có bài viết tham gia cuộc thi cấp ngành.",
    ),
)

PLAN_2024 = (
    (
        "Tiếp tục thực hiện Chỉ thị số 34-CT/TW của Bộ Chính trị; triển khai Luật Thi đua, "
        "khen thưởng năm 2022 và Nghị định số 98/2023/NĐ-CP đến từng đơn vị",
        "Rà soát, ban hành lại quy chế thi đua, khen thưởng của đơn vị theo quy định mới.",
    ),
    (
        "Gắn phong trào “Người tốt, việc tốt” với học tập và làm theo tư tưởng, đạo đức, "
        "phong cách Hồ Chí Minh và các phong trào thi đua yêu nước của Thành phố",
        "",
    ),
    (
        "Thi đua hoàn thành các chỉ tiêu năm 2024 về giải quyết việc làm, tuyển sinh giáo dục "
        "nghề nghiệp, cai nghiện ma túy và bảo đảm an sinh xã hội",
        "Các chỉ tiêu được theo dõi hằng tháng trên hệ thống.",
    ),
    (
        "Thực hiện văn hóa công sở và nơi công cộng; xây dựng người Hà Nội thanh lịch, văn minh",
        "",
    ),
    (
        "Phát động và hưởng ứng Cuộc thi viết về gương điển hình tiên tiến, “Người tốt, việc "
        "tốt” năm 2024 theo Kế hoạch của UBND Thành phố; nâng cao chất lượng bài viết",
        "",
    ),
    (
        "Phát hiện, khen thưởng kịp thời và nhân rộng điển hình; giới thiệu gương tiêu biểu "
        "của ngành vào sách “Những bông hoa đẹp” của Thành phố",
        "",
    ),
)

# Other years: a shorter plan of the same shape (the articles give only 2022's and 2024's).
PLAN_OTHER_YEARS = (
    ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh trong toàn ngành", ""),
    ("Thi đua hoàn thành xuất sắc chỉ tiêu, nhiệm vụ chuyên môn được giao trong năm", ""),
    ("Quản lý, chăm sóc, nuôi dưỡng tốt đối tượng; thực hiện tốt chính sách an sinh xã hội", ""),
    ("Phát hiện, bồi dưỡng, biểu dương các gương “Người tốt, việc tốt”", ""),
    ("Hưởng ứng Cuộc thi viết về gương điển hình tiên tiến, “Người tốt, việc tốt”", ""),
)
PLANS = {2022: PLAN_2022, 2024: PLAN_2024}

PURPOSE = (
    "Phát huy truyền thống yêu nước, tinh thần tương thân tương ái của cán bộ, công chức, viên "
    "chức và người lao động toàn ngành; kịp thời phát hiện, biểu dương, nhân rộng các gương "
    "“Người tốt, việc tốt”, góp phần hoàn thành các nhiệm vụ chính trị năm {year}."
)
CITY_PURPOSE = (
    "Phong trào thi đua thường xuyên của Thủ đô, phát động từ năm 1992: phát hiện, tôn vinh "
    "những người tốt, việc tốt trong mọi lĩnh vực, lan tỏa “vườn hoa” việc tốt khắp Thành phố."
)


def launch_date(year: int) -> dt.date:
    if year == facts.YEAR_2022.year:
        return facts.CONFERENCE_2022  # the Director launched the 2022 plan at the conference
    return dt.date(year, 2, 10 + year % 7)


def present_year() -> int | None:
    """This year, when it comes after the seeded history: its movement is open today."""
    year = timezone.localdate().year
    return year if year > LAST_YEAR else None


def recent_years() -> range:
    """The years after the articles' last, up to last year: closed movements with pledges."""
    return range(LAST_YEAR + 1, timezone.localdate().year)


def present_dates(today: dt.date) -> tuple[dt.date, dt.date, dt.date]:
    """(launched, pledge deadline, nomination deadline) of this year's movement: launched two
    weeks ago, pledges open two more weeks, nominations six more."""
    return (
        today - dt.timedelta(days=14),
        today + dt.timedelta(days=14),
        today + dt.timedelta(days=45),
    )


def pledge_deadline(launched_on: dt.date) -> dt.date:
    return launched_on + dt.timedelta(days=28)


def nomination_deadline(year: int, launched_on: dt.date) -> dt.date:
    return max(dt.date(year, 8, 31), launched_on + dt.timedelta(days=45))


COLLECTIVE_COMMITMENTS = {
    UnitType.DIVISION: (
        "Tham mưu đúng hạn, chất lượng các nhiệm vụ được giao; không có hồ sơ quá hạn; "
        "100% công chức hoàn thành tốt nhiệm vụ."
    ),
    UnitType.CENTRE: (
        "Chăm sóc, nuôi dưỡng an toàn 100% đối tượng; không để xảy ra sự cố nghiêm trọng; "
        "giới thiệu ít nhất 1 gương “Người tốt, việc tốt”."
    ),
    UnitType.REHAB: (
        "Hoàn thành chỉ tiêu tiếp nhận, điều trị cai nghiện; quản lý chặt chẽ học viên, "
        "không để xảy ra trốn viện; tổ chức dạy nghề cho học viên."
    ),
    UnitType.SCHOOL: (
        "Hoàn thành chỉ tiêu tuyển sinh; tỷ lệ học sinh tốt nghiệp có việc làm trên 80%; "
        "thi đua “Dạy tốt, học tốt”."
    ),
}
DEFAULT_COMMITMENT = (
    "Hoàn thành xuất sắc nhiệm vụ năm; 100% cán bộ, viên chức, người lao động chấp hành tốt "
    "nội quy, quy chế; tham gia Cuộc thi viết về gương điển hình tiên tiến."
)
PERSON_COMMITMENT = "Hoàn thành tốt nhiệm vụ được giao; tích cực tham gia phong trào của đơn vị."
LATE_REASON = "Đơn vị gửi văn bản đăng ký qua đường công văn sau hạn; Thường trực ghi nhận."


@dataclass(frozen=True)
class MovementSeedResult:
    movements: int
    contents: int
    pledges: int
    created: bool


def is_seeded() -> bool:
    return Movement.objects.filter(year=facts.MOVEMENT_LAUNCHED, name=CITY_MOVEMENT_NAME).exists()


def _legal_bases() -> dict[str, LegalBasis]:
    existing = {b.number: b for b in LegalBasis.objects.all()}
    missing = [
        LegalBasis(
            number=b.number, kind=b.kind, title=b.title, issuer=b.issuer, issued_on=b.issued_on
        )
        for b in LEGAL_BASES
        if b.number not in existing
    ]
    LegalBasis.objects.bulk_create(missing)
    return {b.number: b for b in LegalBasis.objects.all()}


def _movements(city: Unit, department: Unit) -> tuple[Movement, dict[int, Movement]]:
    city_movement = Movement.objects.create(
        name=CITY_MOVEMENT_NAME,
        kind=MovementKind.REGULAR,
        year=facts.MOVEMENT_LAUNCHED,
        organiser=city,
        launched_on=CITY_LAUNCHED_ON,
        purpose=CITY_PURPOSE,
    )
    yearly = []
    present = present_year()
    years = [*range(FIRST_YEAR, LAST_YEAR + 1), *recent_years(), *([present] if present else [])]
    for year in years:
        launched = launch_date(year)
        pledges_by, nominations_by = pledge_deadline(launched), nomination_deadline(year, launched)
        if year == present:
            launched, pledges_by, nominations_by = present_dates(timezone.localdate())
        yearly.append(
            Movement(
                name=department_movement_name(year),
                kind=MovementKind.REGULAR,
                year=year,
                organiser=department,
                launched_on=launched,
                pledge_deadline=pledges_by,
                nomination_deadline=nominations_by,
                plan_number=f"{12 + (year * 7) % 40}/{DEPARTMENT_PLAN_ISSUER}",
                plan_date=launched - dt.timedelta(days=6),
                purpose=PURPOSE.format(year=year),
            )
        )
    Movement.objects.bulk_create(yearly)
    by_year = {
        m.year: m for m in Movement.objects.filter(organiser=department, year__gte=FIRST_YEAR)
    }
    return city_movement, by_year


def _plans(by_year: dict[int, Movement], city_movement: Movement) -> int:
    bases = _legal_bases()
    contents, base_links, movement_links = [], [], []
    BaseThrough = Movement.legal_bases.through
    LinkThrough = Movement.linked.through
    for year, movement in by_year.items():
        plan = PLANS.get(year, PLAN_OTHER_YEARS)
        contents += [
            PlanContent(movement=movement, number=n, title=title, description=description)
            for n, (title, description) in enumerate(plan, start=1)
        ]
        base_links += [
            BaseThrough(movement_id=movement.pk, legalbasis_id=bases[number].pk)
            for number in bases_for(movement.launched_on)
        ]
        movement_links.append(
            LinkThrough(from_movement_id=movement.pk, to_movement_id=city_movement.pk)
        )
    PlanContent.objects.bulk_create(contents)
    BaseThrough.objects.bulk_create(base_links)
    LinkThrough.objects.bulk_create(movement_links)
    return len(contents)


def _titles() -> dict[str, Title]:
    seed_catalogue(Title, Prerequisite, BaseSalary)
    return {t.code: t for t in Title.objects.all()}


def _pledges(
    movement: Movement, titles: dict[str, Title], rng: random.Random, *, still_open: bool = False
) -> int:
    """Most units pledge as collectives, a few do not, one is late; two people per unit.
    A movement still open has its pledges up to today, and the demo officer's unit has not
    pledged yet (their home page says so).

    Long on purpose: A demo scenario told in order: who pledges, who is late, who has not, on
    which day."""
    units = list(units_expected_to_pledge(movement).order_by("code"))
    missing = {unit.pk for unit in rng.sample(units, k=max(3, len(units) // 8))}
    if still_open:
        missing |= {unit.pk for unit in units if unit.code == facts.DIOXIN_CENTRE}
    pledging = [unit for unit in units if unit.pk not in missing]
    late = rng.choice(pledging) if movement.year == LAST_YEAR else None
    people: dict[int, list[Person]] = {}
    for person in Person.objects.filter(home_unit__in=[u.pk for u in pledging]).order_by(
        "home_unit_id", "sort_name", "pk"
    ):
        people.setdefault(person.home_unit_id, []).append(person)

    rows: list[tuple[Pledge, list[str], dt.date]] = []
    deadline = movement.pledge_deadline
    assert deadline is not None
    window = ((timezone.localdate() if still_open else deadline) - movement.launched_on).days
    for unit in pledging:
        codes = ["tap-the-lao-dong-tien-tien"]
        if rng.random() < 0.4:
            codes.append("tap-the-lao-dong-xuat-sac")
        if rng.random() < 0.3:
            codes.append("tap-the-tot")
        is_late = unit is late
        on = movement.launched_on + dt.timedelta(days=rng.randint(3, window))
        if is_late:
            on = deadline + dt.timedelta(days=5)
        pledge = Pledge(
            movement=movement,
            unit=unit,
            commitments=COLLECTIVE_COMMITMENTS.get(UnitType(unit.unit_type), DEFAULT_COMMITMENT),
            is_late=is_late,
            late_reason=LATE_REASON if is_late else "",
        )
        rows.append((pledge, codes, on))
        for person in people.get(unit.pk, [])[:2]:
            person_codes = ["lao-dong-tien-tien", "nguoi-tot-viec-tot-co-so"]
            if rng.random() < 0.3:
                person_codes.append("chien-si-thi-dua-co-so")
            pledge = Pledge(
                movement=movement, unit=unit, person=person, commitments=PERSON_COMMITMENT
            )
            rows.append((pledge, person_codes, on))

    Pledge.objects.bulk_create([pledge for pledge, _codes, _on in rows])
    created = {
        (p.unit_id, p.person_id): p.pk
        for p in Pledge.objects.filter(movement=movement).only("pk", "unit_id", "person_id")
    }
    Through = Pledge.titles.through
    Through.objects.bulk_create(
        Through(pledge_id=created[(p.unit_id, p.person_id)], title_id=titles[code].pk)
        for p, codes, _on in rows
        for code in codes
    )
    # auto_now_add stamps today: give the pledges the dates they were made on.
    by_day: dict[dt.date, list[int]] = {}
    for p, _codes, on in rows:
        by_day.setdefault(on, []).append(created[(p.unit_id, p.person_id)])
    for on, ids in by_day.items():
        stamp = timezone.make_aware(dt.datetime.combine(on, dt.time(9, 0)))
        Pledge.objects.filter(pk__in=ids).update(created_at=stamp, updated_at=stamp)
    return len(rows)


@transaction.atomic
def seed_movements() -> MovementSeedResult:
    """Create the demo movements, plans and pledges once; a second call changes nothing."""
    if is_seeded():
        return MovementSeedResult(
            movements=Movement.objects.count(),
            contents=PlanContent.objects.count(),
            pledges=Pledge.objects.count(),
            created=False,
        )
    city = Unit.objects.get(code=facts.CITY)
    department = Unit.objects.get(code=facts.DEPARTMENT)
    city_movement, by_year = _movements(city, department)
    contents = _plans(by_year, city_movement)
    titles = _titles()
    rng = random.Random(SEED)
    pledges = sum(_pledges(by_year[year], titles, rng) for year in PLEDGE_YEARS)
    pledges += sum(_pledges(by_year[year], titles, rng) for year in recent_years())
    present = present_year()
    if present:  # after the seeded years, so their pledges stay as they were
        pledges += _pledges(by_year[present], titles, rng, still_open=True)
    result = MovementSeedResult(
        movements=len(by_year) + 1, contents=contents, pledges=pledges, created=True
    )
    audit_seeded(
        object_type=AUDIT_TYPE,
        object_repr=AUDIT_REPR,
        counts={
            "movements": result.movements,
            "plan_contents": result.contents,
            "pledges": result.pledges,
        },
        reason="Tạo dữ liệu mẫu: phong trào, kế hoạch, đăng ký thi đua",
    )
    return result


def step(ctx: DemoContext) -> None:
    ctx.made["pledges"] = seed_movements().pledges
