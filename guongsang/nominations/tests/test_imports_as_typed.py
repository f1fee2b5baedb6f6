"""A workbook typed the way officers type it: an "STT" column, the columns in another order,
dates as Excel serial numbers, titles in quotes, upper case, without diacritics or by their
short names. No false error, and the preview's count of new people is what the commit
creates."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from guongsang.catalogue.models import Title
from guongsang.nominations import imports
from guongsang.nominations.import_reading import TitleResolver, header_columns, serial_date
from guongsang.nominations.models import Dossier
from guongsang.people.models import Person

pytestmark = pytest.mark.django_db

# Excel serials: 25569 is 01/01/1970, so 33000 is 07/05/1990 and 30000 is 18/02/1982.
HEADER = ["STT", "Đơn vị công tác", "Họ tên", "Ngày tháng năm sinh", "Năm", "Danh hiệu đề nghị",
          "Thành tích"]  # fmt: skip


def _workbook(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["A2"] = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2024"
    ws.merge_cells("A2:G2")
    ws.append([])
    ws.append(HEADER)
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])  # the numbered row under it
    for row in rows:
        ws.append(row)
    ws.cell(row=6, column=4).number_format = "0"  # a date cell formatted as a number
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _rows(world) -> list[list]:
    centre = world.centre.name
    return [
        [1, centre, "Nguyễn Văn Mới", 33000, 2024, "LĐTT", "Hoàn thành tốt nhiệm vụ"],
        [2, centre, "Lê Thị Bích Liên", "12/04/1985", 2024, "CSTĐ cơ sở", "Có sáng kiến"],
        [3, centre, "Trần Thị Hà", "30000", 2024, "“Người tốt, việc tốt”", "Cứu người"],
        [4, centre.upper(), "Lê Văn Tâm", "05/05/1991", "2024", "NTVT cơ sở", "Nhặt được của rơi"],
        [5, centre, "Phạm Thị Lan", dt.datetime(1985, 3, 1), 2024, "LAO DONG TIEN TIEN", "Tốt"],
        [6, centre, "", None, 2024, "tập thể lao động tiên tiến", "Đoàn kết"],
    ]


def _preview(token: str, user) -> imports.Preview:
    with imports.staged_open(token) as stored:
        return imports.preview_file(stored, user=user, kind=imports.NOMINATIONS)


def _eligible_for_chien_si(world, titles) -> None:
    """What the law asks before a Chiến sĩ thi đua cơ sở, so that the workbook's row for it is
    right: her Lao động tiên tiến of the year and a recognised initiative, and enough Lao động
    tiên tiến in the unit for the 15% quota (7 on record + 2 in the file: 1 allowed)."""
    from guongsang.awards.services import award_record
    from guongsang.initiatives.models import Scope
    from guongsang.initiatives.tests.factories import make_initiative, recognise
    from guongsang.people.tests.factories import make_person

    recognise(world, make_initiative(world), scope=Scope.BASE, on=dt.date(2024, 6, 1))
    staff = [world.person]
    staff += [make_person(f"Cán bộ {name}", unit=world.centre) for name in "ABCDEF"]
    for person in staff:
        award_record(
            actor=None, title=titles["lao-dong-tien-tien"], year=2024, unit=world.centre,
            person=person,
        )  # fmt: skip


def test_an_officers_workbook_has_no_false_error_and_creates_what_the_preview_says(world, titles):
    _eligible_for_chien_si(world, titles)
    token = imports.store_upload(SimpleUploadedFile("ds.xlsx", _workbook(_rows(world))))
    preview = _preview(token, world.officer)
    assert preview.errors == []
    assert [r.number for r in preview.rows] == [6, 7, 8, 9, 10, 11]
    codes = [r.title.code for r in preview.rows]
    assert codes == [
        "lao-dong-tien-tien",
        "chien-si-thi-dua-co-so",
        "nguoi-tot-viec-tot-co-so",
        "nguoi-tot-viec-tot-co-so",
        "lao-dong-tien-tien",
        "tap-the-lao-dong-tien-tien",
    ]
    births = [r.birth for r in preview.rows]
    assert births[:5] == [
        dt.date(1990, 5, 7),
        dt.date(1985, 4, 12),
        dt.date(1982, 2, 18),
        dt.date(1991, 5, 5),
        dt.date(1985, 3, 1),
    ]
    assert preview.rows[0].birth_text == "07/05/1990"
    # "Người tốt, việc tốt" without a level: the base level, and the officer is told so.
    assert any("hiểu là “" in w for w in preview.rows[2].warnings)
    # Lê Thị Bích Liên is on record already: four people to create, not five.
    assert preview.new_people == 4
    people_before = Person.objects.count()
    result = imports.import_commit(actor=world.officer, token=token, kind=imports.NOMINATIONS)
    assert result.new_people == preview.new_people
    assert Person.objects.count() - people_before == preview.new_people
    assert result.created == 6 and Dossier.objects.count() == 6
    moi = Person.objects.get(full_name="Nguyễn Văn Mới")
    assert moi.date_of_birth == dt.date(1990, 5, 7)
    assert Dossier.objects.filter(person=moi).count() == 1
    assert Dossier.objects.filter(person=world.person).count() == 1


def test_the_header_is_found_with_stt_and_columns_in_any_order():
    assert header_columns(["a", "b"]) is None
    columns = header_columns(HEADER)
    assert columns is not None
    assert columns[0] == 2 and columns[1] == 3 and columns[2] == 1  # name, birth, unit
    assert columns[3] == 5 and columns[4] == 4 and columns[5] == 6  # title, year, summary
    template = header_columns(imports.COLUMNS)
    assert template == {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5}


def test_the_row_numbering_the_columns_is_not_data():
    from guongsang.nominations.import_reading import is_column_numbers

    assert is_column_numbers(["(1)", "(2)", "(3)", "(4)"]) and is_column_numbers([1, 2, 3, None])
    assert not is_column_numbers([1, "Trung tâm", "Nguyễn Văn A", 33000])


def test_serial_dates():
    assert serial_date(33000) == dt.date(1990, 5, 7)
    assert serial_date(33000.0) == dt.date(1990, 5, 7)
    assert serial_date("45658") == dt.date(2025, 1, 1)
    assert serial_date("12/04/1985") is None and serial_date(33000.5) is None
    assert serial_date(True) is None


def test_titles_as_officers_type_them(titles):
    resolver = TitleResolver(Title.objects.order_by("-valid_from", "-pk"))

    def code(typed: str) -> str | None:
        found = resolver.match(typed).title
        return found.code if found else None

    assert code("LĐTT") == code("ldtt") == code("Lao Động Tiên Tiến") == "lao-dong-tien-tien"
    assert code("CSTĐ cơ sở") == code("CSTĐCS") == "chien-si-thi-dua-co-so"
    assert code("CSTĐ cấp tỉnh") == "chien-si-thi-dua-cap-thanh-pho"
    assert code('"Người tốt, việc tốt" cấp Thành phố') == "nguoi-tot-viec-tot-thanh-pho"
    assert code("NTVT TP") == "nguoi-tot-viec-tot-thanh-pho"
    assert code("NTVT cơ sở") == code("nguoi tot viec tot co so") == "nguoi-tot-viec-tot-co-so"
    assert code("Giấy khen") == "giay-khen-giam-doc-so"
    assert code("Tập thể tốt") == "tap-the-tot"
    ambiguous = resolver.match("Bằng khen")
    assert ambiguous.title is None and "Thủ tướng" in ambiguous.note
    assert code("Danh hiệu không có") is None


def test_rows_keep_their_sheet_numbers_and_cell_types_when_the_table_starts_away_from_a1():
    """The rows' numbers are the sheet's (an error names the line the officer sees), whatever
    cell the table starts in; empty cells read as None, whole numbers as int, dates as dates."""
    wb = Workbook()
    ws = wb.active
    ws["C3"] = "DANH SÁCH"  # nothing in columns A–B, nothing above row 3
    ws["C5"], ws["D5"], ws["E5"], ws["F5"] = "Họ và tên", "Đơn vị", "Danh hiệu", "Năm"
    ws["C6"], ws["D6"], ws["F6"] = "An Bình", "Trung tâm", 2024  # E6 left empty
    ws["C8"], ws["D8"], ws["E8"], ws["F8"] = "Lan", "Trung tâm", "LĐTT", 2023.0  # row 7 empty
    ws["G5"], ws["G8"] = "Ngày sinh", dt.datetime(1990, 5, 7)
    out = io.BytesIO()
    wb.save(out)
    rows = list(imports.read_rows(io.BytesIO(out.getvalue())))
    assert [number for number, _values in rows] == [6, 8]
    first, second = rows[0][1], rows[1][1]
    assert first[:5] == ("An Bình", None, "Trung tâm", None, 2024)
    assert second[:5] == ("Lan", dt.date(1990, 5, 7), "Trung tâm", "LĐTT", 2023)
    assert type(second[4]) is int


def test_a_stray_value_far_from_the_table_is_refused_with_one_line():
    wb = Workbook()
    ws = wb.active
    for column, value in enumerate(imports.COLUMNS, start=1):
        ws.cell(row=1, column=column, value=value)
    ws["XFD1048576"] = "x"  # two rows, nine cells: within the counts, not within the grid
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ValidationError) as info:  # before any reader lays out the grid
        imports.preview_file(io.BytesIO(out.getvalue()), user=None, kind=imports.AWARDS)
    assert info.value.messages == [
        "Tệp có dữ liệu ở ô quá xa (dòng 1.048.576, cột 16.384): hãy xoá các ô thừa ngoài "
        "bảng rồi tải lên lại."
    ]
