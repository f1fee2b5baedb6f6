"""The input rules (core/validators.py), then the forms, services and pages that apply them:
each refusal says why in Vietnamese and writes nothing."""

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from guongsang.core import validators as v
from guongsang.org.models import Unit
from guongsang.people import services as people
from guongsang.people.models import Gender, Person, PersonKind

ARABIC_INDIC = "٠٠١١٨٥٠١٢٣٤٥"  # "001185012345" in Arabic-Indic digits
FULL_WIDTH = "００１１８５０１２３４５"
INVISIBLE_NAMES = [
    "Nguyễn\u200bVăn An",  # zero-width space
    "Nguyễn Văn \u202eAn",  # right-to-left override
    "Nguyễn Văn\u2066 An",  # left-to-right isolate
    "Nguyễn\x00 Văn An",  # NUL
    "Nguyễn Văn An\ufeff",  # byte order mark
    "\u200b\u200c\u200d",  # nothing visible at all
]


@pytest.mark.parametrize("value", [ARABIC_INDIC, FULL_WIDTH, "00118501234５", "0011850123a5"])
def test_a_citizen_id_is_twelve_ascii_digits(value):
    with pytest.raises(ValidationError, match="12 chữ số"):
        v.validate_citizen_id(value)
    assert v.validate_citizen_id("001185012345") == "001185012345"


@pytest.mark.parametrize("value", ["٠٩١٢٣٤٥٦٧٨", "０９１２３４５６７８", "091234567８"])
def test_a_phone_is_ascii_digits(value):
    with pytest.raises(ValidationError, match="10 chữ số"):
        v.validate_phone(value)


@pytest.mark.parametrize(
    "born", [dt.date(1899, 12, 31), dt.date(1800, 1, 1), dt.date(2099, 1, 1), None]
)
def test_a_birth_date_lies_between_1900_and_today(born):
    if born is None:
        born = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="từ 01/01/1900 đến hôm nay"):
        v.validate_birth_date(born)
    assert v.validate_birth_date(dt.date(1900, 1, 1)) == dt.date(1900, 1, 1)
    assert v.validate_birth_date(timezone.localdate()) == timezone.localdate()


@pytest.mark.parametrize("name", INVISIBLE_NAMES)
def test_names_with_invisible_or_control_characters_are_refused(name):
    with pytest.raises(ValidationError):
        v.clean_person_name(name)


@pytest.mark.parametrize("name", ["Nguyễn Văn 1", "=cmd()", "Lê <b>An</b>", "An@", "A"])
def test_names_are_letters_spaces_and_a_little_punctuation(name):
    with pytest.raises(ValidationError):
        v.clean_person_name(name)


@pytest.mark.parametrize(
    "name", ["Nguyễn Văn An", "H'Hen Niê", "Y-Moan Ênuôl", "Trần Thị (Bé) Ba", "Đặng Thị Mỹ"]
)
def test_real_names_pass_and_come_back_in_nfc_with_single_spaces(name):
    decomposed = "  " + unicodedata.normalize("NFD", name).replace(" ", "   ") + " "
    assert v.clean_person_name(decomposed) == unicodedata.normalize("NFC", name)


@pytest.mark.parametrize(
    "value",
    ["1e400", "1E5", "1" * 40, "Infinity", "-Infinity", "NaN", "١٢", "１２", "0x10", "1_000", ""],
)
def test_numbers_are_plain_ascii_digits(value):
    with pytest.raises(ValidationError):
        v.bounded_decimal(value, max_digits=14, decimal_places=2)


def test_numbers_fit_their_column_or_are_refused():
    assert v.bounded_decimal("999999999999.99", max_digits=14, decimal_places=2) == Decimal(
        "999999999999.99"
    )
    with pytest.raises(ValidationError, match="quá lớn"):
        v.bounded_decimal("1000000000000", max_digits=14, decimal_places=2)
    with pytest.raises(ValidationError, match="không được âm"):
        v.bounded_decimal("-1", max_digits=14, decimal_places=2)
    with pytest.raises(ValidationError, match="quá lớn"):
        v.bounded_decimal(Decimal("1e400"), max_digits=14, decimal_places=2)
    with pytest.raises(ValidationError):
        v.bounded_decimal(float("inf"), max_digits=14, decimal_places=2)
    assert v.bounded_decimal(12.5, max_digits=14, decimal_places=2) == Decimal("12.50")


@pytest.mark.parametrize("value", ["0", "-1", "10" + "0" * 22, "١", "²", "1.5", "abc"])
def test_page_numbers_are_bounded_ascii_integers(value):
    with pytest.raises(ValidationError, match="Trang phải là số nguyên"):
        v.parse_page(value)
    assert v.parse_page("") == 1 and v.parse_page("3") == 3


