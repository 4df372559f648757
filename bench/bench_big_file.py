"""One large source file (`make bench-scale`, not part of `make test`): files of growing
size, each one file of many generated articles, run whole with `factcheck run` in a
process of its own; prints each run's time and peak memory, and how both grow with the
file.

    python bench/bench_big_file.py [--sizes-mb 1,10,100] [--out bench/out/big-file]

The articles are those of `bench_scale.py` (invented events, figures varied from article
to article) with figure-free paragraphs between their figures, so that the file holds
about as many figures per kilobyte as news does (the dev set: about 3 per KB), each with
a header block of its own ("title: ..."), which is where the file is split into articles.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from bench_scale import KINDS, place_name, write_article_figures

ROOT = Path(__file__).resolve().parent.parent
# sentences with no figure, as news carries between its figures
FILLER = (
    "Residents said the water rose faster than anyone in the valley could remember.",
    "Volunteers handed out blankets and bread outside the town hall through the night.",
    "The regional governor promised a review of the warning system once the clean-up ends.",
    "Farmers along the river said they had not yet been able to reach their fields.",
    "Aid workers warned that roads into the hills remained blocked by mud and debris.",
    "Schools in the district were turned into shelters for families who lost their homes.",
    "Engineers inspected the bridges one by one before traffic was allowed back.",
    "Church groups and local businesses collected clothes for those who fled.",
    "Opposition lawmakers criticised the response as slow and poorly coordinated.",
    "Meteorologists said the season had been unusual but not without precedent.",
)
FILLER_PARAGRAPHS = 7  # figure-free paragraphs per article, of five sentences each


def make_big_file(size_mb: float, path: Path, seed: int = 29) -> tuple[int, int]:
    """Write one file of about `size_mb` MB of articles; return (bytes, articles).
    Deterministic for a seed."""
    rng = random.Random(seed)
    events = [(place_name(rng), rng.choice(KINDS), rng.randrange(1995, 2035)) for _ in range(20_000)]
    target = int(size_mb * 1_000_000)
    written = articles = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            place, kind, year = rng.choice(events)
            paragraphs = write_article_figures(rng, place, kind, year, paragraphs=2)
            paragraphs += [" ".join(rng.sample(FILLER, 5)) for _ in range(FILLER_PARAGRAPHS)]
            rng.shuffle(paragraphs)
            text = f"title: {place} {kind} {year}\nauthor: bench\n\n" + "\n\n".join(paragraphs) + "\n\n"
            out.write(text)
            written += len(text.encode("utf-8"))
            articles += 1
    return written, articles


def measured(command: list[str]) -> tuple[float, float, int, bytes]:
    """`command` run in a process of its own: seconds, its peak resident memory (MB), its
    exit code and what it printed."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), output


def run_whole(folder: Path, out: Path) -> tuple[float, float, int]:
    """`factcheck run` on `folder`: seconds, peak resident memory (MB) and exit code."""
    seconds, peak, code, _ = measured([str(Path(sys.executable).parent / "factcheck"), "run", str(folder),
                                       "--out", str(out), "--format", "json", "--no-cache", "--no-progress"])
    return seconds, peak, code


def extract_stage(path: Path) -> int:
    """Read the file, split it into articles and extract them, a thousand articles at a
    time, the claims counted and dropped (what a run that writes claims out as it goes
    would hold); prints the claims. Run in a process of its own by `run_extract`."""
    from factcheck.engine import LocalEngine
    from factcheck.project import load_rules
    from factcheck.readers import discover_sources, read_sources

    rules = load_rules(ROOT / "rules")
    documents, _ = read_sources(discover_sources([path])[0])
    engine, claims = LocalEngine(), 0
    for start in range(0, len(documents), 1000):
        claims += sum(len(found) for found in engine.extract(documents[start:start + 1000], rules))
    print(claims)
    return 0


def run_extract(path: Path) -> tuple[float, float, int]:
    """The extract stage alone on one file: seconds, peak resident memory (MB) and
    claims (-1 where it failed)."""
    seconds, peak, code, output = measured([sys.executable, __file__, "--extract-stage", str(path)])
    return seconds, peak, int(output.split()[-1]) if code == 0 else -1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes-mb", default="1,10,100")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "big-file")
    parser.add_argument("--extract-stage", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--whole", action=argparse.BooleanOptionalAction, default=True,
                        help="also run each file whole with factcheck run")
    arguments = parser.parse_args()
    if arguments.extract_stage:
        return extract_stage(arguments.extract_stage)
    previous = None
    for size in (float(s) for s in arguments.sizes_mb.split(",")):
        folder = arguments.out / f"{size:g}mb"
        written, articles = make_big_file(size, folder / "sources" / "archive.txt")
        extract_seconds, extract_peak, claims = run_extract(folder / "sources" / "archive.txt")
        print(f"one file {written / 1e6:6.1f} MB ({articles} articles), extract stage: {extract_seconds:7.1f} s  "
              f"{written / 1e6 / extract_seconds:5.2f} MB/s  peak {extract_peak:6.0f} MB  claims={claims}", flush=True)
        if not arguments.whole:
            continue
        seconds, peak, code = run_whole(folder / "sources", folder / "report")
        report = folder / "report" / "report.json"
        report_mb = report.stat().st_size / 1e6 if report.exists() else 0.0
        growth = f"  time x{seconds / previous[0]:.1f}, memory x{peak / previous[1]:.1f} for x{written / previous[2]:.0f} " \
                 f"the text" if previous else ""
        print(f"one file {written / 1e6:6.1f} MB ({articles} articles), whole run: {seconds:7.1f} s  "
              f"{written / 1e6 / seconds:5.2f} MB/s  peak {peak:6.0f} MB  report.json {report_mb:.1f} MB  exit {code}"
              f"{growth}", flush=True)
        previous = (seconds, peak, written)
    return 0


if __name__ == "__main__":
    sys.exit(main())
