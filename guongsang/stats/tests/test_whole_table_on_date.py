"""Statistics of every unit as the organisation stood on a date: no unit chosen, each unit on
its own line under the name it bore that day, a merged unit's line saying where its records
went; the same on the page, in its Excel file, in the API and in `manage.py stats`."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from guongsang.accounts.services import api_token_create
from guongsang.org import services as org_services
from guongsang.org.tests.factories import make_unit
from guongsang.stats.exports import stats_text, stats_xlsx
from guongsang.stats.services import award_stats
from guongsang.stats.tests.test_services import COLLECTIVE, _give

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]

OLD, NEW = "Trung tâm Giới thiệu việc làm", "Trung tâm Dịch vụ việc làm"
CARE = "Trung tâm Điều dưỡng"
FIVE = "Trung tâm Bảo trợ xã hội 5"
MERGED = "Trung tâm Hỗ trợ xã hội"
ON = dt.date(2015, 6, 1)
MERGE_NOTE = (
    f"Đã sáp nhập vào “{MERGED}” từ ngày 01/01/2018; khen thưởng của đơn vị được thống kê "
    f"cùng “{MERGED}”."
)


@pytest.fixture
def history(world):
    """Under the department in 2015: centres 1 and 2, no. 5, Điều dưỡng and the employment
    centre (renamed on 1/1/2016); no. 5 and centre 2 merged on 1/1/2018. Awards of 2015:
    centre 1: 1, centre 2: 2, no. 5: 4, Điều dưỡng: 1, employment centre: 3."""
    employment = make_unit(OLD, parent=world.dept)
    care = make_unit(CARE, parent=world.dept)
    five = make_unit(FIVE, parent=world.dept)
    for unit, n in ((world.centre, 1), (world.other_centre, 2), (five, 4), (care, 1)):
        _give(COLLECTIVE, 2015, unit, n=n)
    _give(COLLECTIVE, 2015, employment, n=3)
    org_services.unit_rename(actor=None, unit=employment, name=NEW, on=dt.date(2016, 1, 1))
    org_services.unit_merge(
        actor=None,
        units=[five, world.other_centre],
        on=dt.date(2018, 1, 1),
        code="tt-ho-tro",
        name=MERGED,
        parent=world.dept,
    )
    return world


# By hand: each unit of 1/6/2015 on its own line, in Vietnamese order of that day's names
# (B < Đ < G), the two merged centres with the note.
EXPECTED = [
    ("Trung tâm Bảo trợ xã hội 1", 1, ""),
    ("Trung tâm Bảo trợ xã hội 2", 2, MERGE_NOTE),
    (FIVE, 4, MERGE_NOTE),
    (CARE, 1, ""),
    (OLD, 3, ""),
]


def _lines(result):
    return [(r.labels["unit"], r.count, r.note) for r in result.rows]


def test_every_unit_of_the_date_is_on_its_own_line_with_that_days_name(history):
    result = award_stats(from_year=2015, to_year=2015, by=("unit",), as_of=ON)
    assert _lines(result) == EXPECTED
    assert result.total == 11
    text = stats_text(result)
    assert OLD in text and NEW not in text and MERGE_NOTE in text


def test_an_officer_sees_only_their_own_unit_of_that_date(history):
    result = award_stats(user=history.officer, from_year=2015, to_year=2015, by=("unit",), as_of=ON)
    assert _lines(result) == [("Trung tâm Bảo trợ xã hội 1", 1, "")]


def test_a_date_in_the_future_is_refused(history):
    with pytest.raises(Exception, match="Ngày không được sau hôm nay"):
        award_stats(from_year=2015, to_year=2015, as_of=dt.date.today() + dt.timedelta(days=1))


def test_the_command_without_a_unit_shows_the_names_of_the_date(history):
    out = io.StringIO()
    call_command("stats", "--as-of", "2015-06-01", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Khen thưởng 2015–2015, Tất cả đơn vị (cơ cấu tại 01/06/2015)"
    assert any(line.startswith(OLD) and line.rstrip().endswith("3") for line in lines)
    assert not any(NEW in line for line in lines)
    five = next(line for line in lines if line.startswith(FIVE))
    assert five.endswith(MERGE_NOTE)


def test_the_excel_file_has_the_names_and_the_notes(history):
    result = award_stats(from_year=2015, to_year=2015, by=("unit",), as_of=ON)
    sheet = load_workbook(io.BytesIO(stats_xlsx(result))).active
    assert [c.value for c in sheet[3]] == ["Đơn vị", "Số lượt", "Ghi chú"]
    rows = [
        (r[0], r[1], r[2] or "")
        for r in sheet.iter_rows(min_row=4, max_row=3 + len(EXPECTED), values_only=True)
    ]
    assert rows == EXPECTED


def test_the_table_page_and_its_excel_take_the_date_without_a_unit(client, history):
    client.force_login(history.admin)
    query = {"year_from": 2015, "year_to": 2015, "by": "unit", "on": "01/06/2015"}
    page = client.get(reverse("stats:table"), query).content.decode()
    page = page[page.index("<table") : page.index("</table>")]  # the unit picker lists today's
    assert OLD in page and NEW not in page and MERGE_NOTE in page
    assert page.index("Trung tâm Bảo trợ xã hội 1") < page.index(CARE) < page.index(OLD)
    response = client.get(reverse("stats:table_xlsx"), query)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=4, max_row=8, values_only=True)] == [
        name for name, _n, _note in EXPECTED
    ]


def test_the_api_takes_the_date_without_a_unit(client, history):
    _token, key = api_token_create(actor=history.admin, user=history.secretariat, name="CSDL")
    body = client.get(
        "/api/v1/stats",
        {"from_year": 2015, "to_year": 2015, "by": "unit", "as_of": "2015-06-01"},
        HTTP_AUTHORIZATION=f"Bearer {key}",
    ).json()
    assert [(r["labels"]["unit"], r["count"], r["note"]) for r in body["rows"]] == EXPECTED


def test_today_the_rename_puts_the_employment_centre_before_dieu_duong(history):
    """By hand, the department's units today: centre 1 (1), Dịch vụ (3), Điều dưỡng (1), the
    merged centre with centre 2's and no. 5's records (2 + 4); D < Đ < H."""
    result = award_stats(from_year=2015, to_year=2015, by=("unit",), unit=history.dept)
    assert [(r.labels["unit"], r.count) for r in result.rows] == [
        ("Trung tâm Bảo trợ xã hội 1", 1),
        (NEW, 3),
        (CARE, 1),
        (MERGED, 6),
    ]
