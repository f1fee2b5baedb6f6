"""Documents of the contest: blind entries for offline judges (DOCX, PDF) and the scores and
rankings (Excel). Blind documents carry the code (số phách), never the author or the unit."""

from __future__ import annotations

import io
from typing import Any

from guongsang.accounts.models import User
from guongsang.contests import blind, scoring, services
from guongsang.contests.models import Assignment, AssignmentStatus, Entry, Round
from guongsang.core.documents import (
    Letterhead,
    docx_bytes,
    docx_document,
    docx_letterhead,
    render_pdf,
)
from guongsang.core.xlsx import append_row


def _head(rnd: Round) -> Letterhead:
    organiser = rnd.contest.organiser
    parent = organiser.parent.name.upper() if organiser.parent is not None else ""
    return Letterhead(
        parent=parent, issuer=organiser.name.upper(), number="", place="Hà Nội", date=None
    )


WITHHELD = (
    "Nội dung bài bị giữ lại: hệ thống chưa ẩn được tên tác giả, nhân vật hoặc đơn vị; "
    "đề nghị liên hệ Thường trực Hội đồng."
)


def blind_entries(entries: list[Entry]) -> list[dict[str, Any]]:
    """Each entry with every identifying name hidden; an entry whose names could not all be
    hidden is printed without its text (fail closed)."""
    out = []
    for e in entries:
        try:
            shown = blind.blind_entry(e)
        except blind.BlindLeak:
            shown = {"title": blind.HIDDEN, "subject": blind.HIDDEN, "text": WITHHELD}
        paragraphs = [p for p in shown["text"].splitlines() if p.strip()]
        out.append(
            {
                "code": e.code,
                "title": shown["title"],
                "subject": shown["subject"],
                "paragraphs": paragraphs,
            }
        )
    return out


def blind_docx(rnd: Round, entries: list[Entry]) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    document = docx_document()
    docx_letterhead(document, _head(rnd))
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(f"BÀI DỰ THI — {rnd.name.upper()}").bold = True
    document.add_paragraph(
        f"{rnd.contest.name} năm {rnd.contest.year}"
    ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, item in enumerate(blind_entries(entries)):
        if index:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        p = document.add_paragraph()
        p.add_run(f"Số phách: {item['code']}").bold = True
        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.add_run(item["title"].upper()).bold = True
        document.add_paragraph(f"Nhân vật: {item['subject']}").runs[0].italic = True
        for text in item["paragraphs"]:
            document.add_paragraph(text)
    return docx_bytes(document)


def blind_pdf(rnd: Round, entries: list[Entry]) -> bytes:
    return render_pdf(
        "contests/documents/blind.html",
        {
            "head": _head(rnd),
            "round": rnd,
            "contest": rnd.contest,
            "entries": blind_entries(entries),
        },
    )


def scores_xlsx(rnd: Round) -> bytes:
    """Sheet 1: ranking (raw and normalised, ties marked '='); sheet 2: every score sheet;
    sheet 3: the judges' calibration."""
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    rows = services.round_rows(rnd)
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook has one worksheet, active
    _ranking_sheet(ws, rnd, rows)
    sheet = _score_sheets(wb, rnd, rows)
    cal = _calibration_sheet(wb, rnd, rows)
    for w in (ws, sheet, cal):
        for column in ("A", "B", "C", "D", "E", "F"):
            w.column_dimensions[column].width = 18
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _ranking_sheet(ws: Any, rnd: Round, rows: list[tuple[int, int, float]]) -> None:
    from openpyxl.styles import Font

    ranking = scoring.rank_entries(rows)
    entries = {
        e.pk: e for e in Entry.objects.filter(round_entries__round=rnd).select_related("unit")
    }
    advanced = dict(rnd.round_entries.values_list("entry_id", "advanced"))
    ws.title = "Xếp hạng"
    append_row(ws, [f"{rnd.contest.name} năm {rnd.contest.year} — {rnd.name}"])
    ws["A1"].font = Font(bold=True)
    header = [
        "Hạng",
        "Hạng (chuẩn hoá z)",
        "Số phách",
        "Tên bài",
        "Tác giả",
        "Đơn vị",
        "Điểm trung bình",
        "Điểm chuẩn hoá",
        "Số giám khảo",
        "Được chọn",
    ]
    ws.append(header)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for r in ranking:
        e = entries.get(r.entry_id)
        append_row(
            ws,
            [
                r.raw_label,
                r.norm_label,
                e.code if e else "",
                e.title if e else "",
                e.authors if e else "",
                e.unit.name if e else "",
                round(r.raw, 3),
                round(r.normalised, 3),
                r.judges,
                "x" if advanced.get(r.entry_id) else "",
            ],
        )


def _score_sheets(wb: Any, rnd: Round, rows: list[tuple[int, int, float]]) -> Any:
    sheet = wb.create_sheet("Phiếu chấm")
    sheet.append(["Số phách", "Giám khảo", "Tổng điểm có trọng số", "Trạng thái", "Nhận xét"])
    totals = {(e, j): t for e, j, t in rows}
    for a in (
        Assignment.objects.filter(round=rnd)
        .select_related("entry", "judge")
        .order_by("entry__code")
    ):
        append_row(
            sheet,
            [
                a.entry.code,
                str(a.judge),
                round(totals.get((a.entry_id, a.judge_id), 0), 3)
                if a.status == AssignmentStatus.SUBMITTED
                else "",
                a.get_status_display(),
                a.comment,
            ],
        )
    return sheet


def _calibration_sheet(wb: Any, rnd: Round, rows: list[tuple[int, int, float]]) -> Any:
    judges = {u.pk: u for u in User.objects.filter(contest_assignments__round=rnd).distinct()}
    panel, calibration = scoring.calibrate(rows)
    cal = wb.create_sheet("Hiệu chuẩn giám khảo")
    cal.append(
        [
            "Giám khảo",
            "Số bài",
            "Điểm TB",
            "Độ lệch chuẩn",
            "Chênh với GK khác",
            "Pearson",
            "Spearman",
            "Cần xem lại",
        ]
    )
    for c in calibration:
        append_row(
            cal,
            [
                str(judges.get(c.judge_id, c.judge_id)),
                c.count,
                round(c.mean, 3),
                round(c.spread, 3),
                round(c.offset, 3),
                None if c.pearson is None else round(c.pearson, 3),
                None if c.spearman is None else round(c.spearman, 3),
                ", ".join(c.flags),
            ],
        )
    cal.append(
        ["Cả Ban Giám khảo", panel["count"], round(panel["mean"], 3), round(panel["spread"], 3)]
    )
    return cal
