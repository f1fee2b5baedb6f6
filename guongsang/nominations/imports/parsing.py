"""Reading the sheet: its rows in the template's column order, each parsed into a Row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guongsang.catalogue.models import Title
from guongsang.core import ooxml
from guongsang.core.formatting import nfc, parse_vn_date
from guongsang.core.validators import clean_person_name, is_ascii_digits, validate_birth_date
from guongsang.nominations import import_reading as reading
from guongsang.nominations.imports.layout import AWARDS
from guongsang.org.models import Unit


def name_key(text: str) -> str:
    return " ".join(nfc(text).split()).casefold()


@dataclass(slots=True)
class Row:
    number: int
    name: str = ""
    birth_text: str = ""
    unit_text: str = ""
    title_text: str = ""
    year_text: str = ""
    summary: str = ""
    decision_number: str = ""
    decision_date_text: str = ""
    birth: dt.date | None = None
    year: int | None = None
    decision_date: dt.date | None = None
    unit: Unit | None = None
    title: Title | None = None
    person_id: int | None = None
    new_person: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def is_collective(self) -> bool:
        return not self.name


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(nfc(str(value)).split())


def _date(value: Any) -> dt.date | None:
    """A real Excel date, an Excel serial number (33000) or 'dd/mm/yyyy' text; raises
    ValueError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    serial = reading.serial_date(value)
    if serial is not None:
        return serial
    text = _text(value)
    return parse_vn_date(text) if text else None


def _cell(value: Any) -> Any:
    """A cell as the checks expect it: None when empty, whole numbers as int."""
    if value == "":
        return None
    if type(value) is float and value.is_integer():
        return int(value)
    return value


def _sheet_rows(source: Path | IO[bytes]) -> Iterator[tuple[int, list[Any]]]:
    """(row number in the sheet, cached cell values) of the first worksheet, read by calamine
    (Rust): a tenth of the CPU time of openpyxl's read-only mode on a 100,000-row file. The
    file has been through ooxml.check_xlsx first (sizes, entities, rows and cells bounded)."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

    try:
        if isinstance(source, Path | str):
            wb = CalamineWorkbook.from_path(str(source))
        else:
            source.seek(0)
            wb = CalamineWorkbook.from_filelike(source)
    except (CalamineError, ValueError, OSError) as exc:
        raise ValidationError(_("Tệp bị hỏng, không đọc được.")) from exc
    try:
        worksheets = [m.name for m in wb.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        if not worksheets:
            return
        sheet = wb.get_sheet_by_name(worksheets[0])
        # From cell A1 (skip_empty_area=False): list positions are the sheet's rows and
        # columns, so "Dòng n" is the line the officer sees (iter_rows and the default cut
        # the empty columns on the left, and did not agree on the rows above).
        # (check_xlsx refused a sheet whose grid from A1 to its farthest cell is too big.)
        rows = sheet.to_python(skip_empty_area=False)
        for index, values in enumerate(rows):
            yield index + 1, values
    finally:
        wb.close()


def read_rows(path: Path | IO[bytes]) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values in the template's column order) after the header row, which may
    sit under merged title cells, start with an "STT" column or list the columns in
    another order (see import_reading)."""
    columns: dict[int, int] | None = None
    for number, raw in _sheet_rows(path):
        values = [_cell(v) for v in raw]
        if columns is None:
            columns = reading.header_columns(values)
            continue
        if reading.is_column_numbers(values):
            continue
        ordered = reading.in_template_order(values, columns)
        if any(v is not None and _text(v) for v in ordered):
            yield number, ordered
    if columns is None:
        raise ValidationError(
            _(
                "Không tìm thấy dòng tiêu đề (có các cột “Họ và tên”, “Đơn vị”, "
                "“Danh hiệu/hình thức”, “Năm”): hãy dùng tệp mẫu."
            )
        )


def count_rows(path: Path | IO[bytes]) -> int:
    """Rows counted in the sheet's XML (the declared dimension can lie), within the limits."""
    return ooxml.check_xlsx(path).rows


def parse_row(number: int, values: tuple[Any, ...], *, kind: str) -> Row:
    cells = list(values) + [None] * 8
    row = Row(
        number=number,
        name=_text(cells[0]),
        birth_text=_text(cells[1]),
        unit_text=_text(cells[2]),
        title_text=_text(cells[3]),
        year_text=_text(cells[4]),
        summary=_text(cells[5]),
    )
    if kind == AWARDS:
        row.decision_number, row.decision_date_text = _text(cells[6]), _text(cells[7])
        try:
            row.decision_date = _date(cells[7])
            if row.decision_date is not None:
                row.decision_date_text = row.decision_date.strftime("%d/%m/%Y")
        except ValueError:
            row.errors.append(
                _("Dòng %(n)s: ngày quyết định “%(v)s” không hợp lệ (dd/mm/yyyy).")
                % {"n": number, "v": row.decision_date_text}
            )
    try:
        row.birth = _date(cells[1])
        if row.birth is not None:
            row.birth_text = row.birth.strftime("%d/%m/%Y")  # 33000 shows as 07/05/1990
    except ValueError:
        row.errors.append(
            _("Dòng %(n)s: ngày sinh “%(v)s” không hợp lệ (dd/mm/yyyy).")
            % {"n": number, "v": row.birth_text}
        )
    try:
        # Names: letters only, no control, zero-width or bidi-override characters (an empty
        # name is a collective's row); births 1900–today.
        row.name = clean_person_name(row.name) if row.name else ""
        validate_birth_date(row.birth)
    except ValidationError as exc:
        row.errors.append(_("Dòng %(n)s: %(e)s") % {"n": number, "e": " ".join(exc.messages)})
    try:
        if not is_ascii_digits(row.year_text):  # int() also reads ٢٠٢٤ and ２０２４
            raise ValueError
        row.year = int(row.year_text)
        if not 1945 <= row.year <= 2100:
            raise ValueError
    except ValueError:
        row.year = None
        row.errors.append(
            _("Dòng %(n)s: năm “%(v)s” không hợp lệ.") % {"n": number, "v": row.year_text}
        )
    return row
