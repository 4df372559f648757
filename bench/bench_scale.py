"""Scale bench (`make bench-scale`, not part of `make test`): a generated corpus of many
invented events, extracted with the local engine and with Dask on 1 and 2 worker
processes, side by side in one run; then a whole `factcheck run` on a slice of it with
each engine.

    python bench/bench_scale.py [--size-mb 200] [--whole-mb 10] [--out bench/out/scale]

Prints, per engine: throughput (MB/s and claims/s) of the extract stage, peak memory of
the client and of each worker, and the speed-up from 1 to 2 workers; then the whole run's
time per engine and whether the reports are identical; then whether the development set's
reports (../shared/eval/dev, when it is there) are identical with both engines.

The extract stage is run over the corpus in slices of `--slice-mb`, each slice's claims
counted and dropped, because the later stages (grouping, comparison) still hold every
claim in one process (see docs/scaling.md): the bench measures what scales today.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_DOCS = ROOT.parent / "shared" / "eval" / "dev" / "docs"

SYLLABLES = ("or", "val", "tar", "ve", "na", "sar", "lenz", "by", "quo", "ra", "bel", "mish", "dra", "vik", "os",
             "ke", "lund", "var", "rin", "tes", "sa", "ly", "mor", "dun", "kel", "pa", "zir", "ho")
KINDS = ("floods", "earthquake", "landslide", "storm", "wildfire", "cyclone", "drought", "heatwave")
TEMPLATES = (
    "The {year} {place} {kind} killed {dead} people and displaced about {fled:,} residents, officials said.",
    "At least {dead} people died in the {kind} that struck {place} in {year}; more than {fled:,} fled their homes.",
    "Relief agencies counted {dead2} dead after the {year} {kind} in {place}, and {share} percent of homes were "
    "damaged.",
    "The {place} bridge, {length:,}-metre long, reopened in {later} after repairs that cost ${cost} million.",
    "In {place}, {schools} schools stayed shut for {weeks} weeks after the {kind} of {year}.",
    "Damage from the {kind} in {place} was put at {damage} billion dollars, about {gdp} percent of output.",
    "Some {aid:,} tonnes of aid reached {place} within {days} days of the {year} {kind}.",
    "The {place} reservoir, {area} square kilometres, held {volume} million cubic metres before the {kind}.",
)


def place_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3)))).capitalize()


def write_article_figures(rng: random.Random, place: str, kind: str, year: int, paragraphs: int = 6) -> list[str]:
    """An article's paragraphs of figures on one event, four templates each, the
    figures varied so that articles on one event agree, round and conflict."""
    written = []
    for _ in range(paragraphs):
        dead = rng.choice((12, 40, 42, 48, 61, 100, 240, 1_200))
        written.append(" ".join(
            template.format(place=place, kind=kind, year=year, later=year + 2, dead=dead,
                            dead2=dead + rng.choice((0, 3, 20)), fled=rng.choice((12_000, 12_400, 15_000)),
                            share=rng.choice((30, 31, 45)), length=rng.choice((1_200, 1_187)),
                            cost=rng.choice((4, 4.5)), schools=rng.choice((12, 14)), weeks=rng.choice((3, 6)),
                            damage=rng.choice((1.2, 1.25, 3)), gdp=rng.choice((2, 2.5)),
                            aid=rng.choice((4_000, 4_200)), days=rng.choice((3, 10)),
                            area=rng.choice((12, 14.5)), volume=rng.choice((300, 310)))
            for template in rng.sample(TEMPLATES, 4)))
    return written


def make_corpus(size_mb: float, out: Path, seed: int = 29) -> list[Path]:
    """One article per file, about 3 KB each, on invented events (thousands of places,
    eight kinds, four decades), their figures varied from article to article so facts
    agree, round and conflict. Deterministic for a seed.

    One article per file: a file of many articles is still read as one full-length copy
    of the file per article (docs/scaling.md), which this bench would measure instead of
    the engines."""
    rng = random.Random(seed)
    events = [(place_name(rng), rng.choice(KINDS), rng.randrange(1995, 2035)) for _ in range(20_000)]
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    target = int(size_mb * 1_000_000)
    written, paths, number = 0, [], 0
    while written < target:
        place, kind, year = rng.choice(events)
        text = f"title: {place} {kind} {year}\n\n" + "\n\n".join(write_article_figures(rng, place, kind, year)) + "\n"
        path = out / f"{number // 1000:03d}" / f"article-{number:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
        paths.append(path)
        number += 1
    return paths


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    """A process's resident memory now (run on each worker). Not ru_maxrss: a worker
    forked from the client would report the client's peak as its own."""
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def extract_stage(paths: list[Path], engine, rules, slice_mb: float) -> tuple[float, int, int, list[float]]:
    """Seconds, claims and bytes for extracting every document, slice by slice, and each
    worker's largest resident memory seen after a slice (MB)."""
    from factcheck.readers import discover_sources, read_sources

    claims = total_bytes = 0
    seconds = 0.0
    workers: dict[str, float] = {}
    index = 0
    while index < len(paths):
        chunk, size = [], 0
        while index < len(paths) and size < slice_mb * 1_000_000:
            chunk.append(paths[index])
            size += paths[index].stat().st_size
            index += 1
        documents, _ = read_sources(discover_sources(chunk)[0])
        started = time.perf_counter()
        found = list(engine.extract(documents, rules))
        seconds += time.perf_counter() - started
        claims += sum(len(c) for c in found)
        total_bytes += size
        if hasattr(engine, "client"):
            for worker, rss in engine.client.run(_rss_mb).items():
                workers[worker] = max(workers.get(worker, 0.0), rss)
    return seconds, claims, total_bytes, sorted(workers.values())


