"""Reads: who sees which movement, and who has and has not pledged (in one query)."""

import datetime as dt

import pytest

from guongsang.core.permissions import has_role
from guongsang.movements import selectors
from guongsang.movements.tests.factories import make_movement, make_pledge
from guongsang.org import services as org_services
from guongsang.org.tests.factories import make_unit

pytestmark = pytest.mark.django_db

LAUNCH = dt.date(2024, 2, 1)
DEADLINE = dt.date(2024, 3, 15)


@pytest.fixture
def movement(world):
    return make_movement(world.dept, year=2024, launched_on=LAUNCH, pledge_deadline=DEADLINE)


def _status(user, movement):
    status = selectors.pledge_status(user=user, movement=movement)
    return {row.unit.name: (row.pledged, row.individuals) for row in status.rows}


def test_an_officer_sees_the_movements_of_their_unit_and_of_the_levels_above(world):
    city = make_movement(world.city, name="Phong trào của Thành phố", launched_on=LAUNCH)
    dept = make_movement(world.dept, name="Phong trào của Sở", launched_on=LAUNCH)
    own = make_movement(world.centre, name="Phong trào của Trung tâm 1", launched_on=LAUNCH)
    other = make_movement(world.other_centre, name="Phong trào của Trung tâm 2", launched_on=LAUNCH)
    seen = set(selectors.movement_list(user=world.officer))
    assert seen == {city, dept, own}
    assert other not in seen
    assert set(selectors.movement_list(user=world.secretariat)) == {city, dept, own, other}


def test_the_pledge_status_tells_who_has_and_has_not_pledged(world, movement, titles):
    make_pledge(movement, world.centre, [titles["tap-the-tot"]])
    make_pledge(
        movement, world.other_centre, [titles["lao-dong-tien-tien"]], person=world.other_person
    )
    assert _status(world.secretariat, movement) == {
        world.centre.name: (True, 0),
        world.other_centre.name: (False, 1),  # a person pledged, the unit itself did not
    }
    status = selectors.pledge_status(user=world.secretariat, movement=movement)
    assert [r.unit for r in status.not_pledged] == [world.other_centre]
    assert status.percent == 50


def test_the_units_are_those_active_on_the_pledge_deadline(world, movement, titles):
    make_unit("Trung tâm thành lập sau hạn", parent=world.dept, valid_from=dt.date(2024, 5, 1))
    closed = make_unit("Trung tâm đã giải thể", parent=world.dept)
    org_services.unit_dissolve(actor=None, unit=closed, on=dt.date(2024, 1, 1), reason="QĐ")
    late_closed = make_unit("Trung tâm giải thể sau hạn", parent=world.dept)
    org_services.unit_dissolve(actor=None, unit=late_closed, on=dt.date(2024, 6, 1), reason="QĐ")
    names = set(_status(world.secretariat, movement))
    assert names == {world.centre.name, world.other_centre.name, late_closed.name}


def test_the_pledge_status_is_cut_to_the_users_subtree(world, movement, titles):
    assert set(_status(world.leader, movement)) == {world.centre.name, world.other_centre.name}
    assert set(_status(world.officer, movement)) == set()  # not a role that follows pledges


def test_the_pledge_status_is_one_query_however_many_units(
    world, movement, titles, django_assert_num_queries
):
    for number in range(12):
        unit = make_unit(f"Phòng {number}", parent=world.dept)
        if number % 3:
            make_pledge(movement, unit, [titles["tap-the-tot"]])
        make_unit(f"Tổ {number}", parent=unit)
    has_role(world.secretariat, "secretariat")  # the grants are read once per request
    with django_assert_num_queries(1):
        status = selectors.pledge_status(user=world.secretariat, movement=movement)
        names = [row.unit.parent.name for row in status.rows]  # parents come with the units
    assert len(status.rows) == 2 + 12 + 12 and len(names) == 26
    assert len(status.pledged) == 8


def test_the_pledges_a_user_sees_are_those_of_their_subtree(world, movement, titles):
    make_pledge(movement, world.centre, [titles["tap-the-tot"]])
    make_pledge(movement, world.other_centre, [titles["tap-the-tot"]])
    mine = selectors.pledge_list(user=world.officer, movement=movement)
    assert [p.unit for p in mine] == [world.centre]
    assert selectors.pledge_list(user=world.secretariat, movement=movement).count() == 2


def test_an_officer_may_pledge_only_for_their_own_unit(world, movement):
    assert list(selectors.pledge_units(user=world.officer, movement=movement)) == [world.centre]
    units = selectors.pledge_units(user=world.secretariat, movement=movement)
    assert set(units) == {world.centre, world.other_centre}
    assert list(selectors.pledge_units(user=world.leader, movement=movement)) == []
