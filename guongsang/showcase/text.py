"""Text helpers for the showcase: the unaccented search form, slugs, masking."""

import re

from guongsang.core.formatting import fold

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Search form: lowercase, no diacritics, đ -> d, words separated by single spaces.

    Punctuation becomes a space, so the SQLite FTS5 and the PostgreSQL 'simple' parser see the
    same tokens (plain ASCII letters and digits).
    """
    return _NON_WORD.sub(" ", fold(text or "")).strip()


def query_terms(query: str, *, limit: int = 8) -> list[str]:
    """The distinct words of a search query in normalised form, at most ``limit`` of them."""
    seen: list[str] = []
    for word in normalise(query).split():
        if word not in seen:
            seen.append(word)
    return seen[:limit]


def slugify_vi(text: str, *, max_length: int = 200) -> str:
    """'Người tốt, việc tốt' -> 'nguoi-tot-viec-tot'."""
    slug = normalise(text).replace(" ", "-")
    return slug[:max_length].strip("-") or "cau-chuyen"


def mask_contact(value: str) -> str:
    """Mask a phone number or an e-mail address: '0912345678' -> '091****678'."""
    value = (value or "").strip()
    if not value:
        return ""
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    if len(value) <= 6:
        return "*" * len(value)
    return f"{value[:3]}****{value[-3:]}"
