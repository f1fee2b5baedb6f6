"""Full-text search index on Story.search_text, for the database in use only.

PostgreSQL: a stored generated column search_vector = to_tsvector('simple', search_text) with a
GIN index (search_text is already lowercased and unaccented, so 'simple' is enough).
SQLite: an FTS5 table with external content (showcase_story) kept in sync by triggers.
If a later migration makes SQLite rebuild the showcase_story table, the triggers go with it:
call guongsang.showcase.search.rebuild_sqlite_index() there (test_search_index_in_place
fails otherwise).
"""

from django.db import migrations

PG_CREATE = [
    "ALTER TABLE showcase_story ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS showcase_story_search_gin ON showcase_story "
    "USING GIN (search_vector)",
]
PG_DROP = [
    "DROP INDEX IF EXISTS showcase_story_search_gin",
    "ALTER TABLE showcase_story DROP COLUMN IF EXISTS search_vector",
]
SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS showcase_story_fts USING fts5("
    "search_text, content='showcase_story', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER IF NOT EXISTS showcase_story_fts_ai AFTER INSERT ON showcase_story BEGIN "
    "INSERT INTO showcase_story_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS showcase_story_fts_ad AFTER DELETE ON showcase_story BEGIN "
    "INSERT INTO showcase_story_fts(showcase_story_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS showcase_story_fts_au AFTER UPDATE ON showcase_story BEGIN "
    "INSERT INTO showcase_story_fts(showcase_story_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO showcase_story_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO showcase_story_fts(showcase_story_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS showcase_story_fts_ai",
    "DROP TRIGGER IF EXISTS showcase_story_fts_ad",
    "DROP TRIGGER IF EXISTS showcase_story_fts_au",
    "DROP TABLE IF EXISTS showcase_story_fts",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, PG_CREATE)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, PG_DROP)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("showcase", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
