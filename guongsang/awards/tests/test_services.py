import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from guongsang.awards import selectors, services
from guongsang.awards.models import Award
from guongsang.catalogue.models import Title
from guongsang.org import services as org_services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]


def _title(code):
    return Title.objects.get(code=code)


def test_an_award_copies_level_and_target_from_its_title(world):
    award = services.award_record(
        actor=world.secretariat,
        title=_title("nguoi-tot-viec-tot-co-so"),
        year=2022,
        unit=world.centre,
        person=world.person,
        decision_number="125/QĐ-SLĐTBXH",
        decision_date=dt.date(2022, 9, 20),
    )
    assert (award.level, award.target) == ("base", "individual")
    assert selectors.person_awards(user=world.officer, person=world.person).get() == award
    assert not selectors.person_awards(user=world.other_officer, person=world.person).exists()


def test_a_collective_title_cannot_go_to_a_person_and_nothing_is_written(world):
    with pytest.raises(ValidationError, match="chỉ tặng cho tập thể"):
        services.award_record(
            actor=None,
            title=_title("tap-the-tot"),
            year=2022,
            unit=world.centre,
            person=world.person,
        )
    assert not Award.objects.exists()


def test_revoking_needs_a_reason_and_a_later_decision(world):
    award = services.award_record(
        actor=None,
        title=_title("tap-the-tot"),
        year=2020,
        unit=world.centre,
        decision_date=dt.date(2020, 12, 1),
    )
    with pytest.raises(ValidationError, match="lý do"):
        services.award_revoke(
            actor=None, award=award, on=dt.date(2021, 3, 1), reason="", decision_number=""
        )
    services.award_revoke(
        actor=None,
        award=award,
        on=dt.date(2021, 3, 1),
        reason="Khai man thành tích",
        decision_number="12/QĐ-SLĐTBXH",
    )
    award.refresh_from_db()
    assert award.is_revoked and "12/QĐ-SLĐTBXH" in award.revoke_reason
    assert selectors.years_held(unit=world.centre, title_id=award.title_id) == set()


def test_counts_before_a_merge_add_up_under_the_merged_unit(world):
    title = _title("nguoi-tot-viec-tot-co-so")
    for year, unit, person in [
        (2015, world.centre, world.person),
        (2016, world.other_centre, world.other_person),
    ]:
        services.award_record(actor=None, title=title, year=year, unit=unit, person=person)
    merged = org_services.unit_merge(
        actor=None,
        units=[world.centre, world.other_centre],
        on=dt.date(2019, 1, 1),
        code="hn",
        name="Trung tâm hợp nhất",
    )
    assert selectors.count_by_title(unit=merged, year_from=2009, year_to=2021) == {title.code: 2}
    assert selectors.count_by_title(unit=world.dept, year_from=2016, year_to=2016) == {
        title.code: 1
    }
