"""The Excel file of who has and has not pledged, opened back with openpyxl."""

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from guongsang.core.models import AuditEntry, TaskProgress, TaskStatus
from guongsang.movements.exports import COLUMNS, HEADER_ROW, NOT_PLEDGED, PLEDGED
from guongsang.movements.tests.factories import make_movement, make_pledge
from guongsang.org.selectors import today

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def tasks_now():
    with override_settings(TASKS=IMMEDIATE):
        yield


@pytest.fixture
def movement(world, titles):
    movement = make_movement(world.dept, name="Phong trào thi đua năm nay")
    make_pledge(movement, world.centre, [titles["tap-the-tot"]], on=today())
    make_pledge(
        movement,
        world.centre,
        [titles["lao-dong-tien-tien"]],
        person=world.person,
        on=today(),
    )
    return movement


def _export(client, user, movement) -> TaskProgress:
    client.force_login(user)
    response = client.post(reverse("movements:status_export", args=[movement.uuid]))
    progress = TaskProgress.objects.get(owner=user)
    assert response.status_code == 302
    assert response.url == reverse("core:task_progress", args=[progress.uuid])
    return progress


def test_the_secretariat_exports_who_has_and_has_not_pledged(client, world, movement):
    progress = _export(client, world.secretariat, movement)
    assert progress.status == TaskStatus.DONE
    assert progress.result_name.startswith(f"tinh-hinh-dang-ky-{movement.year}-")
    sheet = load_workbook(progress.result_file.open("rb")).active
    assert movement.name.upper() in sheet["A1"].value
    assert "Đã đăng ký 1/2 đơn vị (50,0%)" in sheet["A2"].value
    rows = list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))
    assert list(rows[0]) == [title for title, _ in COLUMNS]
    # Those who have not pledged come first: they are the ones to chase.
    assert [(r[1], r[4], r[6]) for r in rows[1:]] == [
        (world.other_centre.name, NOT_PLEDGED, 0),
        (world.centre.name, PLEDGED, 1),
    ]
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert sheet.cell(row=HEADER_ROW, column=2).font.b


def test_the_export_is_recorded_and_cut_to_the_leaders_subtree(client, world, movement):
    from guongsang.accounts.tests.factories import make_user
    from guongsang.core.roles import Role

    leader = make_user("lanhdao-tt1", role=Role.LEADER, unit=world.centre)
    progress = _export(client, leader, movement)
    sheet = load_workbook(progress.result_file.open("rb")).active
    names = [r[1] for r in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    assert names == [world.centre.name]
    entry = AuditEntry.objects.get(object_id=str(progress.uuid))
    assert entry.action == "export" and entry.after["movement"] == str(movement.uuid)


def test_the_export_is_started_by_post_only(client, world, movement):
    client.force_login(world.secretariat)
    assert client.get(reverse("movements:status_export", args=[movement.uuid])).status_code == 405
    assert not TaskProgress.objects.exists()
