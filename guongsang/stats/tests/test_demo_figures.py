"""`manage.py stats` and the service reproduce the articles' figures on the demo data.

The demo is built once for the module (in a transaction rolled back at the end).
"""

import importlib
import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from openpyxl import load_workbook

from guongsang.catalogue.models import BaseSalary, Prerequisite, Title
from guongsang.catalogue.seed import seed_catalogue
from guongsang.demo import facts
from guongsang.org.models import Unit
from guongsang.stats.services import award_stats, stats_mismatches

pytestmark = pytest.mark.django_db

BASE = "nguoi-tot-viec-tot-co-so"
CITY = "nguoi-tot-viec-tot-thanh-pho"
COLLECTIVE = "tap-the-tot"


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    from guongsang.demo import builder

    with django_db_blocker.unblock(), transaction.atomic():
        seed_catalogue(Title, Prerequisite, BaseSalary)
        builder.seed()
        # The lead's order (COMMON.md): the decisions demo records the 2022–2023 awards.
        for app in ("council", "decisions", "contests", "targets", "stats"):
            importlib.import_module(f"guongsang.{app}.demo").seed()
        yield
        transaction.set_rollback(True)


def _json(*args: str) -> dict:
    out = io.StringIO()
    call_command("stats", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def _total(data: dict, **key: str) -> int:
    return sum(
        r["count"] for r in data["rows"] if all(r["key"].get(k) == v for k, v in key.items())
    )


def test_the_command_gives_661_13_and_122_for_2009_to_2021():
    data = _json("--from-year", "2009", "--to-year", "2021", "--by", "level,title,target")
    assert _total(data, level="base", title=BASE, target="individual") == 661
    assert _total(data, level="base", title=COLLECTIVE, target="collective") == 13
    assert _total(data, level="city", title=CITY, target="individual") == 122
    assert data["by"] == ["level", "title", "target"]


def test_the_command_gives_5_and_21_for_2022_and_5_and_22_for_2023():
    data = _json("--from-year", "2022", "--to-year", "2023", "--by", "year,level,title")
    assert _total(data, year=2022, level="city", title=CITY) == 5
    assert _total(data, year=2022, level="base", title=BASE) == 21
    assert _total(data, year=2023, level="city", title=CITY) == 5
    assert _total(data, year=2023, level="base", title=BASE) == 22


def test_the_department_figures_are_the_same_with_the_unit_option():
    data = _json(
        "--from-year", "2009", "--to-year", "2021", "--by", "title", "--unit", facts.DEPARTMENT
    )
    assert (_total(data, title=BASE), _total(data, title=COLLECTIVE)) == (661, 13)
    assert _total(data, title=CITY) == 122


def test_the_table_format_prints_the_same_figures():
    out = io.StringIO()
    call_command("stats", "--from-year", "2009", "--to-year", "2021", "--by", "title", stdout=out)
    lines = {line.split("  ")[0].strip(): line.split()[-1] for line in out.getvalue().splitlines()}
    assert lines["“Người tốt, việc tốt” cấp cơ sở"] == "661"
    assert lines["“Tập thể tốt”"] == "13"
    assert lines["“Người tốt, việc tốt” cấp Thành phố"] == "122"


def test_the_xlsx_format_writes_a_workbook_with_the_figures(tmp_path):
    path = tmp_path / "thong-ke.xlsx"
    call_command(
        "stats",
        *("--from-year", "2009", "--to-year", "2021", "--by", "title,target"),
        *("--format", "xlsx", "--output", str(path)),
        stdout=io.StringIO(),
    )
    sheet = load_workbook(path).active
    values = {row[0]: row[2] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert values["“Người tốt, việc tốt” cấp cơ sở"] == 661
    assert values["“Tập thể tốt”"] == 13
    assert values["“Người tốt, việc tốt” cấp Thành phố"] == 122


def test_year_rows_carry_cumulative_and_year_over_year_figures():
    department = Unit.objects.get(code=facts.DEPARTMENT)
    result = award_stats(
        from_year=2009, to_year=2023, by=("title", "year"), unit=department, title_codes=[BASE]
    )
    rows = {r.key["year"]: r for r in result.rows}
    assert len(rows) == 15
    assert rows[2021].cumulative == 661
    assert rows[2023].cumulative == 661 + 21 + 22
    assert rows[2023].previous == 21 and rows[2023].change == 1
    assert str(rows[2023].change_percent) == "4.8"


def test_the_summary_and_the_rollup_equal_a_fresh_count_after_the_demo():
    from guongsang.stats.models import RollupState

    assert RollupState.objects.get(pk=1).stale is False
    assert stats_mismatches() == []


def test_the_merged_centre_counts_its_old_centres_history():
    from guongsang.demo.org_tree import MERGED

    merged = Unit.objects.get(code=MERGED.code)
    today = award_stats(from_year=2009, to_year=2021, unit=merged).total
    assert today > 0
    old = award_stats(from_year=2009, to_year=2021, unit=merged, as_of=merged.valid_from).total
    assert old < today  # its own records only: the merged-away centres came before it


def test_the_dashboard_counts_43_and_41_contest_entries():
    from guongsang.stats.selectors import DashboardFilter, contest_entries

    department = Unit.objects.get(code=facts.DEPARTMENT)
    chart = contest_entries(
        user=None, f=DashboardFilter(from_year=2022, to_year=2023, unit=department)
    )
    assert chart is not None
    assert dict(zip(chart.labels, chart.datasets[0]["data"], strict=True)) == {
        "2022": 43,
        "2023": 41,
    }
