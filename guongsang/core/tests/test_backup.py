"""`manage.py backup` and `restore`, on whichever database the suite runs (SQLite or PostgreSQL)."""

import io
import re
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from guongsang.core.backup import SUFFIXES
from guongsang.org.models import Unit


def _source_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _counts(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts


def _pg_connect(dbname: str):
    import psycopg

    db = connection.settings_dict
    return psycopg.connect(
        dbname=dbname,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        autocommit=True,
    )


@contextmanager
def _empty_database(tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database of the same kind as the test database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"gs_restore_test_{secrets.token_hex(4)}"
    with _pg_connect("postgres") as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        yield f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    finally:
        with _pg_connect("postgres") as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _target_counts(url: str, tables: list[str]) -> tuple[set[str], dict[str, int]]:
    if connection.vendor == "sqlite":
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            found = {row[0] for row in rows}
            return found, _counts(conn.cursor(), tables)
    with _pg_connect(url.rsplit("/", 1)[1]) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        found = {r[0] for r in cursor.fetchall()}
        return found, _counts(cursor, tables)


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_has_the_same_row_counts(world, tmp_path):
    backup_file = tmp_path / f"guongsang{SUFFIXES[connection.vendor]}"
    out = io.StringIO()
    call_command("backup", output=backup_file, stdout=out)
    assert backup_file.is_file() and "Đã sao lưu" in out.getvalue()
    source = _source_counts()
    assert source["org_unit"] == 4 and source["people_person"] == 2

    with _empty_database(tmp_path) as url:
        call_command("restore", str(backup_file), yes=True, database_url=url, stdout=out)
        tables, restored = _target_counts(url, list(source))

    assert "Đã khôi phục" in out.getvalue()
    assert set(source) <= tables
    assert restored == source


@pytest.mark.django_db(transaction=True)
def test_without_output_the_backup_is_named_after_the_time_under_var_backups(
    world, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("backup", stdout=out)
    made, files = sorted((tmp_path / "backups").iterdir(), key=lambda p: p.name.endswith(".tar"))
    assert made.name.startswith("guongsang-") and made.suffix == SUFFIXES[connection.vendor]
    assert files.name == made.stem + ".files.tar"  # the stored files, beside it
    assert str(made) in out.getvalue()
    assert re.search(r"\([\d,.]+ (KB|MB)\)", out.getvalue())


@pytest.mark.django_db
def test_a_backup_never_overwrites_an_existing_file(tmp_path):
    existing = tmp_path / "old-backup"
    existing.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="đã tồn tại"):
        call_command("backup", output=existing)
    assert existing.read_bytes() == b"keep me"


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(world, tmp_path):
    stray = tmp_path / "notes.txt"
    stray.write_text("Không phải bản sao lưu", encoding="utf-8")
    expected = {
        "sqlite": "không phải cơ sở dữ liệu SQLite",
        "postgresql": "không phải bản sao lưu PostgreSQL",
    }[connection.vendor]
    with pytest.raises(CommandError, match=expected):
        call_command("restore", str(stray), yes=True)
    assert Unit.objects.count() == 4


@pytest.mark.django_db
def test_restore_asks_for_confirmation_and_stops_unless_told_yes(world, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "không")
    with pytest.raises(CommandError, match="Đã huỷ"):
        call_command("restore", str(tmp_path / "any.backup"))
    assert "sẽ bị thay" in asked[0]
    assert Unit.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_a_failed_restore_is_explained_in_vietnamese(world, tmp_path):
    backup_file = tmp_path / f"guongsang{SUFFIXES[connection.vendor]}"
    call_command("backup", output=backup_file, stdout=io.StringIO())
    if connection.vendor == "sqlite":
        # An SQLite header followed by garbage: refused before anything is written.
        backup_file.write_bytes(backup_file.read_bytes()[:100] + b"\x00garbage" * 64)
        with pytest.raises(CommandError, match="hỏng"):
            call_command("restore", str(backup_file), yes=True)
        return
    # PostgreSQL: pg_restore's own message comes back with ours.
    missing = connection.settings_dict["NAME"] + "_missing_" + secrets.token_hex(3)
    url = f"postgres://{connection.settings_dict['USER']}@{connection.settings_dict['HOST']}/{missing}"
    with pytest.raises(CommandError, match="pg_restore không thành công") as failure:
        call_command("restore", str(backup_file), yes=True, database_url=url)
    assert missing in str(failure.value)  # the stderr of pg_restore names the database
