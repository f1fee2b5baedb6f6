"""The input rules (guongsang/core/validators.py) at every door: forms, Excel rows, the API
and query strings. Odd numbers (1e400, NaN, -0, Arabic-Indic and full-width digits), citizen
IDs with letters or of the wrong length, births before 1900 or in the future, names with
digits, control, bidi-override or zero-width characters: each refused with a Vietnamese
message, no 5xx, nothing written. Text in decomposed form is accepted and stored as NFC."""

from __future__ import annotations

import json
import re
import unicodedata
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from tests.bad_inputs import crafted
from tests.bad_inputs.conftest import has_vietnamese, watch

pytestmark = pytest.mark.django_db

TOMORROW = (timezone.localdate() + timezone.timedelta(days=1)).strftime("%d/%m/%Y")
ODD_NUMBERS = {
    "exponent-overflow": "1e400",
    "nan": "NaN",
    "infinity": "Infinity",
    "minus-zero": "-0",
    "arabic-indic": "١٢٣",
    "full-width": "１２３",
}
BAD_NAMES = {
    "digits": "Nguyễn Văn 3",
    "digit-inside": "Nguyễn V4n An",
    "control-bell": "Nguyễn\x07 Văn An",
    "control-escape": "Nguyễn Văn\x1b[31m An",
    "control-delete": "Nguyễn\x7f Văn An",
    "control-c1-csi": "Nguyễn Văn\x9b31m An",
    "bidi-override": "Nguyễn \u202eVăn An",
    "bidi-isolate": "Nguyễn \u2066Văn An",
    "zero-width-joiner": "Nguy\u200dễn Văn An",
    "zero-width-space": "Nguyễn\u200b Văn An",
    "byte-order-mark": "\ufeffNguyễn Văn An",
}


def _errors(html: str) -> list[str]:
    """The text of the form's error elements (not the page around them)."""
    pattern = r'class="[^"]*(?:invalid-feedback|errorlist|alert-danger)[^"]*"[^>]*>(.*?)</'
    return [re.sub(r"<[^>]+>", " ", m) for m in re.findall(pattern, html, flags=re.S)]


def _refused_form(response) -> None:
    assert response.status_code == 200, response.status_code  # the form again
    found = _errors(response.content.decode())
    assert any(has_vietnamese(message) for message in found), found


# The person form: names, citizen IDs, dates of birth, phones ------------------------------

PERSON = {
    "full_name": "Nguyễn Văn An",
    "kind": "staff",
    "gender": "male",
    "citizen_id": "001085012345",
    "date_of_birth": "12/04/1985",
    "phone": "0912345678",
    "address": "Số 1 phố Tràng Thi",
}
CITIZEN_IDS = {
    "letter": "00108501234A",
    "letters-only": "ABCDEFGHIJKL",
    "too-short": "00108501234",
    "too-long": "0010850123456",
    "eleven-and-a-space": "00108501234 ",
    "arabic-indic": "٠٠١٠٨٥٠١٢٣٤٥",
    "full-width": "００１０８５０１２３４５",
    "exponent": "1e400",
    "nan": "NaN",
    "minus-zero": "-0",
    "unknown-province": "999085012345",
    "wrong-birth-year": "001090012345",
    "wrong-gender": "001185012345",
    "control": "00108501\x0045",
}
BIRTHS = {
    "before-1900": "31/12/1899",
    "year-1800": "01/01/1800",
    "tomorrow": TOMORROW,
    "year-2100": "01/01/2100",
    "year-zero": "01/01/0000",
    "arabic-indic": "١٢/٠٤/١٩٨٥",
    "full-width": "１２/０４/１９８５",
    "nan": "NaN",
}
PHONES = {
    "arabic-indic": "٠٩١٢٣٤٥٦٧٨",
    "full-width": "０９１２３４５６７８",
    "letters": "09123456AB",
    "exponent": "9.12e9",
}
ADDRESSES = {
    "bidi-override": "Số 1 \u202ephố Tràng Thi",
    "zero-width-joiner": "Số 1 phố\u200d Tràng Thi",
    "control": "Số 1 phố Tràng Thi\x07",
}
PERSON_CASES = {
    **{f"name-{k}": {"full_name": v} for k, v in BAD_NAMES.items()},
    **{f"citizen-id-{k}": {"citizen_id": v} for k, v in CITIZEN_IDS.items()},
    **{f"birth-{k}": {"date_of_birth": v} for k, v in BIRTHS.items()},
    **{f"phone-{k}": {"phone": v} for k, v in PHONES.items()},
    **{f"address-{k}": {"address": v} for k, v in ADDRESSES.items()},
}


