"""core.services.full_clean: Django's full clean, less the queries that ask whether the
related objects the caller handed in exist."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guongsang.core.services import full_clean
from guongsang.org.tests.factories import make_unit
from guongsang.people.models import Position
from guongsang.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def _position(**fields) -> Position:
    unit = make_unit()
    person = make_person(unit=unit)
    return Position(
        person=person, unit=unit, title="Phó Giám đốc", valid_from=dt.date(2020, 1, 1), **fields
    )


def _reads_of_related(queries) -> int:
    return sum('"people_person"' in q["sql"] or '"org_unit"' in q["sql"] for q in queries)


def test_the_related_objects_handed_in_are_not_read_again():
    position = _position()
    with CaptureQueriesContext(connection) as ours:
        full_clean(position)
    with CaptureQueriesContext(connection) as djangos:
        position.full_clean()
    assert _reads_of_related(ours.captured_queries) == 0
    assert _reads_of_related(djangos.captured_queries) == 2  # the person, the unit


def test_a_relation_set_by_id_alone_is_still_checked():
    position = _position()
    position.unit_id = 10**9  # no such unit; setting the id drops the loaded unit
    with pytest.raises(ValidationError) as error:
        full_clean(position)
    assert set(error.value.message_dict) == {"unit"}


def test_field_and_constraint_errors_are_those_of_django():
    position = _position(valid_to=dt.date(2019, 1, 1))  # ends before it starts
    position.title = ""
    with pytest.raises(ValidationError) as ours:
        full_clean(position)
    with pytest.raises(ValidationError) as djangos:
        position.full_clean()
    assert ours.value.message_dict == djangos.value.message_dict
    assert set(ours.value.message_dict) == {"title", "__all__"}
