"""PostgreSQL: the summary triggers fire once per statement, over its transition tables,
instead of one PL/pgSQL call per award row. A bulk insert, revoke or delete of many awards
(an Excel import, a COPY) then costs a few grouped statements, not thousands of calls.

Each firing runs one statement: the net change per summary cell (the rows the statement added
counted +1, the rows it removed -1, cells that net to zero dropped), the same change along the
unit tree for the rollup when it is fresh, then for each table an upsert of the cells that
grew, an update of the cells that shrank and stay above zero, and a delete of the cells that
reach zero. The three touch disjoint cells, so they can run side by side in one statement.
Every join to a summary table is on its full unique key (checked by test_trigger_plans).

SQLite keeps its row-level triggers (migrations 0002 and 0004)."""

from django.db import migrations

KEY = ("unit_id", "year", "title_id", "level", "target", "revoked")
SKEY = ("ancestor_id", "year", "title_id", "level", "target", "revoked")
ROW = "unit_id, year, title_id, level, target, revoked_on IS NOT NULL AS revoked"


def _delta(op: str) -> str:
    """The net change per summary cell of one statement on awards_award."""
    parts = []
    if op in ("INSERT", "UPDATE"):
        parts.append(f"SELECT {ROW}, 1 AS n FROM new_rows")
    if op in ("UPDATE", "DELETE"):
        parts.append(f"SELECT {ROW}, -1 AS n FROM old_rows")
    rows = " UNION ALL ".join(parts)
    key = ", ".join(KEY)
    return (
        f"SELECT {key}, SUM(n)::integer AS n FROM ({rows}) AS x"
        f" GROUP BY {key} HAVING SUM(n) <> 0"
    )


def _apply(table: str, key: tuple[str, ...], source: str, prefix: str) -> list[str]:
    """Three CTEs applying the net change in `source` to `table`, on disjoint cells."""
    columns = ", ".join(key)
    same = " AND ".join(f"t.{c} = s.{c}" for c in key)
    return [
        f"""{prefix}_grow AS (
            INSERT INTO {table} AS t ({columns}, n)
            SELECT {columns}, n FROM {source} WHERE n > 0
            ON CONFLICT ({columns}) DO UPDATE SET n = t.n + EXCLUDED.n
        )""",
        f"""{prefix}_shrink AS (
            UPDATE {table} AS t SET n = t.n + s.n FROM {source} AS s
            WHERE s.n < 0 AND {same} AND t.n + s.n > 0
        )""",
        f"""{prefix}_empty AS (
            DELETE FROM {table} AS t USING {source} AS s
            WHERE s.n < 0 AND {same} AND t.n + s.n <= 0
        )""",
    ]


def statement(op: str) -> str:
    skey = ", ".join(SKEY[1:])
    ctes = [
        f"d AS MATERIALIZED ({_delta(op)})",
        f"""r AS MATERIALIZED (
            SELECT c.ancestor_id, d.year, d.title_id, d.level, d.target, d.revoked,
                   SUM(d.n)::integer AS n
            FROM d
            JOIN org_unit u ON u.id = d.unit_id
            JOIN org_unitclosure c ON c.descendant_id = u.current_id
            JOIN stats_rollupstate st ON st.id = 1 AND NOT st.stale
                 AND st.built_on IS NOT NULL AND c.valid_from <= st.built_on
                 AND (c.valid_to IS NULL OR c.valid_to > st.built_on)
            GROUP BY c.ancestor_id, {skey}
            HAVING SUM(d.n) <> 0
        )""",
        *_apply("stats_awardcount", KEY, "d", "a"),
        *_apply("stats_subtreecount", SKEY, "r", "s"),
    ]
    # The last CTE becomes the statement itself (PL/pgSQL runs no bare WITH … SELECT).
    *head, last = ctes
    body = last.split(" AS (", 1)[1].rsplit(")", 1)[0]
    return "WITH " + ",\n".join(head) + "\n" + body.strip() + ";"


FUNCTION = f"""
CREATE OR REPLACE FUNCTION stats_award_statement() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {statement("INSERT")}
    ELSIF TG_OP = 'UPDATE' THEN
        {statement("UPDATE")}
    ELSE
        {statement("DELETE")}
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

PG_FORWARD = [
    "DROP TRIGGER IF EXISTS stats_awardcount_sync ON awards_award;",
    FUNCTION,
    # A trigger with transition tables can name no columns: every UPDATE fires it, and one
    # that changes no counted column nets to zero in the first CTE.
    "CREATE TRIGGER stats_award_ins AFTER INSERT ON awards_award"
    " REFERENCING NEW TABLE AS new_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION stats_award_statement();",
    "CREATE TRIGGER stats_award_upd AFTER UPDATE ON awards_award"
    " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION stats_award_statement();",
    "CREATE TRIGGER stats_award_del AFTER DELETE ON awards_award"
    " REFERENCING OLD TABLE AS old_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION stats_award_statement();",
    "DROP FUNCTION IF EXISTS stats_awardcount_trigger();",
    "DROP FUNCTION IF EXISTS stats_awardcount_add(bigint, integer, bigint, varchar, varchar,"
    " boolean, integer);",
]


def forward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in PG_FORWARD:
        schema_editor.execute(sql)


def backward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in ("stats_award_ins", "stats_award_upd", "stats_award_del"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON awards_award;")
    schema_editor.execute("DROP FUNCTION IF EXISTS stats_award_statement();")
    # Back to the row-level function and trigger of migrations 0002 and 0004.
    from importlib import import_module

    rows = import_module("guongsang.stats.migrations.0004_subtree_count_triggers")
    first = import_module("guongsang.stats.migrations.0002_award_count_triggers")
    schema_editor.execute(rows.PG_FORWARD[0])
    for sql in first.PG_FORWARD[1:]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("stats", "0005_subtree_count_empty_index")]

    operations = [migrations.RunPython(forward, backward)]
