"""Kiểm tra trùng lặp: every entry against all earlier entries and all published stories.

Texts are normalised (case, diacritics, đ→d), cut into 3-word shingles, and summarised by a
MinHash signature (datasketch) that is stored once per text (`TextSignature`). A MinHashLSH
index built from the stored signatures (kept per process while the corpus is unchanged) gives
the candidates; each candidate is then verified with the exact Jaccard index and containment
of the shingle sets, and the overlapping passages are located in both texts.

The corpus comes from providers (`CorpusProvider`): contest entries, and the showcase's
stories when that app is installed.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

# The text side of the engine lives in core (the dossiers' check uses it too); its names are
# re-exported here for the callers and the benchmark.
from guongsang.core.neardup import (  # noqa: F401
    MIN_CONTAINMENT,
    MIN_JACCARD,
    MIN_SHINGLES,
    SHINGLE,
    Token,
    containment,
    fold,
    highlight,
    jaccard,
    normalise,
    overlap_spans,
    shingle_set,
    shingles_of,
    tokens,
)

if TYPE_CHECKING:  # numpy and datasketch (which pulls in scipy) load only when a check runs
    import numpy as np
    from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
LSH_THRESHOLD = 0.5  # candidates: estimated Jaccard of this or more (see the bench)
# LSH candidates estimated below this are not read (the estimate's standard error is about
# 0.04 at 128 permutations, so a pair right at MIN_JACCARD is kept 99 times in 100).
SIFT = MIN_JACCARD - 0.1


# --- text ---------------------------------------------------------------------------------
def digest(text: str) -> str:
    return hashlib.sha256(normalise(text).encode()).hexdigest()


SCHEME = "affine32"
SEED = 1


def minhash(shingles: Iterable[str], num_perm: int = NUM_PERM) -> MinHash:
    from datasketch import MinHash

    m = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME)
    m.update_batch([s.encode() for s in shingles])
    return m


def to_bytes(m: MinHash) -> bytes:
    import numpy as np

    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    """A stored signature (no permutations to rebuild: cheap to load by the thousand)."""
    import numpy as np
    from datasketch import LeanMinHash

    values = np.frombuffer(bytes(data), dtype=np.uint64)
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


# --- corpus providers ----------------------------------------------------------------------
@dataclass(frozen=True)
class CorpusText:
    source: str
    object_id: str
    label: str
    text: str


class CorpusProvider(Protocol):
    """A source of texts to compare entries with."""

    source: str

    def texts(self) -> Iterator[CorpusText]: ...

    def get(self, object_ids: Iterable[str]) -> dict[str, CorpusText]: ...

    def allowed(self, entry: Any, object_ids: Iterable[str]) -> set[str]:
        """The ids among these that this entry must be compared with."""
        ...


class EntryCorpus:
    source = "entry"

    def _qs(self) -> Any:
        from guongsang.contests.models import Entry, EntryStatus

        return Entry.objects.filter(status=EntryStatus.SUBMITTED).select_related("contest")

    def _text(self, entry: Any) -> CorpusText:
        label = f"{entry.code or '—'} · {entry.title} ({entry.contest.year})"
        return CorpusText(self.source, str(entry.pk), label, entry.text)

    def texts(self) -> Iterator[CorpusText]:
        for entry in self._qs().iterator(chunk_size=500):
            yield self._text(entry)

    def get(self, object_ids: Iterable[str]) -> dict[str, CorpusText]:
        ids = [int(i) for i in object_ids]
        return {str(e.pk): self._text(e) for e in self._qs().filter(pk__in=ids)}

    def allowed(self, entry: Any, object_ids: Iterable[str]) -> set[str]:
        """Entries submitted before this one (the earlier of a pair is the original)."""
        from django.db.models import Q

        ids = [int(i) for i in object_ids if i != str(entry.pk)]
        when = entry.submitted_at
        qs = self._qs().filter(pk__in=ids)
        if when is not None:
            qs = qs.filter(Q(submitted_at__lt=when) | Q(submitted_at=when, pk__lt=entry.pk))
        return {str(pk) for pk in qs.values_list("pk", flat=True)}


class StoryCorpus:
    """Published stories of the showcase (skipped when the app has no Story model)."""

    source = "story"

    def _qs(self) -> Any:
        try:
            from guongsang.showcase.models import Story
        except ImportError:
            return None
        return Story.objects.published()

    def texts(self) -> Iterator[CorpusText]:
        qs = self._qs()
        if qs is None:
            return
        for story in qs.iterator(chunk_size=500):
            yield CorpusText(self.source, str(story.pk), story.title, story.body)

    def get(self, object_ids: Iterable[str]) -> dict[str, CorpusText]:
        qs = self._qs()
        if qs is None:
            return {}
        ids = [int(i) for i in object_ids]
        return {
            str(s.pk): CorpusText(self.source, str(s.pk), s.title, s.body)
            for s in qs.filter(pk__in=ids)
        }

    def allowed(self, entry: Any, object_ids: Iterable[str]) -> set[str]:
        return set(object_ids)


def providers() -> list[CorpusProvider]:
    return [EntryCorpus(), StoryCorpus()]


# --- stored signatures and the LSH index ---------------------------------------------------
def signature_store(item: CorpusText) -> MinHash | LeanMinHash:
    """The stored signature of a text, computed (and saved) only when the text changed."""
    from guongsang.contests.models import TextSignature

    key = digest(item.text)
    found = TextSignature.objects.filter(source=item.source, object_id=item.object_id).first()
    if found is not None and found.digest == key:
        return from_bytes(found.hashvalues)
    shingles = shingle_set(item.text)
    m = minhash(shingles)
    TextSignature.objects.update_or_create(
        source=item.source,
        object_id=item.object_id,
        defaults={"digest": key, "hashvalues": to_bytes(m), "shingles": len(shingles)},
    )
    return m


def signatures_sync() -> int:
    """Sign every text of the corpus that has no (or an outdated) stored signature."""
    from guongsang.contests.models import TextSignature

    known = {
        (source, object_id): key
        for source, object_id, key in TextSignature.objects.values_list(
            "source", "object_id", "digest"
        )
    }
    made = 0
    for provider in providers():
        for item in provider.texts():
            if known.get((item.source, item.object_id)) != digest(item.text):
                signature_store(item)
                made += 1
    return made


class _IndexCache:
    """One LSH index per process, rebuilt from the stored signatures when they change; the
    signatures are kept beside it (a matrix) to sift the LSH candidates by their estimate."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version: tuple[Any, ...] | None = None
        self.lsh: MinHashLSH | None = None
        self.rows: dict[str, int] = {}
        self.matrix: np.ndarray | None = None  # built with the index

    def get(self) -> _IndexCache:
        import numpy as np
        from datasketch import MinHashLSH
        from django.db.models import Count, Max

        from guongsang.contests.models import TextSignature

        stats = TextSignature.objects.aggregate(n=Count("id"), last=Max("created_at"))
        version = (stats["n"], stats["last"])
        with self.lock:
            if self.lsh is None or version != self.version:
                lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
                rows: dict[str, int] = {}
                values: list = []
                found = TextSignature.objects.values_list("source", "object_id", "hashvalues")
                with lsh.insertion_session() as session:
                    for source, object_id, data in found.iterator(chunk_size=2000):
                        key = f"{source}:{object_id}"
                        signature = from_bytes(data)
                        session.insert(key, signature)
                        rows[key] = len(values)
                        values.append(signature.hashvalues)
                self.lsh, self.version, self.rows = lsh, version, rows
                self.matrix = (
                    np.vstack(values) if values else np.empty((0, NUM_PERM), dtype=np.uint64)
                )
            return self

    def candidates(self, m: MinHash | LeanMinHash) -> dict[str, float]:
        """Keys the LSH proposes, with their estimated Jaccard, kept when the estimate is
        near enough to the verification threshold to be worth reading the text."""
        import numpy as np

        assert self.lsh is not None and self.matrix is not None
        keys = [k for k in self.lsh.query(m) if k in self.rows]
        if not keys:
            return {}
        query = np.asarray(m.hashvalues, dtype=np.uint64)
        estimates = (self.matrix[[self.rows[k] for k in keys]] == query).mean(axis=1)
        return {k: float(e) for k, e in zip(keys, estimates, strict=True) if e >= SIFT}


