"""Building the report: unresolved figure warnings are confirmed first, the header carries
"Số: …/BC-…" and the date of issue, the XLSX holds numbers as numbers."""

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from guongsang.core.models import AuditAction, AuditEntry
from guongsang.reports.tests.test_views import IMMEDIATE, _open, honoured  # noqa: F401

WRONG = "Năm 2023 có 2 cá nhân được khen, tăng 5 cá nhân so với năm trước."


@pytest.mark.django_db
def test_building_with_unresolved_warnings_asks_first_and_lists_them(client, honoured):  # noqa: F811
    report = _open(client, honoured.secretariat, honoured.dept)
    report.introduction = WRONG
    report.save()
    url = reverse("reports:build", args=[report.uuid, "docx"])
    with override_settings(TASKS=IMMEDIATE):
        asked = client.post(url)
    assert asked.status_code == 200
    body = asked.content.decode()
    assert "vẫn xuất" in body.lower() and "tăng 1 cá nhân" in body  # 2 in 2023, 1 in 2022
    assert 'name="confirm"' in body
    report.refresh_from_db()
    assert report.last_build is None  # nothing built yet
    with override_settings(TASKS=IMMEDIATE):
        confirmed = client.post(url, {"confirm": "1"})
    assert confirmed.status_code == 302
    report.refresh_from_db()
    assert report.last_build.status == "done" and report.last_format == "docx"
    log = AuditEntry.objects.filter(action=AuditAction.EXPORT).latest("pk")
    assert log.after["unresolved_warnings"] == 1


@pytest.mark.django_db
def test_the_xlsx_never_asks_and_agreeing_text_builds_at_once(client, honoured):  # noqa: F811
    report = _open(client, honoured.secretariat, honoured.dept)
    report.introduction = WRONG
    report.save()
    with override_settings(TASKS=IMMEDIATE):
        xlsx = client.post(reverse("reports:build", args=[report.uuid, "xlsx"]))
    assert xlsx.status_code == 302  # the workbook holds the computed tables only
    report.introduction = "Năm 2023 có 2 cá nhân được khen, tăng 1 cá nhân so với năm trước."
    report.save()
    with override_settings(TASKS=IMMEDIATE):
        pdf = client.post(reverse("reports:build", args=[report.uuid, "pdf"]))
    assert pdf.status_code == 302


@pytest.mark.django_db
def test_the_xlsx_stores_numbers_as_numbers(honoured):  # noqa: F811
    from openpyxl import load_workbook

    from guongsang.reports import services
    from guongsang.reports.documents import report_xlsx
    from guongsang.reports.figures import report_figures

    report = services.report_open(by=None, unit=honoured.dept, year=2023)
    data = report_figures(user=None, unit=honoured.dept, year=2023)
    book = load_workbook(io.BytesIO(report_xlsx(report, data)))
    awards = [row for row in book["Khen thưởng"].iter_rows(min_row=3, values_only=True)]
    base = next(r for r in awards if r[0] and "cấp cơ sở" in r[0])
    # 2022: one person; 2023: two people, so the change is +1; all as numbers.
    assert base[1:4] == (1, 2, 1)
    assert all(isinstance(v, int) for v in base[1:])
    sheet = book["Khen thưởng"]
    assert sheet.cell(row=3, column=4).number_format.startswith("+")
    series = [r for r in book["Theo năm"].iter_rows(min_row=3, values_only=True)]
    assert series[-1][0] == 2023 and isinstance(series[-1][1], int)


@pytest.mark.django_db
def test_the_header_carries_the_number_and_date_of_issue(client, honoured):  # noqa: F811
    from docx import Document
    from pypdf import PdfReader

    from guongsang.reports.documents import report_docx, report_pdf
    from guongsang.reports.figures import report_figures

    report = _open(client, honoured.secretariat, honoured.dept)
    data = report_figures(user=None, unit=honoured.dept, year=2023)

    def docx_head(report):
        cell = Document(io.BytesIO(report_docx(report, data))).tables[0].rows[0].cells
        return " ".join(p.text for c in cell for p in c.paragraphs)

    draft = docx_head(report)
    assert "/BC-" in draft and "Số: 12/" not in draft
    response = client.post(
        reverse("reports:issue", args=[report.uuid]), {"number": "12", "date": "2024-01-05"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.number == 12 and report.issued_on == dt.date(2024, 1, 5)
    code = "".join(w[0] for w in honoured.dept.name.split() if w.isalpha() and w != "và")
    issued = docx_head(report)
    assert f"Số: 12/BC-{code.upper()}" in issued
    assert "ngày 05 tháng 01 năm 2024" in issued
    content = report_pdf(report, data)
    if os.environ.get("GS_DOCS_DUMP"):  # a folder: write the file there to look at it
        (Path(os.environ["GS_DOCS_DUMP"]) / "bao-cao.pdf").write_bytes(content)
    pdf = " ".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())
    assert f"Số: 12/BC-{code.upper()}" in pdf and "ngày 05 tháng 01 năm 2024" in pdf
    assert AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(report.uuid)).exists()


@pytest.mark.django_db
def test_an_issue_date_before_the_report_year_is_refused(client, honoured):  # noqa: F811
    report = _open(client, honoured.secretariat, honoured.dept)
    response = client.post(
        reverse("reports:issue", args=[report.uuid]),
        {"number": "3", "date": "2022-12-31"},
        follow=True,
    )
    assert "Ngày ban hành phải sau năm 2023" in response.content.decode()
    report.refresh_from_db()
    assert report.number is None and report.issued_on is None
