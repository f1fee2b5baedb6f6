import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from guongsang.targets.models import Plan, Result
from guongsang.targets.tests.factories import make_indicator


def _xlsx(rows) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(["KẾ HOẠCH VÀ KẾT QUẢ THỰC HIỆN CHỈ TIÊU"])
    ws.append(["Mã đơn vị", "Mã chỉ tiêu", "Năm", "Tháng (trống: kế hoạch năm)", "Số liệu"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("ct.xlsx", out.getvalue())


@pytest.mark.django_db
def test_the_template_downloads_with_the_indicator_codes(client, world):
    make_indicator()
    client.force_login(world.officer)
    response = client.get(reverse("targets:import_template"))
    wb = load_workbook(io.BytesIO(response.content))
    assert wb["Chỉ tiêu"]["A2"].value == "Mã đơn vị"
    assert wb["Mã chỉ tiêu"]["A2"].value == "viec-lam"


@pytest.mark.django_db
def test_a_file_with_one_bad_row_shows_the_errors_and_writes_nothing(client, world):
    make_indicator()
    client.force_login(world.secretariat)
    upload = _xlsx(
        [
            [world.centre.code, "viec-lam", 2023, None, 1000],
            [world.centre.code, "viec-lam", 2023, 1, 120],
            [world.centre.code, "khong-co", 2023, 13, "abc"],
        ]
    )
    response = client.post(reverse("targets:import_upload"), {"file": upload})
    assert response.status_code == 302
    preview = client.get(response.url).content.decode()
    assert "Dòng 5: không có chỉ tiêu “khong-co”" in preview
    assert "Dòng 5: tháng “13” không hợp lệ" in preview
    assert "Dòng 5: số liệu “abc” không hợp lệ" in preview
    committed = client.post(response.url)
    assert committed.status_code == 200
    assert "chưa ghi dòng nào" in committed.content.decode()
    assert not Plan.objects.exists() and not Result.objects.exists()


@pytest.mark.django_db
def test_a_clean_file_is_written_whole(client, world):
    make_indicator()
    client.force_login(world.secretariat)
    upload = _xlsx(
        [
            [world.centre.code, "viec-lam", 2023, None, 1000],
            [world.centre.name, "Giải quyết việc làm", 2023, 1, "1.250"],
        ]
    )
    response = client.post(reverse("targets:import_upload"), {"file": upload})
    assert client.post(response.url).status_code == 302
    assert Plan.objects.get().value == 1000
    assert Result.objects.get().value == 1250


@pytest.mark.django_db
def test_an_officer_cannot_import_figures_of_another_unit(client, world):
    make_indicator()
    client.force_login(world.officer)
    upload = _xlsx([[world.other_centre.code, "viec-lam", 2023, 1, 5]])
    response = client.post(reverse("targets:import_upload"), {"file": upload})
    body = client.get(response.url).content.decode()
    assert "bạn không được nhập" in body
    client.post(response.url)
    assert not Result.objects.exists()


@pytest.mark.django_db
def test_a_write_failing_mid_way_puts_every_figure_back(world, monkeypatch):
    """On SQLite the rows go in batches: a failure takes back the earlier batches, figures
    replaced get their old value again; on PostgreSQL the one transaction rolls back."""
    from decimal import Decimal

    from guongsang.core import batches
    from guongsang.nominations.imports import store_upload
    from guongsang.targets import imports, services

    indicator = make_indicator()
    services.plan_set(
        by=world.secretariat, indicator=indicator, unit=world.centre, year=2023, value=1000
    )
    token = store_upload(
        _xlsx(
            [
                [world.centre.code, "viec-lam", 2023, None, 2000],
                [world.centre.code, "viec-lam", 2023, 1, 120],
                [world.centre.code, "viec-lam", 2023, 2, 130],
            ]
        )
    )
    real = services.result_set
    calls = {"n": 0}

    def fails_second_time(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("the disk is full")
        return real(**kwargs)

    monkeypatch.setattr(services, "result_set", fails_second_time)
    real_batches = batches.write_in_batches
    monkeypatch.setattr(  # one row a batch: the plan and January are committed first
        imports,
        "write_in_batches",
        lambda items, write, **options: real_batches(
            items, write, **{**options, "chunk": 1, "rows": 1}
        ),
    )
    with pytest.raises(RuntimeError):
        imports.commit(user=world.secretariat, token=token)
    assert Plan.objects.get().value == Decimal(1000)
    assert not Result.objects.exists()


@pytest.mark.django_db
def test_a_file_with_an_stt_column_and_columns_reordered_is_read(client, world):
    make_indicator()
    client.force_login(world.secretariat)
    wb = Workbook()
    ws = wb.active
    ws.append(["KẾ HOẠCH VÀ KẾT QUẢ THỰC HIỆN CHỈ TIÊU"])
    ws.append(["STT", "Năm", "Mã đơn vị", "Tháng", "Mã chỉ tiêu", "Số liệu"])
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
    ws.append([1, 2023, world.centre.code, None, "viec-lam", 1000])
    ws.append([2, 2023, world.centre.code, 1, "viec-lam", 120])
    out = io.BytesIO()
    wb.save(out)
    upload = SimpleUploadedFile("ct.xlsx", out.getvalue())
    response = client.post(reverse("targets:import_upload"), {"file": upload})
    preview = client.get(response.url).content.decode()
    assert "không hợp lệ" not in preview and "không có" not in preview
    client.post(response.url)
    assert Plan.objects.get().value == 1000
    assert Result.objects.get().value == 120
