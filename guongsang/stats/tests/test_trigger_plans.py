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


def _fill_summary_tables(cursor) -> None:
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
    """The three statements of the statement-level trigger (insert, update, delete)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = 'stats_award_statement'")
        (source,) = cursor.fetchone()
    return re.findall(r"\bWITH\b.*?;", source, re.S)


def _pg_transition_tables(cursor, rows: int) -> None:
    """Stand-ins for the transition tables: `rows` awards spread over the filled cells, and
    the rollup marked fresh so that its part of the statement is planned as it would run."""
    for name in ("new_rows", "old_rows"):
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
        select = (
            "SELECT 1 + mod(i, 600) AS unit_id, 2010 + mod(i, 10) AS year,"
            " 1 + mod(i, 5) AS title_id, 'city'::varchar AS level, 'individual'::varchar AS target,"
            " NULL::date AS revoked_on FROM generate_series(1, %s) AS i"
        )
        cursor.execute(f"CREATE TEMP TABLE {name} AS {select}", [rows])
        cursor.execute(f"ANALYZE {name}")
    cursor.execute("UPDATE stats_rollupstate SET stale = false, built_on = current_date")


def _pg_seq_scans(plan: dict) -> list[str]:
    found = []
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in SUMMARY:
        found.append(plan["Relation Name"])
    for child in plan.get("Plans", []):
        found += _pg_seq_scans(child)
    return found


def _pg_plan(cursor, sql: str) -> dict:
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
            assert len(statements) == 3, statements  # insert, update, delete
            for rows in (1, 100):
                _pg_transition_tables(cursor, rows)
                for sql in statements:
                    plan = _pg_plan(cursor, sql)
                    assert _pg_seq_scans(plan) == [], (rows, sql, plan)
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


def _pg_tree_statements() -> dict[str, str]:
    """The statements of the tree's trigger that write the rollup, by case."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = 'stats_tree_statement'")
        (source,) = cursor.fetchone()
    found = [s for s in re.findall(r"\bWITH\b.*?;", source, re.S) if "stats_subtreecount" in s]
    return dict(zip(("unit", "insert", "update", "delete"), found, strict=True))


def _pg_tree_transition_tables(cursor, case: str, rows: int) -> None:
    """Stand-ins for the tree trigger's transition tables: `rows` closure rows (or units whose
    `current` changed) over the filled units, starting on the rollup's day."""
    for name in ("new_rows", "old_rows"):
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
        if case == "unit":
            select = (
                "SELECT 1 + mod(i, 600) AS id, 1 + mod(i + 1, 600) AS current_id"
                " FROM generate_series(1, %s) AS i"
            )
        else:
            select = (
                "SELECT 1 + mod(i, 40) AS ancestor_id, 1 + mod(i, 600) AS descendant_id,"
                " 1 AS depth, current_date AS valid_from, NULL::date AS valid_to"
                " FROM generate_series(1, %s) AS i"
            )
        cursor.execute(f"CREATE TEMP TABLE {name} AS {select}", [rows])
        cursor.execute(f"ANALYZE {name}")


def test_no_tree_trigger_statement_reads_a_whole_summary_table():
    """PostgreSQL: a change of the tree corrects the rollup through the per-unit counts of
    the units it moves and the rollup cells of their ancestors, by index."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite marks the rollup stale on a change of the tree")
    with connection.cursor() as cursor:
        _fill_summary_tables(cursor)
        cursor.execute("UPDATE stats_rollupstate SET stale = false, built_on = current_date")
        statements = _pg_tree_statements()
        for rows in (1, 100):
            for case, sql in statements.items():
                _pg_tree_transition_tables(cursor, case, rows)
                plan = _pg_plan(cursor, sql)
                assert _pg_seq_scans(plan) == [], (rows, case, sql, plan)
