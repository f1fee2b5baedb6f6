"""PostgreSQL only: the newest public stories matching a query, found inside the database.

showcase_search_newest(query, k, probe_rows, walk_budget) does what search._pg_newest did in
Python with up to six statements: test the newest ``probe_rows`` stories of
showcase_story_words one by one; if they hold ``k`` matches, done; if they hold some and the
walk would meet ``k`` within ``walk_budget`` stories, walk that far; otherwise ask the GIN
index for every match and keep the newest ``k``. Its plan settings (no sequential scan, room
for exact bitmaps of prefix matches) are the function's own, so nothing leaks into the connection,
and the search runs as one statement: the ranking query calls the function in a subquery.
"""

from django.db import migrations

WALK = (
    "SELECT w.story_id FROM (SELECT story_id, published_at, words FROM showcase_story_words"
    " ORDER BY published_at DESC, story_id DESC LIMIT {rows}) AS w"
    " WHERE w.words @@ q ORDER BY w.published_at DESC, w.story_id DESC LIMIT k"
)
PG_CREATE = f"""
CREATE OR REPLACE FUNCTION showcase_search_newest(
    query text, k integer, probe_rows integer, walk_budget integer
) RETURNS SETOF bigint
LANGUAGE plpgsql STABLE ROWS 100
SET enable_seqscan = off SET work_mem = '32MB' SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
    q tsquery := to_tsquery('simple', query);
    found bigint[];
    expected bigint;
BEGIN
    found := ARRAY({WALK.format(rows="probe_rows")});
    IF cardinality(found) < k AND cardinality(found) > 0 THEN
        expected := probe_rows::bigint * k / cardinality(found);
        IF expected <= walk_budget THEN
            found := ARRAY({WALK.format(rows="2 * expected")});
        END IF;
    END IF;
    IF cardinality(found) < k THEN
        found := ARRAY(
            WITH every AS MATERIALIZED (
                SELECT story_id, published_at FROM showcase_story_words WHERE words @@ q
            )
            SELECT story_id FROM every ORDER BY published_at DESC, story_id DESC LIMIT k
        );
    END IF;
    RETURN QUERY SELECT unnest(found);
END;
$$;
"""
PG_DROP = "DROP FUNCTION IF EXISTS showcase_search_newest(text, integer, integer, integer)"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DROP)


class Migration(migrations.Migration):
    dependencies = [("showcase", "0004_search_words")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
