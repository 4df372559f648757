"""Where a whole run's time goes on the 10 MB bench corpus (`bench/make_corpus.py`: the
seed texts repeated with their figures varied, so few events and very large facts), stage
by stage, and the compare stage side by side: every pair of every fact against each claim
with its fact's consensus above `compare.PAIRWISE_LIMIT` claims (the linear way).

    python bench/bench_stages.py [--corpus bench/out/corpus]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "out" / "corpus")
    arguments = parser.parse_args()
    if not arguments.corpus.is_dir():
        print(f"skipped: no corpus at {arguments.corpus} (make it with bench/make_corpus.py --size-mb 10)")
        return 0

    from factcheck import compare
    from factcheck.engine import LocalEngine
    from factcheck.frame import frame_claims
    from factcheck.group import group_claims
    from factcheck.project import load_rules
    from factcheck.readers import discover_sources, read_sources

    rules = load_rules(ROOT / "rules")
    timings = {}
    started = time.perf_counter()
    documents, _ = read_sources(discover_sources([arguments.corpus])[0])
    timings["read"] = time.perf_counter() - started
    size = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6

    started = time.perf_counter()
    claims = sorted((c for found in LocalEngine().extract(documents, rules) for c in found),
                    key=lambda c: (c.source, c.start, c.end))
    timings["extract"] = time.perf_counter() - started
    started = time.perf_counter()
    claims = list(frame_claims(documents, claims, rules).claims)
    timings["frame"] = time.perf_counter() - started
    started = time.perf_counter()
    facts = group_claims(claims, rules)
    timings["group"] = time.perf_counter() - started
    by_id = {claim.id: claim for claim in claims}
    largest = max((len(f.claim_ids) for f in facts), default=0)
    print(f"corpus: {len(documents)} documents, {size:.1f} MB, {len(claims)} claims, {len(facts)} facts "
          f"(largest {largest} claims)")
    print("stages: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items()))

    results = {}
    for name, limit in (("every pair", 10**9), (f"consensus above {compare.PAIRWISE_LIMIT}", compare.PAIRWISE_LIMIT)):
        with mock.patch.object(compare, "PAIRWISE_LIMIT", limit):
            started = time.perf_counter()
            _, findings = compare.compare_facts(facts, by_id, rules)
            results[name] = (time.perf_counter() - started, len(findings))
        print(f"compare  {name:22s} {results[name][0]:7.2f} s  findings={results[name][1]}", flush=True)
    (before, before_n), (after, after_n) = results.values()
    print(f"compare: {before / after:.1f}x faster, {before_n / max(after_n, 1):.1f}x fewer findings; "
          f"peak MB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
    shuffle_payload(claims, size)
    return 0


def shuffle_payload(claims, text_mb: float) -> None:
    """What a shuffle of these claims by blocking key would move: the claims as report.json
    records in Parquet (pyarrow), per compression, in bytes per claim and per byte of text."""
    import io

    import pandas as pd

    from factcheck.report.records import claim_record

    frame = pd.DataFrame([claim_record(claim, None) for claim in claims])
    for compression in ("snappy", "zstd"):
        buffer = io.BytesIO()
        started = time.perf_counter()
        frame.to_parquet(buffer, engine="pyarrow", compression=compression, index=False)
        seconds = time.perf_counter() - started
        size = buffer.getbuffer().nbytes
        print(f"claims as Parquet ({compression}): {size / 1e6:.1f} MB, {size / len(claims):.0f} bytes per claim, "
              f"{size / (text_mb * 1e6):.2f} bytes per byte of text, written in {seconds:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
