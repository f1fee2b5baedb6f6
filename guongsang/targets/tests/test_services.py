from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guongsang.core.formatting import vn_percent
from guongsang.core.models import AuditEntry
from guongsang.targets import selectors, services
from guongsang.targets.models import Result
from guongsang.targets.tests.factories import make_indicator


@pytest.mark.django_db
def test_percentage_to_date_sums_the_subtree_and_stops_at_the_month(world):
    jobs = make_indicator()
    services.plan_set(
        by=world.secretariat, indicator=jobs, unit=world.centre, year=2023, value=1000
    )
    services.plan_set(
        by=world.secretariat, indicator=jobs, unit=world.other_centre, year=2023, value=1000
    )
    for month, value in ((1, 300), (2, 400), (3, 500)):
        services.result_set(
            by=world.officer, indicator=jobs, unit=world.centre, year=2023, month=month, value=value
        )
    services.result_set(
        by=world.other_officer,
        indicator=jobs,
        unit=world.other_centre,
        year=2023,
        month=1,
        value=57,
    )
    [row] = selectors.attainment(user=world.secretariat, year=2023, unit=world.dept, to_month=2)
    assert (row.plan, row.actual) == (Decimal(2000), Decimal(757))
    assert vn_percent(row.percent) == "37,9%"
    [mine] = selectors.attainment(user=world.officer, year=2023)  # the officer sees their unit
    assert (mine.plan, mine.actual, vn_percent(mine.percent)) == (
        Decimal(1000),
        Decimal(1200),
        "120,0%",
    )
    code, name, measure, plan, actual, percent = mine  # unpacks as a row
    assert code == "viec-lam" and percent == mine.percent


@pytest.mark.django_db
def test_the_unit_score_is_the_mean_of_capped_percentages(world):
    jobs, rehab = make_indicator(), make_indicator("cai-nghien", "Tiếp nhận cai nghiện")
    services.plan_set(by=world.secretariat, indicator=jobs, unit=world.centre, year=2023, value=100)
    services.plan_set(
        by=world.secretariat, indicator=rehab, unit=world.centre, year=2023, value=100
    )
    services.result_set(
        by=world.officer, indicator=jobs, unit=world.centre, year=2023, month=1, value=150
    )
    services.result_set(
        by=world.officer, indicator=rehab, unit=world.centre, year=2023, month=1, value=60
    )
    score = selectors.unit_score(user=world.secretariat, year=2023, unit=world.centre)
    assert score == Decimal("80.0")  # (min(150, 100) + 60) / 2


@pytest.mark.django_db
def test_entering_a_month_again_replaces_it_and_is_audited(world):
    jobs = make_indicator()
    services.result_set(
        by=world.officer, indicator=jobs, unit=world.centre, year=2023, month=5, value=10
    )
    services.result_set(
        by=world.officer, indicator=jobs, unit=world.centre, year=2023, month=5, value="1.250"
    )
    assert Result.objects.get().value == Decimal(1250)
    actions = list(
        AuditEntry.objects.filter(object_type__icontains="result").values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "update"]


@pytest.mark.django_db
def test_an_officer_cannot_set_plans_or_write_for_another_unit(world):
    jobs = make_indicator()
    with pytest.raises(PermissionDenied):
        services.plan_set(by=world.officer, indicator=jobs, unit=world.centre, year=2023, value=5)
    with pytest.raises(PermissionDenied):
        services.result_set(
            by=world.officer, indicator=jobs, unit=world.other_centre, year=2023, month=1, value=5
        )
    assert not Result.objects.exists()


@pytest.mark.django_db
def test_bad_figures_are_refused_in_vietnamese(world):
    jobs = make_indicator()
    with pytest.raises(ValidationError, match="Tháng 13"):
        services.result_set(
            by=world.officer, indicator=jobs, unit=world.centre, year=2023, month=13, value=5
        )
    with pytest.raises(ValidationError, match="không được âm"):
        services.result_set(
            by=world.officer, indicator=jobs, unit=world.centre, year=2023, month=1, value=-5
        )
    with pytest.raises(ValidationError, match="không hợp lệ"):
        services.result_set(
            by=world.officer, indicator=jobs, unit=world.centre, year=2023, month=1, value="abc"
        )
    assert not Result.objects.exists()


@pytest.mark.django_db
def test_only_the_admin_defines_indicators(world):
    with pytest.raises(PermissionDenied):
        services.indicator_save(by=world.secretariat, code="x", name="X", measure="người")
    made = services.indicator_save(
        by=world.admin, code="xkld", name="Xuất khẩu lao động", measure="người"
    )
    with pytest.raises(ValidationError, match="đã có"):
        services.indicator_save(by=world.admin, code="xkld", name="Khác", measure="người")
    assert made.name == "Xuất khẩu lao động"


def test_figures_are_read_the_vietnamese_way():
    from guongsang.targets.services import parse_number

    assert parse_number("171.228") == Decimal(171228)
    assert parse_number("1.250,5") == Decimal("1250.5")
    assert parse_number("12,5") == Decimal("12.5")
    assert parse_number("12.5") == Decimal("12.5")
    assert parse_number(1243.0) == Decimal(1243)
