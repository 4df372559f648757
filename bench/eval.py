"""Score factcheck with the evaluation kit beside the project (`make eval`), and time it
on the kit's development set (`make bench`).

    python bench/eval.py [--shared ../shared] [--show]    # == seeds, then == dev
    python bench/eval.py --time 3                          # dev-set wall time and peak memory

- `== seeds`: `factcheck run seeds` into a scratch folder, scored with
  `eval/score.py` against `eval/seeds-gold.yaml`;
- `== dev`: when `eval/dev/` is there, `factcheck run` on `eval/dev/docs` (with
  `--no-cache`, so every document is read afresh, and the project's rules without
  accepted.yaml, whose reviews are of the seeds), scored against `eval/dev/gold.yaml`;
- `--time N`: runs `factcheck run --no-cache` on `eval/dev/docs` N times and prints the
  median wall time and the median peak resident memory of the process.

The kit is not part of the project: when the folder is missing, each part says it was
skipped and the script exits 0. A failing `factcheck run` or scorer exits with its code.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"


class StepFailed(Exception):
    def __init__(self, what: str, code: int) -> None:
        super().__init__(f"{what} exited {code}")
        self.code = code


def factcheck_command() -> list[str]:
    """The `factcheck` of the interpreter running this script (the project's venv)."""
    beside = Path(sys.executable).parent / "factcheck"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("factcheck")
    if found is None:
        raise SystemExit("no factcheck command: run `make eval` (it installs the project first)")
    return [found]


def shown(path: Path) -> str:
    """A path as the project root sees it ("../shared/eval/dev/docs"), else absolute."""
    try:
        return os.path.relpath(path, ROOT)
    except ValueError:
        return str(path)


def run_factcheck(docs: Path, out: Path, extra: list[str], what: str) -> str:
    """`factcheck run` on `docs` into `out`; its summary line ("57 sources, ... 0 problems").
    Its whole output is shown only when it fails."""
    command = [*factcheck_command(), "run", shown(docs), "--out", str(out), "--no-progress", *extra]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.stdout.write(completed.stdout)
        sys.stderr.write(completed.stderr)
        raise StepFailed(what, completed.returncode)
    summaries = [line for line in completed.stderr.splitlines() if " -> " in line]  # "... 0 problems -> files"
    return summaries[-1].split(" -> ")[0] if summaries else "done"


def rules_without_reviews(scratch: Path) -> Path:
    """The project's rules without accepted.yaml: its reviews are of the seeds, and on
    other documents they would only be reported as stale."""
    rules = scratch / "rules"
    rules.mkdir()
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        if path.name != "accepted.yaml":
            shutil.copy2(path, rules / path.name)
    return rules


def score(name: str, docs: Path, gold: Path, kit: Path, show: bool, *, seeds: bool) -> None:
    """Run factcheck on `docs` into a scratch folder and score its report.json."""
    print(f"== {name}", flush=True)
    with tempfile.TemporaryDirectory(prefix=f"factcheck-eval-{name}-") as scratch:
        out = Path(scratch) / "out"
        extra = [] if seeds else ["--no-cache", "--rules", str(rules_without_reviews(Path(scratch)))]
        print(f"factcheck run {shown(docs)}: {run_factcheck(docs, out, extra, f'factcheck run {name}')}", flush=True)
        command = [sys.executable, shown(kit / "score.py"), "--gold", shown(gold), "--docs", shown(docs),
                   "--report", str(out / "report.json"), *(["--show"] if show else [])]
        completed = subprocess.run(command, cwd=ROOT, check=False)
        if completed.returncode != 0:
            raise StepFailed(f"score.py {name}", completed.returncode)
    print(flush=True)


def peak_rss_mb(rusage) -> float:
    """ru_maxrss is in kilobytes on Linux and in bytes on macOS."""
    return rusage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def timed_run(docs: Path) -> tuple[float, float]:
    """Wall time and peak resident memory of one `factcheck run --no-cache` on `docs`."""
    with tempfile.TemporaryDirectory(prefix="factcheck-time-") as scratch, tempfile.TemporaryFile() as errors:
        command = [*factcheck_command(), "run", shown(docs), "--out", str(Path(scratch) / "out"), "--no-progress",
                   "--no-cache", "--rules", str(rules_without_reviews(Path(scratch)))]
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        # wait4 gives this child's own resource use (RUSAGE_CHILDREN would be the peak over all children)
        _, status, rusage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            sys.stderr.write(errors.read().decode("utf-8", "replace"))
            raise StepFailed("factcheck run (timed)", process.returncode)
    return elapsed, peak_rss_mb(rusage)


def time_dev(dev: Path, repeat: int) -> None:
    docs = dev / "docs"
    if not docs.is_dir():
        print(f"dev-set timing skipped: no {shown(docs)} (the evaluation kit is not part of the project)")
        return
    files = sorted(p for p in docs.rglob("*") if p.is_file())
    runs = [timed_run(docs) for _ in range(repeat)]
    wall = statistics.median(elapsed for elapsed, _ in runs)
    memory = statistics.median(peak for _, peak in runs)
    print(f"dev set, factcheck run --no-cache on {len(files)} documents ({sum(p.stat().st_size for p in files):,} "
          f"bytes): {wall:.2f} s wall, {memory:.0f} MB peak RSS (median of {repeat})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the folder that holds eval/ (default: ../shared beside the project)")
    parser.add_argument("--show", action="store_true", help="pass --show to the scorer: what was missed or wrong")
    parser.add_argument("--time", type=int, metavar="N", default=0,
                        help="only time N runs on the dev set (median wall time and peak memory)")
    arguments = parser.parse_args(argv)
    kit = arguments.shared.resolve() / "eval"
    dev = kit / "dev"
    try:
        if arguments.time:
            time_dev(dev, arguments.time)
            return 0
        if not (kit / "score.py").is_file():
            print(f"eval skipped: no evaluation kit at {shown(kit)} (it is not part of the project)")
            return 0
        score("seeds", ROOT / "seeds", kit / "seeds-gold.yaml", kit, arguments.show, seeds=True)
        if dev.is_dir():
            score("dev", dev / "docs", dev / "gold.yaml", kit, arguments.show, seeds=False)
        else:
            print(f"== dev skipped: no {shown(dev)}")
    except StepFailed as failure:
        print(f"eval: {failure}", file=sys.stderr)
        return failure.code
    return 0


if __name__ == "__main__":
    sys.exit(main())
