"""Every statement the summary triggers run finds its rows through an index: none reads the
whole of a summary table, however large it grows. The statements are taken from the database
itself (the PL/pgSQL function on PostgreSQL, the triggers on SQLite), so a later migration that
changes them is checked too. PostgreSQL and SQLite."""

import json
import re

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

SUMMARY = ("stats_subtreecount", "stats_awardcount")
STATEMENT = re.compile(r"\b(?:INSERT|UPDATE|DELETE)\b.*?;", re.S | re.I)
# Representative parameters: a unit, a year, a title, a level, a target, the revoked state.
VALUES = {"unit": 7, "year": 2015, "title": 3, "level": "'city'", "target": "'individual'"}


def _fill_summary_tables(cursor) -> None:  # type: ignore[no-untyped-def]
    """30,000 cells in each summary table (600 units × 10 years × 5 titles), then ANALYZE,
    so that the planner weighs a full read against the indexes as it would in production."""
    if connection.vendor == "postgresql":
        rows = (
            "SELECT u, y, t, 'city', 'individual', false, 1 + (u + y + t) % 5 "
            "FROM generate_series(1, 600) u, generate_series(2010, 2019) y, "
            "generate_series(1, 5) t"
        )
    else:
        rows = (
            "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 29999) "
            "SELECT 1 + i / 50, 2010 + (i / 5) % 10, 1 + i % 5, 'city', 'individual', 0, 1 "
            "FROM s"
        )
    for table, unit in (("stats_subtreecount", "ancestor_id"), ("stats_awardcount", "unit_id")):
        columns = f"{unit}, year, title_id, level, target, revoked, n"
        cursor.execute(f"INSERT INTO {table} ({columns}) {rows}")
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
        assert cursor.fetchone()[0] == 30_000
    cursor.execute("ANALYZE")


def _pg_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = 'stats_awardcount_add'")
        (source,) = cursor.fetchone()
    return STATEMENT.findall(source)


def _pg_parameters(sql: str, delta: int) -> str:
    """The function's parameters as literals."""
    values = {f"p_{k}": str(v) for k, v in VALUES.items()}
    values |= {"p_revoked": "false", "p_delta": str(delta)}
    return re.sub(r"\bp_[a-z]+\b", lambda m: values[m.group()], sql)


def _pg_seq_scans(plan: dict) -> list[str]:  # type: ignore[type-arg]
    found = []
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in SUMMARY:
        found.append(plan["Relation Name"])
    for child in plan.get("Plans", []):
        found += _pg_seq_scans(child)
    return found


def _pg_plan(cursor, sql: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    cursor.execute("EXPLAIN (FORMAT JSON) " + sql.rstrip(";"))
    raw = cursor.fetchone()[0]
    return (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]


def _sqlite_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'awards_award'"
        )
        bodies = [row[0] for row in cursor.fetchall()]
    statements = []
    for body in bodies:
        inner = body[body.upper().index(" BEGIN ") + 7 : body.upper().rindex("END")]
        statements += STATEMENT.findall(inner)
    return statements


def _sqlite_parameters(sql: str) -> str:
    """NEW.x and OLD.x as literals."""
    values = {f"{k}_id" if k in ("unit", "title") else k: str(v) for k, v in VALUES.items()}
    values["revoked_on"] = "NULL"
    return re.sub(r"\b(?:NEW|OLD)\.([a-z_]+)\b", lambda m: values[m.group(1)], sql)


def test_no_trigger_statement_reads_a_whole_summary_table():
    with connection.cursor() as cursor:
        _fill_summary_tables(cursor)
        if connection.vendor == "postgresql":
            statements = _pg_statements()
            # two inserts (adding), two updates and two deletes (removing)
            assert len(statements) == 6, statements
            used = set()
            for sql in statements:
                for delta in (1, -1):
                    plan = _pg_plan(cursor, _pg_parameters(sql, delta))
                    assert _pg_seq_scans(plan) == [], (sql, plan)
                    used.add(json.dumps(plan))
            assert any("stats_subtreecount_empty" in plan for plan in used)
            # What PL/pgSQL may settle on after a few calls: one plan for any parameters.
            cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
            types = "bigint, integer, bigint, varchar, varchar, boolean, integer"
            names = ["p_unit", "p_year", "p_title", "p_level", "p_target", "p_revoked", "p_delta"]
            for i, sql in enumerate(statements):
                for n, name in enumerate(names, start=1):
                    sql = re.sub(rf"\b{name}\b", f"${n}", sql)
                cursor.execute(f"PREPARE stats_plan_{i} ({types}) AS {sql.rstrip(';')}")
                plan = _pg_plan(
                    cursor, f"EXECUTE stats_plan_{i} (7, 2015, 3, 'city', 'individual', false, -1)"
                )
                cursor.execute(f"DEALLOCATE stats_plan_{i}")
                assert _pg_seq_scans(plan) == [], (sql, plan)
        else:
            statements = _sqlite_statements()
            # insert: 2; delete: 4; update: 4 + 2
            assert len(statements) == 12, statements
            details = []
            for sql in statements:
                cursor.execute("EXPLAIN QUERY PLAN " + _sqlite_parameters(sql).rstrip(";"))
                details += [row[3] for row in cursor.fetchall()]
            scans = [
                d for d in details if re.match(r"SCAN (stats_subtreecount|stats_awardcount)\b", d)
            ]
            assert scans == [], details
            assert any("stats_subtreecount_empty" in d for d in details)