@pytest.mark.parametrize("case", PERSON_CASES)
def test_a_person_with_a_bad_field_is_refused(client, corpus, case):
    data = {**PERSON, "home_unit": corpus.centre.uuid, **PERSON_CASES[case]}
    client.force_login(corpus.admin)
    check = watch()
    _refused_form(client.post("/ca-nhan/them/", data))
    check()


def test_a_person_typed_in_decomposed_form_is_stored_in_nfc(client, corpus):
    from guongsang.people.models import Person

    nfd = {k: unicodedata.normalize("NFD", PERSON[k]) for k in ("full_name", "address")}
    client.force_login(corpus.admin)
    response = client.post("/ca-nhan/them/", {**PERSON, "home_unit": corpus.centre.uuid, **nfd})
    assert response.status_code == 302
    person = Person.objects.get(citizen_id=PERSON["citizen_id"])
    assert person.full_name == "Nguyễn Văn An" == unicodedata.normalize("NFC", person.full_name)
    assert person.address == unicodedata.normalize("NFC", PERSON["address"])


# The monthly result form: numbers and years -------------------------------------------------

FIGURE_CASES = {
    **{f"value-{k}": {"value": v} for k, v in ODD_NUMBERS.items()},
    "value-forty-digits": {"value": "9" * 40},
    "value-negative": {"value": "-5"},
    **{f"year-{k}": {"year": v} for k, v in ODD_NUMBERS.items()},
    "year-arabic-indic-2024": {"year": "٢٠٢٤"},
    "year-full-width-2024": {"year": "２０２４"},
    "year-1899": {"year": "1899"},
    "year-99999": {"year": "99999"},
    **{f"month-{k}": {"month": v} for k, v in ODD_NUMBERS.items()},
    "month-arabic-indic-3": {"month": "٣"},
    "month-full-width-3": {"month": "３"},
}


@pytest.mark.parametrize("case", FIGURE_CASES)
def test_a_monthly_result_with_an_odd_number_is_refused(client, corpus, case):
    data = {
        "unit": str(corpus.centre.uuid),
        "indicator": corpus.indicator.code,
        "year": "2024",
        "month": "3",
        "value": "120",
        **FIGURE_CASES[case],
    }
    client.force_login(corpus.secretariat)
    check = watch()
    _refused_form(client.post("/chi-tieu/ket-qua/", data))
    check()


# Excel rows: the same rules in the import previews -------------------------------------------

ROW = ["Nguyễn Văn An", "12/04/1985", "{centre}", "lao-dong-tien-tien", "2024", "Tốt"]
# C0 controls other than tab and line breaks cannot be stored in a workbook (XML 1.0 forbids
# them; the file is refused as broken at upload); DEL and the C1 controls can.
IN_A_WORKBOOK = {k: v for k, v in BAD_NAMES.items() if k not in {"control-bell", "control-escape"}}
ROW_CASES = {
    **{f"name-{k}": {0: v} for k, v in IN_A_WORKBOOK.items()},
    **{f"birth-{k}": {1: v} for k, v in BIRTHS.items()},
    **{f"year-{k}": {4: v} for k, v in ODD_NUMBERS.items()},
    "year-1899": {4: "1899"},
    "year-full-width-2024": {4: "２０２４"},
}


def _stage(client, rows: list[list[object]], *, key: str, kind: str | None) -> str:
    token = str(uuid.uuid4())
    from guongsang.nominations.imports import staged_name

    default_storage.save(staged_name(token), ContentFile(crafted.real_workbook(rows)))
    session = client.session
    session[key] = {token: kind} if kind else [token]
    session.save()
    return token


