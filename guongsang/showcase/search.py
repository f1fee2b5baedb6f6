"""Search over published stories, ignoring diacritics and case, on PostgreSQL and SQLite.

The query is normalised like ``Story.search_text`` (lowercase, no diacritics, đ → d), split
into words; a story matches when it contains every word (the last word may be the beginning
of a word, so "nguoi tot viec t" already finds "Người tốt, việc tốt"). The matching uses the
full-text index of the database: PostgreSQL ``search_vector @@ to_tsquery('simple', …)``
(GIN), SQLite FTS5 ``MATCH``. Ranking is computed the same way on both databases:

1. when the query is typed with diacritics, the stories holding every word exactly as typed
   (same marks; lowercase, capitalised or upper case) come first ("Đặng" before "Đăng");
2. every query word is a word of the title (title hits first);
3. the words appear together, in the query's order, somewhere in the story (phrase hits);
4. newest first (published_at, then id: ties are deterministic).

A search is one SQL statement: the candidates are a subquery of the ranking query, and the
ranking is one expression whose SQL is built once per shape of query (number of words, of
words typed with diacritics, database) and reused with new values.

Only the newest ``CANDIDATES`` matches are ranked; older matches follow nowhere: at that
point the visitor should refine the query. How the newest matches are found depends on how
common the words are (the result is the same either way, see ``_pg_newest``):

- PostgreSQL, public search: the function showcase_search_newest (migration 0005), over the
  side table showcase_story_words (migration 0004: each
  public story's words and date, in publication order). First the newest ``PROBE_ROWS``
  stories are tested one by one, newest first (an index-ordered scan that stops at the
  ``CANDIDATES``-th match: a few milliseconds for common words such as "nguoi tot viec tot").
  If they hold enough matches for the walk to meet the rest sooner than the GIN index would
  answer (``WALK_ROWS_PER_TERM``), the walk goes on; otherwise the words are rare together and
  the GIN index on the words lists every match with its date, without reading showcase_story.
  Either way the candidates are the newest matches by (published_at or created_at, id).
- SQLite (FTS5) and other databases: the newest matches by date, in a subquery.
- PostgreSQL with another queryset: the full-text match filtered to growing windows back from
  the newest story (``WINDOWS_DAYS``), a few statements.

A diacritic typed on the wrong letter ("nguòi" for "người") is normalised away like any
other diacritic, so it still matches: only the letters count. A wrong letter does not match.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat

from guongsang.core.formatting import nfc
from guongsang.showcase.models import Story, published_stories
from guongsang.showcase.text import normalise, query_terms

_WORD = re.compile(r"\w+")
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


def _pg_newest_sql(terms: list[str], k: int) -> RawSQL:
    """The ids of the newest ``k`` public stories matching ``terms`` (PostgreSQL), as a
    subquery: the function of migration 0005 walks the newest stories or asks the GIN index."""
    return RawSQL(
        "SELECT showcase_search_newest(%s, %s, %s, %s)",
        [_pg_tsquery(terms), k, PROBE_ROWS, WALK_ROWS_PER_TERM * len(terms)],
    )


def _pg_newest(terms: list[str], k: int) -> list[int]:
    """The same ids as a list, newest first."""
    subquery = _pg_newest_sql(terms, k)
    with connection.cursor() as cursor:
        cursor.execute(subquery.sql, subquery.params)
        return [row[0] for row in cursor.fetchall()]


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


def exact_words(query: str) -> list[str]:
    """The query's words as typed (NFC, lowercase) when at least one carries a diacritic or
    is đ; otherwise none: a query without marks prefers no spelling."""
    words = list(dict.fromkeys(_WORD.findall(nfc(query).lower())))[:8]
    return words if any(normalise(w) != w for w in words) else []


@functools.cache
def _rank_sql(vendor: str, terms: int, exact: int) -> str:
    """The ranking expression for a query of this shape, built once: 8 for every word found
    exactly as typed, 4 for a title hit, 2 for a phrase hit (so they sort in that order)."""
    find = "strpos" if vendor == "postgresql" else "instr"
    story = "showcase_story"

    def has(column: str, needles: int) -> str:
        return " OR ".join([f"{find}({column}, %s) > 0"] * needles)

    title = f"(' ' || {story}.search_title || ' ')"
    text = f"(' ' || {story}.search_text || ' ')"
    original = f"({story}.title || ' ' || {story}.summary || ' ' || {story}.body)"
    in_title = " AND ".join([has(title, 1)] * terms)
    rank = f"CASE WHEN {in_title} THEN 4 ELSE 0 END + CASE WHEN {has(text, 1)} THEN 2 ELSE 0 END"
    if exact:
        as_typed = " AND ".join([f"({has(original, 3)})"] * exact)
        rank += f" + CASE WHEN {as_typed} THEN 8 ELSE 0 END"
    return f"({rank})"


def _rank(query: str, terms: list[str]) -> RawSQL:
    exact = exact_words(query)
    params: list[str] = [f" {t} " for t in terms[:-1]] + [f" {terms[-1]}"]
    params.append(" " + " ".join(terms))
    for word in exact:
        params += [word, word[:1].upper() + word[1:], word.upper()]
    # The SQL is built from counts only; every value goes as a parameter.
    return RawSQL(_rank_sql(connection.vendor, len(terms), len(exact)), params)  # noqa: S611


def search_stories(query: str, *, qs: QuerySet[Story] | None = None) -> QuerySet[Story]:
    """Published stories matching ``query``, best first; empty when the query has no word."""
    terms = query_terms(query)
    base = published_stories() if qs is None else qs
    if not terms:
        return base.none()
    newest: Any
    if connection.vendor == "postgresql" and qs is None:
        newest = _pg_newest_sql(terms, CANDIDATES)
    elif connection.vendor == "postgresql":
        # Ordered by an expression no index provides: PostgreSQL reads the matches through the
        # full-text index (cheap when few) instead of walking the date index hoping to meet
        # them (the plan it picks for ORDER BY … LIMIT when it overestimates the matches).
        matching = _matching(base, terms).order_by(
            Coalesce("published_at", "created_at").desc(), "-id"
        )
        newest = _newest_in_windows(matching, base, CANDIDATES)
    else:
        matching = _matching(base, terms).order_by(
            Coalesce("published_at", "created_at").desc(), "-id"
        )
        newest = matching.values("pk")[:CANDIDATES]
    return (
        base.filter(pk__in=newest)
        .annotate(rank=_rank(query, terms))
        .order_by("-rank", "-published_at", "-id")
    )


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
