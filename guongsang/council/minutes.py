"""Biên bản họp Hội đồng: the minutes of a tallied session, as DOCX (to edit) and PDF (to file),
generated from the session itself: members present, quorum, per-dossier counts and outcome."""

from __future__ import annotations

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
from guongsang.core.formatting import vn_date, vn_number, vn_percent
from guongsang.council.models import AgendaItem, CouncilMember, CouncilSession, MemberRole
from guongsang.council.services import rule_text, verify_session

PLACE = "Hà Nội"


@dataclass(frozen=True)
class Row:
    number: int
    nominee: str
    unit: str
    title: str
    item: AgendaItem
    percent: str
    rule: str
    outcome: str


@dataclass(frozen=True)
class Minutes:
    session: CouncilSession
    head: Letterhead
    heading: str
    present: list[CouncilMember]
    absent: list[CouncilMember]
    quorum_text: str
    rows: list[Row]
    chair: CouncilMember | None
    secretary: CouncilMember | None
    # Encrypted ballots only: the independent check of the record, run when the minutes are made.
    verification: str = ""


def minutes_for(session: CouncilSession) -> Minutes:
    """What the minutes (biên bản) say, section by section in the order of the printed minutes:
    the session, the attendance, each dossier's count and outcome, the proof of the encrypted
    tally."""
    attendance = list(
        session.attendance.select_related("member__user").order_by("member__order", "member_id")
    )
    present = [a.member for a in attendance if a.present]
    absent = [a.member for a in attendance if not a.present]
    items = list(
        session.items.select_related(
            "dossier__title", "dossier__person", "dossier__nominee_unit", "dossier__unit"
        ).order_by("order", "id")
    )
    rows = []
    for number, item in enumerate(items, start=1):
        dossier = item.dossier
        nominee = dossier.person.full_name if dossier.person else str(dossier.nominee_unit)
        share = Decimal(item.counted_yes * 100) / item.base if item.base else Decimal(0)
        rows.append(
            Row(
                number=number,
                nominee=nominee,
                unit=dossier.unit.name,
                title=dossier.title.name,
                item=item,
                percent=vn_percent(share),
                rule=rule_text(item),
                outcome=item.get_outcome_display(),
            )
        )
    unit = session.level_unit
    share = (
        Decimal(session.present_total * 100) / session.members_total
        if session.members_total
        else Decimal(0)
    )
    quorum_text = _(
        "Có mặt %(present)s/%(total)s thành viên (%(share)s), tối thiểu %(num)s/%(den)s tổng số "
        "thành viên: %(verdict)s."
    ) % {
        "present": vn_number(session.present_total),
        "total": vn_number(session.members_total),
        "share": vn_percent(share),
        "num": session.quorum_numerator,
        "den": session.quorum_denominator,
        "verdict": _("đủ điều kiện tiến hành phiên họp")
        if session.quorum_met
        else _("không đủ điều kiện tiến hành phiên họp"),
    }
    members = present + absent
    return Minutes(
        session=session,
        head=Letterhead(
            parent=unit.name.upper(),
            issuer=_("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"),
            number="",
            place=PLACE,
            date=session.held_on,
        ),
        heading=_("Về việc xét đề nghị khen thưởng"),
        present=present,
        absent=absent,
        quorum_text=quorum_text,
        rows=rows,
        chair=next((m for m in members if m.role == MemberRole.CHAIR), None),
        secretary=next((m for m in members if m.role == MemberRole.SECRETARY), None),
        verification=_verification(session),
    )


def _verification(session: CouncilSession) -> str:
    """Phiếu mã hóa: the result of recomputing every proof, the sums and the decryption."""
    if not session.encrypted:
        return ""
    return _(
        "Bỏ phiếu kín bằng phiếu mã hóa; tổng số phiếu được giải mã bằng phần khóa của Chủ tịch "
        "Hội đồng và của Thường trực. %(summary)s"
    ) % {"summary": verify_session(session).summary()}


def _opening(m: Minutes) -> str:
    return _("Vào %(when)s, tại %(place)s, %(council)s họp xét đề nghị khen thưởng.") % {
        "when": vn_date(m.session.held_on),
        "place": m.session.place,
        "council": m.session.council.name,
    }


def _member_line(member: CouncilMember) -> str:
    return f"{member.display_name} — {member.get_role_display()}"


def minutes_pdf(session: CouncilSession) -> bytes:
    m = minutes_for(session)
    return render_pdf(
        "council/minutes_pdf.html",
        {"m": m, "head": m.head, "opening": _opening(m), "member_line": _member_line},
    )


def minutes_docx(session: CouncilSession) -> bytes:
    """The minutes as a Word document, laid out from top to bottom as the printed minutes are
    read, on one document object."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    m = minutes_for(session)
    document = docx_document()
    docx_letterhead(document, m.head)

    def para(text: str, *, bold=False, center=False, size: int | None = None) -> Any:
        paragraph = document.add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        return paragraph

    para(_("BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"), bold=True, center=True)
    para(m.heading, bold=True, center=True)
    para(_opening(m))
    para(_("I. THÀNH PHẦN"), bold=True)
    para(m.quorum_text)
    para(_("Thành viên có mặt:"))
    for member in m.present:
        para(f"- {_member_line(member)}")
    if m.absent:
        para(_("Thành viên vắng mặt:"))
        for member in m.absent:
            para(f"- {_member_line(member)}")
    para(_("II. KẾT QUẢ BỎ PHIẾU KÍN"), bold=True)
    headers = [
        _("STT"),
        _("Người/tập thể được đề nghị"),
        _("Danh hiệu"),
        _("Đồng ý"),
        _("Không đồng ý"),
        _("Không biểu quyết"),
        _("Ý kiến bằng văn bản (đồng ý)"),
        _("Tỷ lệ"),
        _("Kết quả"),
    ]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = str(text)
    for row in m.rows:
        item = row.item
        values = [
            str(row.number),
            f"{row.nominee} ({row.unit})",
            row.title,
            vn_number(item.yes),
            vn_number(item.no),
            vn_number(item.abstain),
            vn_number(item.written_yes),
            f"{row.percent} ({row.rule})",
            row.outcome,
        ]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    for cell in table._cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(11)
    if m.verification:
        para(m.verification)
    para(
        _("Biên bản kết thúc vào cùng ngày, đã được thông qua trước các thành viên dự họp."),
    )
    signature = document.add_table(rows=1, cols=2)
    left, right = signature.rows[0].cells
    left.text = _("THƯ KÝ") + "\n\n\n\n" + (m.secretary.display_name if m.secretary else "")
    right.text = _("CHỦ TỊCH HỘI ĐỒNG") + "\n\n\n\n" + (m.chair.display_name if m.chair else "")
    for cell in (left, right):
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return docx_bytes(document)
