"""Every file goes through Django's storage API: the code is read to make sure of it.

A path built by hand under the media folder works on one host and silently breaks as soon
as the web processes and the workers run on several hosts with a shared bucket.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SOURCES = sorted(
    p
    for folder in ("guongsang", "config")
    for p in (ROOT / folder).rglob("*.py")
    if "/migrations/" not in p.as_posix()
)
HERE = Path(__file__).resolve()

MEDIA_SETTING = re.compile(r"\bMEDIA_ROOT\b")
# Writes to the local disk: a file opened for writing, write_bytes/write_text, a new folder.
DISK_WRITE = re.compile(
    r"""\.write_(bytes|text)\(|\bopen\([^)]*["'][wax]b?\+?["']|\.mkdir\(|shutil\.(copy|move)"""
)
# A stored file's local path: FileSystemStorage only; S3 and friends have none.
LOCAL_PATH_OF_FILE = re.compile(
    r"\bstorage\.path\(|\.(photo|stored_path|result_file|\w+_file)\.path\b"
)

# Files that may write to the local disk, and why: none of them writes into the file storage.
DISK_WRITERS = {
    # Creates var/ and the collected static folder at start-up.
    "config/settings.py",
    # The database dump goes where the operator points it (var/backups by default).
    "guongsang/core/backup.py",
    # The archive of the stored files (read through the storage API) goes beside that dump.
    "guongsang/core/backup_files.py",
    # `manage.py stats --output FILE`: a file the operator names on the command line.
    "guongsang/stats/management/commands/stats.py",
    # A developer's script that regenerates the DOCX template kept in the repository.
    "guongsang/decisions/templates_docx/build_template.py",
}


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _hits(pattern: re.Pattern[str], *, skip: set[str]) -> list[str]:
    found = []
    for path in SOURCES:
        name = _relative(path)
        if name in skip or path == HERE:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_the_sources_are_found():
    names = {_relative(p) for p in SOURCES}
    assert {"config/settings.py", "guongsang/core/files.py"} <= names
    assert len(names) > 200


def test_the_media_folder_is_named_only_in_the_settings():
    assert _hits(MEDIA_SETTING, skip={"config/settings.py"}) == []


@pytest.mark.parametrize("writer", sorted(DISK_WRITERS))
def test_each_allowed_disk_writer_still_exists(writer):
    assert (ROOT / writer).is_file()


def test_no_product_code_writes_to_the_local_disk_outside_the_storage_api():
    product = {p for p in SOURCES if "/tests/" not in p.as_posix()}
    skip = DISK_WRITERS | {_relative(p) for p in SOURCES if p not in product}
    assert _hits(DISK_WRITE, skip=skip) == []


def test_no_code_asks_a_stored_file_for_its_local_path():
    assert _hits(LOCAL_PATH_OF_FILE, skip=set()) == []


def test_the_patterns_catch_what_they_are_meant_to():
    """The guards above are only worth something if they match the old ways of writing."""
    assert MEDIA_SETTING.search("path = Path(settings.MEDIA_ROOT) / relative")
    assert DISK_WRITE.search("target.write_bytes(checked.data)")
    assert DISK_WRITE.search('with (folder / f"{token}.xlsx").open("wb") as out:')
    assert DISK_WRITE.search("path.parent.mkdir(parents=True, exist_ok=True)")
    assert not DISK_WRITE.search('with storage.open(name, "rb") as fh:')
    assert LOCAL_PATH_OF_FILE.search("path = Path(story.photo.path)")
    assert not LOCAL_PATH_OF_FILE.search("photo.path.name")
