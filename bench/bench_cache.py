"""The claim cache, cold and warm, side by side in one run on the bench corpus.

    python bench/bench_cache.py [--corpus bench/out/corpus] [--documents 300] [--repeat 3]

The cache saves extraction only; grouping and comparison run every time. The synthetic
corpus states the same facts in every document, so its findings grow with the square of
the documents; `--documents` keeps a run short, and the claims stage (extract or cache
read) is timed apart from the whole check.

Each round, on a copy of the corpus's first documents and an empty cache folder:
- no cache: the whole pipeline, every document extracted (what `--no-cache` does);
- cold: the same, filling an empty cache;
- warm: again, every document's claims from the cache;
- one file edited: a sentence appended to one document, then a check.
Medians over `--repeat` rounds, with the cache's own count of extractions.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from factcheck.cache import ClaimCache
from factcheck.pipeline import check_paths, extract_claims_of
from factcheck.project import load_rules

ROOT = Path(__file__).resolve().parent.parent


def timed_check(corpus: Path, rules, cache: ClaimCache | None) -> tuple[float, float, str]:
    """The whole check's time, the claims stage's time, and what the cache did."""
    claims_time = 0.0
    source = cache.claims if cache else extract_claims_of

    def timed_claims_of(document, rules):
        nonlocal claims_time
        start = time.perf_counter()
        claims = source(document, rules)
        claims_time += time.perf_counter() - start
        return claims

    before = (cache.stats.misses, cache.stats.hits) if cache else (0, 0)
    start = time.perf_counter()
    check_paths([corpus], rules, claims_of=timed_claims_of)
    elapsed = time.perf_counter() - start
    if cache is None:
        return elapsed, claims_time, "every document extracted"
    return elapsed, claims_time, (f"{cache.stats.misses - before[0]} extracted, "
                                  f"{cache.stats.hits - before[1]} from cache")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "out" / "corpus")
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    rules = load_rules(ROOT / "rules")
    documents = sorted(arguments.corpus.rglob("*.txt"))[:arguments.documents]
    print(f"corpus: {len(documents)} documents, {sum(p.stat().st_size for p in documents):,} bytes")
    names = ("no cache", "cold", "warm", "one file edited")
    times: dict[str, list[float]] = {name: [] for name in names}
    claim_times: dict[str, list[float]] = {name: [] for name in names}
    notes: dict[str, str] = {}
    for _ in range(arguments.repeat):
        with tempfile.TemporaryDirectory() as scratch:
            corpus = Path(scratch) / "corpus"
            corpus.mkdir()
            for document in documents:
                shutil.copy2(document, corpus / document.name)
            cache = ClaimCache(Path(scratch) / "cache")
            for name in names:
                if name == "one file edited":
                    edited = sorted(corpus.iterdir())[len(documents) // 2]
                    edited.write_text(edited.read_text(encoding="utf-8") + "\nA late addition: 12 people were hurt.\n",
                                      encoding="utf-8")
                elapsed, claims_elapsed, notes[name] = timed_check(corpus, rules, None if name == "no cache" else cache)
                times[name].append(elapsed)
                claim_times[name].append(claims_elapsed)
            cache.close()
    cold, cold_claims = statistics.median(times["cold"]), statistics.median(claim_times["cold"])
    for name in names:
        total, claims = statistics.median(times[name]), statistics.median(claim_times[name])
        print(f"{name:16} whole check {total:6.2f} s ({cold / total:4.1f}x vs cold)   "
              f"claims stage {claims:6.2f} s ({cold_claims / claims:5.1f}x vs cold)   {notes[name]}")
    print(f"medians of {arguments.repeat} rounds")


if __name__ == "__main__":
    main()
