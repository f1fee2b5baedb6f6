"""PostgreSQL: the rollup is rebuilt aside and swapped in (services `stats_refresh`), and a
change of the unit tree corrects the rollup at once instead of marking it stale.

- While a new rollup is built aside (`RollupState.building_on` set), the award trigger also
  writes its change along that day's tree to `stats_rollupdelta`, with its transaction id;
  the swap adds the rows its snapshot did not see.
- A statement on `org_unitclosure`, or one changing a unit's `current`, applies the net change
  of the tree the rollup follows (pairs of ancestor and unit that start or stop holding on its
  day, or units counted under another unit) times the per-unit counts: only the ancestors
  the change touches. It first locks out award writes (SHARE ROW EXCLUSIVE on awards_award,
  waiting at most 2 s for those in flight) so that no award is counted along the tree of
  before; if it cannot (a timeout or a deadlock with a transaction that writes awards and
  the tree at once), it marks the rollup stale as before.
SQLite keeps marking the rollup stale (its installations are small and refresh it inline)."""

from importlib import import_module

from django.db import migrations, models

STATEMENTS = import_module("guongsang.stats.migrations.0006_statement_triggers")
SKEY = STATEMENTS.SKEY
COLS = ", ".join(SKEY)
TXID = "pg_current_xact_id()::text::bigint"


def _valid(row: str, day: str) -> str:
    return f"({row}.valid_from <= {day} AND ({row}.valid_to IS NULL OR {row}.valid_to > {day}))"


LIVE = "(NOT st.stale AND st.built_on IS NOT NULL)"


def award_statement(op: str) -> str:
    """0006's statement with one more CTE: the change along the tree of `building_on`
    written to the log while a rollup is built aside."""
    skey = ", ".join(SKEY[1:])
    log = f"""l AS (
            INSERT INTO stats_rollupdelta (txid, {COLS}, n)
            SELECT {TXID}, c.ancestor_id, d.year, d.title_id, d.level, d.target, d.revoked,
                   SUM(d.n)::integer
            FROM d
            JOIN org_unit u ON u.id = d.unit_id
            JOIN org_unitclosure c ON c.descendant_id = u.current_id
            JOIN stats_rollupstate st ON st.id = 1 AND st.building_on IS NOT NULL
                 AND {_valid("c", "st.building_on")}
            GROUP BY c.ancestor_id, {skey}
            HAVING SUM(d.n) <> 0
        )"""
    sql = STATEMENTS.statement(op)
    at = sql.index("\na_grow AS (")  # after d and r, before the upserts of 0006
    return sql[:at] + "\n" + log + "," + sql[at:]


def _tree_source(case: str) -> tuple[str, str]:
    """(CTEs computing `r`: the net change per rollup cell, live along built_on as n and
    aside along building_on as m; the cheap test that there is anything to do)."""
    st = "st AS MATERIALIZED (SELECT built_on, stale, building_on FROM stats_rollupstate WHERE id = 1)"
    if case == "unit":
        moved = f"""{st},
        x AS MATERIALIZED (
            SELECT id, current_id, SUM(s)::integer AS s FROM (
                SELECT id, current_id, 1 AS s FROM new_rows WHERE current_id IS NOT NULL
                UNION ALL
                SELECT id, current_id, -1 FROM old_rows WHERE current_id IS NOT NULL
            ) AS y GROUP BY id, current_id HAVING SUM(s) <> 0
        )"""
        r = f"""{moved},
        r AS MATERIALIZED (
            SELECT c.ancestor_id, a.year, a.title_id, a.level, a.target, a.revoked,
                   SUM(CASE WHEN {LIVE} AND {_valid("c", "st.built_on")} THEN x.s * a.n
                            ELSE 0 END)::integer AS n,
                   SUM(CASE WHEN {_valid("c", "st.building_on")} THEN x.s * a.n
                            ELSE 0 END)::integer AS m
            FROM x
            JOIN org_unitclosure c ON c.descendant_id = x.current_id
            JOIN stats_awardcount a ON a.unit_id = x.id
            CROSS JOIN st
            GROUP BY c.ancestor_id, a.year, a.title_id, a.level, a.target, a.revoked
        )"""
        return r, f"WITH {moved} SELECT 1 FROM x"
    rows = []
    if case in ("insert", "update"):
        rows.append(("new_rows", "1"))
    if case in ("update", "delete"):
        rows.append(("old_rows", "-1"))
    parts = " UNION ALL ".join(
        f"SELECT p.ancestor_id, p.descendant_id,"
        f" CASE WHEN {LIVE} AND {_valid('p', 'st.built_on')} THEN {sign} ELSE 0 END AS live,"
        f" CASE WHEN {_valid('p', 'st.building_on')} THEN {sign} ELSE 0 END AS aside"
        f" FROM {table} AS p CROSS JOIN st"
        for table, sign in rows
    )
    pairs = f"""{st},
        p AS MATERIALIZED (
            SELECT ancestor_id, descendant_id, SUM(live)::integer AS live,
                   SUM(aside)::integer AS aside
            FROM ({parts}) AS y
            GROUP BY ancestor_id, descendant_id
            HAVING SUM(live) <> 0 OR SUM(aside) <> 0
        )"""
    r = f"""{pairs},
        r AS MATERIALIZED (
            SELECT p.ancestor_id, a.year, a.title_id, a.level, a.target, a.revoked,
                   SUM(p.live * a.n)::integer AS n, SUM(p.aside * a.n)::integer AS m
            FROM p
            JOIN org_unit u ON u.current_id = p.descendant_id
            JOIN stats_awardcount a ON a.unit_id = u.id
            GROUP BY p.ancestor_id, a.year, a.title_id, a.level, a.target, a.revoked
        )"""
    return r, f"WITH {pairs} SELECT 1 FROM p"


