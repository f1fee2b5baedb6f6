"""The annual report as DOCX (editable), PDF (print) and XLSX (the tables), in Vietnamese.

All three are written from one ReportData (figures computed from the records) and the
officer's introduction; charts come from reports.charts (SVG in the PDF, PNG in the DOCX).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from guongsang.core.documents import (
    Letterhead,
    docx_bytes,
    docx_document,
    docx_letterhead,
    render_pdf,
)
from guongsang.core.formatting import vn_number, vn_percent
from guongsang.core.xlsx import append_row
from guongsang.decisions.services import profile_for
from guongsang.org.models import UnitType
from guongsang.reports.charts import Series, png_bar_chart, short, svg_bar_chart
from guongsang.reports.figures import ReportData
from guongsang.reports.models import AnnualReport


def letterhead(report: AnnualReport) -> Letterhead:
    unit, parent = report.unit, report.unit.parent
    parent_name = ""
    if parent is not None:
        parent_name = parent.name.upper()
        if parent.unit_type == UnitType.CITY:
            parent_name = f"UBND {parent_name}"
    code = profile_for(unit).code
    return Letterhead(
        parent=parent_name,
        issuer=unit.name.upper(),
        number=f"Số: {report.number or BLANK_NUMBER}/BC-{code}",
        place=profile_for(unit).place or "Hà Nội",
        date=report.issued_on,  # blank ("ngày     tháng     năm") until it is issued
    )


BLANK_NUMBER = "      "  # room for the number when it is written by hand


def signed(change: int) -> str:
    return f"+{vn_number(change)}" if change > 0 else vn_number(change)


def title_text(report: AnnualReport) -> str:
    return _("Tổng kết phong trào thi đua “Người tốt, việc tốt” năm %(y)s") % {"y": report.year}


@dataclass(frozen=True)
class Figures:
    """How a table writes its figures: as Vietnamese text (DOCX, PDF, the page) or as the
    numbers themselves (XLSX, where the officer adds them up)."""

    num: Callable[[Any], Any]
    change: Callable[[int], Any]
    percent: Callable[[Any], Any]
    year: Callable[[int], Any]


TEXT = Figures(num=vn_number, change=signed, percent=vn_percent, year=str)
RAW = Figures(
    num=lambda v: None if v is None else (int(v) if Decimal(v) == int(v) else float(v)),
    change=int,
    percent=lambda p: None if p is None else float(Decimal(p) / 100),
    year=int,
)
# Excel number formats of the raw figures, by column kind.
XLSX_FORMATS = {"num": "#,##0", "change": "+#,##0;-#,##0;0", "percent": "0.0%"}


def tables(data: ReportData, figures: Figures = TEXT) -> dict[str, Any]:
    """Headers and rows of every table, shared by the three formats."""
    f = figures
    y, py = data.year, data.year - 1
    awards = [
        [t.name, f.num(t.previous), f.num(t.count), f.change(t.change), f.num(t.cumulative)]
        for t in data.titles
    ]
    for label, previous, count, cumulative in (
        (
            _("Cộng cá nhân"),
            data.previous_individuals,
            data.individuals,
            data.cumulative_individuals,
        ),
        (
            _("Cộng tập thể"),
            data.previous_collectives,
            data.collectives,
            data.cumulative_collectives,
        ),
    ):
        awards.append(
            [label, f.num(previous), f.num(count), f.change(count - previous), f.num(cumulative)]
        )
    cumulative_head = _("Lũy kế %(a)s–%(b)s") % {"a": data.first_year, "b": y}
    found = _tables(data, awards, cumulative_head, y, py, f)
    for key, table in found.items():
        table["numeric"] = NUMERIC.get(key) or [i > 0 for i in range(len(table["head"]))]
        table["kinds"] = KINDS.get(key) or ["", *(["num"] * (len(table["head"]) - 1))]
    return found


def aligned(table: dict) -> dict:
    """Pair each cell with whether it is a figure (right-aligned in HTML and PDF)."""
    numeric = table["numeric"]
    return {
        "head": list(zip(table["head"], numeric, strict=True)),
        "rows": [list(zip(row, numeric, strict=True)) for row in table["rows"]],
    }


# Which columns hold figures (right-aligned); the rest is text.
NUMERIC = {
    "targets": [False, False, True, True, True],
    "contest": [True, True, True],
    "honourees": [True, False, False, False],
}
# What each column holds, for the XLSX number formats ("" text or a year, "num", "change",
# "percent"); tables not listed: text then counts.
KINDS = {
    "awards": ["", "num", "num", "change", "num"],
    "series": ["", "num", "num"],
    "targets": ["", "", "num", "num", "percent"],
    "contest": ["num", "num", "change"],
    "honourees": ["", "", "", ""],
}


def _tables(
    data: ReportData, awards: list, cumulative_head: str, y: int, py: int, f: Figures
) -> dict:
    return {
        "awards": {
            "head": [
                _("Danh hiệu"),
                _("Năm %(y)s") % {"y": py},
                _("Năm %(y)s") % {"y": y},
                _("Tăng/giảm"),
                cumulative_head,
            ],
            "rows": awards,
        },
        "by_unit": {
            "head": [_("Đơn vị"), *data.unit_titles, _("Cộng")],
            "rows": [[u.name, *[f.num(c) for c in u.counts], f.num(u.total)] for u in data.by_unit],
        },
        "series": {
            "head": [_("Năm"), _("Cá nhân"), _("Tập thể")],
            "rows": [
                [f.year(p.year), f.num(p.individuals), f.num(p.collectives)] for p in data.series
            ],
        },
        "targets": {
            "head": [
                _("Chỉ tiêu"),
                _("Đơn vị tính"),
                _("Kế hoạch năm"),
                _("Thực hiện %(m)s tháng") % {"m": data.targets_month},
                _("Tỷ lệ so với kế hoạch"),
            ],
            "rows": [
                [r.name, r.measure, f.num(r.plan), f.num(r.actual), f.percent(r.percent)]
                for r in data.targets
            ],
        },
        "contest": {
            "head": [_("Năm %(y)s") % {"y": py}, _("Năm %(y)s") % {"y": y}, _("Tăng/giảm")],
            "rows": (
                [
                    [
                        f.num(data.contest_previous),
                        f.num(data.contest_entries),
                        f.change(data.contest_change or 0),
                    ]
                ]
                if data.contest_entries is not None
                else []
            ),
        },
        "honourees": {
            "head": [_("STT"), _("Họ và tên / tập thể"), _("Đơn vị"), _("Danh hiệu")],
            "rows": [[f.year(i), h.name, h.unit, h.title] for i, h in enumerate(data.honourees, 1)],
        },
    }


def charts_of(data: ReportData) -> list[tuple[str, list[str], list[Series]]]:
    charts = []
    if data.series:
        charts.append(
            (
                _("Số cá nhân, tập thể được khen thưởng %(a)s–%(b)s")
                % {"a": data.first_year, "b": data.year},
                [str(p.year) for p in data.series],
                [
                    Series(_("Cá nhân"), [p.individuals for p in data.series]),
                    Series(_("Tập thể"), [p.collectives for p in data.series]),
                ],
            )
        )
    rows = [r for r in data.targets if r.percent is not None]
    if rows:
        charts.append(
            (
                _("Tỷ lệ thực hiện chỉ tiêu so với kế hoạch (%)"),
                [short(r.name) for r in rows],
                [Series(_("% kế hoạch"), [float(r.percent or 0) for r in rows])],
            )
        )
    return charts


def narrative(data: ReportData) -> list[str]:
    """The sentences of part II, with the year-over-year change and the cumulative figures."""
    y = data.year
    lines = [
        _(
            "Năm %(y)s có %(i)s cá nhân và %(c)s tập thể được khen thưởng "
            "(năm %(py)s: %(pi)s cá nhân, %(pc)s tập thể; "
            "tăng/giảm: %(di)s cá nhân, %(dc)s tập thể)."
        )
        % {
            "y": y,
            "py": y - 1,
            "i": vn_number(data.individuals),
            "c": vn_number(data.collectives),
            "pi": vn_number(data.previous_individuals),
            "pc": vn_number(data.previous_collectives),
            "di": signed(data.individuals - data.previous_individuals),
            "dc": signed(data.collectives - data.previous_collectives),
        },
        _("Lũy kế từ năm %(a)s đến năm %(b)s: %(i)s cá nhân, %(c)s tập thể.")
        % {
            "a": data.first_year,
            "b": y,
            "i": vn_number(data.cumulative_individuals),
            "c": vn_number(data.cumulative_collectives),
        },
    ]
    return [str(line) for line in lines]


def _sections(data: ReportData) -> list[tuple[str, str]]:
    return [
        ("awards", _("II. Kết quả khen thưởng")),
        ("by_unit", _("III. Khen thưởng theo đơn vị và danh hiệu năm %(y)s") % {"y": data.year}),
        ("targets", _("IV. Kết quả thực hiện chỉ tiêu chuyên môn")),
        ("contest", _("V. Cuộc thi viết về gương điển hình tiên tiến, “Người tốt, việc tốt”")),
        (
            "honourees",
            _("VI. Danh sách cá nhân, tập thể được khen thưởng năm %(y)s") % {"y": data.year},
        ),
    ]


def report_pdf(report: AnnualReport, data: ReportData) -> bytes:
    t = tables(data)
    charts = [{"title": c[0], "svg": svg_bar_chart(*c)} for c in charts_of(data)]
    sections = [{"key": k, "title": title, "table": aligned(t[k])} for k, title in _sections(data)]
    return render_pdf(
        "reports/report_pdf.html",
        {
            "head": letterhead(report),
            "report": report,
            "data": data,
            "title": title_text(report),
            "paragraphs": [p for p in report.introduction.splitlines() if p.strip()],
            "narrative": narrative(data),
            "sections": sections,
            "charts": charts,
        },
    )


def _docx_table(document: Any, table: dict[str, Any]) -> None:
    from docx.shared import Pt

    grid = document.add_table(rows=1, cols=len(table["head"]))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table["head"], strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(str(text))
        run.bold = True
        run.font.size = Pt(12)
    for row in table["rows"]:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(str(text)).font.size = Pt(12)


def report_docx(report: AnnualReport, data: ReportData) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    document = docx_document()
    docx_letterhead(document, letterhead(report))
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(_("BÁO CÁO")).bold = True
    sub = document.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(title_text(report)).bold = True
    document.add_paragraph().add_run(_("I. Mở đầu")).bold = True
    for paragraph in report.introduction.splitlines():
        if paragraph.strip():
            document.add_paragraph(paragraph.strip())
    t = tables(data)
    for key, title in _sections(data):
        document.add_paragraph().add_run(title).bold = True
        if key == "awards":
            for line in narrative(data):
                document.add_paragraph(line)
        if key == "contest" and not t[key]["rows"]:
            document.add_paragraph(_("Chưa có số liệu cuộc thi của năm."))
            continue
        _docx_table(document, t[key])
    document.add_paragraph().add_run(_("VII. Biểu đồ")).bold = True
    for title, labels, series in charts_of(data):
        document.add_picture(io.BytesIO(png_bar_chart(title, labels, series)), width=Mm(160))
    document.add_paragraph(_("Số liệu của biểu đồ: xem các bảng ở trên và tệp Excel kèm theo."))
    return docx_bytes(document)


def report_xlsx(report: AnnualReport, data: ReportData) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    t = tables(data, RAW)
    names = {
        "awards": "Khen thưởng",
        "by_unit": "Theo đơn vị",
        "series": "Theo năm",
        "targets": "Chỉ tiêu",
        "contest": "Cuộc thi",
        "honourees": "Danh sách",
    }
    first = True
    for key, name in names.items():
        ws = wb.active if first else wb.create_sheet()
        first = False
        assert ws is not None
        ws.title = name
        ws.append([f"{title_text(report)} – {report.unit.name}"])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append([str(h) for h in t[key]["head"]])
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for row in t[key]["rows"]:
            append_row(ws, row)
            for cell, kind in zip(ws[ws.max_row], t[key]["kinds"], strict=False):
                if kind and isinstance(cell.value, int | float):
                    cell.number_format = XLSX_FORMATS[kind]
        ws.column_dimensions["A"].width = 48
        for letter in "BCDEF":
            ws.column_dimensions[letter].width = 18
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


BUILDERS = {"docx": report_docx, "pdf": report_pdf, "xlsx": report_xlsx}
