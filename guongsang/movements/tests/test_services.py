"""Writing movements and pledges: one pledge each, the deadline, the secretariat's override."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from guongsang.core.models import AuditEntry
from guongsang.movements.models import Pledge
from guongsang.movements.services import movement_update, pledge_register, pledge_update
from guongsang.movements.tests.factories import make_movement, make_pledge
from guongsang.org.tests.factories import make_unit

pytestmark = pytest.mark.django_db

LAUNCH = dt.date(2024, 2, 1)
DEADLINE = dt.date(2024, 3, 15)


@pytest.fixture
def movement(world):
    return make_movement(world.dept, year=2024, launched_on=LAUNCH, pledge_deadline=DEADLINE)


def test_a_movement_is_created_with_its_contents_numbered_and_audited(world):
    movement = make_movement(
        world.dept, launched_on=LAUNCH, pledge_deadline=DEADLINE, contents=("Một", " ", "Hai")
    )
    assert [(c.number, c.title) for c in movement.contents.all()] == [(1, "Một"), (2, "Hai")]
    entry = AuditEntry.objects.get(object_id=str(movement.uuid))
    assert entry.action == "create" and entry.after["contents"] == ["Một", "Hai"]


def test_changing_the_plan_renumbers_its_contents_and_logs_the_change(world, movement):
    movement_update(
        actor=world.secretariat, movement=movement, contents=["Mới", "Chăm lo người có công"]
    )
    assert list(movement.contents.values_list("number", "title")) == [
        (1, "Mới"),
        (2, "Chăm lo người có công"),
    ]
    entry = AuditEntry.objects.filter(object_id=str(movement.uuid), action="update").get()
    assert entry.actor == world.secretariat
    assert entry.before["contents"] == ["Chăm lo người có công", "Giải quyết việc làm"]


def test_a_pledge_deadline_before_the_launch_is_refused(world):
    with pytest.raises(ValidationError, match="không thể trước ngày phát động"):
        make_movement(world.dept, launched_on=LAUNCH, pledge_deadline=dt.date(2024, 1, 1))


def test_a_unit_pledges_and_the_pledge_is_written_to_the_audit_log(world, movement, titles):
    pledge = pledge_register(
        actor=world.officer,
        movement=movement,
        unit=world.centre,
        titles=[titles["tap-the-lao-dong-tien-tien"], titles["tap-the-tot"]],
        commitments="  Chăm sóc an toàn 100% đối tượng ",
        on=dt.date(2024, 2, 20),
    )
    assert pledge.is_collective and not pledge.is_late
    assert pledge.commitments == "Chăm sóc an toàn 100% đối tượng"
    assert pledge.registered_by == world.officer
    entry = AuditEntry.objects.get(object_id=str(pledge.uuid))
    assert entry.action == "create" and entry.actor == world.officer
    assert entry.after["titles"] == ["tap-the-lao-dong-tien-tien", "tap-the-tot"]


def test_pledging_twice_for_the_same_unit_is_refused_with_a_message(world, movement, titles):
    title = titles["tap-the-lao-dong-tien-tien"]
    make_pledge(movement, world.centre, [title])
    with pytest.raises(ValidationError) as error:
        make_pledge(movement, world.centre, [title])
    assert error.value.messages == [
        f"{world.centre.name} đã đăng ký thi đua trong phong trào “{movement.name}”; "
        "hãy sửa bản đăng ký đã có."
    ]
    assert Pledge.objects.count() == 1
    assert AuditEntry.objects.filter(object_type="movements.pledge").count() == 1


def test_a_person_pledges_once_beside_the_pledge_of_their_unit(world, movement, titles):
    make_pledge(movement, world.centre, [titles["tap-the-lao-dong-tien-tien"]])
    personal = [titles["lao-dong-tien-tien"], titles["nguoi-tot-viec-tot-co-so"]]
    make_pledge(movement, world.centre, personal, person=world.person)
    with pytest.raises(ValidationError, match="Lê Thị Bích Liên đã đăng ký thi đua"):
        make_pledge(movement, world.centre, personal, person=world.person)
    assert Pledge.objects.filter(movement=movement).count() == 2


def test_the_database_itself_refuses_a_second_pledge_of_a_unit(world, movement):
    Pledge.objects.create(movement=movement, unit=world.centre)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.create(movement=movement, unit=world.centre)


def test_a_person_is_pledged_only_by_their_own_unit(world, movement, titles):
    with pytest.raises(ValidationError, match="không thuộc"):
        make_pledge(
            movement, world.centre, [titles["lao-dong-tien-tien"]], person=world.other_person
        )


def test_a_late_pledge_is_refused_with_the_deadline_in_the_message(world, movement, titles):
    with pytest.raises(ValidationError) as error:
        make_pledge(
            movement, world.centre, [titles["tap-the-tot"]], on=DEADLINE + dt.timedelta(days=1)
        )
    [message] = error.value.messages
    assert "Đã hết hạn đăng ký thi đua" in message and "15/03/2024" in message
    assert not Pledge.objects.exists()


def test_a_pledge_on_the_deadline_itself_is_on_time(world, movement, titles):
    pledge = make_pledge(movement, world.centre, [titles["tap-the-tot"]], on=DEADLINE)
    assert not pledge.is_late


def test_the_secretariat_records_a_late_pledge_only_with_a_reason(world, movement, titles):
    late = DEADLINE + dt.timedelta(days=3)
    common = {
        "movement": movement,
        "unit": world.centre,
        "titles": [titles["tap-the-tot"]],
        "allow_late": True,
        "on": late,
    }
    with pytest.raises(ValidationError, match="cần ghi lý do"):
        pledge_register(actor=world.secretariat, **common)
    pledge = pledge_register(
        actor=world.secretariat, late_reason="Công văn gửi chậm do bưu điện", **common
    )
    assert pledge.is_late and pledge.late_reason == "Công văn gửi chậm do bưu điện"
    entry = AuditEntry.objects.get(object_id=str(pledge.uuid))
    assert entry.reason == "Công văn gửi chậm do bưu điện" and entry.after["is_late"] is True


def test_a_collective_cannot_pledge_a_title_for_individuals(world, movement, titles):
    with pytest.raises(ValidationError, match="chỉ dành cho cá nhân"):
        make_pledge(movement, world.centre, [titles["lao-dong-tien-tien"]])
    with pytest.raises(ValidationError, match="Chọn ít nhất một"):
        make_pledge(movement, world.centre, [])


def test_a_unit_outside_the_organising_unit_cannot_pledge(world, titles):
    movement = make_movement(world.centre, launched_on=LAUNCH, pledge_deadline=DEADLINE)
    with pytest.raises(ValidationError, match="không thuộc phạm vi phong trào"):
        make_pledge(movement, world.other_centre, [titles["tap-the-tot"]])
    with pytest.raises(ValidationError, match="không thuộc phạm vi phong trào"):
        make_pledge(movement, world.centre, [titles["tap-the-tot"]])  # not itself


def test_a_unit_founded_after_the_deadline_cannot_pledge(world, movement, titles):
    newer = make_unit("Trung tâm mới", parent=world.dept, valid_from=dt.date(2024, 6, 1))
    with pytest.raises(ValidationError, match="không thuộc phạm vi phong trào"):
        make_pledge(movement, newer, [titles["tap-the-tot"]])


def test_changing_a_pledge_keeps_the_before_and_after_in_the_log(world, movement, titles):
    pledge = make_pledge(movement, world.centre, [titles["tap-the-lao-dong-tien-tien"]])
    pledge_update(
        actor=world.officer,
        pledge=pledge,
        titles=[titles["tap-the-lao-dong-xuat-sac"]],
        commitments="Cam kết mới",
        on=dt.date(2024, 3, 1),
    )
    entry = AuditEntry.objects.get(object_id=str(pledge.uuid), action="update")
    assert entry.before["titles"] == ["tap-the-lao-dong-tien-tien"]
    assert entry.after == {"commitments": "Cam kết mới", "titles": ["tap-the-lao-dong-xuat-sac"]}
    with pytest.raises(ValidationError, match="Đã hết hạn"):
        pledge_update(
            actor=world.officer,
            pledge=pledge,
            titles=[titles["tap-the-tot"]],
            on=dt.date(2024, 4, 1),
        )
