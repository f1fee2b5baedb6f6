"""The statistics pages: role and unit scope, the grouped table, JSON for the charts, Excel."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from guongsang.awards.services import award_record
from guongsang.catalogue.models import Title

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]

GOOD = "nguoi-tot-viec-tot-co-so"


@pytest.fixture
def history(world):
    title = Title.objects.get(code=GOOD)
    for year, unit, person, n in (
        (2021, world.centre, world.person, 2),
        (2022, world.centre, world.person, 3),
        (2022, world.other_centre, world.other_person, 5),
    ):
        for _ in range(n):
            award_record(
                actor=None,
                title=title,
                year=year,
                unit=unit,
                person=person,
                decision_date=dt.date(year, 10, 1),
            )
    return world


def _table(client, **params):
    query = {"year_from": 2021, "year_to": 2022, **params}
    return client.get(reverse("stats:table"), query)


def test_the_leader_sees_the_department_table_with_cumulative_and_change(client, history):
    client.force_login(history.leader)
    response = _table(client, by=["title", "year"])
    body = response.content.decode()
    assert response.status_code == 200
    assert "Luỹ kế" in body and "Tăng/giảm" in body
    assert response.context["result"].total == 10
    rows = response.context["rows"]
    assert rows[1][1:] == ["2022", "8", "10", "2", "+6", "300,0%"]


def test_a_unit_officer_sees_only_their_unit(client, history):
    client.force_login(history.officer)
    response = _table(client, by=["unit"])
    assert response.context["result"].total == 5
    assert history.other_centre.name not in response.content.decode()


def test_an_officer_cannot_pick_another_unit(client, history):
    client.force_login(history.officer)
    response = _table(client, unit=str(history.other_centre.uuid))
    assert response.context["result"] is None
    assert "Lựa chọn không hợp lệ" in response.content.decode() or response.context[
        "form"
    ].errors.get("unit")
    assert (
        client.get(
            reverse("stats:table_xlsx"),
            {"year_from": 2021, "year_to": 2022, "unit": str(history.other_centre.uuid)},
        ).status_code
        == 400
    )


def test_a_judge_has_no_statistics(client, history):
    from guongsang.accounts.tests.factories import make_user
    from guongsang.core.roles import Role

    client.force_login(make_user("giamkhao", role=Role.JUDGE, unit=history.dept))
    for name in ("stats:dashboard", "stats:table", "stats:dashboard_data", "stats:table_xlsx"):
        assert client.get(reverse(name)).status_code == 403, name


def test_the_table_exports_to_excel_with_the_same_figures(client, history):
    client.force_login(history.secretariat)
    response = client.get(
        reverse("stats:table_xlsx"), {"year_from": 2021, "year_to": 2022, "by": ["year"]}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert rows[0][:3] == ("2021", 2, 2)
    assert rows[1][:5] == ("2022", 8, 10, 2, 6)
    assert rows[2][0] == "Tổng cộng" and rows[2][1] == 10


def test_bad_years_say_so_and_change_nothing(client, history):
    client.force_login(history.leader)
    response = _table(client, year_from=2023, year_to=2021)
    assert "Năm bắt đầu phải không sau năm kết thúc" in response.content.decode()
    data = client.get(reverse("stats:dashboard_data"), {"year_from": 2023, "year_to": 2021})
    assert data.status_code == 400 and "Năm bắt đầu" in data.json()["detail"]


def test_the_dashboard_shows_every_chart_with_its_table(client, history, django_assert_num_queries):
    client.force_login(history.leader)
    with django_assert_num_queries(11):  # the unit filter is a picker: no list of units
        response = client.get(reverse("stats:dashboard"), {"year_from": 2021, "year_to": 2022})
    body = response.content.decode()
    assert response.status_code == 200
    keys = [c.key for c in response.context["charts"]]
    assert keys[:3] == ["levels", "titles", "dossiers"]
    with_data = [c for c in response.context["charts"] if c.rows]
    assert len(with_data) >= 2 and body.count("<table") == len(with_data)
    assert 'data-chart="levels"' in body and "chart.umd.min.js" in body


def test_the_chart_data_is_json_cut_to_the_scope(client, history):
    client.force_login(history.officer)
    data = client.get(reverse("stats:dashboard_data"), {"year_from": 2021, "year_to": 2022}).json()
    levels = next(c for c in data["charts"] if c["key"] == "levels")
    assert levels["labels"] == ["2021", "2022"]
    assert levels["datasets"][0]["data"] == [2, 3]


def test_the_dashboard_exports_each_chart_to_its_own_sheet(client, history):
    client.force_login(history.leader)
    response = client.get(reverse("stats:dashboard_xlsx"), {"year_from": 2021, "year_to": 2022})
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) >= 3
    sheet = book[book.sheetnames[0]]
    assert [c.value for c in sheet[3]][:2] == ["Năm", "Cơ sở"]
    assert [c.value for c in sheet[5]][:2] == [2022, 8]
    one = client.get(
        reverse("stats:dashboard_xlsx"), {"year_from": 2021, "year_to": 2022, "chart": "titles"}
    )
    assert len(load_workbook(io.BytesIO(one.content)).sheetnames) == 1


def test_the_api_gives_the_figures_in_the_callers_scope(client, history):
    client.force_login(history.officer)
    url = "/api/v1/stats"
    data = client.get(url, {"from_year": 2021, "to_year": 2022, "by": "year,title"}).json()
    assert data["total"] == 5
    assert [r["cumulative"] for r in data["rows"]] == [2, 5]
    other = client.get(url, {"from_year": 2021, "to_year": 2022, "unit": history.other_centre.uuid})
    assert other.status_code == 404
    client.force_login(history.leader)
    data = client.get(url, {"from_year": 2021, "to_year": 2022}).json()
    assert data["total"] == 10
    assert client.get(url, {"from_year": 2022, "to_year": 2021}).status_code == 400
    assert "/api/v1/stats" in client.get("/api/v1/openapi.json").json()["paths"]


def test_the_unit_filter_is_found_by_typing_within_the_scope(client, history):
    url = reverse("stats:pick_unit")
    client.force_login(history.officer)
    found = client.get(url, {"q": "bao tro xa hoi"}).json()["results"]
    assert [r["value"] for r in found] == [str(history.centre.uuid)]
    page = client.get(reverse("stats:table"), {"unit": str(history.centre.uuid)}).content
    assert f'value="{history.centre.uuid}" selected'.encode() in page
    assert f'data-picker="{url}"'.encode() in page
    assert history.other_centre.name.encode() not in page


def test_old_saved_links_of_the_table_and_the_dashboard_keep_their_filters(client, history):
    client.force_login(history.leader)
    unit = history.other_centre.uuid
    table = reverse("stats:table")
    old = f"{table}?tu_nam=2021&den_nam=2022&chieu=unit&don_vi={unit}&thu_hoi=on&ngay=01/06/2022"
    response = client.get(old, follow=True)
    new = (
        f"{table}?year_from=2021&year_to=2022&by=unit&unit={unit}&include_revoked=on&on=01/06/2022"
    )
    assert response.redirect_chain == [(new, 301)]
    result = response.context["result"]
    assert (result.from_year, result.to_year, result.by) == (2021, 2022, ("unit",))
    assert result.unit == history.other_centre and result.include_revoked
    assert result.as_of == dt.date(2022, 6, 1)
    dashboard = reverse("stats:dashboard_xlsx")
    response = client.get(
        f"{dashboard}?tu_nam=2021&den_nam=2022&cap=so&doi_tuong=individual&bieu_do=titles"
    )
    assert response.status_code == 301
    assert response["Location"] == (
        f"{dashboard}?year_from=2021&year_to=2022&level=so&target=individual&chart=titles"
    )
