"""Who has and has not pledged, as an Excel workbook (XLSX) the secretariat can sort and filter."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from django.utils import timezone

from guongsang.core.formatting import vn_number, vn_percent, vn_short_date
from guongsang.core.xlsx import append_row
from guongsang.movements.selectors import PledgeStatus, UnitPledgeStatus

# (header, column width in characters)
COLUMNS: list[tuple[str, int]] = [
    ("STT", 6),
    ("Đơn vị", 48),
    ("Trực thuộc", 36),
    ("Loại đơn vị", 18),
    ("Tình trạng", 16),
    ("Đăng ký muộn", 14),
    ("Số cá nhân đăng ký", 12),
    ("Ngày đăng ký gần nhất", 14),
]
SHEET_TITLE = "Tình hình đăng ký"
PLEDGED = "Đã đăng ký"
NOT_PLEDGED = "Chưa đăng ký"
HEADER_ROW = 4
MISSING_COLOUR = "FDE2E1"  # light red behind units that have not pledged


def status_row(number: int, row: UnitPledgeStatus) -> list[object]:
    unit = row.unit
    last = timezone.localtime(row.last_at).date() if row.last_at else None
    return [
        number,
        unit.name,
        unit.parent.name if unit.parent else "",
        str(unit.get_unit_type_display()),
        PLEDGED if row.pledged else NOT_PLEDGED,
        "Có" if row.late else "",
        row.individuals,
        vn_short_date(last),
    ]


def status_xlsx(*, status: PledgeStatus, path: Path | IO[bytes]) -> int:
    """Write the table to `path` (or a binary file): the units not pledged first, then the rest."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    movement = status.movement
    workbook = Workbook()
    workbook.properties.title = f"{SHEET_TITLE} — {movement.name}"[:250]
    workbook.properties.creator = "Gương Sáng"
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE

    last_column = get_column_letter(len(COLUMNS))
    sheet["A1"] = f"TÌNH HÌNH ĐĂNG KÝ THI ĐUA — {movement.name.upper()}"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.merge_cells(f"A1:{last_column}1")
    pledged = len(status.pledged)
    sheet["A2"] = (
        f"Cấp phát động: {movement.organiser.name}. "
        f"Hạn đăng ký: {vn_short_date(status.on)}. "
        f"Đã đăng ký {vn_number(pledged)}/{vn_number(len(status.rows))} đơn vị "
        f"({vn_percent(status.percent)}); chưa đăng ký: {vn_number(len(status.not_pledged))}."
    )
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(f"A2:{last_column}2")
    sheet.row_dimensions[2].height = 32

    bold, middle = Font(bold=True), Alignment(vertical="center", wrap_text=True)
    missing = PatternFill("solid", fgColor=MISSING_COLOUR)
    for index, (title, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        header = sheet.cell(row=HEADER_ROW, column=index, value=title)
        header.font, header.alignment = bold, middle

    ordered = status.not_pledged + status.pledged
    for number, row in enumerate(ordered, start=1):
        append_row(sheet, status_row(number, row))
        if not row.pledged:
            for cell in sheet[HEADER_ROW + number]:
                cell.fill = missing
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{HEADER_ROW + len(ordered)}"
    workbook.save(path)
    return len(ordered)
