"""Writing user text into Excel workbooks without it ever becoming a formula.

openpyxl stores any string starting with "=" as a formula, and Excel or LibreOffice treat
text starting with "+", "-", "@", a tab or a carriage return as one as soon as a cell is
edited. A dossier summary or a person's name typed as "=HYPERLINK(…)" must reach the
officer's spreadsheet as the text they see on screen, so every export writes its cells
through `safe_row` / `safe_cell` / `write_cell`: such text keeps its exact characters, is
stored as a string and carries Excel's "quote prefix" (the hidden leading apostrophe).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

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
