"""PostgreSQL only: a narrow side table of the public stories' words, in publication order.

showcase_story_words(story_id, published_at, words) holds one row per public story (published,
consent recorded): ``words = strip(search_vector)`` (the lexemes without positions, a few
hundred bytes) and ``published_at`` (``created_at`` when unset). It is kept in sync by the
trigger showcase_story_words_sync on showcase_story (insert, update, delete, truncate).

Why: the search ranks only the newest matches (search.CANDIDATES). For common words the
newest matches are found by walking the stories newest first and testing each one's words:
on showcase_story itself that costs a random heap page per story (rows are ~1.6 kB, and
not stored in date order), on this table a few stories share a page and, since a row is
written when its story is published, pages follow publication order. For rare words the GIN
index on ``words`` finds the few matches and their dates without touching showcase_story.
search.rebuild_pg_words() refills the table in publication order (after bulk loads).
No foreign key: a TRUNCATE of showcase_story (test flushes) empties it through the trigger.
"""

from django.db import migrations

PG_TABLE = [
    "CREATE TABLE IF NOT EXISTS showcase_story_words ("
    "story_id bigint PRIMARY KEY, published_at timestamptz NOT NULL, words tsvector NOT NULL)",
]
PG_FILL = [
    "INSERT INTO showcase_story_words (story_id, published_at, words) "
    "SELECT id, COALESCE(published_at, created_at), strip(search_vector) FROM showcase_story "
    "WHERE status = 'published' AND consent_recorded_at IS NOT NULL "
    "ORDER BY COALESCE(published_at, created_at), id",
]
PG_INDEXES = [
    "CREATE INDEX IF NOT EXISTS showcase_story_words_newest "
    "ON showcase_story_words (published_at DESC, story_id DESC)",
    "CREATE INDEX IF NOT EXISTS showcase_story_words_gin ON showcase_story_words USING GIN (words)",
]
PG_DROP_INDEXES = [
    "DROP INDEX IF EXISTS showcase_story_words_newest",
    "DROP INDEX IF EXISTS showcase_story_words_gin",
]
PG_TRIGGERS = [
    """
    CREATE OR REPLACE FUNCTION showcase_story_words_sync() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE showcase_story_words;
            RETURN NULL;
        END IF;
        IF TG_OP = 'DELETE' THEN
            DELETE FROM showcase_story_words WHERE story_id = OLD.id;
            RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.id <> NEW.id THEN
            DELETE FROM showcase_story_words WHERE story_id = OLD.id;
        END IF;
        IF NEW.status = 'published' AND NEW.consent_recorded_at IS NOT NULL THEN
            INSERT INTO showcase_story_words (story_id, published_at, words)
            VALUES (NEW.id, COALESCE(NEW.published_at, NEW.created_at), strip(NEW.search_vector))
            ON CONFLICT (story_id) DO UPDATE
            SET published_at = EXCLUDED.published_at, words = EXCLUDED.words;
        ELSE
            DELETE FROM showcase_story_words WHERE story_id = NEW.id;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    "DROP TRIGGER IF EXISTS showcase_story_words_sync ON showcase_story",
    "CREATE TRIGGER showcase_story_words_sync AFTER INSERT OR DELETE OR UPDATE OF "
    "id, status, consent_recorded_at, published_at, created_at, search_text ON showcase_story "
    "FOR EACH ROW EXECUTE FUNCTION showcase_story_words_sync()",
    "DROP TRIGGER IF EXISTS showcase_story_words_truncate ON showcase_story",
    "CREATE TRIGGER showcase_story_words_truncate AFTER TRUNCATE ON showcase_story "
    "FOR EACH STATEMENT EXECUTE FUNCTION showcase_story_words_sync()",
]
PG_CREATE = [*PG_TABLE, *PG_FILL, *PG_INDEXES, *PG_TRIGGERS, "ANALYZE showcase_story_words"]
PG_DROP = [
    "DROP TRIGGER IF EXISTS showcase_story_words_sync ON showcase_story",
    "DROP TRIGGER IF EXISTS showcase_story_words_truncate ON showcase_story",
    "DROP FUNCTION IF EXISTS showcase_story_words_sync()",
    "DROP TABLE IF EXISTS showcase_story_words",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("showcase", "0003_story_year_published_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
