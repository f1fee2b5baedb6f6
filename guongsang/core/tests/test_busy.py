"""A write refused by a locked SQLite database answers 503 with Retry-After, not 500."""

import sqlite3

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from guongsang.core.busy import is_busy
from guongsang.core.middleware import DatabaseBusyMiddleware


def _real_lock_error(tmp_path) -> OperationalError:
    """Two connections to one file: the second writer meets SQLite's own error."""
    path = tmp_path / "khoa.sqlite3"
    holder = sqlite3.connect(path, timeout=0.05)
    holder.execute("CREATE TABLE t (x)")
    holder.commit()
    holder.execute("BEGIN IMMEDIATE")
    writer = sqlite3.connect(path, timeout=0.05)
    try:
        writer.execute("INSERT INTO t VALUES (1)")
    except sqlite3.OperationalError as exc:
        return OperationalError(*exc.args)
    finally:
        holder.rollback()
    raise AssertionError("the second writer was not refused")


def _middleware(request):
    return DatabaseBusyMiddleware(lambda r: None).process_exception(
        request, _real_lock_error(request.tmp_path)
    )


@pytest.mark.parametrize("path", ["/ho-so/", "/api/v1/dossiers"])
def test_database_is_locked_becomes_a_503_with_retry_after(tmp_path, path):
    request = RequestFactory().post(path)
    request.tmp_path = tmp_path
    response = _middleware(request)
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert (
        "thử lại" in response.content.decode().lower() or "th\\u1eed l" in response.content.decode()
    )


def test_other_database_errors_are_left_alone(tmp_path):
    assert is_busy(_real_lock_error(tmp_path))
    assert not is_busy(OperationalError("no such table: x"))
    request = RequestFactory().get("/")
    assert (
        DatabaseBusyMiddleware(lambda r: None).process_exception(
            request, OperationalError("no such table: x")
        )
        is None
    )
