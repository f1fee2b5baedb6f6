"""Backups of the stored files (tệp đính kèm, văn bản đã tạo), beside the database's.

The files are read and written through Django's storage API (``default_storage``), so the same
commands work for a local folder and for object storage. A backup is a plain tar archive
(the files are mostly PDF, DOCX and images, which do not compress further) named after the
database backup: ``guongsang-YYYYmmdd-HHMMSS.files.tar`` beside ``….dump``/``….sqlite3``.
A restore makes the storage hold exactly the archive's files, as the database it goes with
expects: files written after the backup are removed.
"""

from __future__ import annotations

import contextlib
import posixpath
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, default_storage

from guongsang.core.backup import BackupError

SUFFIX = ".files.tar"


@dataclass(frozen=True)
class FilesResult:
    path: Path
    count: int
    size: int


def archive_for(database_backup: Path) -> Path:
    """The files archive that goes with a database backup file."""
    return Path(database_backup).with_suffix(SUFFIX)


def stored_names(storage: Storage | None = None, folder: str = "") -> Iterator[str]:
    """Every file name in the storage, walking its folders."""
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing stored yet
        return
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for sub in sorted(folders):
        yield from stored_names(storage, posixpath.join(folder, sub) if folder else sub)


def files_backup(*, output: Path, storage: Storage | None = None) -> FilesResult:
    storage = storage or default_storage
    output = Path(output)
    if output.exists():
        raise BackupError(f"Tệp “{output}” đã tồn tại; hãy chọn tên khác.")
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".part")
    count = 0
    try:
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            for name in stored_names(storage):
                info = tarfile.TarInfo(name)
                info.size = storage.size(name)
                with contextlib.suppress(NotImplementedError):  # not every backend has it
                    info.mtime = int(storage.get_modified_time(name).timestamp())
                with storage.open(name, "rb") as fh:
                    tar.addfile(info, fh)
                count += 1
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
    return FilesResult(path=output, count=count, size=output.stat().st_size)


def check_files_archive(path: Path) -> list[str]:
    """The names in the archive; refuse one that is not ours or reaches outside the storage."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Không tìm thấy tệp “{path}”.")
    if not tarfile.is_tarfile(path):
        raise BackupError(f"Tệp “{path}” không phải bản sao lưu tệp (tar); không khôi phục.")
    with tarfile.open(path, "r:") as tar:
        members = tar.getmembers()
    names = []
    for member in members:
        name = member.name
        normal = posixpath.normpath(name)
        if not member.isfile() or name.startswith("/") or normal != name or normal.startswith(".."):
            raise BackupError(f"Tệp “{path}” chứa mục không hợp lệ “{name}”; không khôi phục.")
        names.append(name)
    return names


def files_restore(*, source: Path, storage: Storage | None = None) -> FilesResult:
    storage = storage or default_storage
    names = check_files_archive(source)
    before = set(stored_names(storage))
    with tarfile.open(source, "r:") as tar:
        for member in tar.getmembers():
            if storage.exists(member.name):
                storage.delete(member.name)
            extracted = tar.extractfile(member)
            assert extracted is not None  # regular files only (checked above)
            saved = storage.save(member.name, File(extracted, name=member.name))
            if saved != member.name:
                raise BackupError(f"Không ghi được tệp “{member.name}” (được lưu là “{saved}”).")
    for stale in sorted(before - set(names)):
        storage.delete(stale)
    return FilesResult(path=Path(source), count=len(names), size=Path(source).stat().st_size)
