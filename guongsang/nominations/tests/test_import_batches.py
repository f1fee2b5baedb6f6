"""A long import on SQLite commits in short batches: a web request writing meanwhile waits a
moment, not until the import ends; a batch that fails takes the earlier ones back."""

from __future__ import annotations

import io
import sqlite3
import threading
import time
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from openpyxl import Workbook

from guongsang.awards.models import Award, AwardSource
from guongsang.nominations import imports
from guongsang.people.models import Person
from guongsang.people.tests.factories import letters

ROWS = 10_000
# A web request's write waits at most this long for the lock: the busy timeout of the site's
# own connections (config/settings.py). A write still waiting then is refused ("database is
# locked"), which is what an import holding the lock throughout would cause.
BUSY_MS = 10_000


def _awards_file(world, rows: int) -> tuple[bytes, Counter[int]]:
    """Historic awards to new people, years 2010–2019; the count per year beside it."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(imports.columns_for(imports.AWARDS))
    per_year: Counter[int] = Counter()
    for i in range(rows):
        year = 2010 + i % 10
        per_year[year] += 1
        name = f"Nguyễn Văn {letters(i)}"
        ws.append(
            [name, None, world.centre.code, "lao-dong-tien-tien", year, "", "12/QĐ", "20/12/2020"]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), per_year


@pytest.fixture
def sqlite_file(tmp_path):
    """The test database copied to a file in WAL mode, as `make run` has it (the in-memory
    test database locks tables, not the file): every connection opened meanwhile uses it."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's single writer only")
    settings_dict = connections.settings["default"]
    memory_name = settings_dict["NAME"]
    path = tmp_path / "guongsang.sqlite3"
    connection.ensure_connection()
    memory = connection.connection  # kept open: closing it would drop the test database
    target = sqlite3.connect(path)
    memory.backup(target)
    target.execute("PRAGMA journal_mode=WAL")
    target.close()
    settings_dict["NAME"] = connection.settings_dict["NAME"] = str(path)
    connection.connection = None  # Django never closes an in-memory database: reconnect
    try:
        yield path
    finally:
        connection.close()
        settings_dict["NAME"] = connection.settings_dict["NAME"] = memory_name
        connection.connection = memory


def _short_write(person_id: int, i: int) -> float:
    """A web request's write, with the site's busy timeout; the seconds it took."""
    started = time.monotonic()
    raw = sqlite3.connect(connection.settings_dict["NAME"], timeout=BUSY_MS / 1000)
    try:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "UPDATE people_person SET sort_name = ? WHERE id = ?", (f"lan {letters(i)}", person_id)
        )
        raw.commit()
    finally:
        raw.close()
    return time.monotonic() - started


