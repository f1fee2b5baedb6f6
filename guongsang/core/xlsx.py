"""Writing user text into Excel workbooks without it ever becoming a formula.

openpyxl stores any string starting with "=" as a formula, and Excel or LibreOffice treat
text starting with "+", "-", "@", a tab or a carriage return as one as soon as a cell is
edited. A dossier summary or a person's name typed as "=HYPERLINK(…)" must reach the
officer's spreadsheet as the text they see on screen, so every export writes its cells
through `safe_row` / `safe_cell` / `write_cell`: such text keeps its exact characters, is
stored as a string and carries Excel's "quote prefix" (the hidden leading apostrophe).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.utils.text import slugify

from guongsang.core.documents import XLSX_MIME, file_response
from guongsang.core.formatting import fold

if TYPE_CHECKING:  # openpyxl (which imports numpy) loads when a workbook is written
    from openpyxl.cell import Cell

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def _as_text(cell: Any, value: str) -> Any:
    cell.value = value
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def safe_cell(sheet: Any, value: Any) -> Any:
    """The value to append to `sheet`: unchanged, or for risky text a cell that holds it as
    text (both normal and write-only sheets accept cells in `append`)."""
    if not is_risky(value):
        return value
    from openpyxl.cell import Cell, WriteOnlyCell

    write_only = getattr(sheet.parent, "write_only", False)
    cell = WriteOnlyCell(sheet) if write_only else Cell(sheet, row=1, column=1)
    return _as_text(cell, value)


def safe_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    return [safe_cell(sheet, value) for value in values]


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    sheet.append(safe_row(sheet, values))


def write_cell(sheet: Any, *, row: int, column: int, value: Any) -> Cell:
    """`sheet.cell(row=…, column=…, value=…)`, with risky text kept as text."""
    cell = sheet.cell(row=row, column=column)
    if is_risky(value):
        return _as_text(cell, value)
    cell.value = value
    return cell


def table_xlsx(
    *, title: str, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence[Any]]
) -> bytes:
    """One sheet: a bold header row (frozen, with filters) and one row per record, every cell
    written through `safe_row`. The one way a list page becomes a workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.properties.title = title[:250]
    workbook.properties.creator = "Gương Sáng"
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_name(title)
    sheet.append([header for header, _width in columns])
    bold, middle = Font(bold=True), Alignment(vertical="center", wrap_text=True)
    for index, (_header, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.alignment = bold, middle
    for row in rows:
        append_row(sheet, row)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{sheet.max_row}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_name(title: str) -> str:
    """A worksheet name Excel accepts: no []:*?/\\, at most 31 characters."""
    for bad in "[]:*?/\\":
        title = title.replace(bad, " ")
    return title[:31] or "Sheet"


def table_filename(title: str) -> str:
    """'Danh sách đơn vị' → 'danh-sach-don-vi.xlsx' (đ becomes d, never nothing)."""
    return f"{slugify(fold(title)) or 'danh-sach'}.xlsx"


def table_response(
    *, title: str, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """The workbook of `table_xlsx` as a download named after its title."""
    content = table_xlsx(title=title, columns=columns, rows=rows)
    return file_response(content, table_filename(title), XLSX_MIME)
