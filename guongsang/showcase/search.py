"""Search over published stories, ignoring diacritics and case, on PostgreSQL and SQLite.

The query is normalised like ``Story.search_text`` (lowercase, no diacritics, đ → d), split
into words; a story matches when it contains every word (the last word may be the beginning
of a word, so "nguoi tot viec t" already finds "Người tốt, việc tốt"). The matching uses the
full-text index of the database: PostgreSQL ``search_vector @@ to_tsquery('simple', …)``
(GIN), SQLite FTS5 ``MATCH``. Ranking is computed the same way on both databases:

1. every query word is a word of the title (title hits first);
2. the words appear together, in the query's order, somewhere in the story (phrase hits);
3. newest first (published_at, then id: ties are deterministic).

Only the newest ``CANDIDATES`` matches are ranked; older matches follow nowhere: at that
point the visitor should refine the query. How the newest matches are found depends on how
common the words are (the result is the same either way, see ``_pg_newest``):

- PostgreSQL, public search: from the side table showcase_story_words (migration 0004: each
  public story's words and date, in publication order). First the newest ``PROBE_ROWS``
  stories are tested one by one, newest first (an index-ordered scan that stops at the
  ``CANDIDATES``-th match: a few milliseconds for common words such as "nguoi tot viec tot").
  If they hold enough matches for the walk to meet the rest sooner than the GIN index would
  answer (``WALK_ROWS_PER_TERM``), the walk goes on; otherwise the words are rare together and
  the GIN index on the words lists every match with its date, without reading showcase_story.
  Either way the candidates are the newest matches by (published_at or created_at, id).
- PostgreSQL with another queryset, SQLite (FTS5) and other databases: the full-text match
  filtered to growing windows back from the newest story (``WINDOWS_DAYS``).

A diacritic typed on the wrong letter ("nguòi" for "người") is normalised away like any
other diacritic, so it still matches: only the letters count. A wrong letter does not match.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models import (
    Case,
    IntegerField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat

from guongsang.showcase.models import Story, published_stories
from guongsang.showcase.text import normalise, query_terms

MIN_PREFIX = 3  # the last word is matched as a prefix only from this length
# Ranking looks at the newest CANDIDATES matching stories only: with a million stories a common
# word matches hundreds of thousands, and ranking them all would take seconds. Below this many
# matches (every realistic query on the real collection) the ranking is exact.
CANDIDATES = 100
# PostgreSQL: how many of the newest public stories are tested one by one before deciding
# between walking on (common words) and the GIN index (rare words). Measured at 1,000,000
# stories: the walk tests ~3 stories per µs (10,000 in ~3 ms); the GIN lookup costs ~8–10 ms
# per query word when the words are individually common, even if few stories have them all
# (it intersects long lists), plus ~2 µs a match.
PROBE_ROWS = 10_000
# The GIN lookup's cost per query word, in stories the walk tests in the same time. The walk
# goes on when it is expected to reach CANDIDATES matches within that budget (it reads at most
# twice the expected number of stories, then gives up for the GIN index).
WALK_ROWS_PER_TERM = 27_000
# Other paths: the newest CANDIDATES matches are looked for in growing windows back from the
# newest story: a common word fills the first window (few rows to read), a rare one reaches
# the last (few matches anyway). The result is exactly the newest CANDIDATES matches.
WINDOWS_DAYS = (30, 365, 4 * 365, None)

# Newest matches among the newest %(rows)s public stories, newest first (index-ordered walk
# over showcase_story_words that stops at the %(k)s-th match).
_PG_SCAN = (
    "SELECT story_id FROM (SELECT story_id, published_at, words FROM showcase_story_words "
    "ORDER BY published_at DESC, story_id DESC LIMIT %(rows)s) AS recent "
    "WHERE words @@ to_tsquery('simple', %(q)s) "
    "ORDER BY published_at DESC, story_id DESC LIMIT %(k)s"
)
# Every match through the GIN index (MATERIALIZED: never an ordered walk hoping to meet them),
# then the newest %(k)s.
_PG_GIN = (
    "WITH found AS MATERIALIZED (SELECT story_id, published_at FROM showcase_story_words "
    "WHERE words @@ to_tsquery('simple', %(q)s)) "
    "SELECT story_id FROM found ORDER BY published_at DESC, story_id DESC LIMIT %(k)s"
)
# Plan settings for the GIN query only (restored right after it, even inside an outer
# transaction): no sequential scan, and room for exact bitmaps of prefix matches.
_PG_GIN_SETTINGS = {"enable_seqscan": "off", "work_mem": "32MB"}


def _pg_tsquery(terms: list[str]) -> str:
    parts = list(terms)
    if len(parts[-1]) >= MIN_PREFIX:
        parts[-1] = parts[-1] + ":*"
    return " & ".join(parts)


def _fts5_query(terms: list[str]) -> str:
    parts = [f'"{t}"' for t in terms]
    if len(terms[-1]) >= MIN_PREFIX:
        parts[-1] = parts[-1] + "*"
    return " ".join(parts)


def _matching(qs: QuerySet[Story], terms: list[str]) -> QuerySet[Story]:
    if connection.vendor == "postgresql":
        return qs.extra(
            where=["showcase_story.search_vector @@ to_tsquery('simple', %s)"],
            params=[_pg_tsquery(terms)],
        )
    if connection.vendor == "sqlite":
        ids = RawSQL(
            "SELECT rowid FROM showcase_story_fts WHERE showcase_story_fts MATCH %s",
            [_fts5_query(terms)],
        )
        return qs.filter(pk__in=ids)
    # Any other database: a plain scan of the normalised column (same semantics, slower).
    cond = Q()
    padded = Concat(Value(" "), "search_text", Value(" "), output_field=TextField())
    qs = qs.annotate(_padded=padded)
    for term in terms[:-1]:
        cond &= Q(_padded__contains=f" {term} ")
    cond &= Q(_padded__contains=f" {terms[-1]}")
    return qs.filter(cond)


def _pg_scan(tsquery: str, k: int, rows: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(_PG_SCAN, {"rows": rows, "q": tsquery, "k": k})
        return [row[0] for row in cursor.fetchall()]


# Every setting in one statement, and back to the session's values in one statement.
_PG_GIN_SET = "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(_PG_GIN_SETTINGS))
_PG_GIN_RESET = "SELECT set_config(name, reset_val, true) FROM pg_settings WHERE name = ANY(%s)"


def _pg_gin(tsquery: str, k: int) -> list[int]:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_PG_GIN_SET, [v for item in _PG_GIN_SETTINGS.items() for v in item])
        cursor.execute(_PG_GIN, {"q": tsquery, "k": k})
        ids = [row[0] for row in cursor.fetchall()]
        # Inside an outer transaction the savepoint's release would keep the settings: undo
        # them (an error rolls the savepoint back, and the settings with it).
        cursor.execute(_PG_GIN_RESET, [list(_PG_GIN_SETTINGS)])
    return ids


def _pg_newest(terms: list[str], k: int) -> list[int]:
    """Ids of the newest ``k`` public stories matching ``terms`` (PostgreSQL), newest first."""
    tsquery = _pg_tsquery(terms)
    found = _pg_scan(tsquery, k, PROBE_ROWS)
    if len(found) >= k:
        return found
    if found:
        expected_rows = PROBE_ROWS * k // len(found)  # the walk's rows to meet k matches
        if expected_rows <= WALK_ROWS_PER_TERM * len(terms):
            found = _pg_scan(tsquery, k, 2 * expected_rows)
            if len(found) >= k:
                return found
    return _pg_gin(tsquery, k)


def _newest_in_windows(matching: QuerySet[Story], base: QuerySet[Story], k: int) -> list[int]:
    latest = base.order_by("-published_at").values_list("published_at", flat=True).first()
    newest: list[int] = []
    for days in WINDOWS_DAYS if latest is not None else (None,):
        window = matching
        if days is not None and latest is not None:
            window = matching.filter(published_at__gte=latest - dt.timedelta(days=days))
        newest = list(window.values_list("pk", flat=True)[:k])
        if len(newest) >= k:
            break
    return newest


def search_stories(query: str, *, qs: QuerySet[Story] | None = None) -> QuerySet[Story]:
    """Published stories matching ``query``, best first; empty when the query has no word."""
    terms = query_terms(query)
    base = published_stories() if qs is None else qs
    if not terms:
        return base.none()
    # Two steps (the candidates' ids, then the ranking over them): plain index-driven queries
    # the planner handles well, rather than a correlated subquery.
    if qs is None and connection.vendor == "postgresql":
        newest = _pg_newest(terms, CANDIDATES)
    else:
        # Ordered by an expression no index provides: PostgreSQL reads the matches through the
        # full-text index (cheap when few) instead of walking the date index hoping to meet
        # them (the plan it picks for ORDER BY … LIMIT when it overestimates the matches).
        matching = _matching(base, terms).order_by(
            Coalesce("published_at", "created_at").desc(), "-id"
        )
        newest = _newest_in_windows(matching, base, CANDIDATES)
    found = base.filter(pk__in=newest)
    title = Concat(Value(" "), "search_title", Value(" "), output_field=TextField())
    text = Concat(Value(" "), "search_text", Value(" "), output_field=TextField())
    in_title = Q()
    for term in terms[:-1]:
        in_title &= Q(_title__contains=f" {term} ")
    in_title &= Q(_title__contains=f" {terms[-1]}")
    phrase = " ".join(terms)
    return found.annotate(
        _title=title,
        _text=text,
        title_hit=Case(
            When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField()
        ),
        phrase_hit=Case(
            When(_text__contains=f" {phrase}", then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    ).order_by("-title_hit", "-phrase_hit", "-published_at", "-id")


def sqlite_index_in_place() -> bool:
    """Are the FTS5 table and its three triggers there (SQLite only)?"""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name LIKE 'showcase_story_fts%%' "
            "AND type IN ('table', 'trigger')"
        )
        names = {row[0] for row in cursor.fetchall()}
    wanted = {"showcase_story_fts", *(f"showcase_story_fts_{s}" for s in ("ai", "ad", "au"))}
    return wanted <= names


def rebuild_sqlite_index() -> None:
    """Recreate the FTS5 table and triggers and refill them (after a table rebuild)."""
    import importlib

    migration = importlib.import_module("guongsang.showcase.migrations.0002_search_index")
    with connection.cursor() as cursor:
        for statement in [*migration.SQLITE_DROP, *migration.SQLITE_CREATE]:
            cursor.execute(statement)


def rebuild_pg_words() -> None:
    """Refill showcase_story_words in publication order (PostgreSQL; after a bulk load).

    The trigger keeps the table right row by row; rows written in publication order (as they
    are when stories are published one by one) make the newest-first walk read few pages.
    """
    import importlib

    migration = importlib.import_module("guongsang.showcase.migrations.0004_search_words")
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in [
            *migration.PG_DROP_INDEXES,
            "TRUNCATE showcase_story_words",
            *migration.PG_FILL,
            *migration.PG_INDEXES,
        ]:
            cursor.execute(statement)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE showcase_story_words")


__all__ = [
    "normalise",
    "rebuild_pg_words",
    "rebuild_sqlite_index",
    "search_stories",
    "sqlite_index_in_place",
]
