"""A merge that carries the staff over: who serves where, before and after, stated by hand."""

import datetime as dt

import pytest

from guongsang.core.models import AuditEntry
from guongsang.org.services import unit_merge
from guongsang.org.tests.factories import make_unit
from guongsang.people.models import Position
from guongsang.people.tests.factories import make_person

pytestmark = pytest.mark.django_db

MERGE = dt.date(2024, 1, 1)
Y2010, Y2015, LATER = dt.date(2010, 1, 1), dt.date(2015, 1, 1), dt.date(2024, 6, 1)


@pytest.fixture
def centres(world):
    a = make_unit("Trung tâm A", parent=world.dept)
    b = make_unit("Trung tâm B", parent=world.dept)
    rows = {
        # name: (unit, title, from, to)
        "An": (a, "Giám đốc", Y2010, None),  # serving: moves
        "Bình": (b, "Nhân viên", Y2010, LATER),  # serving, ends after the merge: moves
        "Chi": (a, "Kế toán", Y2010, Y2015),  # left before the merge: stays
        "Dũng": (a, "Nhân viên", MERGE, None),  # begins on the merge day: changes unit
        "Em": (world.centre, "Nhân viên", Y2010, None),  # another unit: stays
    }
    for name, (unit, title, start, end) in rows.items():
        person = make_person(name, unit=unit)
        Position.objects.create(
            person=person, unit=unit, title=title, valid_from=start, valid_to=end
        )
    return a, b


def _positions():
    return {
        (p.person.full_name, p.unit.name, p.title, p.valid_from, p.valid_to)
        for p in Position.objects.select_related("person", "unit")
    }


def _merge(world, a, b, **kwargs):
    return unit_merge(
        actor=world.admin, units=[a, b], on=MERGE, code="c", name="Trung tâm C", **kwargs
    )


def test_the_staff_serving_on_the_merge_day_serve_in_the_new_unit(world, centres):
    a, b = centres
    _merge(world, a, b, move_staff=True)
    assert _positions() == {
        ("An", "Trung tâm A", "Giám đốc", Y2010, MERGE),
        ("An", "Trung tâm C", "Giám đốc", MERGE, None),
        ("Bình", "Trung tâm B", "Nhân viên", Y2010, MERGE),
        ("Bình", "Trung tâm C", "Nhân viên", MERGE, LATER),
        ("Chi", "Trung tâm A", "Kế toán", Y2010, Y2015),
        ("Dũng", "Trung tâm C", "Nhân viên", MERGE, None),
        ("Em", world.centre.name, "Nhân viên", Y2010, None),
    }
    logged = AuditEntry.objects.filter(object_type="people.position")
    # An and Bình: one end and one new position each; Dũng: one change of unit.
    assert logged.count() == 5
    assert {e.reason for e in logged} == {"Chuyển sang Trung tâm C từ ngày 01/01/2024"}


def test_without_the_choice_the_staff_stay_where_they_were(world, centres):
    a, b = centres
    before = _positions()
    _merge(world, a, b)
    assert _positions() == before
