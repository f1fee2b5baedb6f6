import datetime as dt
import itertools

from guongsang.org.models import Unit
from guongsang.people.models import Gender, Person, PersonKind
from guongsang.people.services import person_create
from guongsang.people.validators import century_gender_digit

_serial = itertools.count(100001)


def citizen_id_for(born: dt.date, female: bool) -> str:
    return f"001{century_gender_digit(born.year, female)}{born.year % 100:02d}{next(_serial):06d}"


def make_person(
    full_name: str = "Nguyễn Văn An",
    *,
    unit: Unit,
    female: bool = False,
    born: dt.date = dt.date(1985, 4, 12),
) -> Person:
    return person_create(
        actor=None,
        full_name=full_name,
        kind=PersonKind.STAFF,
        home_unit=unit,
        gender=Gender.FEMALE if female else Gender.MALE,
        citizen_id=citizen_id_for(born, female),
        date_of_birth=born,
        phone="0912345678",
        address="12 Phố Huế, Hai Bà Trưng, Hà Nội",
    )


def letters(number: int) -> str:
    """A, B, …, Z, AA, AB…: a distinct suffix for generated names (names hold no digits)."""
    text = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("A") + rest) + text
    return text
