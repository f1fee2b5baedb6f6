"""The award triggers also keep stats_subtreecount (the counts rolled up the unit tree) while
the rollup is fresh; changes to the tree (closure rows, a unit's `current`) mark it stale.
PostgreSQL and SQLite. The rollup itself is built by services.stats_refresh."""

from django.db import migrations

KEY = "unit_id, year, title_id, level, target, revoked"
SKEY = "ancestor_id, year, title_id, level, target, revoked"
AT = "c.valid_from <= st.built_on AND (c.valid_to IS NULL OR c.valid_to > st.built_on)"

PG_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION stats_awardcount_add(
        p_unit bigint, p_year integer, p_title bigint, p_level varchar, p_target varchar,
        p_revoked boolean, p_delta integer
    ) RETURNS void AS $$
    BEGIN
        -- A CHECK (n >= 0) is tested before ON CONFLICT: removals are plain UPDATEs.
        IF p_delta > 0 THEN
            INSERT INTO stats_awardcount ({KEY}, n)
            VALUES (p_unit, p_year, p_title, p_level, p_target, p_revoked, p_delta)
            ON CONFLICT ({KEY}) DO UPDATE SET n = stats_awardcount.n + EXCLUDED.n;
            INSERT INTO stats_subtreecount ({SKEY}, n)
            SELECT c.ancestor_id, p_year, p_title, p_level, p_target, p_revoked, p_delta
            FROM stats_rollupstate st
            JOIN org_unit u ON u.id = p_unit
            JOIN org_unitclosure c ON c.descendant_id = u.current_id
            WHERE st.id = 1 AND NOT st.stale AND st.built_on IS NOT NULL AND {AT}
            ON CONFLICT ({SKEY}) DO UPDATE SET n = stats_subtreecount.n + EXCLUDED.n;
        ELSE
            UPDATE stats_awardcount SET n = n + p_delta
            WHERE unit_id = p_unit AND year = p_year AND title_id = p_title
              AND level = p_level AND target = p_target AND revoked = p_revoked;
            DELETE FROM stats_awardcount
            WHERE unit_id = p_unit AND year = p_year AND title_id = p_title
              AND level = p_level AND target = p_target AND revoked = p_revoked AND n <= 0;
            UPDATE stats_subtreecount SET n = n + p_delta
            WHERE year = p_year AND title_id = p_title AND level = p_level
              AND target = p_target AND revoked = p_revoked AND n > 0
              AND ancestor_id IN (
                SELECT c.ancestor_id FROM stats_rollupstate st
                JOIN org_unit u ON u.id = p_unit
                JOIN org_unitclosure c ON c.descendant_id = u.current_id
                WHERE st.id = 1 AND NOT st.stale AND st.built_on IS NOT NULL AND {AT}
              );
            DELETE FROM stats_subtreecount
            WHERE year = p_year AND title_id = p_title AND level = p_level
              AND target = p_target AND revoked = p_revoked AND n <= 0;
        END IF;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE OR REPLACE FUNCTION stats_rollup_stale() RETURNS trigger AS $$
    BEGIN
        UPDATE stats_rollupstate SET stale = true WHERE id = 1 AND NOT stale;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER stats_rollup_stale_closure
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_unitclosure
    FOR EACH STATEMENT EXECUTE FUNCTION stats_rollup_stale();
    """,
    """
    CREATE TRIGGER stats_rollup_stale_unit
    AFTER UPDATE OF current_id ON org_unit
    FOR EACH STATEMENT EXECUTE FUNCTION stats_rollup_stale();
    """,
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS stats_rollup_stale_closure ON org_unitclosure;",
    "DROP TRIGGER IF EXISTS stats_rollup_stale_unit ON org_unit;",
    "DROP FUNCTION IF EXISTS stats_rollup_stale();",
]


def _sqlite_add(row: str) -> str:
    return f"""
        INSERT INTO stats_awardcount ({KEY}, n)
        VALUES ({row}.unit_id, {row}.year, {row}.title_id, {row}.level, {row}.target,
                {row}.revoked_on IS NOT NULL, 1)
        ON CONFLICT ({KEY}) DO UPDATE SET n = n + 1;
        INSERT INTO stats_subtreecount ({SKEY}, n)
        SELECT c.ancestor_id, {row}.year, {row}.title_id, {row}.level, {row}.target,
               {row}.revoked_on IS NOT NULL, 1
        FROM stats_rollupstate st
        JOIN org_unit u ON u.id = {row}.unit_id
        JOIN org_unitclosure c ON c.descendant_id = u.current_id
        WHERE st.id = 1 AND NOT st.stale AND st.built_on IS NOT NULL AND {AT}
        ON CONFLICT ({SKEY}) DO UPDATE SET n = n + 1;
    """


def _sqlite_remove(row: str) -> str:
    where = (
        f"year = {row}.year AND title_id = {row}.title_id"
        f" AND level = {row}.level AND target = {row}.target"
        f" AND revoked = ({row}.revoked_on IS NOT NULL)"
    )
    return f"""
        UPDATE stats_awardcount SET n = n - 1 WHERE unit_id = {row}.unit_id AND {where};
        DELETE FROM stats_awardcount WHERE unit_id = {row}.unit_id AND {where} AND n <= 0;
        UPDATE stats_subtreecount SET n = n - 1 WHERE {where} AND n > 0 AND ancestor_id IN (
            SELECT c.ancestor_id FROM stats_rollupstate st
            JOIN org_unit u ON u.id = {row}.unit_id
            JOIN org_unitclosure c ON c.descendant_id = u.current_id
            WHERE st.id = 1 AND NOT st.stale AND st.built_on IS NOT NULL AND {AT}
        );
        DELETE FROM stats_subtreecount WHERE {where} AND n <= 0;
    """


STALE = "UPDATE stats_rollupstate SET stale = 1 WHERE id = 1 AND NOT stale;"
SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS stats_awardcount_ins;",
    "DROP TRIGGER IF EXISTS stats_awardcount_del;",
    "DROP TRIGGER IF EXISTS stats_awardcount_upd;",
    f"CREATE TRIGGER stats_awardcount_ins AFTER INSERT ON awards_award"
    f" BEGIN {_sqlite_add('NEW')} END;",
    f"CREATE TRIGGER stats_awardcount_del AFTER DELETE ON awards_award"
    f" BEGIN {_sqlite_remove('OLD')} END;",
    "CREATE TRIGGER stats_awardcount_upd AFTER UPDATE OF unit_id, year, title_id, level, target,"
    f" revoked_on ON awards_award BEGIN {_sqlite_remove('OLD')} {_sqlite_add('NEW')} END;",
    f"CREATE TRIGGER stats_rollup_stale_ins AFTER INSERT ON org_unitclosure BEGIN {STALE} END;",
    f"CREATE TRIGGER stats_rollup_stale_upd AFTER UPDATE ON org_unitclosure BEGIN {STALE} END;",
    f"CREATE TRIGGER stats_rollup_stale_del AFTER DELETE ON org_unitclosure BEGIN {STALE} END;",
    f"CREATE TRIGGER stats_rollup_stale_unit AFTER UPDATE OF current_id ON org_unit"
    f" BEGIN {STALE} END;",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS stats_rollup_stale_ins;",
    "DROP TRIGGER IF EXISTS stats_rollup_stale_upd;",
    "DROP TRIGGER IF EXISTS stats_rollup_stale_del;",
    "DROP TRIGGER IF EXISTS stats_rollup_stale_unit;",
]


def forward(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for sql in PG_FORWARD if vendor == "postgresql" else SQLITE_FORWARD:
        schema_editor.execute(sql)
    schema_editor.execute(
        "INSERT INTO stats_rollupstate (id, built_on, stale) VALUES (1, NULL, %s)", [True]
    )


def backward(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for sql in PG_BACKWARD if vendor == "postgresql" else SQLITE_BACKWARD:
        schema_editor.execute(sql)
    schema_editor.execute("DELETE FROM stats_rollupstate")


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0003_subtree_count"),
        ("stats", "0002_award_count_triggers"),
    ]

    operations = [migrations.RunPython(forward, backward)]
