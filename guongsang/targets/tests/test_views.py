import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from guongsang.targets import services
from guongsang.targets.models import Result
from guongsang.targets.tests.factories import make_indicator


@pytest.fixture
def figures(world):
    jobs = make_indicator()
    services.plan_set(by=None, indicator=jobs, unit=world.centre, year=2023, value=162000)
    services.plan_set(by=None, indicator=jobs, unit=world.other_centre, year=2023, value=500)
    services.result_set(
        by=None, indicator=jobs, unit=world.centre, year=2023, month=9, value=171228
    )
    services.result_set(
        by=None, indicator=jobs, unit=world.other_centre, year=2023, month=9, value=1
    )
    return jobs


@pytest.mark.django_db
def test_the_attainment_table_shows_the_percentage_to_date(
    client, world, figures, django_assert_num_queries
):
    client.force_login(world.officer)
    with django_assert_num_queries(15):  # the unit filter loads no list: it is a picker
        body = client.get(reverse("targets:index"), {"year": 2023}).content.decode()
    assert "105,7%" in body and "171.228" in body
    assert world.other_centre.name not in body


@pytest.mark.django_db
def test_the_unit_page_shows_the_score_and_months(client, world, figures):
    client.force_login(world.secretariat)
    body = client.get(
        reverse("targets:unit", args=[world.centre.uuid]), {"year": 2023}
    ).content.decode()
    assert "Điểm chỉ tiêu" in body and "100,0" in body and "171.228" in body


@pytest.mark.django_db
def test_an_officer_enters_a_month_for_their_unit_only(client, world, figures):
    client.force_login(world.officer)
    url = reverse("targets:result")
    data = {"indicator": "viec-lam", "year": 2023, "month": 10, "value": "100"}
    assert client.post(url, {**data, "unit": world.centre.uuid}).status_code == 302
    response = client.post(url, {**data, "unit": world.other_centre.uuid})
    assert response.status_code == 200  # the form does not offer the other unit
    assert Result.objects.filter(month=10).count() == 1


@pytest.mark.django_db
def test_the_excel_export_has_the_rows(client, world, figures):
    client.force_login(world.secretariat)
    response = client.get(reverse("targets:export"), {"year": 2023})
    ws = load_workbook(io.BytesIO(response.content)).active
    values = [row for row in ws.iter_rows(values_only=True)]
    assert any(r[0] == world.centre.name and r[5] == "105,7%" for r in values)


@pytest.mark.django_db
def test_the_api_gives_attainment_in_scope(client, world, figures):
    client.force_login(world.officer)
    rows = client.get("/api/v1/targets/attainment", {"year": 2023}).json()
    [row] = rows
    assert (row["code"], row["measure"], row["percent"]) == ("viec-lam", "người", "105.6963")
    assert Decimal(row["plan"]) == 162000 and Decimal(row["actual"]) == 171228
    plans = client.get("/api/v1/targets/plans", {"year": 2023}).json()
    assert plans["count"] == 1
    other = client.get("/api/v1/targets/plans", {"unit_id": str(world.other_centre.uuid)})
    assert other.status_code == 404
    created = client.post(
        "/api/v1/targets/results",
        {
            "unit_id": str(world.centre.uuid),
            "indicator_code": "viec-lam",
            "year": 2023,
            "month": 11,
            "value": "7",
        },
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["month"] == 11


@pytest.mark.django_db
def test_the_secretariat_sets_a_plan_and_the_officer_may_not(client, world, figures):
    from guongsang.targets.models import Plan

    url = reverse("targets:plan")
    data = {"unit": world.centre.uuid, "indicator": "viec-lam", "year": 2024, "value": "90.000"}
    client.force_login(world.officer)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    client.force_login(world.secretariat)
    assert client.post(url, data).status_code == 302
    assert Plan.objects.get(year=2024).value == 90000


@pytest.mark.django_db
def test_only_the_admin_manages_indicators(client, world, figures):
    client.force_login(world.secretariat)
    assert client.get(reverse("targets:indicators")).status_code == 403
    client.force_login(world.admin)
    data = {"code": "xkld", "name": "Xuất khẩu lao động", "measure": "người", "order": 4}
    assert client.post(reverse("targets:indicators"), {**data, "active": "on"}).status_code == 302
    edit = reverse("targets:indicator_edit", args=[figures.uuid])
    response = client.post(
        edit,
        {
            "code": "viec-lam",
            "name": "Giải quyết việc làm mới",
            "measure": "người",
            "order": 1,
            "active": "on",
        },
    )
    assert response.status_code == 302
    figures.refresh_from_db()
    assert figures.name == "Giải quyết việc làm mới"


def test_the_targets_page_opens_on_the_latest_year_with_a_plan(client, world):
    from guongsang.targets.models import Plan

    Plan.objects.create(indicator=make_indicator(), unit=world.centre, year=2023, value=100)
    client.force_login(world.officer)
    response = client.get(reverse("targets:index"))
    assert response.status_code == 200 and response.context["year"] == 2023


@pytest.mark.django_db
def test_the_unit_is_found_by_typing_within_the_scope_of_the_form(client, world):
    url = reverse("targets:pick_unit")
    client.force_login(world.officer)
    found = client.get(url, {"q": "bao tro xa hoi", "purpose": "result"}).json()["results"]
    assert [r["value"] for r in found] == [str(world.centre.uuid)]  # not the other centre
    assert client.get(url, {"q": "bao tro", "purpose": "plan"}).status_code == 403
    page = client.get(reverse("targets:result")).content.decode()
    assert f'data-picker="{url}?purpose=result"' in page and world.centre.name not in page
    client.force_login(world.secretariat)
    found = client.get(url, {"q": "trung tam bao tro", "purpose": "plan"}).json()["results"]
    assert {r["value"] for r in found} == {str(world.centre.uuid), str(world.other_centre.uuid)}


@pytest.mark.django_db
def test_old_saved_links_to_the_targets_keep_their_year_and_unit(client, world, figures):
    client.force_login(world.secretariat)
    url = reverse("targets:index")
    old = client.get(f"{url}?nam=2023&don_vi={world.centre.uuid}", follow=True)
    assert old.redirect_chain == [(f"{url}?year=2023&unit={world.centre.uuid}", 301)]
    assert old.context["year"] == 2023 and old.context["unit"] == world.centre
    picker = reverse("targets:pick_unit")
    response = client.get(f"{picker}?q=bao+tro&muc=ket-qua")
    assert response.status_code == 301
    assert response["Location"] == f"{picker}?q=bao+tro&purpose=result"
