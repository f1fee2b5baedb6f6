"""Statistics as an Excel workbook and as a plain-text table, both from `award_stats`."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from guongsang.core.formatting import vn_number, vn_percent
from guongsang.core.xlsx import write_cell
from guongsang.stats.services import DIMENSIONS, StatsResult


def headers(result: StatsResult) -> list[str]:
    cols = [str(DIMENSIONS[d]) for d in result.by] + [_("Số lượt")]
    if "year" in result.by:
        cols += [_("Luỹ kế"), _("Năm trước"), _("Tăng/giảm"), _("Tỷ lệ tăng/giảm")]
    if _has_notes(result):
        cols.append(_("Ghi chú"))
    return cols


def _has_notes(result: StatsResult) -> bool:
    return any(row.note for row in result.rows)


def numeric_end(result: StatsResult) -> int:
    """The columns before this one after the dimensions hold numbers (the note is text)."""
    return len(headers(result)) - (1 if _has_notes(result) else 0)


def cells(result: StatsResult) -> list[list[Any]]:
    """Rows of plain values (numbers stay numbers) in the order of `headers`."""
    out = []
    notes = _has_notes(result)
    for row in result.rows:
        values: list[Any] = [row.labels[d] for d in result.by] + [row.count]
        if "year" in result.by:
            values += [
                row.cumulative,
                row.previous,
                row.change,
                float(row.change_percent) if row.change_percent is not None else None,
            ]
        if notes:
            values.append(row.note)
        out.append(values)
    return out


def describe(result: StatsResult) -> str:
    scope = result.unit_name if result.unit else _("Tất cả đơn vị")
    text = _("Khen thưởng %(a)s–%(b)s, %(scope)s") % {
        "a": result.from_year,
        "b": result.to_year,
        "scope": scope,
    }
    if result.as_of:
        text += " " + _("(cơ cấu tại %(d)s)") % {"d": result.as_of.strftime("%d/%m/%Y")}
    return text


def stats_xlsx(result: StatsResult, *, sheets: Sequence[tuple[str, StatsResult]] = ()) -> bytes:
    """The grouped table on the first sheet (and any extra results on their own sheets)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.properties.creator = "Gương Sáng"
    workbook.properties.title = describe(result)[:250]
    first = workbook.active
    assert first is not None
    _fill(first, _("Thống kê"), result)
    for name, extra in sheets:
        _fill(workbook.create_sheet(), name, extra)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill(sheet: Any, name: str, result: StatsResult) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.title = name[:31]
    write_cell(sheet, row=1, column=1, value=describe(result).upper())
    sheet["A1"].font = Font(bold=True, size=13)
    if result.note:
        write_cell(sheet, row=2, column=1, value=result.note)
    cols = headers(result)
    for i, header in enumerate(cols, start=1):
        cell = sheet.cell(row=3, column=i, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        wide = i <= len(result.by) or i > numeric_end(result)
        sheet.column_dimensions[get_column_letter(i)].width = 40 if wide else 14
    for r, values in enumerate(cells(result), start=4):
        for c, value in enumerate(values, start=1):
            cell = write_cell(sheet, row=r, column=c, value=value)
            if cols[c - 1] == _("Tỷ lệ tăng/giảm") and value is not None:
                cell.value = value / 100
                cell.number_format = "0.0%"
    total_row = 4 + len(result.rows)
    sheet.cell(row=total_row, column=1, value=_("Tổng cộng")).font = Font(bold=True)
    sheet.cell(row=total_row, column=len(result.by) + 1, value=result.total).font = Font(bold=True)
    sheet.freeze_panes = "A4"


def shown_rows(result: StatsResult, *, signed: bool = True) -> list[list[str]]:
    """The rows as the page shows them: Vietnamese numbers, percentages, and changes with
    their sign (`signed`; the terminal's table writes them as plain numbers)."""
    cols = headers(result)
    out = []
    for values in cells(result):
        shown = []
        for header, value in zip(cols, values, strict=True):
            if value is None:
                shown.append("")
            elif header == _("Tỷ lệ tăng/giảm"):
                shown.append(vn_percent(value))
            elif signed and header == _("Tăng/giảm") and value:
                shown.append(("+" if value > 0 else "−") + vn_number(abs(value)))
            elif isinstance(value, int):
                shown.append(vn_number(value))
            else:
                shown.append(str(value))
        out.append(shown)
    return out


def charts_xlsx(charts: Sequence[Any]) -> bytes:
    """Each dashboard chart's table on its own sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.properties.creator = "Gương Sáng"
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for chart in charts:
        sheet = workbook.create_sheet(_sheet_name(chart.title))
        write_cell(sheet, row=1, column=1, value=chart.title)
        sheet["A1"].font = Font(bold=True, size=13)
        for c, header in enumerate(chart.headers, start=1):
            sheet.cell(row=3, column=c, value=header).font = Font(bold=True)
            sheet.column_dimensions[get_column_letter(c)].width = 40 if c == 1 else 16
        for r, row in enumerate(chart.rows, start=4):
            for c, value in enumerate(row, start=1):
                cell = write_cell(sheet, row=r, column=c, value=_number(value))
                if isinstance(value, str) and value.endswith("%"):
                    cell.number_format = "0.0%"
    if not charts:
        workbook.create_sheet(_("Không có dữ liệu"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str) -> str:
    for bad in "[]:*?/\\":
        title = title.replace(bad, " ")
    return title[:31]


def _number(value: Any) -> Any:
    """'171.228' → 171228 and '105,7%' → 1.057 stay numbers in Excel; text stays text."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    plain = text.removesuffix("%").replace(".", "").replace(",", ".")
    try:
        number = float(plain)
    except ValueError:
        return value
    if text.endswith("%"):
        return number / 100
    return int(number) if number.is_integer() and "," not in text else number


def stats_text(result: StatsResult) -> str:
    """The table as aligned text for a terminal ("171.228", "105,7%")."""
    cols = headers(result)
    rows = shown_rows(result, signed=False)
    rows.append([_("Tổng cộng")] + [""] * (len(result.by) - 1) + [vn_number(result.total)])
    rows[-1] += [""] * (len(cols) - len(rows[-1]))
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(cols)]
    numeric = set(range(len(result.by), numeric_end(result)))

    def line(values: list[str]) -> str:
        return "  ".join(
            v.rjust(w) if i in numeric else v.ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ).rstrip()

    out = [describe(result), *([result.note] if result.note else [])]
    out += [line(cols), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    return "\n".join(out) + "\n"
