"""Excel import: a messy file is read, every row checked, and written all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from guongsang.awards.models import Award, AwardSource
from guongsang.core.models import AuditEntry, TaskProgress, TaskStatus
from guongsang.nominations import imports
from guongsang.nominations.models import Dossier, State
from guongsang.people.models import Person

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _xlsx(rows: list[list], *, kind: str = imports.NOMINATIONS) -> bytes:
    """A file as units send them: a merged banner over two rows, then the header."""
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
    ws.merge_cells("A1:F2")
    for number, values in enumerate([imports.columns_for(kind), *rows], start=3):
        for column, value in enumerate(values, start=1):
            ws.cell(row=number, column=column, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _messy(world) -> list[list]:
    nfd_name = unicodedata.normalize("NFD", "Lê Thị Bích Liên")
    return [
        [nfd_name, "12/04/1985", world.centre.name.upper(), "Lao động tiên tiến", 2024, "Tốt"],
        [
            "Nguyễn Văn Mới",
            dt.datetime(1990, 1, 2),
            world.centre.code,
            "lao-dong-tien-tien",
            "2024",
            "Giỏi",
        ],
        ["Nguyễn Văn Mới", "02/01/1990", world.centre.code, "lao-dong-tien-tien", 2024, "Giỏi"],
        [None, None, world.centre.name, "Tập thể lao động tiên tiến", 2024, "Vững mạnh"],
        ["Phạm Văn Cường", "31/02/1990", world.centre.name, "lao-dong-tien-tien", 2024, "x"],
        ["Hoàng Văn Dũng", "01/01/1980", "Đơn vị không có", "lao-dong-tien-tien", 2024, "x"],
        ["Trần Văn Bình", "12/04/1985", world.other_centre.name, "lao-dong-tien-tien", 2024, "x"],
        ["Đỗ Thị Hoa", "01/01/1980", world.centre.name, "lao-dong-tien-tien", "20x4", "x"],
    ]


def _store(content: bytes) -> str:
    return imports.store_upload(SimpleUploadedFile("ds.xlsx", content))


def _preview(token: str, user) -> imports.Preview:
    with imports.staged_open(token) as stored:
        return imports.preview_file(stored, user=user, kind="de-nghi")


def test_a_messy_file_gets_exactly_the_expected_row_errors(world, titles):
    token = _store(_xlsx(_messy(world)))
    preview = _preview(token, world.officer)
    assert [r.number for r in preview.rows] == [4, 5, 6, 7, 8, 9, 10, 11]
    assert preview.errors == [
        "Dòng 6: trùng với dòng 5 trong tệp.",
        "Dòng 8: ngày sinh “31/02/1990” không hợp lệ (dd/mm/yyyy).",
        "Dòng 9: không tìm thấy đơn vị “Đơn vị không có”.",
        "Dòng 10: bạn không có quyền nhập cho đơn vị “Trung tâm Bảo trợ xã hội 2”.",
        "Dòng 11: năm “20x4” không hợp lệ.",
    ]
    first, new = preview.rows[0], preview.rows[1]
    assert first.name == "Lê Thị Bích Liên" and first.person_id == world.person.pk
    assert new.birth == dt.date(1990, 1, 2) and new.new_person
    assert new.warnings == [
        "Dòng 5: chưa có “Nguyễn Văn Mới” trong Trung tâm Bảo trợ xã hội 1: sẽ tạo mới cá nhân này."
    ]
    assert preview.valid_rows == 3


def test_a_commit_with_errors_left_writes_nothing(world, titles):
    token = _store(_xlsx(_messy(world)))
    people = Person.objects.count()
    with pytest.raises(ValidationError, match="Còn 5 dòng có lỗi"):
        imports.import_commit(actor=world.officer, token=token, kind="de-nghi")
    assert Dossier.objects.count() == 0 and Person.objects.count() == people
    assert not AuditEntry.objects.filter(object_type="nominations.import").exists()


def test_after_fixing_the_commit_writes_every_row_as_a_draft(world, titles):
    token = _store(_xlsx([_messy(world)[i] for i in (0, 1, 3)]))
    result = imports.import_commit(actor=world.officer, token=token, kind="de-nghi")
    assert (result.rows, result.created, result.new_people) == (3, 3, 1)
    dossiers = Dossier.objects.order_by("pk")
    assert {d.state for d in dossiers} == {State.DRAFT}
    assert dossiers[0].person == world.person
    assert dossiers[1].person.full_name == "Nguyễn Văn Mới"
    assert dossiers[2].nominee_unit == world.centre and dossiers[2].person is None
    entry = AuditEntry.objects.get(object_type="nominations.import")
    assert entry.action == "create" and entry.after["created"] == 3
    assert not default_storage.exists(imports.staged_name(token))


def test_a_dossier_already_on_record_is_a_row_error(world, titles):
    from guongsang.nominations.services import dossier_create

    dossier_create(
        actor=None,
        unit=world.centre,
        title=titles["lao-dong-tien-tien"],
        year=2024,
        person=world.person,
    )
    token = _store(_xlsx([_messy(world)[0]]))
    preview = _preview(token, world.officer)
    assert preview.errors == [
        "Dòng 4: đã có đề nghị “Lao động tiên tiến” năm 2024 cho đối tượng này."
    ]


def test_an_officer_cannot_import_into_another_unit(world, titles):
    token = _store(_xlsx([_messy(world)[6]]))
    with pytest.raises(ValidationError):
        imports.import_commit(actor=world.officer, token=token, kind="de-nghi")
    preview = _preview(token, world.other_officer)
    assert preview.errors == []


def test_a_file_without_header_row_is_refused(world, titles):
    wb = Workbook()
    wb.active.append(["a", "b"])
    out = io.BytesIO()
    wb.save(out)
    token = _store(out.getvalue())
    with pytest.raises(ValidationError, match="dòng tiêu đề"):
        _preview(token, world.officer)


def test_only_the_admin_imports_historic_awards(client, world, titles):
    client.force_login(world.secretariat)
    assert client.get(reverse("nominations:import_upload", args=["lich-su"])).status_code == 403
    rows = [
        [
            "Trần Văn Bình",
            "12/04/1985",
            world.other_centre.code,
            "lao-dong-tien-tien",
            2019,
            "",
            "12/QĐ-SLĐ",
            "20/12/2019",
        ],
        [
            None,
            None,
            world.dept.name,
            "Tập thể lao động tiên tiến",
            2019,
            "",
            "13/QĐ-SLĐ",
            dt.date(2019, 12, 21),
        ],
    ]
    token = _store(_xlsx(rows, kind="lich-su"))
    result = imports.import_commit(actor=world.admin, token=token, kind="lich-su")
    assert result.created == 2
    person_award = Award.objects.get(person=world.other_person)
    assert person_award.source == AwardSource.IMPORT
    assert person_award.decision_date == dt.date(2019, 12, 20)
    assert Award.objects.get(person=None).decision_date == dt.date(2019, 12, 21)


@pytest.mark.parametrize("kind", ["de-nghi", "lich-su"])
def test_the_template_downloads_and_opens_back(client, world, kind):
    client.force_login(world.admin if kind == "lich-su" else world.officer)
    response = client.get(reverse("nominations:import_template", args=[kind]))
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[2]] == imports.columns_for(kind)


def test_upload_preview_commit_through_the_pages(client, world, titles):
    client.force_login(world.officer)
    form = client.get(reverse("nominations:import_upload", args=["de-nghi"])).content.decode()
    assert (
        'type="file"' in form and reverse("nominations:import_template", args=["de-nghi"]) in form
    )
    upload = SimpleUploadedFile("ds.xlsx", _xlsx(_messy(world)[:2]))
    response = client.post(reverse("nominations:import_upload", args=["de-nghi"]), {"file": upload})
    assert response.status_code == 302
    token = response.url.rstrip("/").rsplit("/", 1)[-1]
    assert default_storage.exists(f"imports/{token}.xlsx")
    page = client.get(response.url).content.decode()
    assert "Dòng 5: chưa có “Nguyễn Văn Mới”" in page and "2 dòng hợp lệ" in page
    response = client.post(reverse("nominations:import_commit", args=["de-nghi", token]))
    assert response.status_code == 302 and Dossier.objects.count() == 2


def test_another_user_cannot_open_someone_elses_upload(client, world, titles):
    client.force_login(world.officer)
    upload = SimpleUploadedFile("ds.xlsx", _xlsx(_messy(world)[:1]))
    url = client.post(reverse("nominations:import_upload", args=["de-nghi"]), {"file": upload}).url
    client.force_login(world.secretariat)
    assert client.get(url).status_code == 404


def test_a_large_file_runs_in_the_background(client, world, titles, monkeypatch):
    monkeypatch.setattr(imports, "LARGE_FILE_ROWS", 2)
    client.force_login(world.officer)
    upload = SimpleUploadedFile("ds.xlsx", _xlsx([_messy(world)[i] for i in (0, 1, 3)]))
    url = client.post(reverse("nominations:import_upload", args=["de-nghi"]), {"file": upload}).url
    assert "chạy trong nền" in client.get(url).content.decode()
    with override_settings(TASKS=IMMEDIATE):
        response = client.post(url + "ghi/")
    progress = TaskProgress.objects.get()
    assert response.url == reverse("core:task_progress", args=[progress.uuid])
    assert progress.status == TaskStatus.DONE and Dossier.objects.count() == 3
    report = client.get(reverse("core:task_download", args=[progress.uuid]))
    sheet = load_workbook(io.BytesIO(b"".join(report.streaming_content))).active
    assert any("Nguyễn Văn Mới" in str(row[0]) for row in sheet.iter_rows(values_only=True))


def test_a_large_file_with_errors_fails_in_the_background_and_says_which_rows(
    client, world, titles, monkeypatch
):
    monkeypatch.setattr(imports, "LARGE_FILE_ROWS", 2)
    client.force_login(world.officer)
    upload = SimpleUploadedFile("ds.xlsx", _xlsx(_messy(world)))
    url = client.post(reverse("nominations:import_upload", args=["de-nghi"]), {"file": upload}).url
    with override_settings(TASKS=IMMEDIATE):
        client.post(url + "ghi/")
    progress = TaskProgress.objects.get()
    assert progress.status == TaskStatus.FAILED
    assert progress.message.startswith("Còn 5 dòng có lỗi")
    assert "Dòng 6: trùng với dòng 5 trong tệp." in progress.message
    assert Dossier.objects.count() == 0
