"""The Excel export of the people list: queued, followed on its page, masked, cut to scope."""

import datetime as dt
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from guongsang.core.models import AuditEntry, TaskProgress, TaskStatus
from guongsang.people.exports import COLUMNS

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def tasks_now():
    """Tasks run at once, in the request; files land in the test's own storage folder."""
    with override_settings(TASKS=IMMEDIATE):
        yield


def _export(client, user) -> TaskProgress:
    client.force_login(user)
    response = client.post(reverse("people:export"))
    progress = TaskProgress.objects.get(owner=user)
    assert response.status_code == 302
    assert response.url == reverse("core:task_progress", args=[progress.uuid])
    return progress


def _rows(progress: TaskProgress) -> list[tuple]:
    sheet = load_workbook(progress.result_file.open("rb")).active
    return list(sheet.values)


def test_an_officer_exports_exactly_the_people_of_their_unit(client, world):
    from guongsang.people.services import position_assign

    position_assign(
        actor=None,
        person=world.person,
        unit=world.centre,
        title="Phó Giám đốc",
        valid_from=dt.date(2020, 1, 1),
    )
    progress = _export(client, world.officer)

    assert progress.status == TaskStatus.DONE and progress.percent == 100
    assert re.fullmatch(r"danh-sach-ca-nhan-\d{8}\.xlsx", progress.result_name)
    assert progress.result_file.name.startswith("exports/")
    header, *rows = _rows(progress)
    assert list(header) == [title for title, _ in COLUMNS]
    assert [row[1] for row in rows] == ["Lê Thị Bích Liên"]
    [row] = rows
    assert row[2] == "Nữ" and row[5] == world.centre.name and row[6] == "Phó Giám đốc"


def test_personal_data_in_the_file_is_masked(client, world):
    progress = _export(client, world.officer)
    [row] = _rows(progress)[1:]
    values = [str(v) for v in row]
    person = world.person
    assert person.citizen_id not in values and person.phone not in values
    assert row[7] == person.citizen_id_masked and "*" in row[7]
    assert row[3] == "**/**/1985" and row[8] == person.phone_masked
    assert person.address not in values


def test_the_secretariat_of_the_department_exports_both_centres(client, world):
    progress = _export(client, world.secretariat)
    names = [row[1] for row in _rows(progress)[1:]]
    assert names == ["Trần Văn Bình", "Lê Thị Bích Liên"]  # by given name: Bình, Liên


def test_the_file_has_a_bold_frozen_header_and_set_column_widths(client, world):
    progress = _export(client, world.officer)
    sheet = load_workbook(progress.result_file.open("rb")).active
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["B"].width == COLUMNS[1][1]


def test_the_export_is_recorded_in_the_audit_log(client, world):
    progress = _export(client, world.officer)
    entry = AuditEntry.objects.get(object_id=str(progress.uuid))
    assert entry.actor == world.officer and entry.action == "export"
    assert entry.after["export"] == "people.person" and entry.ip_address == "127.0.0.1"


def test_the_owner_downloads_the_file(client, world):
    progress = _export(client, world.officer)
    response = client.get(reverse("core:task_download", args=[progress.uuid]))
    assert response.status_code == 200
    assert progress.result_name in response["Content-Disposition"]
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_another_user_cannot_open_or_download_someone_elses_export(client, world):
    progress = _export(client, world.officer)
    client.force_login(world.other_officer)
    for name in ("core:task_progress", "core:task_download"):
        assert client.get(reverse(name, args=[progress.uuid])).status_code == 404


def test_the_export_is_started_by_post_only(client, world):
    client.force_login(world.officer)
    assert client.get(reverse("people:export")).status_code == 405
    assert not TaskProgress.objects.exists()


def test_a_user_without_any_role_cannot_export(client, world):
    from guongsang.accounts.tests.factories import make_user

    client.force_login(make_user("khach"))
    assert client.post(reverse("people:export")).status_code == 403
    assert not TaskProgress.objects.exists()


def test_progress_is_reported_every_so_many_rows(world, tmp_path):
    from guongsang.people.exports import people_xlsx
    from guongsang.people.models import Person

    calls = []
    count = people_xlsx(
        people=Person.objects.select_related("home_unit").order_by("full_name"),
        path=tmp_path / "out.xlsx",
        on_progress=lambda done, total: calls.append((done, total)),
        every=1,
    )
    assert count == 2 and calls == [(1, 2), (2, 2)]
