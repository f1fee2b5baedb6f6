"""Whole-database copies for tests: the demo, built once per test session, and data built once
per module.

A module that needs the demo uses the `demo_db` fixture (module-scoped): the whole demo
database is copied in before its first test and the blank database copied back after its
last. Inside the module every test still runs in its own transaction, rolled back at the end,
so the tests see the same demo and never each other's writes. The copy is a whole-database
copy, never a replay of rows: the statistics triggers stay out of it.

- SQLite (the in-memory test database): the SQLite backup API copies it into and out of a
  second in-memory database, in milliseconds.
- PostgreSQL: template databases; the blank and the demo copies are made once, and a module
  gets a fresh copy of the demo (`CREATE DATABASE … TEMPLATE …`), dropped after it.

`module_db` is the same idea for a module's own small world: what a module-scoped fixture
writes on it is kept for the module's tests, then the blank database is copied back.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from typing import Any, TypeAlias

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

# An in-memory SQLite copy, or the name of a PostgreSQL template database.
Snapshot: TypeAlias = sqlite3.Connection | str


def _sqlite_take() -> sqlite3.Connection:
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    connection.ensure_connection()
    connection.connection.backup(copy)
    return copy


def _postgres_run(*statements: str) -> None:
    connection.close()
    with connection._nodb_cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _postgres_take(copy: str) -> str:
    name = connection.settings_dict["NAME"]
    _postgres_run(
        f'DROP DATABASE IF EXISTS "{copy}"', f'CREATE DATABASE "{copy}" TEMPLATE "{name}"'
    )
    connection.ensure_connection()
    return copy


def _take(suffix: str) -> Snapshot:
    """A copy of the test database as it is now."""
    if connection.vendor == "sqlite":
        return _sqlite_take()
    if connection.vendor == "postgresql":
        return _postgres_take(f"{connection.settings_dict['NAME']}_{suffix}")
    raise RuntimeError(f"No snapshot for the {connection.vendor} backend")  # pragma: no cover


def _load(source: Snapshot) -> None:
    """The test database becomes a copy of `source` again."""
    if isinstance(source, sqlite3.Connection):
        connection.ensure_connection()
        source.backup(connection.connection)
    else:
        name = connection.settings_dict["NAME"]
        _postgres_run(
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            f'CREATE DATABASE "{name}" TEMPLATE "{source}"',
        )
    cache.clear()


def _drop(snapshot: Snapshot) -> None:
    if isinstance(snapshot, sqlite3.Connection):
        snapshot.close()
    else:
        _postgres_run(f'DROP DATABASE IF EXISTS "{snapshot}"')


def _build_demo(media_root: Any) -> str:
    out = io.StringIO()
    with override_settings(MEDIA_ROOT=media_root):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="session")
def _blank_snapshot(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Snapshot]:
    """The migrated, empty test database, kept once for the session."""
    with django_db_blocker.unblock():
        blank = _take("blank")
        yield blank
        _drop(blank)


@pytest.fixture(scope="session")
def _demo_snapshot(
    _blank_snapshot: Snapshot, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Snapshot, str]]:
    """The demo database, built once for the session, and what `seed_demo` printed."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock():
        output = _build_demo(media)
        demo = _take("demo")
        _load(_blank_snapshot)
        yield demo, output
        _drop(demo)


@pytest.fixture(scope="module")
def demo_db(
    _demo_snapshot: tuple[Snapshot, str], _blank_snapshot: Snapshot, django_db_blocker: Any
) -> Iterator[str]:
    """The whole demo in the test database for this module's tests (the blank one after);
    the value is what `seed_demo` printed when it built it."""
    demo, output = _demo_snapshot
    with django_db_blocker.unblock():
        _load(demo)
    yield output
    with django_db_blocker.unblock():
        _load(_blank_snapshot)


@pytest.fixture(scope="module")
def module_db(_blank_snapshot: Snapshot, django_db_blocker: Any) -> Iterator[None]:
    """Rows written while this fixture is set up stay for the whole module, and the blank
    database comes back after its last test. A module fixture that builds its data on it
    builds it once instead of once per test; each test still runs in its own transaction,
    rolled back at its end, so the tests never see each other's writes."""
    with django_db_blocker.unblock():
        yield
        _load(_blank_snapshot)
