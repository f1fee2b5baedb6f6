"""Backups of the database and their restore (sao lưu và khôi phục).

SQLite: sqlite3's online backup API, which copies a consistent snapshot page by page while
the application keeps running. PostgreSQL: `pg_dump --format=custom` and
`pg_restore --clean --if-exists --no-owner`, with the connection taken from settings.

The functions take a database settings dict (an entry of settings.DATABASES); without one
they work on the configured default database.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from guongsang.core.formatting import vn_number

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"
SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".dump"}


class BackupError(Exception):
    """A backup or restore that could not be done; the message is for the operator."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    vendor: str
    database: str


def vendor_of(database: Mapping[str, Any]) -> str:
    engine = str(database["ENGINE"])
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại “{engine}”.")


def default_path(vendor: str, now: dt.datetime | None = None) -> Path:
    """var/backups/guongsang-YYYYmmdd-HHMMSS.sqlite3 (or .dump on PostgreSQL)."""
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"guongsang-{stamp}{SUFFIXES[vendor]}"


def human_size(size: int) -> str:
    """'1,5 MB', the Vietnamese way."""
    value, unit = float(size), "byte"
    for bigger in ("KB", "MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    return f"{vn_number(value, 0 if unit == 'byte' else 1)} {unit}"


def backup(
    *, output: Path | None = None, database: Mapping[str, Any] | None = None
) -> BackupResult:
    """Copy the database into `output` (a new file); the default name carries the time."""
    configured = database is None
    db = connections[DEFAULT_DB_ALIAS].settings_dict if database is None else database
    vendor = vendor_of(db)
    path = Path(output) if output else default_path(vendor)
    if path.exists():
        raise BackupError(f"Tệp “{path}” đã tồn tại; hãy chọn tên khác.")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    try:
        if vendor == "sqlite":
            with (
                _sqlite(db, configured=configured) as source,
                closing(sqlite3.connect(partial)) as target,
            ):
                source.backup(target)
                # One self-contained file, whatever journal mode the source uses.
                target.execute("PRAGMA journal_mode=DELETE")
        else:
            _run("pg_dump", ["--format=custom", f"--file={partial}", *_pg_args(db)], db)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=path, size=path.stat().st_size, vendor=vendor, database=_name(db))


def restore(*, source: Path, database: Mapping[str, Any] | None = None) -> BackupResult:
    """Replace the whole content of the database by the backup in `source`."""
    configured = database is None
    db = connections[DEFAULT_DB_ALIAS].settings_dict if database is None else database
    vendor = vendor_of(db)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"Không tìm thấy tệp “{source}”.")
    if vendor == "sqlite":
        check_sqlite_backup(source)
        with (
            closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as src,
            _sqlite(db, configured=configured) as target,
        ):
            src.backup(target)
    else:
        check_pg_backup(source)
        if configured:
            connections[DEFAULT_DB_ALIAS].close()  # hold no lock on the tables being dropped
        _run(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *_pg_args(db),
                str(source),
            ],
            db,
        )
    return BackupResult(path=source, size=source.stat().st_size, vendor=vendor, database=_name(db))


def check_sqlite_backup(path: Path) -> None:
    """Refuse anything that is not an intact SQLite database written by this application."""
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise BackupError(f"Tệp “{path}” không phải cơ sở dữ liệu SQLite; không khôi phục.")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Tệp “{path}” hỏng, không đọc được: {exc}.") from exc
    if check != "ok":
        raise BackupError(f"Tệp “{path}” bị hỏng (quick_check: {check}); không khôi phục.")
    if "django_migrations" not in tables:
        raise BackupError(f"Tệp “{path}” không phải bản sao lưu của Gương Sáng; không khôi phục.")


def check_pg_backup(path: Path) -> None:
    with path.open("rb") as fh:
        header = fh.read(len(PG_CUSTOM_MAGIC))
    if header != PG_CUSTOM_MAGIC:
        raise BackupError(
            f"Tệp “{path}” không phải bản sao lưu PostgreSQL (pg_dump --format=custom);"
            " không khôi phục."
        )


@contextmanager
def _sqlite(db: Mapping[str, Any], *, configured: bool) -> Iterator[sqlite3.Connection]:
    """The configured database through Django's own connection, any other one directly."""
    if configured:
        wrapper = connections[DEFAULT_DB_ALIAS]
        wrapper.ensure_connection()
        yield wrapper.connection
        return
    with closing(sqlite3.connect(str(db["NAME"]), uri=True)) as conn:
        yield conn


def _name(db: Mapping[str, Any]) -> str:
    return str(db["NAME"])


def _pg_args(db: Mapping[str, Any]) -> list[str]:
    args = [f"--dbname={db['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args.append(f"{option}={db[key]}")
    return args


def _pg_env(db: Mapping[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _run(program: str, args: list[str], db: Mapping[str, Any]) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"Không tìm thấy lệnh {program}; hãy cài gói postgresql-client.")
    done = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
        [executable, *args], env=_pg_env(db), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(
            f"{program} không thành công (mã lỗi {done.returncode}):\n{done.stderr.strip()}"
        )
