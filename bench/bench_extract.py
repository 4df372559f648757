"""Extraction speed and memory, side by side with quantulum3, in one run.

    python bench/bench_extract.py [--corpus bench/out/corpus] [--sample-kb 300] [--repeat 3]

- both extractors read the same sample (the corpus's first documents' paragraphs),
  `--repeat` times: quantulum3 one paragraph at a time (it slows sharply on long
  strings), extract_claims both one paragraph at a time and on the whole sample at once
  (how a document is read); the median time of each gives characters per second and the
  ratios;
- factcheck then reads the whole corpus once, document by document, and reports its
  speed and its peak resident memory after the first tenth and at the end (flat memory
  means the two agree).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def paragraphs_of(paths: list[Path], limit_chars: int) -> list[str]:
    found, total = [], 0
    for path in paths:
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            if paragraph.strip():
                found.append(paragraph)
                total += len(paragraph)
                if total >= limit_chars:
                    return found
    return found


def timed(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "out" / "corpus")
    parser.add_argument("--sample-kb", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from factcheck.extract import extract_document_claims
    from factcheck.project import load_rules

    rules = load_rules(ROOT / "rules")
    paths = sorted(args.corpus.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no corpus in {args.corpus}: run bench/make_corpus.py first")
    sample = paragraphs_of(paths, args.sample_kb * 1000)
    sample_chars = sum(map(len, sample))

    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import quantulum3.classifier
        import quantulum3.parser as quantulum

        try:
            quantulum3.classifier.Classifier(lang="en_US")
            quantulum.parse("warm up 5 km")
        except Exception as error:  # its pickled classifier loads only with the scikit-learn it was saved by
            quantulum3.classifier.USE_CLF = False
            quantulum.parse("warm up 5 km")
            print(f"note: quantulum3's shipped classifier does not load here ({type(error).__name__}: {error}); "
                  "it runs with its rule-based disambiguation, which does less work per quantity")
    quantulum_load = time.perf_counter() - start
    extract_document_claims("warm up 5 km", "warm-up", rules)

    joined = "\n".join(sample)
    ours_per_paragraph = timed(lambda: [extract_document_claims(p, "bench", rules) for p in sample], args.repeat)
    ours = timed(lambda: extract_document_claims(joined, "bench", rules), args.repeat)
    theirs = timed(lambda: [quantulum.parse(p) for p in sample], args.repeat)
    print(f"sample: {len(sample)} paragraphs, {sample_chars:,} characters, median of {args.repeat} runs")
    print(f"quantulum3.parse, per paragraph  {sample_chars / theirs:>10,.0f} chars/s  "
          f"({theirs:.2f} s; its load took {quantulum_load:.1f} s)")
    print(f"extract_claims, per paragraph    {sample_chars / ours_per_paragraph:>10,.0f} chars/s  "
          f"({ours_per_paragraph:.3f} s)  ratio {theirs / ours_per_paragraph:.1f} x")
    print(f"extract_claims, whole text       {sample_chars / ours:>10,.0f} chars/s  "
          f"({ours:.3f} s)  ratio {theirs / ours:.1f} x")

    total_chars = claims = 0
    tenth = max(1, len(paths) // 10)
    rss_at_tenth = None
    start = time.perf_counter()
    for index, path in enumerate(paths, 1):
        text = path.read_text(encoding="utf-8")
        total_chars += len(text)
        claims += len(extract_document_claims(text, path.name, rules))
        if index == tenth:
            rss_at_tenth = peak_rss_mb()
    elapsed = time.perf_counter() - start
    print(f"whole corpus: {len(paths)} documents, {total_chars:,} characters, {claims:,} claims, "
          f"{total_chars / elapsed:,.0f} chars/s")
    print(f"peak memory: {rss_at_tenth:.0f} MB after {tenth} documents, {peak_rss_mb():.0f} MB after {len(paths)}")


if __name__ == "__main__":
    main()
