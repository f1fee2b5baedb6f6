"""Triggers that keep stats_awardcount equal to awards_award on every insert, update and
delete, on PostgreSQL and SQLite, and the first fill from the awards already recorded."""

from django.db import migrations

KEY = "unit_id, year, title_id, level, target, revoked"

PG_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION stats_awardcount_add(
        p_unit bigint, p_year integer, p_title bigint, p_level varchar, p_target varchar,
        p_revoked boolean, p_delta integer
    ) RETURNS void AS $$
    BEGIN
        INSERT INTO stats_awardcount ({KEY}, n)
        VALUES (p_unit, p_year, p_title, p_level, p_target, p_revoked, p_delta)
        ON CONFLICT ({KEY}) DO UPDATE SET n = stats_awardcount.n + EXCLUDED.n;
        IF p_delta < 0 THEN
            DELETE FROM stats_awardcount
            WHERE unit_id = p_unit AND year = p_year AND title_id = p_title
              AND level = p_level AND target = p_target AND revoked = p_revoked AND n <= 0;
        END IF;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE OR REPLACE FUNCTION stats_awardcount_trigger() RETURNS trigger AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            PERFORM stats_awardcount_add(OLD.unit_id, OLD.year, OLD.title_id, OLD.level,
                                         OLD.target, OLD.revoked_on IS NOT NULL, -1);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            PERFORM stats_awardcount_add(NEW.unit_id, NEW.year, NEW.title_id, NEW.level,
                                         NEW.target, NEW.revoked_on IS NOT NULL, 1);
        END IF;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER stats_awardcount_sync
    AFTER INSERT OR DELETE OR UPDATE OF unit_id, year, title_id, level, target, revoked_on
    ON awards_award FOR EACH ROW EXECUTE FUNCTION stats_awardcount_trigger();
    """,
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS stats_awardcount_sync ON awards_award;",
    "DROP FUNCTION IF EXISTS stats_awardcount_trigger();",
    "DROP FUNCTION IF EXISTS stats_awardcount_add(bigint, integer, bigint, varchar, varchar,"
    " boolean, integer);",
]


def _sqlite_add(row: str) -> str:
    return f"""
        INSERT INTO stats_awardcount ({KEY}, n)
        VALUES ({row}.unit_id, {row}.year, {row}.title_id, {row}.level, {row}.target,
                {row}.revoked_on IS NOT NULL, 1)
        ON CONFLICT ({KEY}) DO UPDATE SET n = n + 1;
    """


def _sqlite_remove(row: str) -> str:
    where = (
        f"unit_id = {row}.unit_id AND year = {row}.year AND title_id = {row}.title_id"
        f" AND level = {row}.level AND target = {row}.target"
        f" AND revoked = ({row}.revoked_on IS NOT NULL)"
    )
    return f"""
        UPDATE stats_awardcount SET n = n - 1 WHERE {where};
        DELETE FROM stats_awardcount WHERE {where} AND n <= 0;
    """


SQLITE_FORWARD = [
    f"CREATE TRIGGER stats_awardcount_ins AFTER INSERT ON awards_award BEGIN {_sqlite_add('NEW')} END;",
    f"CREATE TRIGGER stats_awardcount_del AFTER DELETE ON awards_award BEGIN {_sqlite_remove('OLD')} END;",
    "CREATE TRIGGER stats_awardcount_upd AFTER UPDATE OF unit_id, year, title_id, level, target,"
    f" revoked_on ON awards_award BEGIN {_sqlite_remove('OLD')} {_sqlite_add('NEW')} END;",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS stats_awardcount_ins;",
    "DROP TRIGGER IF EXISTS stats_awardcount_del;",
    "DROP TRIGGER IF EXISTS stats_awardcount_upd;",
]
FILL = f"""
INSERT INTO stats_awardcount ({KEY}, n)
SELECT unit_id, year, title_id, level, target, revoked_on IS NOT NULL, COUNT(*)
FROM awards_award GROUP BY unit_id, year, title_id, level, target, revoked_on IS NOT NULL
"""


def _run(schema_editor, statements: list[str]) -> None:
    for sql in statements:
        schema_editor.execute(sql)


def forward(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, PG_FORWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)
    else:
        raise RuntimeError(f"stats: no summary triggers for {vendor}")
    schema_editor.execute("DELETE FROM stats_awardcount")
    schema_editor.execute(FILL)


def backward(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    _run(schema_editor, PG_BACKWARD if vendor == "postgresql" else SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0001_award_count"),
        ("awards", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward)]
