"""The law's rules, each on small hand-made data whose answer is worked out here by hand."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from guongsang.awards.services import award_record
from guongsang.discipline.services import discipline_record
from guongsang.nominations import services
from guongsang.nominations.eligibility import check_dossier
from guongsang.nominations.tests.factories import make_dossier
from guongsang.people.tests.factories import letters, make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def _codes(dossier) -> dict[str, list]:
    found: dict[str, list] = {}
    for f in check_dossier(dossier):
        found.setdefault(f.code, []).append(f)
    return found


def _award(world, titles, code, year, person=None):
    return award_record(
        actor=None, title=titles[code], year=year, unit=world.centre, person=person or world.person
    )


def test_the_quota_counts_awards_on_record_and_explains_both_numbers(world, titles):
    # 20 Lao động tiên tiến on record in 2024 → 15% × 20 = 3 Chiến sĩ thi đua cơ sở at most.
    people = [make_person(f"Cán bộ {letters(i)}", unit=world.centre) for i in range(20)]
    for person in people:
        _award(world, titles, "lao-dong-tien-tien", 2024, person)
    for person in people[:3]:
        _award(world, titles, "chien-si-thi-dua-co-so", 2024, person)
    # 3 awarded + this dossier = 4 > 3.
    dossier = make_dossier(world, code="chien-si-thi-dua-co-so", person=people[5])
    (quota,) = _codes(dossier)["quota"]
    assert quota.blocking
    assert quota.message.startswith(
        "Vượt tỷ lệ: đơn vị có 20 “Lao động tiên tiến” năm 2024 (20 đã được tặng, 0 hồ sơ đang "
        "đề nghị) nên được tối đa 3 “Chiến sĩ thi đua cơ sở” (15%); hiện có 4 (3 đã được tặng, "
        "1 hồ sơ đang đề nghị, kể cả hồ sơ này)."
    )
    assert "Căn cứ: Nghị định 98/2023/NĐ-CP" in quota.message


def test_within_the_quota_the_dossier_shows_the_count_as_information(world, titles):
    # 14 awarded + 6 proposed = 20 Lao động tiên tiến → 3 allowed; 2 awarded + this one = 3.
    people = [make_person(f"Cán bộ {letters(i)}", unit=world.centre) for i in range(20)]
    for person in people[:14]:
        _award(world, titles, "lao-dong-tien-tien", 2024, person)
    for person in people[14:]:
        make_dossier(world, code="lao-dong-tien-tien", person=person)
    for person in people[:2]:
        _award(world, titles, "chien-si-thi-dua-co-so", 2024, person)
    dossier = make_dossier(world, code="chien-si-thi-dua-co-so", person=people[3])
    found = _codes(dossier)
    assert "quota" not in found
    (info,) = found["quota_info"]
    assert info.info and not info.blocking
    assert "20 “Lao động tiên tiến” năm 2024 (14 đã được tặng, 6 hồ sơ đang đề nghị)" in (
        info.message
    )
    assert "tối đa 3" in info.message and "hiện có 3 (2 đã được tặng, 1 hồ sơ" in info.message


def test_national_title_after_two_consecutive_city_awards_three_years_apart_passes(world, titles):
    # The city title comes once in 3 years: 2019 and 2022 are two consecutive awards.
    for year in (2019, 2022):
        _award(world, titles, "chien-si-thi-dua-cap-thanh-pho", year)
    dossier = make_dossier(world, code="chien-si-thi-dua-toan-quoc", year=2023)
    assert "prerequisite" not in _codes(dossier)


def test_national_title_after_two_non_consecutive_city_awards_fails(world, titles):
    # 2016 and 2022 are 6 years apart: the cycle of 2019 was missed.
    for year in (2016, 2022):
        _award(world, titles, "chien-si-thi-dua-cap-thanh-pho", year)
    dossier = make_dossier(world, code="chien-si-thi-dua-toan-quoc", year=2023)
    (pre,) = _codes(dossier)["prerequisite"]
    assert pre.blocking
    assert "cần 2 lần liên tục được tặng “Chiến sĩ thi đua cấp Thành phố”" in pre.message
    assert "đã được tặng: năm 2016, 2022" in pre.message
    assert "Điều 21" in pre.message


def test_a_city_title_again_before_its_three_year_cycle_is_refused(world, titles):
    _award(world, titles, "chien-si-thi-dua-cap-thanh-pho", 2022)
    for year in (2022, 2023, 2024):
        _award(world, titles, "chien-si-thi-dua-co-so", year)
    early = make_dossier(world, code="chien-si-thi-dua-cap-thanh-pho", year=2024)
    (wait,) = _codes(early)["interval"]
    assert "lần tiếp theo xét từ năm 2025" in wait.message  # 2022 + 3
    services.dossier_transition(
        actor=world.officer, dossier=early, action="withdraw", reason="Chưa đến chu kỳ"
    )
    _award(world, titles, "chien-si-thi-dua-co-so", 2025)
    on_time = make_dossier(world, code="chien-si-thi-dua-cap-thanh-pho", year=2025)
    assert "interval" not in _codes(on_time)


def test_a_huan_chuong_without_the_earlier_form_is_reminded_not_blocked(world, titles):
    dossier = make_dossier(world, code="huan-chuong-lao-dong-hang-ba", year=2024)
    (pre,) = _codes(dossier)["prerequisite"]
    assert not pre.blocking  # one of the law's alternative criteria
    assert "“Bằng khen của Thủ tướng Chính phủ” được tặng từ năm 2019 trở về trước" in pre.message
    _award(world, titles, "bang-khen-thu-tuong", 2019)  # 2024 − 5
    assert "prerequisite" not in _codes(dossier)


def test_a_unit_vote_of_one_in_twenty_is_flagged(world):
    dossier = make_dossier(world)
    services.dossier_update(actor=world.officer, dossier=dossier, votes_yes=1, votes_total=20)
    (vote,) = _codes(dossier)["unit_vote"]
    assert vote.blocking and "1/20 phiếu đồng ý (5,0%)" in vote.message
    services.dossier_update(actor=world.officer, dossier=dossier, votes_yes=11, votes_total=20)
    assert "unit_vote" not in _codes(dossier)  # 55% is more than half
    services.dossier_update(actor=world.officer, dossier=dossier, votes_yes=10, votes_total=20)
    assert "unit_vote" in _codes(dossier)  # exactly half is not "more than half"


def test_a_running_discipline_refuses_the_nomination_with_its_reason(world):
    today = timezone.localdate()
    dossier = make_dossier(world, code="giay-khen-giam-doc-so")
    discipline_record(
        actor=world.secretariat,
        person=world.person,
        form="reprimand",
        decision_number="12/QĐ-SLĐTBXH",
        decision_date=today - dt.timedelta(days=30),
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=335),
    )
    (refusal,) = _codes(dossier)["discipline"]
    assert refusal.blocking
    assert "bị kỷ luật “Khiển trách” (quyết định số 12/QĐ-SLĐTBXH" in refusal.message
    assert "trong thời gian thi hành kỷ luật" in refusal.message
    with pytest.raises(ValidationError, match="Khiển trách"):
        services.dossier_transition(actor=world.officer, dossier=dossier, action="submit")


def test_a_discipline_that_has_ended_no_longer_refuses_a_form(world):
    today = timezone.localdate()
    dossier = make_dossier(world, code="giay-khen-giam-doc-so")
    discipline_record(
        actor=world.secretariat,
        person=world.person,
        form="warning",
        decision_number="3/QĐ",
        decision_date=today - dt.timedelta(days=400),
        starts_on=today - dt.timedelta(days=400),
        ends_on=today - dt.timedelta(days=35),
    )
    assert "discipline" not in _codes(dossier)


def test_a_discipline_in_the_year_refuses_a_yearly_title_of_that_year(world):
    dossier = make_dossier(world, code="lao-dong-tien-tien", year=2024)
    discipline_record(
        actor=world.secretariat,
        person=world.person,
        form="reprimand",
        decision_number="7/QĐ",
        decision_date=dt.date(2024, 3, 1),
        starts_on=dt.date(2024, 3, 1),
        ends_on=dt.date(2025, 2, 28),
    )
    assert "bị kỷ luật trong năm 2024" in _codes(dossier)["discipline"][0].message
    assert "discipline" not in _codes(make_dossier(world, code="lao-dong-tien-tien", year=2026))


def test_a_unit_officer_cannot_record_a_discipline(world):
    with pytest.raises(PermissionDenied):
        discipline_record(
            actor=world.officer,
            person=world.person,
            form="reprimand",
            decision_number="1/QĐ",
            decision_date=dt.date(2024, 1, 1),
            starts_on=dt.date(2024, 1, 1),
        )


def test_an_award_of_another_movement_the_same_year_warns_of_a_repeated_award(world, titles):
    _award(world, titles, "nguoi-tot-viec-tot-co-so", 2020)
    dossier = make_dossier(world, code="giay-khen-giam-doc-so", year=2020)
    (warning,) = _codes(dossier)["double_award"]
    assert not warning.blocking
    assert "đã được tặng “Người tốt, việc tốt” cấp cơ sở năm 2020" in warning.message


EARLIER = (
    "Ngày 12 tháng 3, anh Lê Văn Hùng đã lao xuống sông Hồng cứu hai em học sinh bị đuối nước. "
    "Sau đó anh đưa các em vào trạm y tế phường và ở lại chăm sóc đến khi gia đình tới. "
    "Anh còn vận động bà con góp tiền mua áo phao cho bến đò."
)
# The same deed reworded: sentences reordered, a few words changed, diacritics dropped.
REWORDED = (
    "Anh con van dong ba con gop tien mua ao phao cho ben do. "
    "Ngay 12 thang 3, anh Le Van Hung da lao xuong song Hong cuu hai em hoc sinh bi duoi nuoc. "
    "Sau do anh dua cac em vao tram y te phuong va o lai cham soc den khi gia dinh toi."
)


def test_a_reworded_deed_from_an_earlier_dossier_is_flagged_side_by_side(world):
    earlier = make_dossier(world, code="nguoi-tot-viec-tot-co-so", year=2022, complete=False)
    services.dossier_update(actor=world.officer, dossier=earlier, summary=EARLIER)
    later = make_dossier(world, code="giay-khen-giam-doc-so", year=2024, complete=False)
    services.dossier_update(actor=world.officer, dossier=later, summary=REWORDED)
    (reused,) = _codes(later)["reused_text"]
    (pair,) = reused.pairs
    assert not reused.blocking and "năm 2022" in pair.label
    # Every 3-word shingle of the reworded text is in the earlier one, bar the two that
    # straddle the moved sentence: well above the 60% containment threshold.
    assert pair.share >= 80
    assert "<mark>" in pair.mine_html and "<mark>" in pair.other_html
    assert "song Hong" in pair.mine_html and "sông Hồng" in pair.other_html
    # The earlier dossier is the original: it carries no warning.
    assert "reused_text" not in _codes(earlier)


def test_an_unrelated_deed_is_not_flagged(world):
    earlier = make_dossier(world, code="nguoi-tot-viec-tot-co-so", year=2022, complete=False)
    services.dossier_update(actor=world.officer, dossier=earlier, summary=EARLIER)
    later = make_dossier(world, code="giay-khen-giam-doc-so", year=2024, complete=False)
    services.dossier_update(
        actor=world.officer,
        dossier=later,
        summary="Chị Mai tổ chức lớp dạy nghề may miễn phí cho ba mươi phụ nữ khuyết tật trong "
        "quận, giúp hai mươi người có việc làm ổn định tại xưởng may của hợp tác xã.",
    )
    assert "reused_text" not in _codes(later)


def _with_initiatives(world, people) -> None:
    """A recognised initiative for each (the Chiến sĩ thi đua title asks for one), so that the
    quota is the only rule a test meets."""
    from guongsang.initiatives.models import Scope
    from guongsang.initiatives.tests.factories import make_initiative, recognise

    for index, person in enumerate(people):
        initiative = make_initiative(
            world, authors=[(person, Decimal("100"))], title=f"Sáng kiến số {index + 1}"
        )
        recognise(world, initiative, scope=Scope.BASE, number=f"{index + 1}/QĐ-HĐSK")


def test_the_excel_import_checks_the_quota_with_the_same_rules(world, titles):
    from guongsang.nominations import imports
    from guongsang.nominations.tests.test_imports import _preview, _store, _xlsx

    # 7 Lao động tiên tiến on record → 15% × 7 = 1.05: one Chiến sĩ thi đua cơ sở at most.
    people = [make_person(f"Cán bộ {letters(i)}", unit=world.centre) for i in range(7)]
    for person in people:
        _award(world, titles, "lao-dong-tien-tien", 2024, person)
    _with_initiatives(world, people[:2])
    rows = [
        [p.full_name, None, world.centre.name, "Chiến sĩ thi đua cơ sở", 2024, "Sáng kiến"]
        for p in people[:2]
    ]
    preview = _preview(_store(_xlsx(rows, kind=imports.NOMINATIONS)), world.officer)
    first, second = preview.rows
    assert first.errors == []
    (error,) = second.errors
    assert error.startswith("Dòng 5: Vượt tỷ lệ: đơn vị có 7 “Lao động tiên tiến” năm 2024")
    assert "hiện có 2 (0 đã được tặng, 2 hồ sơ đang đề nghị" in error


def test_the_prerequisite_of_the_same_year_is_not_a_repeated_award(world, titles):
    # Chiến sĩ thi đua cơ sở needs Lao động tiên tiến of the same year: both is the rule.
    _award(world, titles, "lao-dong-tien-tien", 2024)
    dossier = make_dossier(world, code="chien-si-thi-dua-co-so", year=2024)
    assert "double_award" not in _codes(dossier)


def test_the_api_gives_the_same_findings_as_the_page(client, world, titles):
    # 7 Lao động tiên tiến on record → one Chiến sĩ thi đua cơ sở; a unit vote of 1 of 20.
    people = [make_person(f"Cán bộ {letters(i)}", unit=world.centre) for i in range(7)]
    for person in people:
        _award(world, titles, "lao-dong-tien-tien", 2024, person)
    dossier = make_dossier(world, code="chien-si-thi-dua-co-so", person=people[0])
    services.dossier_update(actor=world.officer, dossier=dossier, votes_yes=1, votes_total=20)
    client.force_login(world.officer)
    found = {
        f["code"]: f for f in client.get(f"/api/v1/dossiers/{dossier.uuid}").json()["findings"]
    }
    assert found["quota_info"]["info"] and "tối đa 1" in found["quota_info"]["message"]
    assert found["unit_vote"]["blocking"] and "1/20" in found["unit_vote"]["message"]
