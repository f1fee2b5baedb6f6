"""Gói hồ sơ trình cấp trên: the files a tờ trình carries to a level outside this installation
(the Central Emulation and Commendation Board) in one ZIP: the tờ trình with its list (DOCX,
PDF), the list as XLSX, each dossier's achievement report in the form of the annex of Decree
98/2023, the minutes of the council sessions that recommended them, and `manifest.json` (the
exchange format of docs/exchange.md) with each file's SHA-256."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

from django.utils.text import slugify

from guongsang.awards.models import Award
from guongsang.core.documents import Letterhead, docx_bytes, docx_document, docx_letterhead
from guongsang.core.formatting import vn_short_date
from guongsang.core.xlsx import append_row
from guongsang.council.minutes import minutes_pdf
from guongsang.council.models import AgendaItem, Outcome, SessionStatus
from guongsang.decisions import documents
from guongsang.decisions.models import Submission
from guongsang.decisions.selectors import submission_items, submission_package
from guongsang.decisions.services import profile_for
from guongsang.nominations.models import Dossier

DECREE_FORM = "Mẫu báo cáo thành tích theo Phụ lục ban hành kèm theo Nghị định số 98/2023/NĐ-CP"


def achievement_report_docx(dossier: Dossier, *, authority_name: str = "") -> bytes:
    """Báo cáo thành tích: the decree's form for an individual (I. sơ lược lý lịch) or a
    collective (I. đặc điểm, tình hình), the achievements, and the awards on record.

    Long on purpose: A document laid out from top to bottom as the decree's form is read; its
    parts share the one document object."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    person = dossier.person
    unit = dossier.nominee_unit if person is None else dossier.unit
    document = docx_document()
    docx_letterhead(
        document,
        Letterhead(
            parent=(authority_name or dossier.level_unit.name).upper(),
            issuer=dossier.unit.name.upper(),
            number="",
            place="Hà Nội",
            date=None,
        ),
    )

    def para(text: str, *, bold: bool = False, center: bool = False, italic: bool = False) -> None:
        paragraph = document.add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic

    para("BÁO CÁO THÀNH TÍCH", bold=True, center=True)
    para(f"ĐỀ NGHỊ TẶNG {dossier.title.name.upper()}", bold=True, center=True)
    para(
        "(Dùng cho cá nhân)" if person is not None else "(Dùng cho tập thể)",
        italic=True,
        center=True,
    )
    para(f"({DECREE_FORM})", italic=True, center=True)
    if person is not None:
        para("I. SƠ LƯỢC LÝ LỊCH", bold=True)
        para(f"- Họ và tên: {person.full_name}")
        para(f"- Giới tính: {person.get_gender_display() or '…'}")
        para(f"- Đơn vị công tác: {dossier.unit.name}")
    else:
        assert unit is not None  # CheckConstraint: a person or a nominee unit
        para("I. ĐẶC ĐIỂM, TÌNH HÌNH", bold=True)
        para(f"- Tên tập thể: {unit.name}")
        para(f"- Cơ quan cấp trên trực tiếp: {unit.parent.name if unit.parent else '…'}")
    para("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True)
    for text in filter(None, (dossier.summary, *dossier.report.splitlines())):
        para(text.strip())
    para("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True)
    awards = Award.objects.filter(revoked_on=None).select_related("title")
    awards = awards.filter(person=person) if person else awards.filter(unit=unit, person=None)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    heads = ("Năm", "Danh hiệu, hình thức", "Số, ngày quyết định", "Cơ quan ban hành")
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        cell.text = text
    for award in awards.order_by("year", "title__order"):
        cells = table.add_row().cells
        decided = " ".join(
            filter(None, (award.decision_number, vn_short_date(award.decision_date)))
        )
        for cell, value in zip(
            cells, (award.year, award.title.name, decided, award.authority), strict=True
        ):
            cell.text = str(value)
    signs = document.add_table(rows=1, cols=2)
    left, right = signs.rows[0].cells
    left.text = (
        "THỦ TRƯỞNG ĐƠN VỊ\nXÁC NHẬN, ĐỀ NGHỊ"
        if person is not None
        else "THỦ TRƯỞNG CƠ QUAN CẤP TRÊN\nTRỰC TIẾP NHẬN XÉT, XÁC NHẬN"
    )
    right.text = "NGƯỜI BÁO CÁO THÀNH TÍCH" if person is not None else "THỦ TRƯỞNG ĐƠN VỊ"
    return docx_bytes(document)


def list_xlsx(submission: Submission) -> bytes:
    """Danh sách đề nghị khen thưởng as a workbook: one row a dossier."""
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet, active
    sheet.title = "Danh sách đề nghị"
    number = submission.full_number or "(dự thảo)"
    append_row(sheet, [f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG (kèm theo Tờ trình số {number})"])
    sheet.append(["STT", "Họ và tên / Tập thể", "Đơn vị", "Hình thức đề nghị", "Năm"])
    for i, item in enumerate(submission_items(submission), start=1):
        d = item.dossier
        append_row(sheet, [i, d.nominee_name, d.unit.name, d.title.name, d.year])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _minutes(submission: Submission) -> list[tuple[str, bytes]]:
    """The minutes of each tallied session that recommended one of the dossiers."""
    sessions = {}
    for agenda in AgendaItem.objects.filter(
        dossier__in=submission.items.values("dossier_id"),
        outcome=Outcome.RECOMMENDED,
        session__status=SessionStatus.TALLIED,
    ).select_related("session"):
        sessions[agenda.session.pk] = agenda.session
    return [
        (f"bien-ban/bien-ban-{s.held_on:%Y-%m-%d}-{s.pk}.pdf", minutes_pdf(s))
        for s in sorted(sessions.values(), key=lambda s: (s.held_on, s.pk))
    ]


def package_files(submission: Submission) -> list[tuple[str, str, bytes]]:
    """(path in the ZIP, kind, content) of every file the package carries."""
    files = [
        ("to-trinh.docx", "submission", documents.submission_docx(submission)),
        ("to-trinh.pdf", "submission", documents.submission_pdf(submission)),
        ("danh-sach.xlsx", "list", list_xlsx(submission)),
    ]
    authority = profile_for(submission.authority).issuer_name
    for item in submission_items(submission):
        d = item.dossier
        slug = slugify(d.nominee_name) or d.uuid.hex[:8]
        path = f"bao-cao-thanh-tich/{item.order:03d}-{slug}.docx"
        files.append((path, "report", achievement_report_docx(d, authority_name=authority)))
    files += [(path, "minutes", content) for path, content in _minutes(submission)]
    return files


def manifest(submission: Submission, files: list[tuple[str, str, bytes]]) -> dict[str, Any]:
    data = submission_package(submission)
    data["files"] = [
        {
            "path": path,
            "kind": kind,
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        }
        for path, kind, content in files
    ]
    return data


def package_zip(submission: Submission) -> bytes:
    files = package_files(submission)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, _kind, content in files:
            archive.writestr(path, content)
        text = json.dumps(manifest(submission, files), ensure_ascii=False, indent=2)
        archive.writestr("manifest.json", text.encode())
    return buffer.getvalue()


def package_filename(submission: Submission) -> str:
    name = submission.full_number or f"du-thao-{submission.uuid.hex[:8]}"
    return f"goi-ho-so-{slugify(name.replace('/', '-'))}.zip"
