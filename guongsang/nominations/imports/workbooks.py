"""The workbooks an import hands out: the empty template units fill in, and the result."""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from guongsang.core.xlsx import append_row
from guongsang.nominations.imports.commit import Result
from guongsang.nominations.imports.layout import AWARDS, NOMINATIONS, columns_for


def template_xlsx(kind: str) -> bytes:
    """The empty file units fill in: a title, the header row, one example row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Danh sách"
    heading = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG" if kind == NOMINATIONS else "LỊCH SỬ KHEN THƯỞNG"
    ws.append([heading])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(columns_for(kind))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    example = ["Nguyễn Văn An", "12/04/1985", "Mã hoặc tên đơn vị", "lao-dong-tien-tien", 2024]
    example.append("Hoàn thành xuất sắc nhiệm vụ")
    if kind == AWARDS:
        example += ["123/QĐ-SLĐTBXH", "15/12/2024"]
    ws.append(example)
    for letter, width in zip("ABCDEFGH", (28, 22, 34, 36, 8, 50, 20, 18), strict=False):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def result_xlsx(result: Result, path: Path | IO[bytes]) -> None:
    """What an import did, with the warnings of its rows (people created…)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Kết quả")
    ws.append(
        [
            _("Đã nhập %(n)s dòng (tạo mới %(p)s cá nhân).")
            % {"n": result.created, "p": result.new_people}
        ]
    )
    ws.append([])
    ws.append([_("Cảnh báo")])
    for warning in result.warnings:
        append_row(ws, [warning])
    wb.save(path)
