"""A unit is shown with the name it bore on the date asked for: tree, page, API."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from guongsang.accounts.services import api_token_create
from guongsang.org import selectors
from guongsang.org.services import unit_merge, unit_rename
from guongsang.org.tests.factories import make_unit

pytestmark = pytest.mark.django_db

OLD, NEW = "Trung tâm Giới thiệu việc làm", "Trung tâm Dịch vụ việc làm"
RENAMED_ON = dt.date(2016, 1, 1)


@pytest.fixture
def renamed(world):
    centre = make_unit(OLD, parent=world.dept, valid_from=dt.date(2005, 1, 1))
    return unit_rename(actor=None, unit=centre, name=NEW, on=RENAMED_ON)


def _tree_names(world, on):
    return {row.unit.pk: row.name for row in selectors.unit_tree(root_ids=[world.city.pk], on=on)}


def test_the_tree_names_a_unit_as_it_was_before_and_after_a_rename(world, renamed):
    assert _tree_names(world, RENAMED_ON - dt.timedelta(days=1))[renamed.pk] == OLD
    assert _tree_names(world, RENAMED_ON)[renamed.pk] == NEW
    assert _tree_names(world, None)[renamed.pk] == NEW


def test_the_tree_names_every_unit_in_a_fixed_number_of_queries(
    world, renamed, django_assert_num_queries
):
    for i in range(5):
        make_unit(f"Phòng {i}", parent=world.dept)
    with django_assert_num_queries(3):
        selectors.unit_tree(root_ids=[world.city.pk], on=dt.date(2015, 6, 1))


def test_the_tree_page_shows_the_name_of_the_date(client, world, renamed):
    client.force_login(world.admin)
    old_page = client.get(reverse("org:tree"), {"on": "01/06/2015"}).content.decode()
    assert OLD in old_page and f"nay là {NEW}" in old_page
    today_page = client.get(reverse("org:tree")).content.decode()
    assert OLD not in today_page and NEW in today_page


def test_the_api_tree_gives_the_name_of_the_date(client, world, renamed):
    _token, key = api_token_create(actor=world.admin, user=world.secretariat, name="CSDL")
    nodes = client.get(
        "/api/v1/units/tree", {"as_of": "2015-06-01"}, HTTP_AUTHORIZATION=f"Bearer {key}"
    ).json()
    assert {n["name"] for n in nodes if n["id"] == str(renamed.uuid)} == {OLD}


def test_a_merged_unit_says_where_its_records_went(world):
    old = make_unit("Trung tâm Bảo trợ xã hội 5", parent=world.dept)
    merged = unit_merge(
        actor=None,
        units=[old, world.centre],
        on=dt.date(2018, 1, 1),
        code="tt-ho-tro",
        name="Trung tâm Hỗ trợ xã hội",
        parent=world.dept,
    )
    old.refresh_from_db()
    note = selectors.unit_fate(old)
    assert f"đã sáp nhập vào “{merged.name}” từ ngày 01/01/2018" in note
    assert selectors.unit_fate(old, on=dt.date(2017, 12, 31)) == ""


def test_siblings_are_sorted_by_their_names_on_the_date(client, world, renamed):
    """By hand: under the department, B < Đ < G on 1/6/2015; after the rename D < Đ."""
    care = make_unit("Trung tâm Điều dưỡng", parent=world.dept)

    def children(on):
        return [r.name for r in selectors.unit_tree(root_ids=[world.dept.pk], on=on)][1:]

    centres = ["Trung tâm Bảo trợ xã hội 1", "Trung tâm Bảo trợ xã hội 2"]
    assert children(dt.date(2015, 6, 1)) == [*centres, care.name, OLD]
    assert children(None) == [*centres, NEW, care.name]
    client.force_login(world.admin)
    page = client.get(reverse("org:tree"), {"on": "01/06/2015"}).content.decode()
    assert page.index(care.name) < page.index(OLD)
    page = client.get(reverse("org:tree")).content.decode()
    assert page.index(NEW) < page.index(care.name)


def test_the_tree_search_finds_a_unit_by_its_name_on_the_date(world, renamed):
    rows = selectors.unit_tree(root_ids=[world.city.pk], on=dt.date(2015, 6, 1))
    assert [r.unit.pk for r in selectors.tree_search(rows, "gioi thieu")] == [renamed.pk]


def test_the_tree_export_names_and_orders_units_as_on_the_date(client, world, renamed):
    """By hand: on 1/6/2015 under the department, Điều dưỡng before Giới thiệu (the old name),
    whose row gives today's name beside it."""
    care = make_unit("Trung tâm Điều dưỡng", parent=world.dept)
    client.force_login(world.admin)
    content = client.get(reverse("org:tree_xlsx"), {"on": "01/06/2015"}).content
    rows = list(load_workbook(io.BytesIO(content), read_only=True).worksheets[0].values)
    header = list(rows[0])
    name, parent, today_name = (header.index(h) for h in ("Đơn vị", "Trực thuộc", "Tên hiện nay"))
    under_dept = [(r[name], r[today_name]) for r in rows[1:] if r[parent] == world.dept.name]
    assert under_dept == [
        ("Trung tâm Bảo trợ xã hội 1", None),
        ("Trung tâm Bảo trợ xã hội 2", None),
        (care.name, None),
        (OLD, NEW),
    ]
