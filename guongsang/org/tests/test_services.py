import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from guongsang.core.models import AuditEntry
from guongsang.org import selectors, services
from guongsang.org.models import Unit, UnitType
from guongsang.org.tests.factories import make_unit
from guongsang.people.models import Position

pytestmark = pytest.mark.django_db

D2015 = dt.date(2015, 6, 1)
MERGE = dt.date(2019, 1, 1)


@pytest.fixture
def tree():
    city = make_unit("Thành phố", unit_type=UnitType.CITY, valid_from=dt.date(2000, 1, 1))
    dept = make_unit("Sở", parent=city, unit_type=UnitType.DEPARTMENT)
    a = make_unit("Trung tâm A", parent=dept)
    b = make_unit("Trung tâm B", parent=dept)
    a_team = make_unit("Tổ A1", parent=a, unit_type=UnitType.DIVISION)
    return city, dept, a, b, a_team


def _positions_in_2015(unit_ids) -> int:
    return Position.objects.filter(unit__in=unit_ids, valid_from__lte=D2015).count()


def test_units_under_a_unit_as_of_a_date(tree):
    city, dept, a, b, a_team = tree
    assert set(selectors.units_under(dept)) == {dept, a, b, a_team}
    assert set(selectors.units_under(a, on=dt.date(2004, 1, 1))) == set()


def test_merge_keeps_counts_before_the_merge_under_the_merged_unit(tree):
    from guongsang.people.tests.factories import letters, make_person

    city, dept, a, b, a_team = tree
    for i, unit in enumerate([a, a, a, b, b, a_team]):
        person = make_person(f"Người {letters(i)}", unit=unit)
        Position.objects.create(
            person=person,
            unit=unit,
            title="Nhân viên",
            valid_from=dt.date(2010, 1, 1),
            valid_to=MERGE,
        )

    merged = services.unit_merge(actor=None, units=[a, b], on=MERGE, code="c", name="Trung tâm C")
    a.refresh_from_db()
    b.refresh_from_db()

    # What unit is A today: C.
    assert selectors.unit_today(a) == merged
    assert selectors.unit_today(b) == merged
    assert a.valid_to == MERGE and a.successor == merged
    # As of 2015 the department held A, B and A's team; C did not exist.
    assert set(selectors.units_under(dept, on=D2015)) == {dept, a, b, a_team}
    assert set(selectors.units_under(merged, on=D2015)) == set()
    # Today the department holds C and the team moved under C; A and B are gone.
    assert set(selectors.units_under(dept)) == {dept, merged, a_team}
    assert set(selectors.units_under(merged)) == {merged, a_team}
    # Counts for 2015 add up the same, by the tree of then and under the merged unit of now.
    assert _positions_in_2015(selectors.unit_ids_for_counting(dept, as_of=D2015)) == 6
    assert _positions_in_2015(selectors.unit_ids_for_counting(merged)) == 6
    assert _positions_in_2015(selectors.unit_ids_for_counting(dept)) == 6
    assert _positions_in_2015(selectors.unit_ids_for_counting(merged, as_of=D2015)) == 0
    # History is written.
    assert a.events.filter(kind="merged", related=merged).exists()
    assert AuditEntry.objects.filter(object_id=str(a.uuid), action="state").exists()


def test_merge_of_a_merged_unit_follows_the_chain(tree):
    city, dept, a, b, a_team = tree
    c = services.unit_merge(actor=None, units=[a, b], on=MERGE, code="c", name="C")
    d_other = make_unit("Trung tâm D", parent=dept)
    e = services.unit_merge(
        actor=None, units=[c, d_other], on=dt.date(2022, 1, 1), code="e", name="E"
    )
    a.refresh_from_db()
    assert selectors.unit_today(a) == e
    assert set(Unit.objects.filter(current=e)) == {a, b, c, d_other, e}


def test_the_query_for_a_subtree_as_of_a_date_is_a_single_query(tree, django_assert_num_queries):
    city, dept, a, b, a_team = tree
    with django_assert_num_queries(1):
        list(selectors.units_under(city, on=D2015))


def test_rename_keeps_identity_and_the_old_name(tree):
    _, _, a, _, _ = tree
    services.unit_rename(actor=None, unit=a, name="Trung tâm A mới", on=dt.date(2020, 3, 1))
    assert selectors.unit_name_on(a, D2015) == "Trung tâm A"
    assert selectors.unit_name_on(a, dt.date(2021, 1, 1)) == "Trung tâm A mới"


def test_move_changes_the_subtree_from_its_date_only(tree):
    city, dept, a, b, a_team = tree
    services.unit_move(actor=None, unit=a_team, new_parent=b, on=dt.date(2020, 1, 1))
    assert a_team in selectors.units_under(a, on=D2015)
    assert a_team not in selectors.units_under(a)
    assert a_team in selectors.units_under(b)
    assert a_team in selectors.units_under(city)


def test_a_unit_cannot_move_under_its_own_subunit(tree):
    _, _, a, _, a_team = tree
    with pytest.raises(ValidationError, match="chính nó"):
        services.unit_move(actor=None, unit=a, new_parent=a_team, on=dt.date(2020, 1, 1))


def test_dissolving_a_unit_with_active_subunits_is_refused_and_changes_nothing(tree):
    _, _, a, _, _ = tree
    with pytest.raises(ValidationError, match="trực thuộc"):
        services.unit_dissolve(actor=None, unit=a, on=dt.date(2020, 1, 1))
    a.refresh_from_db()
    assert a.valid_to is None


def test_dissolved_unit_has_no_unit_today(tree):
    _, _, _, b, _ = tree
    services.unit_dissolve(actor=None, unit=b, on=dt.date(2020, 1, 1), reason="Hết nhiệm vụ")
    b.refresh_from_db()
    assert selectors.unit_today(b) is None
    assert b in selectors.units_under(b.parent, on=D2015)


def test_merge_needs_two_units(tree):
    _, _, a, _, _ = tree
    with pytest.raises(ValidationError):
        services.unit_merge(actor=None, units=[a, a], on=MERGE, code="x", name="X")
    assert not Unit.objects.filter(code="x").exists()


def test_names_are_stored_in_nfc(tree):
    import unicodedata

    _, dept, _, _, _ = tree
    decomposed = unicodedata.normalize("NFD", "Trung tâm Dịch vụ việc làm")
    unit = services.unit_create(
        actor=None,
        code="dv",
        name=decomposed,
        unit_type="trung_tam",
        parent=dept,
        valid_from=dt.date(2010, 1, 1),
    )
    assert unit.name == unicodedata.normalize("NFC", decomposed)
