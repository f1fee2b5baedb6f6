"""Search of the internal lists, ignoring diacritics, case and đ/Đ, on SQLite and PostgreSQL.

The query is folded with `core.formatting.fold`, the one folding of the public search, and each
searched column is folded the same way inside the database:

- SQLite: the Python function itself, registered on each connection as ``gs_fold``;
- PostgreSQL: ``lower(translate(column, …))`` with the translation table computed from `fold`
  over every Latin letter with marks (no extension needed, and the same letters fold).

A row matches when every word of the query appears in one of the columns ("dang ngoc tam"
finds "Đặng Ngọc Tâm", "tam dang" too).
"""

from __future__ import annotations

import functools
from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import F, Func, Q, QuerySet, TextField

from guongsang.core.formatting import fold, nfc

SQLITE_FUNCTION = "gs_fold"
# Latin-1 Supplement, Latin Extended-A/B, and Latin Extended Additional (ạ…ỹ).
_LATIN_RANGES = ((0x00C0, 0x0250), (0x1E00, 0x1F00))


@functools.cache
def translation_table() -> tuple[str, str]:
    """The letters that `fold` turns into one ASCII letter, and what each becomes."""
    source, target = [], []
    for low, high in _LATIN_RANGES:
        for code in range(low, high):
            letter = chr(code)
            folded = fold(letter)
            if len(folded) == 1 and folded.isascii() and folded != letter:
                source.append(letter)
                target.append(folded)
    return "".join(source), "".join(target)


class Folded(Func):
    """fold(column) inside the database."""

    output_field = TextField()

    def __init__(self, expression: Any, **extra: Any) -> None:
        if isinstance(expression, str):
            expression = F(expression)
        super().__init__(expression, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        source, target = translation_table()
        sql, params = compiler.compile(self.source_expressions[0])
        return f"lower(translate({sql}, %s, %s))", (*params, source, target)


def search_terms(query: str) -> list[str]:
    return fold(nfc(query or "")).split()


def fold_search(qs: QuerySet[Any], query: str, *fields: str) -> QuerySet[Any]:
    """Rows of `qs` where each word of `query` is in one of `fields`, all folded."""
    terms = search_terms(query)
    if not terms:
        return qs
    names = {f"_folded_{i}": Folded(field) for i, field in enumerate(fields)}
    qs = qs.alias(**names)
    for term in terms:
        condition = Q()
        for name in names:
            condition |= Q(**{f"{name}__contains": term})
        qs = qs.filter(condition)
    return qs


def _register_sqlite(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)


def connect() -> None:
    connection_created.connect(_register_sqlite, dispatch_uid="guongsang.core.textsearch")
