"""Near-duplicate texts: the engine of the writing contest's check, shared with the
dossiers' check of a reworded deed. Texts are normalised (case, diacritics, đ→d), cut into
3-word shingles, compared by the exact Jaccard index and containment of the shingle sets, and
the overlapping passages are located in both texts. Pure functions: no Django models."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from guongsang.core.formatting import fold

SHINGLE = 3
# Measured on generated texts (bench/near_duplicate_benchmark.py, 45,000 unrelated pairs):
# unrelated pairs reach Jaccard 0.25 / containment 0.44 at most (shared stock phrases), a light
# rewording (names changed, sentences reordered, no diacritics) keeps Jaccard 0.70 at least.
MIN_JACCARD = 0.4  # verified: exact Jaccard …
MIN_CONTAINMENT = 0.6  # … or the share of the text's shingles found in the other text
MIN_SHINGLES = 5

_WORD = re.compile(r"\w+", re.UNICODE)
# A text's words repeat (and so do a contest's): each is folded once. Words are short, so
# 50,000 of them weigh a few megabytes at most.
_fold_word = lru_cache(maxsize=50_000)(fold)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str


def tokens(text: str) -> list[Token]:
    """Words with their character offsets in the original text (NFC)."""
    text = unicodedata.normalize("NFC", text or "")
    return [Token(m.start(), m.end(), _fold_word(m.group())) for m in _WORD.finditer(text)]


def normalise(text: str) -> str:
    return " ".join(t.word for t in tokens(text))


def shingles_of(words: list[str], k: int = SHINGLE) -> set[str]:
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def shingle_set(text: str) -> set[str]:
    return shingles_of([t.word for t in tokens(text)])


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: set[str], b: set[str]) -> float:
    """Share of a's shingles that are also in b."""
    return len(a & b) / len(a) if a else 0.0


def overlap_spans(text: str, common: set[str], k: int = SHINGLE) -> list[tuple[int, int]]:
    """Character spans of `text` covered by the shingles in `common`, merged."""
    toks = tokens(text)
    covered = [False] * len(toks)
    for i in range(len(toks) - k + 1):
        if " ".join(t.word for t in toks[i : i + k]) in common:
            for j in range(i, i + k):
                covered[j] = True
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if not covered[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and covered[j + 1]:
            j += 1
        spans.append((toks[i].start, toks[j].end))
        i = j + 1
    return spans


def highlight(text: str, spans: list[list[int]] | list[tuple[int, int]]) -> str:
    """HTML of the text (escaped) with the spans in <mark>."""
    from django.utils.html import escape

    text = unicodedata.normalize("NFC", text or "")
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")
