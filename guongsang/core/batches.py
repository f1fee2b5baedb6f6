"""Long writes in short transactions on SQLite (ghi theo lô).

SQLite has one writer: an import of 10,000 rows written in one transaction holds the write
lock for minutes, and every web request that writes meanwhile waits out its busy timeout and
is answered "busy" (503). `write_in_batches` commits every `BATCH_ROWS` rows or
`BATCH_SECONDS` seconds, whichever comes first, and then steps aside for a moment so that a
waiting request takes the lock before the next batch does: no request waits more than a
couple of seconds. PostgreSQL takes concurrent writers: there the whole write stays one
transaction, all or nothing, as before.

What a caller must keep in mind on SQLite: the batches committed before a failure stay
written, so the caller keeps the keys it wrote and undoes them (see the imports).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from django.db import connection, transaction

T = TypeVar("T")

BATCH_ROWS = 2_000
BATCH_SECONDS = 1.5
# SQLite's busy handler polls every 100 ms once it has waited a while: a pause longer than
# that lets a waiting writer in before the next batch takes the lock again.
YIELD_SECONDS = 0.15


def splits_writes() -> bool:
    """True where long writes go in several transactions (SQLite)."""
    return connection.vendor == "sqlite"


@contextmanager
def one_transaction_unless_split() -> Iterator[None]:
    """The outer transaction of a long write: one on PostgreSQL, none on SQLite (where each
    batch is its own)."""
    if splits_writes():
        yield
    else:
        with transaction.atomic():
            yield


def write_in_batches(
    items: Sequence[T],
    write: Callable[[Sequence[T]], None],
    *,
    chunk: int = 100,
    rows: int = BATCH_ROWS,
    seconds: float = BATCH_SECONDS,
    after_chunk: Callable[[int], None] | None = None,
) -> None:
    """Call `write` with consecutive chunks of `items`; `after_chunk(done)` after each.

    Inside `one_transaction_unless_split()` on PostgreSQL the batches are savepoints of the
    one transaction; on SQLite each batch is committed on its own.
    """
    done = 0
    total = len(items)
    while done < total:
        started = time.monotonic()
        with transaction.atomic():
            in_batch = 0
            while done < total and in_batch < rows:
                part = items[done : done + min(chunk, rows - in_batch)]
                write(part)
                done += len(part)
                in_batch += len(part)
                if after_chunk is not None:
                    after_chunk(done)
                if time.monotonic() - started >= seconds:
                    break
        if splits_writes() and done < total:
            time.sleep(YIELD_SECONDS)
