"""The decision as DOCX (read back with python-docx), PDF (read back with pypdf), the annex as
XLSX, and the certificates PDF built in the background."""

import datetime as dt
import io

import pytest
from django.test import override_settings

from guongsang.decisions import certificates, documents, services, tasks
from guongsang.decisions.tests.factories import recommended, recommended_collective, signer
from guongsang.people.tests.factories import make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("titles")]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def decision(world):
    people = [world.person, make_person("Nguyễn Thị Bích Thủy", unit=world.centre, female=True)]
    dossiers = [recommended(world, person=p) for p in people] + [recommended_collective(world)]
    draft = services.decision_draft(
        actor=world.secretariat, authority=world.dept, dossiers=dossiers
    )
    return services.decision_sign(
        actor=signer(world),
        decision=draft,
        on=dt.date(2024, 2, 5),
        signer_name="Nguyễn Tây Nam",
        as_deputy=True,
    )


def _docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


EXPECTED = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 1/QĐ-SLĐTBXH",
    "Hà Nội, ngày 05 tháng 02 năm 2024",
    "QUYẾT ĐỊNH",
    "Căn cứ Luật Thi đua, khen thưởng",
    "Điều 1.",
    "Nơi nhận:",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Nguyễn Tây Nam",
    "Lê Thị Bích Liên",
    "Nguyễn Thị Bích Thủy",
    "Trung tâm Bảo trợ xã hội 1",
]


def test_the_docx_has_the_decree_30_parts_and_every_recipient(decision):
    text = _docx_text(documents.decision_docx(decision))
    for expected in EXPECTED:
        assert expected in text, expected
    assert "2.160.000" in text  # the annex total: 540.000 × 2 + 1.080.000
    assert "{{" not in text and "{%" not in text


def test_the_pdf_has_the_same_content_with_diacritics(decision):
    text = _pdf_text(documents.decision_pdf(decision))
    flat = " ".join(text.split())
    for expected in EXPECTED:
        assert " ".join(expected.split()) in flat, expected
    assert "2.160.000" in flat


def test_a_draft_has_no_number_and_no_date(world):
    draft = services.decision_draft(
        actor=world.secretariat, authority=world.dept, dossiers=[recommended(world)]
    )
    text = _docx_text(documents.decision_docx(draft))
    assert "Số: " in text and "/QĐ-SLĐTBXH" in text and "Số: 1/" not in text
    assert "Nguyễn Tây Nam" not in text


def test_the_annex_workbook_lists_amounts_as_numbers(decision):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(documents.annex_xlsx(decision))).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    names = [r[1] for r in rows[:-1]]
    assert "Lê Thị Bích Liên" in names and "Trung tâm Bảo trợ xã hội 1" in names
    assert sum(r[4] for r in rows[:-1]) == 2_160_000
    assert rows[-1][1] == "Tổng cộng" and rows[-1][4].startswith("=SUM(E4:")


def test_the_certificates_are_one_landscape_page_each_with_code_and_number(decision, tmp_path):
    pdf = certificates.render(certificates.for_decision(decision))
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = _pdf_text(pdf)
    assert "GIẤY KHEN" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Nguyễn Thị Bích Thủy" in text and "1/QĐ-SLĐTBXH" in text
    for line in decision.recipients.all():
        assert f"{line.certificate_code[:5]}-{line.certificate_code[5:]}" in text


def test_the_certificates_task_reports_progress_and_leaves_a_file(decision, world, tmp_path):
    with override_settings(TASKS=IMMEDIATE):
        progress = tasks.certificates_start(actor=world.secretariat, decision=decision)
    progress.refresh_from_db()
    assert progress.status == "done" and progress.percent == 100
    assert "3 giấy khen" in progress.message
    assert progress.result_file.open("rb").read().startswith(b"%PDF")


def test_an_authority_may_use_its_own_template_edited_in_word(world):
    from django.core.files.base import ContentFile
    from docx import Document

    from guongsang.decisions.models import AuthorityProfile

    template = Document(str(documents.TEMPLATE))
    template.add_paragraph("Mẫu riêng của Sở: {{ number }}")
    buffer = io.BytesIO()
    template.save(buffer)
    profile = AuthorityProfile(
        authority=world.dept, code="SLĐTBXH", issuer_name="SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    )
    profile.docx_template.save("mau.docx", ContentFile(buffer.getvalue()), save=False)
    profile.save()
    decision = services.decision_sign(
        actor=signer(world),
        decision=services.decision_draft(
            actor=world.secretariat, authority=world.dept, dossiers=[recommended(world)]
        ),
        on=dt.date(2023, 9, 1),
    )
    text = _docx_text(documents.decision_docx(decision))
    assert "Mẫu riêng của Sở: 1/QĐ-SLĐTBXH" in text and "Lê Thị Bích Liên" in text
