"""Every Excel export, fed names and texts that a spreadsheet would run as formulas, and read
back with openpyxl: no cell is a formula, and each such text comes back exactly as typed."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from guongsang.core.xlsx import FORMULA_TRIGGERS, append_row, write_cell
from guongsang.org.models import Unit, UnitName
from guongsang.people.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

UNIT = '=HYPERLINK("http://x.invalid/?leak","Bấm vào đây")'
OTHER_UNIT = "+1+cmd|' /C calc'!A0"
PERSON = "=1+2"
OTHER_PERSON = "@SUM(1+1)"
SUMMARY = "-2+3 cứu người"
INDICATOR = "\t=1+1"
MOVEMENT = "\r=2+2"
TITLE = "=Danh hiệu"
RISKY = {UNIT, OTHER_UNIT, PERSON, OTHER_PERSON, SUMMARY, INDICATOR, MOVEMENT, TITLE}


def _rename_unit(unit: Unit, name: str) -> None:
    Unit.objects.filter(pk=unit.pk).update(name=name)
    UnitName.objects.filter(unit=unit).update(name=name)
    unit.refresh_from_db()


@pytest.fixture
def risky(world):
    """The world's units and people carry names that start like formulas."""
    _rename_unit(world.centre, UNIT)
    _rename_unit(world.other_centre, OTHER_UNIT)
    Person.objects.filter(pk=world.person.pk).update(full_name=PERSON)
    Person.objects.filter(pk=world.other_person.pk).update(full_name=OTHER_PERSON)
    world.person.refresh_from_db()
    world.other_person.refresh_from_db()
    return world


def _cells(content: bytes | Path):
    source = content if isinstance(content, Path) else io.BytesIO(content)
    book = load_workbook(source)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def assert_no_formula(content: bytes | Path, *, expect: set[str], allowed=frozenset()) -> None:
    seen = set()
    for cell in _cells(content):
        if cell.data_type == "f":
            assert cell.value in allowed, f"{cell.coordinate}: formula {cell.value!r}"
            continue
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
            assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
            seen.add(cell.value)
    assert expect <= seen, f"missing verbatim: {expect - seen}"