ENGINES = ("local", "dask-1", "dask-2")


@contextlib.contextmanager
def engine_named(name: str):
    """The engine `name` names ("local", or "dask-N" for a LocalCluster of N workers),
    its workers up, closed on leaving."""
    from factcheck.engine import DaskEngine, LocalEngine

    engine = LocalEngine() if name == "local" else DaskEngine(workers=int(name.split("-")[1]))
    try:
        if name != "local":
            engine.client.wait_for_workers(int(name.split("-")[1]))
        yield engine
    finally:
        engine.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=200.0)
    parser.add_argument("--whole-mb", type=float, default=10.0, help="size of the slice run whole with each engine")
    parser.add_argument("--slice-mb", type=float, default=20.0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "scale")
    arguments = parser.parse_args()

    from factcheck.pipeline import check_paths
    from factcheck.project import load_rules
    from factcheck.report import write_report

    started = time.perf_counter()
    paths = make_corpus(arguments.size_mb, arguments.out / "corpus")
    size = sum(p.stat().st_size for p in paths) / 1e6
    print(f"corpus: {len(paths)} files, {size:.1f} MB, generated in {time.perf_counter() - started:.1f} s")
    rules = load_rules(ROOT / "rules")

    stages = {}
    for name in ENGINES:
        with engine_named(name) as engine:
            seconds, claims, total, workers = extract_stage(paths, engine, rules, arguments.slice_mb)
        stages[name] = seconds
        worker_text = ", ".join(f"{mb:.0f}" for mb in workers) or "-"
        print(f"extract  {name:7s} {seconds:8.1f} s  {total / 1e6 / seconds:6.2f} MB/s  {claims / seconds:9.0f} claims/s"
              f"  claims={claims}  peak MB client={_peak_mb():.0f} workers (largest seen)={worker_text}")
    print(f"extract speed-up, 1 -> 2 workers: {stages['dask-1'] / stages['dask-2']:.2f}x; "
          f"local / dask-2: {stages['local'] / stages['dask-2']:.2f}x")

    whole = [p for p in paths][:max(1, int(len(paths) * arguments.whole_mb / max(size, 1e-9)))]
    with tempfile.TemporaryDirectory() as folder:
        sources = Path(folder) / "sources"
        sources.mkdir()
        for path in whole:
            shutil.copy(path, sources / path.name)
        runs = {}
        for name in ENGINES:
            with engine_named(name) as engine:
                timed = time.perf_counter()
                result = check_paths([sources], rules, engine=engine)
                runs[name] = time.perf_counter() - timed
            write_report(result, Path(folder) / name, ("json", "csv"))
        same = all(filecmp.cmp(Path(folder) / "local" / f, Path(folder) / name / f, shallow=False)
                   for name in ("dask-1", "dask-2") for f in ("report.json", "claims.csv", "findings.csv"))
        mb = sum(p.stat().st_size for p in whole) / 1e6
        print(f"whole run on {mb:.1f} MB ({len(result.claims)} claims, {len(result.facts)} facts): " +
              ", ".join(f"{name} {seconds:.1f} s" for name, seconds in runs.items()) +
              f"; speed-up 1 -> 2 workers {runs['dask-1'] / runs['dask-2']:.2f}x; reports identical: {same}")
    print(f"median extract throughput over engines: {statistics.median(size / s for s in stages.values()):.2f} MB/s")
    compare_on_dev(rules)
    return 0


def compare_on_dev(rules) -> None:
    """The development set's reports with the local engine and with Dask on 2 workers,
    byte for byte; skipped with a message where ../shared is not there."""
    from factcheck.pipeline import check_paths
    from factcheck.report import write_report

    dev = DEV_DOCS
    if not dev.is_dir():
        print(f"dev set: skipped, {dev} is not there (the project never needs it)")
        return
    with tempfile.TemporaryDirectory() as folder:
        for name in ("local", "dask-2"):
            with engine_named(name) as engine:
                result = check_paths([dev], rules, engine=engine)
            write_report(result, Path(folder) / name, ("json", "csv", "md"))
        files = ("report.json", "claims.csv", "facts.csv", "findings.csv", "report.md")
        same = all(filecmp.cmp(Path(folder) / "local" / f, Path(folder) / "dask-2" / f, shallow=False) for f in files)
        print(f"dev set ({len(result.documents)} sources, {len(result.claims)} claims): reports of local and dask-2 "
              f"identical: {same}")


if __name__ == "__main__":
    sys.exit(main())
