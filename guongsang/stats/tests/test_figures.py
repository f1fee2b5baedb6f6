"""The figures of the statistics (service and `manage.py stats`) on a small history built here
by hand: the expected counts are computed in the test with plain Python over the same list."""

import datetime as dt
import io
import json
from collections import Counter

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from guongsang.awards.services import award_record
from guongsang.catalogue.models import Title
from guongsang.org.models import UnitType
from guongsang.org.tests.factories import make_unit
from guongsang.people.tests.factories import make_person
from guongsang.stats.services import award_stats, stats_mismatches

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]

BASE = "nguoi-tot-viec-tot-co-so"
CITY = "nguoi-tot-viec-tot-thanh-pho"
COLLECTIVE = "tap-the-tot"
YEARS = range(2019, 2024)
NAMES = ("An", "Bình", "Cúc", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga")


@pytest.fixture
def history(world):
    """Awards over five years, three titles (two levels, both targets), four units of which
    one is a division under a centre; each row is (title code, year, unit, person or None)."""
    division = make_unit("Phòng Y tế", parent=world.centre, unit_type=UnitType.DIVISION)
    units = [world.centre, division, world.other_centre]
    people = {
        unit.pk: [make_person(f"Nguyễn Văn {name}", unit=unit) for name in NAMES] for unit in units
    }
    titles = {t.code: t for t in Title.objects.filter(code__in=(BASE, CITY, COLLECTIVE))}
    rows = []
    for y, year in enumerate(YEARS):
        for u, unit in enumerate(units):
            for i in range((y + 2 * u) % 4 + 1):  # 1 to 4 people a year, varying
                rows.append((BASE, year, unit, people[unit.pk][i]))
            if (y + u) % 3 == 0:
                rows.append((CITY, year, unit, people[unit.pk][9]))
            if (y * u) % 2 == 1:
                rows.append((COLLECTIVE, year, unit, None))
    for code, year, unit, person in rows:
        award_record(
            actor=None,
            title=titles[code],
            year=year,
            unit=unit,
            person=person,
            decision_date=dt.date(year, 11, 20),
        )
    world.division, world.rows, world.titles = division, rows, titles
    return world


def _expected(history, *, years=YEARS, units=None, key=lambda row: row[0]) -> Counter:
    return Counter(
        key(row) for row in history.rows if row[1] in years and (units is None or row[2] in units)
    )


def test_counts_by_level_title_and_target_are_those_of_the_list(history):
    result = award_stats(from_year=2019, to_year=2023, by=("level", "title", "target"))
    titles = history.titles
    expected = _expected(history, key=lambda r: (titles[r[0]].level, r[0], titles[r[0]].target))
    found = {(r.key["level"], r.key["title"], r.key["target"]): r.count for r in result.rows}
    assert {k: v for k, v in found.items() if v} == dict(expected)
    assert result.total == len(history.rows)


def test_a_year_range_counts_only_its_years(history):
    result = award_stats(from_year=2020, to_year=2022, by=("title",))
    expected = _expected(history, years=range(2020, 2023))
    assert {code: result.total_for(title=code) for code in expected} == dict(expected)


def test_a_unit_counts_its_subtree_only(history):
    centre = award_stats(from_year=2019, to_year=2023, by=("title",), unit=history.centre)
    expected = _expected(history, units=(history.centre, history.division))
    assert {code: centre.total_for(title=code) for code in expected} == dict(expected)
    department = award_stats(from_year=2019, to_year=2023, unit=history.dept)
    assert department.total == len(history.rows)
    division = award_stats(from_year=2019, to_year=2023, unit=history.division)
    assert division.total == sum(row[2] == history.division for row in history.rows)


def test_year_rows_carry_the_cumulative_and_the_change(history):
    result = award_stats(
        from_year=2019, to_year=2023, by=("title", "year"), title_codes=[BASE], unit=history.dept
    )
    per_year = _expected(history, key=lambda r: r[1] if r[0] == BASE else None)
    running = 0
    for row in result.rows:
        year = row.key["year"]
        running += per_year[year]
        assert (row.count, row.cumulative) == (per_year[year], running)
        if year > YEARS[0]:
            previous = per_year[year - 1]
            assert (row.previous, row.change) == (previous, per_year[year] - previous)
    assert [r.key["year"] for r in result.rows] == list(YEARS)


def test_the_summary_and_the_rollup_equal_a_fresh_count(history):
    assert stats_mismatches() == []


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command("stats", *args, stdout=out)
    return out.getvalue()


def test_the_command_gives_the_same_counts_in_json_table_and_xlsx(history, tmp_path):
    expected = _expected(history, years=range(2019, 2022))
    span = ("--from-year", "2019", "--to-year", "2021", "--by", "title")
    data = json.loads(_command(*span, "--format", "json"))
    assert {r["key"]["title"]: r["count"] for r in data["rows"] if r["count"]} == dict(expected)

    unit = json.loads(_command(*span, "--unit", history.centre.code, "--format", "json"))
    in_centre = _expected(
        history, years=range(2019, 2022), units=(history.centre, history.division)
    )
    assert {r["key"]["title"]: r["count"] for r in unit["rows"] if r["count"]} == dict(in_centre)

    names = {code: title.name for code, title in history.titles.items()}
    lines = {
        line.split("  ")[0].strip(): line.split()[-1]
        for line in _command(*span).splitlines()
        if line.strip()
    }
    for code, count in expected.items():
        assert lines[names[code]] == str(count)

    path = tmp_path / "thong-ke.xlsx"
    _command(*span, "--format", "xlsx", "--output", str(path))
    sheet = load_workbook(path).active
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=4, values_only=True)}
    for code, count in expected.items():
        assert values[names[code]] == count
