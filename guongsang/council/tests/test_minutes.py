"""The minutes read back: members present, quorum and counts, with their diacritics."""

from __future__ import annotations

import io

import pytest
from docx import Document
from pypdf import PdfReader

from guongsang.council import minutes, services
from guongsang.council.models import Choice
from guongsang.council.tests.factories import (
    accepted_dossier,
    make_council,
    members_of,
    open_session,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tallied(world, titles):
    council = make_council(world, 6)
    dossier = accepted_dossier(world)
    session = open_session(world, council, [dossier], present=5)
    item = session.items.get()
    for user, choice in zip(
        members_of(council),
        [Choice.YES, Choice.YES, Choice.YES, Choice.NO, Choice.ABSTAIN],
        strict=False,
    ):
        services.ballot_cast(voter=user, item=item, choice=choice)
    services.voting_close(actor=world.secretariat, session=session)
    session.refresh_from_db()
    return session


def test_minutes_docx_lists_members_present_and_counts(tallied):
    document = Document(io.BytesIO(minutes.minutes_docx(tallied)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text
    assert "Nguyễn Thị Hồng Nhung — Chủ tịch Hội đồng" in text
    assert "Có mặt 5/6 thành viên (83,3%)" in text and "đủ điều kiện" in text
    assert "Thành viên vắng mặt:" in text and "Đặng Văn Lộc" in text
    assert "Lê Thị Bích Liên" in cells and "Đề nghị khen" in cells
    assert "60,0% (quá 50% số thành viên có mặt)" in cells
    row = next(r for r in document.tables[1].rows if "Lê Thị Bích Liên" in r.cells[1].text)
    assert [c.text for c in row.cells[3:7]] == ["3", "1", "1", "0"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells


def test_minutes_pdf_text_has_members_and_counts_with_diacritics(tallied, tmp_path):
    pdf = minutes.minutes_pdf(tallied)
    (tmp_path / "bien-ban.pdf").write_bytes(pdf)
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    assert "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text
    assert "Nguyễn Thị Hồng Nhung" in text and "Trần Quốc Việt" in text
    assert "Có mặt 5/6 thành viên" in text
    assert "Lê Thị Bích Liên" in text and "Đề nghị khen" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