def test_the_helper_keeps_every_trigger_as_text_in_normal_and_write_only_sheets(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    append_row(sheet, sorted(RISKY))
    write_cell(sheet, row=2, column=1, value=PERSON)
    write_cell(sheet, row=2, column=2, value=12)
    append_row(sheet, ["Nguyễn Văn An", 3, None])
    book.save(tmp_path / "a.xlsx")
    assert_no_formula(tmp_path / "a.xlsx", expect=RISKY)
    cells = {c.coordinate: c for c in _cells(tmp_path / "a.xlsx")}
    assert cells["B2"].value == 12 and cells["A3"].value == "Nguyễn Văn An"
    assert not cells["A3"].quotePrefix

    stream = Workbook(write_only=True)
    ws = stream.create_sheet("x")
    append_row(ws, sorted(RISKY))
    stream.save(tmp_path / "b.xlsx")
    assert_no_formula(tmp_path / "b.xlsx", expect=RISKY)


def test_the_dossier_list(risky):
    from guongsang.nominations.exports import dossiers_xlsx
    from guongsang.nominations.models import Dossier
    from guongsang.nominations.tests.factories import make_dossier

    dossier = make_dossier(risky, person=risky.person)
    Dossier.objects.filter(pk=dossier.pk).update(summary=SUMMARY)
    content = dossiers_xlsx(Dossier.objects.all())
    assert_no_formula(content, expect={UNIT, PERSON, SUMMARY})


def test_the_people_list(risky, tmp_path):
    from guongsang.people.exports import people_xlsx

    people_xlsx(people=Person.objects.all(), path=tmp_path / "p.xlsx")
    assert_no_formula(tmp_path / "p.xlsx", expect={UNIT, OTHER_UNIT, PERSON, OTHER_PERSON})


def test_the_pledge_status(risky, tmp_path):
    from guongsang.movements.exports import status_xlsx
    from guongsang.movements.models import Movement
    from guongsang.movements.selectors import pledge_status
    from guongsang.movements.tests.factories import make_movement

    movement = make_movement(risky.dept, name="Phong trào")
    Movement.objects.filter(pk=movement.pk).update(name=MOVEMENT)
    movement.refresh_from_db()
    status = pledge_status(user=risky.admin, movement=movement)
    status_xlsx(status=status, path=tmp_path / "m.xlsx")
    assert_no_formula(tmp_path / "m.xlsx", expect={UNIT, OTHER_UNIT})


def test_the_decision_annex_keeps_only_its_own_total(risky):
    from guongsang.decisions import documents, services
    from guongsang.decisions.tests.factories import recommended, signer

    draft = services.decision_draft(
        actor=risky.secretariat, authority=risky.dept, dossiers=[recommended(risky)]
    )
    decision = services.decision_sign(
        actor=signer(risky), decision=draft, on=dt.date(2024, 2, 5), signer_name="Nguyễn Tây Nam"
    )
    content = documents.annex_xlsx(decision)
    assert_no_formula(content, expect={PERSON, UNIT}, allowed={"=SUM(E4:E4)"})


def test_the_annual_report(risky, titles):
    from guongsang.awards.services import award_record
    from guongsang.reports import documents
    from guongsang.reports.figures import report_figures
    from guongsang.reports.models import AnnualReport

    title = titles["nguoi-tot-viec-tot-co-so"]
    award_record(actor=None, title=title, year=2023, unit=risky.centre, person=risky.person)
    report = AnnualReport.objects.create(unit=risky.dept, year=2023)
    data = report_figures(user=None, unit=risky.dept, year=2023)
    content = documents.report_xlsx(report, data)
    assert_no_formula(content, expect={UNIT})


def test_the_statistics_table_and_dashboard(client, risky, titles):
    from guongsang.awards.services import award_record
    from guongsang.catalogue.models import Title

    title = titles["nguoi-tot-viec-tot-co-so"]
    Title.objects.filter(pk=title.pk).update(name=TITLE)
    for unit, person in ((risky.centre, risky.person), (risky.other_centre, risky.other_person)):
        award_record(
            actor=None,
            title=title,
            year=2022,
            unit=unit,
            person=person,
            decision_date=dt.date(2022, 10, 1),
        )
    client.force_login(risky.admin)
    query = {"year_from": 2021, "year_to": 2022, "by": ["title"]}
    table = client.get(reverse("stats:table_xlsx"), query)
    assert table.status_code == 200
    assert_no_formula(table.content, expect={TITLE})
    dashboard = client.get(reverse("stats:dashboard_xlsx"), {"year_from": 2021, "year_to": 2022})
    assert dashboard.status_code == 200
    assert_no_formula(dashboard.content, expect={TITLE})


def test_the_targets_export_and_template(client, risky):
    from guongsang.targets import imports, services
    from guongsang.targets.models import Indicator
    from guongsang.targets.tests.factories import make_indicator

    jobs = make_indicator()
    Indicator.objects.filter(pk=jobs.pk).update(name=INDICATOR)
    jobs.refresh_from_db()
    services.plan_set(by=None, indicator=jobs, unit=risky.centre, year=2023, value=100)
    services.result_set(by=None, indicator=jobs, unit=risky.centre, year=2023, month=9, value=7)
    client.force_login(risky.admin)
    response = client.get(reverse("targets:export"), {"year": 2023})
    assert response.status_code == 200
    assert_no_formula(response.content, expect={UNIT, INDICATOR})
    assert_no_formula(imports.template_xlsx(), expect={INDICATOR})


def test_the_import_result(tmp_path):
    from guongsang.nominations.imports import Result, result_xlsx

    path = tmp_path / "r.xlsx"
    result_xlsx(Result(rows=1, created=1, new_people=0, warnings=(PERSON, SUMMARY)), path)
    assert_no_formula(path, expect={PERSON, SUMMARY})


def test_the_contest_scores(risky):
    from guongsang.contests.exports import scores_xlsx
    from guongsang.contests.models import Entry
    from guongsang.contests.tests.test_services import _scored_round

    _contest, rnd, entries, _judges = _scored_round(risky, {"A": (9, 9), "B": (9, 9)})
    Entry.objects.filter(pk=entries["A"].pk).update(title=PERSON, authors=OTHER_PERSON)
    assert_no_formula(scores_xlsx(rnd), expect={PERSON, OTHER_PERSON, OTHER_UNIT})


def test_every_module_that_builds_a_workbook_writes_through_the_helper():
    root = Path(__file__).resolve().parents[1] / "guongsang"
    builders = [
        path
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and "Workbook(" in path.read_text(encoding="utf-8")
        and path.name != "xlsx.py"
    ]
    assert len(builders) >= 8
    for path in builders:
        text = path.read_text(encoding="utf-8")
        assert "guongsang.core.xlsx import" in text, path


@override_settings(TASKS=IMMEDIATE)
def test_the_queued_exports_reach_the_helper_too(client, risky, tmp_path, settings):
    from guongsang.core.models import TaskProgress

    client.force_login(risky.admin)
    client.post(reverse("people:export"))
    progress = TaskProgress.objects.get(owner=risky.admin)
    with progress.result_file.open("rb") as stored:  # read back through the storage API
        assert_no_formula(stored.read(), expect={PERSON, UNIT})
