import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from guongsang.people.validators import validate_citizen_id, validate_phone


def test_a_valid_citizen_id_passes():
    assert (
        validate_citizen_id("001185012345", date_of_birth=dt.date(1985, 1, 1), female=True)
        == "001185012345"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [("12345", "12 chữ số"), ("00118501234a", "12 chữ số"), ("003185012345", "Mã tỉnh")],
)
def test_a_malformed_citizen_id_is_refused_with_a_reason(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_citizen_id(value)


def test_a_citizen_id_must_agree_with_birth_year_and_gender():
    with pytest.raises(ValidationError, match="năm sinh"):
        validate_citizen_id("001185012345", date_of_birth=dt.date(1986, 1, 1))
    with pytest.raises(ValidationError, match="giới tính"):
        validate_citizen_id("001185012345", female=False)
    assert validate_citizen_id("001305012345", date_of_birth=dt.date(2005, 3, 3))


def test_phone_numbers_are_normalised():
    assert validate_phone("+84 912 345 678") == "0912345678"
    with pytest.raises(ValidationError):
        validate_phone("12345")
