"""The stored files are backed up and restored with the database, through the storage API."""

import io
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from guongsang.core.backup import SUFFIXES
from guongsang.core.backup_files import files_backup, files_restore, stored_names
from guongsang.org.models import Unit
from guongsang.org.tests.factories import make_unit

EVIDENCE = "nominations/evidence/bang-khen.pdf"
EXPORT = "exports/danh-sach.xlsx"


def _store(name: str, content: bytes) -> None:
    saved = default_storage.save(name, ContentFile(content))
    assert saved == name


@pytest.mark.django_db(transaction=True)
def test_backup_writes_the_files_beside_the_database_and_restore_puts_them_back(world, tmp_path):
    _store(EVIDENCE, b"%PDF-1.7 minh chung")
    _store(EXPORT, b"PK xlsx")
    backup_file = tmp_path / f"guongsang{SUFFIXES[connection.vendor]}"
    out = io.StringIO()
    call_command("backup", output=backup_file, stdout=out)
    archive = tmp_path / "guongsang.files.tar"
    assert "Đã sao lưu 2 tệp" in out.getvalue() and str(archive) in out.getvalue()
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == sorted([EVIDENCE, EXPORT])

    # After the backup: one file changed, one deleted, one added, a unit created.
    default_storage.delete(EVIDENCE)
    _store(EVIDENCE, b"ghi de")
    default_storage.delete(EXPORT)
    _store("exports/sau-khi-sao-luu.pdf", b"moi")
    make_unit("Trung tâm lập sau khi sao lưu", parent=world.dept)
    assert Unit.objects.count() == 5

    call_command("restore", str(backup_file), yes=True, stdout=out)
    assert "Đã khôi phục 2 tệp" in out.getvalue()
    assert sorted(stored_names()) == sorted([EXPORT, EVIDENCE])
    with default_storage.open(EVIDENCE) as fh:
        assert fh.read() == b"%PDF-1.7 minh chung"
    with default_storage.open(EXPORT) as fh:
        assert fh.read() == b"PK xlsx"
    assert Unit.objects.count() == 4


@pytest.mark.django_db(transaction=True)  # SQLite's online backup waits for open transactions
def test_backup_no_files_writes_the_database_only(tmp_path):
    _store(EXPORT, b"PK")
    backup_file = tmp_path / f"guongsang{SUFFIXES[connection.vendor]}"
    call_command("backup", output=backup_file, no_files=True, stdout=io.StringIO())
    assert backup_file.is_file() and not (tmp_path / "guongsang.files.tar").exists()


def test_an_empty_storage_gives_an_empty_archive(tmp_path):
    # The project's conftest gives each test a storage folder that does not exist yet.
    result = files_backup(output=tmp_path / "empty.files.tar")
    assert result.count == 0
    with tarfile.open(result.path) as tar:
        assert tar.getnames() == []


def test_an_archive_reaching_outside_the_storage_is_refused_and_nothing_is_written(
    tmp_path, settings
):
    evil = tmp_path / "evil.files.tar"
    with tarfile.open(evil, "w") as tar:
        info = tarfile.TarInfo("../../etc/cron.d/x")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"hi"))
    _store(EXPORT, b"PK")
    with pytest.raises(Exception, match="mục không hợp lệ"):
        files_restore(source=evil)
    assert list(stored_names()) == [EXPORT]
    assert not (tmp_path / "etc").exists()


@pytest.mark.django_db
def test_a_broken_files_archive_stops_the_restore_before_the_database_is_touched(world, tmp_path):
    backup_file = tmp_path / f"guongsang{SUFFIXES[connection.vendor]}"
    backup_file.write_bytes(b"not checked: the archive is refused first")
    (tmp_path / "guongsang.files.tar").write_bytes(b"khong phai tar")
    with pytest.raises(CommandError, match="không phải bản sao lưu tệp"):
        call_command("restore", str(backup_file), yes=True)
    assert Unit.objects.count() == 4
