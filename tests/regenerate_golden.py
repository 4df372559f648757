"""Regenerate the golden seeds report in tests/golden/seeds/ (never edit it by hand).

    python tests/regenerate_golden.py

It runs the pipeline on seeds/ with rules/ and writes every report format, plus
MANIFEST.sha256 with the hash of each file, which the golden test checks first.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conftest import GOLDEN_DIR, RULES_DIR, SEEDS  # noqa: E402

from factcheck.pipeline import check_paths  # noqa: E402
from factcheck.project import load_rules  # noqa: E402
from factcheck.report import write_report  # noqa: E402


def manifest(folder: Path) -> str:
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(folder).as_posix()}"
             for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "MANIFEST.sha256"]
    return "\n".join(lines) + "\n"


def regenerate(target: Path = GOLDEN_DIR) -> None:
    if target.exists():
        shutil.rmtree(target)
    result = check_paths([SEEDS], load_rules(RULES_DIR))
    write_report(result, target)
    (target / "MANIFEST.sha256").write_text(manifest(target), encoding="utf-8")


if __name__ == "__main__":
    regenerate()
    print(f"wrote {GOLDEN_DIR}")
