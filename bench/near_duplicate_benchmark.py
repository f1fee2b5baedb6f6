"""Near-duplicate check of one entry against a corpus of 100,000 texts.

    uv run python bench/near_duplicate_benchmark.py [--texts 100000] [--queries 200]

Builds a generated corpus (guongsang.contests.textgen: Vietnamese texts from varied sentence
parts), signs it with MinHash and indexes it with MinHashLSH exactly as the application does
(guongsang.contests.duplicates), then times one check = sign the entry + LSH query + exact
verification of the candidates. Beside it, brute force: the MinHash Jaccard estimate against
every signature (vectorised numpy), and the exact Jaccard against every shingle set (pure
Python, a few queries only). Queries are half light rewordings of corpus texts (names changed,
sentences reordered, diacritics stripped: must be found) and half fresh texts (must not be).
Results are printed and written to var/bench/near_duplicate.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from datasketch import MinHashLSH  # noqa: E402

from guongsang.contests import duplicates as d  # noqa: E402
from guongsang.contests import textgen  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--exact-queries", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(2024)

    t0 = time.perf_counter()
    corpus = [textgen.story(rng, sentences=rng.randint(14, 22)) for _ in range(args.texts)]
    t_generate = time.perf_counter() - t0

    t0 = time.perf_counter()
    sets = [d.shingle_set(s.text) for s in corpus]
    signatures = np.empty((args.texts, d.NUM_PERM), dtype=np.uint64)
    lsh = MinHashLSH(threshold=d.LSH_THRESHOLD, num_perm=d.NUM_PERM)
    with lsh.insertion_session() as session:
        for i, shingles in enumerate(sets):
            m = d.minhash(shingles)
            signatures[i] = m.hashvalues
            # as stored and reloaded by the application
            session.insert(i, d.from_bytes(d.to_bytes(m)))
    t_index = time.perf_counter() - t0

    # Queries: half rewordings of corpus texts, half fresh texts.
    queries: list[tuple[str, int | None]] = []
    for q in range(args.queries):
        if q % 2 == 0:
            target = rng.randrange(args.texts)
            src = corpus[target]
            text = textgen.reword(
                src.text, rng=rng, old_name=src.subject, new_name="Trương Thị Hậu"
            )
            queries.append((text, target))
        else:
            queries.append((textgen.story(rng, sentences=rng.randint(14, 22)).text, None))

    lsh_times, brute_times, candidates_seen, verified_seen = [], [], [], []
    found, missed, false_pos = 0, 0, 0
    for text, target in queries:
        t0 = time.perf_counter()
        mine = d.shingle_set(text)
        m = d.minhash(mine)
        hits = []
        cands = lsh.query(m)
        query = np.asarray(m.hashvalues, dtype=np.uint64)
        # As the application does: sift the candidates by their estimate before reading them.
        estimates = (signatures[cands] == query).mean(axis=1) if cands else np.empty(0)
        kept = [k for k, e in zip(cands, estimates, strict=True) if e >= d.SIFT]
        for key in kept:
            theirs = sets[key]
            if (
                d.jaccard(mine, theirs) >= d.MIN_JACCARD
                or d.containment(mine, theirs) >= d.MIN_CONTAINMENT
            ):
                hits.append(key)
        lsh_times.append(time.perf_counter() - t0)
        candidates_seen.append(len(cands))
        verified_seen.append(len(kept))
        if target is not None:
            found += target in hits
            missed += target not in hits
        false_pos += len([h for h in hits if h != target])

        t0 = time.perf_counter()
        estimates = (signatures == np.asarray(m.hashvalues, dtype=np.uint64)).mean(axis=1)
        brute_hits = np.nonzero(estimates >= d.LSH_THRESHOLD)[0]
        for key in brute_hits:
            d.jaccard(mine, sets[key])
        brute_times.append(time.perf_counter() - t0)

    exact_times = []
    for text, _ in queries[: args.exact_queries]:
        t0 = time.perf_counter()
        mine = d.shingle_set(text)
        best = max(d.jaccard(mine, theirs) for theirs in sets)
        exact_times.append(time.perf_counter() - t0)
        assert best >= 0

    result = {
        "texts": args.texts,
        "queries": args.queries,
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "generate_corpus_s": round(t_generate, 1),
        "sign_and_index_s": round(t_index, 1),
        "lsh_check_ms_median": round(1000 * statistics.median(lsh_times), 2),
        "lsh_check_ms_p95": round(1000 * percentile(lsh_times, 0.95), 2),
        "lsh_candidates_median": statistics.median(candidates_seen),
        "candidates_verified_median": statistics.median(verified_seen),
        "brute_minhash_ms_median": round(1000 * statistics.median(brute_times), 2),
        "brute_minhash_ms_p95": round(1000 * percentile(brute_times, 0.95), 2),
        "brute_exact_jaccard_ms_median": round(1000 * statistics.median(exact_times), 1),
        "rewordings_found": found,
        "rewordings_missed": missed,
        "false_positives": false_pos,
        "thresholds": {
            "lsh": d.LSH_THRESHOLD,
            "jaccard": d.MIN_JACCARD,
            "containment": d.MIN_CONTAINMENT,
            "shingle_words": d.SHINGLE,
            "num_perm": d.NUM_PERM,
        },
    }
    out = ROOT / "var" / "bench" / "near_duplicate.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