INDEX = _IndexCache()


@dataclass(frozen=True)
class Match:
    source: str
    object_id: str
    label: str
    estimated: float
    jaccard: float
    containment: float
    entry_spans: list[tuple[int, int]]
    other_spans: list[tuple[int, int]]


def find_matches(entry: Any, *, sync: bool = True) -> list[Match]:
    """Texts of the corpus this entry is a near-duplicate of, verified and located.
    `sync=False` when the caller has just signed the whole corpus (a batch)."""
    item = CorpusText(EntryCorpus.source, str(entry.pk), entry.title, entry.text)
    mine = shingle_set(entry.text)
    if len(mine) < MIN_SHINGLES:
        return []
    m = signature_store(item)
    if sync:
        signatures_sync()
    candidates: dict[str, list[str]] = {}
    estimated: dict[tuple[str, str], float] = {}
    for key, estimate in INDEX.get().candidates(m).items():
        source, object_id = key.split(":", 1)
        candidates.setdefault(source, []).append(object_id)
        estimated[(source, object_id)] = estimate
    found: list[Match] = []
    for provider in providers():
        ids = provider.allowed(entry, candidates.get(provider.source, []))
        for object_id, other in provider.get(ids).items():
            theirs = shingle_set(other.text)
            j, c = jaccard(mine, theirs), containment(mine, theirs)
            if j < MIN_JACCARD and c < MIN_CONTAINMENT:
                continue
            common = mine & theirs
            found.append(
                Match(
                    source=provider.source,
                    object_id=object_id,
                    label=other.label,
                    estimated=estimated[(provider.source, object_id)],
                    jaccard=j,
                    containment=c,
                    entry_spans=overlap_spans(entry.text, common),
                    other_spans=overlap_spans(other.text, common),
                )
            )
    return sorted(found, key=lambda x: -x.containment)