@pytest.mark.django_db(transaction=True)
def test_a_write_during_a_long_import_waits_seconds_not_minutes(world, titles, sqlite_file):
    content, per_year = _awards_file(world, ROWS)
    token = imports.store_upload(SimpleUploadedFile("lich-su.xlsx", content))
    outcome: dict[str, object] = {}
    progress: list[int] = []

    def run() -> None:
        try:
            outcome["result"] = imports.import_commit(
                actor=world.admin,
                token=token,
                kind=imports.AWARDS,
                on_progress=lambda done, total, message: progress.append(done),
            )
        except BaseException as exc:
            outcome["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    # Requests write every 50 ms while the file is read, then written; one that got the lock
    # while the awards were part written proves the import let it in between two batches.
    waits, between_batches = [], 0
    while thread.is_alive():
        waits.append(_short_write(world.person.pk, len(waits)))  # OperationalError: timed out
        between_batches += 0 < (progress or [0])[-1] < ROWS
        time.sleep(0.05)
    thread.join()
    assert "error" not in outcome, outcome.get("error")
    # Every write got through, and one of them while the awards were part written: the import
    # stepped aside between its batches (a single transaction would let none in before the end).
    assert waits and between_batches >= 1
    result = outcome["result"]
    assert result.created == ROWS and result.new_people == ROWS
    imported = Award.objects.filter(source=AwardSource.IMPORT)
    assert imported.count() == sum(per_year.values()) == ROWS
    assert Counter(imported.values_list("year", flat=True)) == per_year
    assert Person.objects.filter(full_name__startswith="Nguyễn Văn ").count() == ROWS


def _failing_third_award_chunk(monkeypatch) -> None:
    """Batches of 500 rows; the awards' third chunk fails (after two committed batches)."""
    from guongsang.core.batches import write_in_batches

    def flaky(items, write, **options):
        calls = {"n": 0}

        def failing(part):
            calls["n"] += 1
            if options.get("after_chunk") is not None and calls["n"] == 3:
                raise RuntimeError("the disk is full")
            write(part)

        return write_in_batches(items, failing, **{**options, "chunk": 500, "rows": 500})

    monkeypatch.setattr(imports.writing, "write_in_batches", flaky)


@pytest.mark.django_db(transaction=True)
def test_a_batch_failing_midway_takes_the_earlier_batches_back(
    world, titles, sqlite_file, monkeypatch
):
    content, _ = _awards_file(world, 1_200)
    token = imports.store_upload(SimpleUploadedFile("lich-su.xlsx", content))
    people_before = Person.objects.count()
    committed: list[int] = []
    _failing_third_award_chunk(monkeypatch)
    with pytest.raises(RuntimeError):
        imports.import_commit(
            actor=world.admin,
            token=token,
            kind=imports.AWARDS,
            on_progress=lambda done, total, message: committed.append(done),
        )
    assert committed == [500, 1_000]  # two batches were written before the failure
    assert Award.objects.filter(source=AwardSource.IMPORT).count() == 0
    assert Person.objects.count() == people_before
    assert imports.staged_exists(token)  # the same file can be imported again


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_failing_import_leaves_nothing(world, titles, monkeypatch):
    if connection.vendor == "sqlite":
        pytest.skip("PostgreSQL keeps one transaction")
    from guongsang.core import batches

    assert not batches.splits_writes()
    content, _ = _awards_file(world, 1_200)
    token = imports.store_upload(SimpleUploadedFile("lich-su.xlsx", content))
    people_before = Person.objects.count()
    real_write = imports.commit.write_awards

    def written_then_failing(*args, **kwargs):  # every award written (one COPY), then a fault
        real_write(*args, **kwargs)
        assert Award.objects.filter(source=AwardSource.IMPORT).count() == 1_200
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(imports.commit, "write_awards", written_then_failing)
    with pytest.raises(RuntimeError):
        imports.import_commit(actor=world.admin, token=token, kind=imports.AWARDS)
    assert Award.objects.filter(source=AwardSource.IMPORT).count() == 0
    assert Person.objects.count() == people_before


class _Killed(BaseException):
    """The worker process dying (kill -9): no except clause of the import runs."""


@pytest.mark.django_db(transaction=True)
def test_a_try_killed_between_batches_is_taken_back_by_the_next_try(
    world, titles, sqlite_file, monkeypatch
):
    from guongsang.core.batches import write_in_batches
    from guongsang.nominations.models import ImportLedger

    rows = 1_200
    content, per_year = _awards_file(world, rows)
    token = imports.store_upload(SimpleUploadedFile("lich-su.xlsx", content))
    people_before = Person.objects.count()

    def dying(items, write, **options):
        calls = {"n": 0}

        def killed_at_third(part):
            calls["n"] += 1
            if options.get("after_chunk") is not None and calls["n"] == 3:
                raise _Killed
            write(part)

        return write_in_batches(items, killed_at_third, **{**options, "chunk": 500, "rows": 500})

    monkeypatch.setattr(imports.writing, "write_in_batches", dying)
    with pytest.raises(_Killed):
        imports.import_commit(actor=world.admin, token=token, kind=imports.AWARDS)
    # The dead try left two batches of awards and the people, with their ledger.
    assert Award.objects.filter(source=AwardSource.IMPORT).count() == 1_000
    assert ImportLedger.objects.filter(token=token).exists()

    monkeypatch.undo()
    result = imports.import_commit(actor=world.admin, token=token, kind=imports.AWARDS)
    assert result.created == rows
    imported = Award.objects.filter(source=AwardSource.IMPORT)
    assert imported.count() == rows
    assert Counter(imported.values_list("year", flat=True)) == per_year
    assert Person.objects.count() == people_before + rows  # each new person once
    assert not ImportLedger.objects.exists()