@pytest.mark.parametrize("case", ROW_CASES)
def test_a_nomination_row_with_a_bad_cell_is_refused(client, corpus, case):
    from guongsang.nominations.imports import COLUMNS

    row = [cell.format(centre=corpus.centre.code) for cell in ROW]
    for column, value in ROW_CASES[case].items():
        row[column] = value
    client.force_login(corpus.officer)
    token = _stage(client, [COLUMNS, row], key="nomination_imports", kind="de-nghi")
    check = watch()
    preview = client.get(f"/ho-so/nhap-excel/de-nghi/{token}/")
    assert preview.status_code == 200
    assert "Dòng 2:" in preview.content.decode()
    committed = client.post(f"/ho-so/nhap-excel/de-nghi/{token}/ghi/", follow=True)
    assert committed.status_code == 200 and has_vietnamese(committed.content.decode())
    check()


TARGET_ROW = ["{centre}", "{indicator}", "2024", "3", "120"]
TARGET_CASES = {
    **{f"value-{k}": {4: v} for k, v in ODD_NUMBERS.items()},
    "value-forty-digits": {4: "9" * 40},
    **{f"year-{k}": {2: v} for k, v in ODD_NUMBERS.items()},
    **{f"month-{k}": {3: v} for k, v in ODD_NUMBERS.items()},
}


@pytest.mark.parametrize("case", TARGET_CASES)
def test_a_target_row_with_an_odd_number_is_refused(client, corpus, case):
    from guongsang.targets.imports import COLUMNS

    row = [c.format(centre=corpus.centre.code, indicator=corpus.indicator.code) for c in TARGET_ROW]
    for column, value in TARGET_CASES[case].items():
        row[column] = value
    client.force_login(corpus.secretariat)
    token = _stage(client, [COLUMNS, row], key="targets_import_tokens", kind=None)
    check = watch()
    preview = client.get(f"/chi-tieu/nhap-excel/{token}/")
    assert preview.status_code == 200 and "Dòng 2:" in preview.content.decode()
    committed = client.post(f"/chi-tieu/nhap-excel/{token}/")
    assert committed.status_code == 200 and has_vietnamese(committed.content.decode())
    check()


# The API: bodies and query strings -----------------------------------------------------------

API_RESULT = {"indicator_code": "{indicator}", "year": 2024, "month": 3, "value": "120"}
API_VALUES = {
    "json-exponent-overflow": "1e400",
    "json-nan": "NaN",
    "json-infinity": "Infinity",
    "json-minus-zero": "-0.0",  # JSON's -0 is the integer 0 once parsed; -0.0 keeps its sign
    "text-exponent": '"1e400"',
    "text-nan": '"NaN"',
    "text-minus-zero": '"-0"',
    "text-arabic-indic": '"١٢٣"',
    "text-full-width": '"１２３"',
    "text-forty-digits": '"' + "9" * 40 + '"',
}
API_YEARS = {
    "json-exponent-overflow": "1e400",
    "json-nan": "NaN",
    "json-minus-zero": "-0",
    "text-arabic-indic": '"٢٠٢٤"',
    "text-full-width": '"２０２４"',
    "year-1899": "1899",
}
API_BODIES = {
    **{f"value-{k}": ("value", v) for k, v in API_VALUES.items()},
    **{f"year-{k}": ("year", v) for k, v in API_YEARS.items()},
    **{f"month-{k}": ("month", v) for k, v in API_YEARS.items() if k != "year-1899"},
}


@pytest.mark.parametrize("case", API_BODIES)
def test_an_api_result_with_an_odd_number_is_refused(client, corpus, case):
    name, raw = API_BODIES[case]
    fields = {**API_RESULT, "indicator_code": corpus.indicator.code}
    fields["unit_id"] = str(corpus.centre.uuid)
    body = json.dumps(fields).replace(f'"{name}": {json.dumps(fields[name])}', f'"{name}": {raw}')
    assert raw in body
    client.force_login(corpus.admin)
    check = watch()
    response = client.post("/api/v1/targets/results", body, content_type="application/json")
    assert 400 <= response.status_code < 500, (case, response.status_code)
    assert has_vietnamese(response.json()["detail"])
    check()


API_SUMMARIES = {k: v for k, v in BAD_NAMES.items() if not k.startswith("digit")}


