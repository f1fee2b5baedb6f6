"""The demo, built once per test session and copied into the test database per module.

A module that needs the demo uses the `demo_db` fixture (module-scoped): the whole demo
database is copied in before its first test and the blank database copied back after its
last. Inside the module every test still runs in its own transaction, rolled back at the end,
so the tests see the same demo and never each other's writes. The copy is a whole-database
copy, never a replay of rows: the statistics triggers stay out of it.

- SQLite (the in-memory test database): the SQLite backup API copies it into and out of a
  second in-memory database, in milliseconds.
- PostgreSQL: template databases; the blank and the demo copies are made once, and a module
  gets a fresh copy of the demo (`CREATE DATABASE … TEMPLATE …`), dropped after it.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings


@dataclass
class _SQLiteSnapshots:
    blank: sqlite3.Connection
    demo: sqlite3.Connection
    output: str = ""  # what seed_demo printed when it built the demo

    @staticmethod
    def take() -> sqlite3.Connection:
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.ensure_connection()
        connection.connection.backup(copy)
        return copy

    def load(self, source: sqlite3.Connection) -> None:
        connection.ensure_connection()
        source.backup(connection.connection)

    def close(self) -> None:
        self.blank.close()
        self.demo.close()


@dataclass
class _PostgresSnapshots:
    name: str  # the test database
    blank: str
    demo: str
    output: str = ""  # what seed_demo printed when it built the demo

    @staticmethod
    def _run(*statements: str) -> None:
        connection.close()
        with connection._nodb_cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    @classmethod
    def take(cls, name: str, copy: str) -> str:
        cls._run(f'DROP DATABASE IF EXISTS "{copy}"', f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
        return copy

    def load(self, source: str) -> None:
        self._run(
            f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)',
            f'CREATE DATABASE "{self.name}" TEMPLATE "{source}"',
        )

    def close(self) -> None:
        self._run(
            f'DROP DATABASE IF EXISTS "{self.blank}"', f'DROP DATABASE IF EXISTS "{self.demo}"'
        )


def _build_demo(media_root: Any) -> str:
    out = io.StringIO()
    with override_settings(MEDIA_ROOT=media_root):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="session")
def _demo_snapshots(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[_SQLiteSnapshots | _PostgresSnapshots]:
    """The blank test database and the demo database, each kept once for the session."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            blank = _SQLiteSnapshots.take()
            output = _build_demo(media)
            snapshots: Any = _SQLiteSnapshots(blank, _SQLiteSnapshots.take(), output)
        elif connection.vendor == "postgresql":
            name = connection.settings_dict["NAME"]
            blank_name = _PostgresSnapshots.take(name, f"{name}_blank")
            connection.ensure_connection()
            output = _build_demo(media)
            demo_name = _PostgresSnapshots.take(name, f"{name}_demo")
            snapshots = _PostgresSnapshots(name, blank_name, demo_name, output)
        else:  # pragma: no cover - the project runs on SQLite and PostgreSQL only
            raise RuntimeError(f"No demo snapshot for the {connection.vendor} backend")
        snapshots.load(snapshots.blank)
        cache.clear()
        yield snapshots
        snapshots.load(snapshots.blank)
        snapshots.close()


@pytest.fixture(scope="module")
def demo_db(
    _demo_snapshots: _SQLiteSnapshots | _PostgresSnapshots, django_db_blocker: Any
) -> Iterator[str]:
    """The whole demo in the test database for this module's tests (the blank one after);
    the value is what `seed_demo` printed when it built it."""
    with django_db_blocker.unblock():
        _demo_snapshots.load(_demo_snapshots.demo)
        cache.clear()
    yield _demo_snapshots.output
    with django_db_blocker.unblock():
        _demo_snapshots.load(_demo_snapshots.blank)
        cache.clear()