def tree_statement(case: str) -> str:
    source, _test = _tree_source(case)
    ctes = [
        source,
        f"live AS MATERIALIZED (SELECT {COLS}, n FROM r WHERE n <> 0)",
        f"""l AS (
            INSERT INTO stats_rollupdelta (txid, {COLS}, n)
            SELECT {TXID}, {COLS}, m FROM r WHERE m <> 0
        )""",
        *STATEMENTS._apply("stats_subtreecount", SKEY, "live", "s"),
    ]
    *head, last = ctes
    body = last.split(" AS (", 1)[1].rsplit(")", 1)[0]
    return "WITH " + ",\n".join(head) + "\n" + body.strip() + ";"


def _tree_branch(case: str) -> str:
    _source, test = _tree_source(case)
    return f"""
        IF NOT EXISTS ({test}) THEN
            RETURN NULL;
        END IF;
        previous := current_setting('lock_timeout');
        PERFORM set_config('lock_timeout', '2s', true);
        BEGIN
            LOCK TABLE awards_award IN SHARE ROW EXCLUSIVE MODE;
        EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
            PERFORM set_config('lock_timeout', previous, true);
            UPDATE stats_rollupstate SET stale = true, building_on = NULL WHERE id = 1;
            RETURN NULL;
        END;
        PERFORM set_config('lock_timeout', previous, true);
        {tree_statement(case)}
    """


AWARD_FUNCTION = f"""
CREATE OR REPLACE FUNCTION stats_award_statement() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {award_statement("INSERT")}
    ELSIF TG_OP = 'UPDATE' THEN
        {award_statement("UPDATE")}
    ELSE
        {award_statement("DELETE")}
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

TREE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION stats_tree_statement() RETURNS trigger AS $$
DECLARE
    previous text;
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM stats_rollupstate
        WHERE id = 1 AND ((NOT stale AND built_on IS NOT NULL) OR building_on IS NOT NULL)
    ) THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'org_unit' THEN
        {_tree_branch("unit")}
    ELSIF TG_OP = 'INSERT' THEN
        {_tree_branch("insert")}
    ELSIF TG_OP = 'UPDATE' THEN
        {_tree_branch("update")}
    ELSE
        {_tree_branch("delete")}
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

PG_FORWARD = [
    AWARD_FUNCTION,
    TREE_FUNCTION,
    "DROP TRIGGER IF EXISTS stats_rollup_stale_closure ON org_unitclosure;",
    "DROP TRIGGER IF EXISTS stats_rollup_stale_unit ON org_unit;",
    "CREATE TRIGGER stats_rollup_stale_closure AFTER TRUNCATE ON org_unitclosure"
    " FOR EACH STATEMENT EXECUTE FUNCTION stats_rollup_stale();",
    "CREATE TRIGGER stats_tree_ins AFTER INSERT ON org_unitclosure"
    " REFERENCING NEW TABLE AS new_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION stats_tree_statement();",
    "CREATE TRIGGER stats_tree_upd AFTER UPDATE ON org_unitclosure"
    " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION stats_tree_statement();",
    "CREATE TRIGGER stats_tree_del AFTER DELETE ON org_unitclosure"
    " REFERENCING OLD TABLE AS old_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION stats_tree_statement();",
    "CREATE TRIGGER stats_tree_unit AFTER UPDATE ON org_unit"
    " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION stats_tree_statement();",
]
PG_BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS {name} ON {table};"
        for name, table in (
            ("stats_tree_ins", "org_unitclosure"),
            ("stats_tree_upd", "org_unitclosure"),
            ("stats_tree_del", "org_unitclosure"),
            ("stats_tree_unit", "org_unit"),
            ("stats_rollup_stale_closure", "org_unitclosure"),
        )
    ),
    "DROP FUNCTION IF EXISTS stats_tree_statement();",
    "CREATE TRIGGER stats_rollup_stale_closure"
    " AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_unitclosure"
    " FOR EACH STATEMENT EXECUTE FUNCTION stats_rollup_stale();",
    "CREATE TRIGGER stats_rollup_stale_unit AFTER UPDATE OF current_id ON org_unit"
    " FOR EACH STATEMENT EXECUTE FUNCTION stats_rollup_stale();",
    STATEMENTS.FUNCTION,
]


def forward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("stats", "0007_subtree_count_empty_index_sqlite_only")]

    operations = [
        migrations.AddField(
            model_name="rollupstate",
            name="building_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name="RollupDelta",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("txid", models.BigIntegerField()),
                ("ancestor_id", models.BigIntegerField()),
                ("year", models.PositiveSmallIntegerField()),
                ("title_id", models.BigIntegerField()),
                ("level", models.CharField(max_length=16)),
                ("target", models.CharField(max_length=16)),
                ("revoked", models.BooleanField()),
                ("n", models.IntegerField()),
            ],
            options={
                "verbose_name": "thay đổi trong lúc làm mới bảng tổng hợp",
                "verbose_name_plural": "thay đổi trong lúc làm mới bảng tổng hợp",
            },
        ),
        migrations.RunPython(forward, backward),
    ]