@pytest.mark.parametrize("value", ["0", "1800", "99999", "２０２４", "٢٠٢٤", "2024.0"])
def test_years_are_bounded_ascii_integers(value):
    with pytest.raises(ValidationError, match="Năm phải là số nguyên"):
        v.parse_year(value)
    assert v.parse_year("2024") == 2024 and v.parse_year(None) is None


# --- applied in the services, forms and pages -----------------------------------------------


def _create(unit: Unit, **extra):
    fields = {
        "actor": None,
        "full_name": "Nguyễn Văn An",
        "kind": PersonKind.STAFF,
        "home_unit": unit,
        "gender": Gender.FEMALE,
    } | extra
    return people.person_create(**fields)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        {"citizen_id": ARABIC_INDIC},
        {"phone": "٠٩١٢٣٤٥٦٧٨"},
        {"date_of_birth": dt.date(2099, 1, 1)},
        {"date_of_birth": dt.date(1800, 1, 1)},
        {"full_name": "\u200b\u200b"},
        {"full_name": "Nguyễn Văn \u202eAn"},
        {"address": "Số 1 phố \u202eThử"},
    ],
)
def test_the_person_service_refuses_and_writes_nothing(world, bad):
    before = Person.objects.count()
    with pytest.raises(ValidationError):
        _create(world.centre, **bad)
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_an_arabic_indic_citizen_id_cannot_duplicate_an_existing_one(world):
    stored = world.person.citizen_id
    lookalike = stored.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    with pytest.raises(ValidationError):
        _create(world.centre, citizen_id=lookalike, date_of_birth=world.person.date_of_birth)
    twin = _create(world.centre, full_name="Lê Thị Bích", date_of_birth=world.person.date_of_birth)
    with pytest.raises(ValidationError, match="đã có"):
        people.person_update(actor=None, person=twin, citizen_id=stored)


@pytest.mark.django_db
def test_the_person_form_shows_each_rule_under_its_field(client, world):
    client.force_login(world.officer)
    response = client.post(
        reverse("people:create"),
        {
            "full_name": "Nguyễn\u200b Văn An",
            "kind": PersonKind.STAFF,
            "gender": Gender.MALE,
            "home_unit": world.centre.uuid,
            "citizen_id": ARABIC_INDIC,
            "date_of_birth": "01/01/2099",
            "phone": "٠٩١٢٣٤٥٦٧٨",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"full_name", "citizen_id", "date_of_birth", "phone"} <= set(errors)
    assert "01/01/1900" in str(errors["date_of_birth"])
    assert not Person.objects.filter(full_name__contains="Văn An").exclude(pk=world.person.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["1e400", "1" * 40, "Infinity", "NaN", "١٢"])
def test_a_target_figure_out_of_bounds_is_refused_and_the_pages_still_open(client, world, value):
    from guongsang.targets import services
    from guongsang.targets.models import Plan
    from guongsang.targets.tests.factories import make_indicator

    jobs = make_indicator()
    with pytest.raises(ValidationError):
        services.plan_set(by=None, indicator=jobs, unit=world.centre, year=2023, value=value)
    assert not Plan.objects.exists()
    client.force_login(world.secretariat)
    response = client.post(
        reverse("targets:plan"),
        {"unit": world.centre.uuid, "indicator": jobs.code, "year": 2023, "value": value},
    )
    assert response.status_code in {200, 400}
    assert not Plan.objects.exists()
    assert client.get(reverse("targets:index"), {"year": 2023}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "params"),
    [
        ("people:list", {"page": "1" + "0" * 23}),
        ("people:list", {"page": "٣"}),
        ("nominations:list", {"page": "-1"}),
        ("decisions:list", {"year": "²"}),
        ("decisions:list", {"year": "9" * 30}),
        ("targets:index", {"year": "abc"}),
        ("stats:table", {"year_from": "0"}),
        ("core:audit_list", {"page": "x"}),
    ],
)
def test_bad_page_or_year_parameters_answer_400_in_vietnamese(client, world, route, params):
    client.force_login(world.admin)
    response = client.get(reverse(route), params)
    assert response.status_code == 400
    body = response.content.decode()
    assert "phải là số nguyên từ" in body


@pytest.mark.django_db
def test_a_json_page_answers_its_400_in_json(client, world):
    client.force_login(world.admin)
    response = client.get(reverse("stats:dashboard_data"), {"year_from": "١٩٩٠"})
    assert response.status_code == 400
    assert "Năm phải là số nguyên" in response.json()["detail"]