@pytest.mark.parametrize("case", API_SUMMARIES)
def test_an_api_dossier_with_invisible_characters_is_refused(client, corpus, case):
    client.force_login(corpus.officer)
    check = watch()
    response = client.post(
        "/api/v1/dossiers",
        {
            "title_code": "lao-dong-tien-tien",
            "year": 2024,
            "person_id": str(corpus.person.uuid),
            "summary": API_SUMMARIES[case],
        },
        content_type="application/json",
    )
    assert 400 <= response.status_code < 500, (case, response.status_code)
    assert has_vietnamese(response.json()["detail"])
    check()


API_QUERIES = {
    "page-minus-zero": ("/api/v1/people", {"page": "-0"}),
    "page-full-width": ("/api/v1/people", {"page": "２"}),
    "page-exponent-overflow": ("/api/v1/people", {"page": "1e400"}),
    "page-infinity": ("/api/v1/dossiers", {"page": "Infinity"}),
    "page-size-nan": ("/api/v1/dossiers", {"page_size": "NaN"}),
    "page-size-full-width": ("/api/v1/dossiers", {"page_size": "５０"}),
    "year-minus-zero": ("/api/v1/dossiers", {"year": "-0"}),
    "year-nan": ("/api/v1/dossiers", {"year": "NaN"}),
    "year-full-width": ("/api/v1/dossiers", {"year": "２０２４"}),
    "year-arabic-indic": ("/api/v1/decisions", {"year": "٢٠٢٤"}),
    "year-bidi": ("/api/v1/decisions", {"year": "\u202e2024"}),
    "stats-full-width": ("/api/v1/stats", {"from_year": "２０２０"}),
    "stats-nan": ("/api/v1/stats", {"to_year": "NaN"}),
    "stats-minus-zero": ("/api/v1/stats", {"from_year": "-0"}),
}


@pytest.mark.parametrize("case", API_QUERIES)
def test_an_api_query_with_an_odd_number_is_refused(client, corpus, case):
    url, params = API_QUERIES[case]
    client.force_login(corpus.admin)
    check = watch()
    response = client.get(url, params)
    assert 400 <= response.status_code < 500, (case, response.status_code)
    assert has_vietnamese(response.json()["detail"])
    check()


# List pages: year and page in the query string -----------------------------------------------

YEAR_LISTS = {
    "decisions": ("/quyet-dinh/", "year"),
    "dossiers": ("/ho-so/", "year"),
    "movements": ("/phong-trao/", "year"),
    "targets": ("/chi-tieu/", "year"),
    "stats-from": ("/thong-ke/", "year_from"),
    "stats-to": ("/thong-ke/", "year_to"),
}
ODD_YEARS = {
    **ODD_NUMBERS,
    "year-1899": "1899",
    "year-99999": "99999",
    "twenty-four-digits": "1" + "0" * 23,
    "full-width-2024": "２０２４",
    "arabic-indic-2024": "٢٠٢٤",
}


@pytest.mark.parametrize("value", ODD_YEARS)
@pytest.mark.parametrize("page", YEAR_LISTS)
def test_a_list_page_with_an_odd_year_says_so(client, corpus, page, value):
    url, name = YEAR_LISTS[page]
    client.force_login(corpus.admin)
    check = watch()
    response = client.get(url, {name: ODD_YEARS[value]})
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 200:  # the filter form again, with its error
        found = _errors(response.content.decode())
        assert any(has_vietnamese(message) for message in found), found
    else:
        assert has_vietnamese(response.content.decode())
    check()


PAGE_LISTS = ["/nhat-ky/", "/ho-so/", "/ca-nhan/", "/quyet-dinh/", "/phong-trao/"]
ODD_PAGES = {"minus-zero": "-0", "nan": "NaN", "infinity": "Infinity", "full-width": "２"}


@pytest.mark.parametrize("value", ODD_PAGES)
@pytest.mark.parametrize("url", PAGE_LISTS)
def test_a_list_page_with_an_odd_page_number_still_answers(client, corpus, url, value):
    client.force_login(corpus.admin)
    check = watch()
    response = client.get(url, {"page": ODD_PAGES[value]})
    assert response.status_code in (200, 400, 404)
    if response.status_code != 200:
        assert has_vietnamese(response.content.decode())
    check()
