"""The demo's movements: the facts of the articles, pledges with gaps, built once."""

import pytest
from django.utils import timezone

from guongsang.core.models import AuditEntry
from guongsang.demo import facts
from guongsang.demo.steps.movements import AUDIT_TYPE, CITY_MOVEMENT_NAME, seed_movements
from guongsang.movements.models import Movement, PlanContent, Pledge
from guongsang.movements.selectors import pledge_status
from guongsang.org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo(demo_db):
    """The demo and its movements (built once per session)."""


def _department_movement(year: int) -> Movement:
    return Movement.objects.get(organiser__code=facts.DEPARTMENT, year=year)


def test_the_department_has_a_movement_every_year_from_2009_to_this_year():
    years = Movement.objects.filter(organiser__code=facts.DEPARTMENT).values_list("year", flat=True)
    this_year = timezone.localdate().year
    assert sorted(years) == list(range(2009, max(this_year, 2024) + 1))


def test_the_years_after_the_articles_have_pledges_up_to_last_year():
    last_year = timezone.localdate().year - 1
    pledged = set(Pledge.objects.values_list("movement__year", flat=True))
    assert set(range(2023, last_year + 1)) <= pledged


def test_this_years_movement_is_open_and_the_officers_unit_has_not_pledged():
    today = timezone.localdate()
    if today.year <= 2024:
        pytest.skip("the seeded history reaches this year")
    movement = _department_movement(today.year)
    assert movement.launched_on < today < movement.pledge_deadline < movement.nomination_deadline
    pledges = Pledge.objects.filter(movement=movement)
    assert pledges.exists() and not pledges.filter(unit__code=facts.DIOXIN_CENTRE).exists()
    assert all(p.created_at.date() <= today for p in pledges)


def test_the_2022_plan_has_13_contents_and_was_launched_at_the_conference():
    movement = _department_movement(2022)
    assert list(movement.contents.values_list("number", flat=True)) == list(range(1, 14))
    assert movement.contents.count() == facts.YEAR_2022.plan_contents
    assert movement.launched_on == facts.CONFERENCE_2022


def test_the_2024_plan_has_6_contents_and_cites_the_2022_law():
    movement = _department_movement(2024)
    assert movement.contents.count() == facts.YEAR_2024_PLAN_CONTENTS == 6
    cited = set(movement.legal_bases.values_list("number", flat=True))
    assert {"06/2022/QH15", "98/2023/NĐ-CP", "34-CT/TW"} <= cited
    assert "91/2017/NĐ-CP" not in cited


def test_every_yearly_movement_is_linked_to_the_citys_movement_of_1992():
    city = Movement.objects.get(name=CITY_MOVEMENT_NAME)
    assert city.year == facts.MOVEMENT_LAUNCHED and city.organiser.code == facts.CITY
    yearly = Movement.objects.filter(organiser__code=facts.DEPARTMENT)
    assert set(city.linked_from.all()) == set(yearly) and yearly.count() >= 16


def test_most_units_pledged_in_2023_and_2024_and_a_few_did_not():
    secretariat = _secretariat()
    for year in (2023, 2024):
        status = pledge_status(user=secretariat, movement=_department_movement(year))
        assert 30 <= len(status.rows) <= 45
        assert 3 <= len(status.not_pledged) <= len(status.rows) // 5
        assert any(row.individuals for row in status.rows)
    late = Pledge.objects.filter(is_late=True)
    assert late.count() == 1 and late.get().movement.year == 2024 and late.get().late_reason


def test_the_pledges_carry_the_dates_they_were_made_on():
    movement = _department_movement(2023)
    for pledge in Pledge.objects.filter(movement=movement, is_late=False):
        assert movement.launched_on <= pledge.created_at.date() <= movement.pledge_deadline


def test_seeding_twice_changes_nothing_and_one_audit_entry_covers_the_lot():
    counts = (Movement.objects.count(), PlanContent.objects.count(), Pledge.objects.count())
    again = seed_movements()  # seed_demo's call created them
    assert not again.created
    assert (again.movements, again.contents, again.pledges) == counts
    assert AuditEntry.objects.filter(object_type=AUDIT_TYPE).count() == 1


def _secretariat():
    from guongsang.accounts.models import User

    user = User.objects.get(username="thuongtruc")
    assert user.grants.get(role="secretariat").unit == Unit.objects.get(code=facts.DEPARTMENT)
    return user
