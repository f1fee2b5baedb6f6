"""The 2023 report of the demo department, built in the background and read back."""

import io
import os
from pathlib import Path

import pytest
from django.test import override_settings

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def demo(demo_db):
    from guongsang.demo import facts
    from guongsang.org.models import Unit

    return Unit.objects.get(code=facts.DEPARTMENT)


def _build(report, user, fmt):
    from guongsang.core.models import TaskProgress
    from guongsang.reports.tasks import build_start

    with override_settings(TASKS=IMMEDIATE):
        progress = build_start(by=user, report=report, fmt=fmt)
    progress = TaskProgress.objects.get(pk=progress.pk)
    assert progress.status == "done", progress.message
    content = progress.result_file.open("rb").read()
    keep = os.environ.get("GS_KEEP_REPORTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / f"report.{fmt}").write_bytes(content)
    return content


@pytest.mark.django_db
def test_the_2023_department_report_carries_the_figures_in_docx_pdf_and_xlsx(demo):
    import docx
    import openpyxl
    from pypdf import PdfReader

    from guongsang.accounts.models import User
    from guongsang.demo.steps import reports as reports_demo
    from guongsang.reports.figures import report_figures
    from guongsang.reports.services import report_open

    secretariat = User.objects.get(username="thuongtruc")
    seeded = reports_demo.seed()
    report = report_open(by=secretariat, unit=demo, year=2023)
    assert report == seeded
    data = report_figures(user=secretariat, unit=demo, year=2023)
    assert data.level_count("thanh-pho") == 5 and data.level_count("co-so") == 22
    assert data.level_count("thanh-pho", previous=True) == 5
    assert data.level_count("co-so", previous=True) == 21
    assert data.first_year == 2009
    assert data.targets_month == 9
    if data.contest_entries is not None:  # the contests demo is there
        assert (data.contest_entries, data.contest_previous) == (41, 43)
        assert "41" in report.introduction and "giảm 2 bài so với năm trước" in report.introduction
        from guongsang.reports.checks import warnings_for

        [warning] = warnings_for("Cuộc thi nhận 41 bài, tăng 5 bài so với năm trước.", data)
        assert warning.computed == "giảm 2 bài" and "43" in warning.message
    assert "5 cá nhân cấp Thành phố, 22 cá nhân cấp cơ sở" in report.introduction

    document = docx.Document(io.BytesIO(_build(report, secretariat, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    everything = text + "\n" + cells
    for needle in (
        "Người tốt, việc tốt",
        "105,7%",
        "88,1%",
        "103,6%",
        "171.228",
        "Lũy kế 2009–2023",
    ):
        assert needle in everything, needle
    assert len(document.inline_shapes) == 2  # the two charts, as PNG

    pdf = PdfReader(io.BytesIO(_build(report, secretariat, "pdf")))
    pdf_text = "\n".join(page.extract_text() for page in pdf.pages)
    for needle in ("Người tốt, việc tốt", "105,7%", "88,1%", "103,6%", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA"):
        assert needle in pdf_text, needle

    wb = openpyxl.load_workbook(io.BytesIO(_build(report, secretariat, "xlsx")))
    rows = list(wb["Chỉ tiêu"].iter_rows(values_only=True))
    # Numbers as numbers (the accountant adds them up), shown by Excel's formats.
    assert list(rows[2][:4]) == ["Giải quyết việc làm", "người", 162_000, 171_228]
    assert round(rows[2][4], 3) == 1.057  # 171.228 / 162.000, shown as 105,7%
    assert wb["Chỉ tiêu"].cell(row=3, column=5).number_format == "0.0%"
