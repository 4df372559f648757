"""`.ci/run` dogfoods the check: on a copy of the project, the check step passes on the
seeds as they are (their discrepancies are reviewed in rules/accepted.yaml) and fails
once a new document contradicts a figure the seeds state.

The contradicting document is made from the current report, not written by hand: it
restates one seed sentence with its figure several times larger.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT

from factcheck.pipeline import check_paths
from factcheck.project import load_rules


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """The files `.ci/run check` needs, with the project's installed .venv linked in."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(PROJECT_ROOT / name, copy / name)
    for name in (".ci", "seeds", "rules"):
        shutil.copytree(PROJECT_ROOT / name, copy / name, copy_function=shutil.copy2)
    # the installed environment, linked in, with a stamp of its own that is newer than
    # the copied pyproject.toml, so make never reinstalls (into the project's .venv)
    (copy / ".venv").mkdir()
    (copy / ".venv" / "bin").symlink_to(PROJECT_ROOT / ".venv" / "bin")
    (copy / ".venv" / ".installed").touch()
    return copy


def _ci_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", ".ci/run"], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "CI_STEPS": "check"}, timeout=300)


def _contradicting_document(seeds: Path) -> tuple[str, str]:
    """A seed sentence whose figure belongs to a fact, with that figure made 3.5 times
    larger; and the figure as written there."""
    result = check_paths([seeds], load_rules(seeds.parent / "rules"))
    in_fact = [c for c in result.claims if c.id in result.fact_of and c.qualifier.value == "exact"
               and c.topic and c.text in c.sentence]
    claim = min(in_fact, key=lambda c: (c.source, c.start))
    figure = f"{round(claim.value * 3.5):,}"
    number_as_written = claim.text.split()[0].split("-")[0]  # "1,000" of "1,000-kilometer"
    restated = claim.sentence.replace(claim.text, claim.text.replace(number_as_written, figure), 1)
    assert restated != claim.sentence
    return restated + "\n", figure


def test_the_check_step_passes_on_the_reviewed_seeds(project_copy):
    completed = _ci_check(project_copy)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "ci: ok" in completed.stdout
    assert "0 findings not accepted" in completed.stdout


def test_the_check_step_fails_on_an_unreviewed_conflict(project_copy):
    text, figure = _contradicting_document(project_copy / "seeds")
    (project_copy / "seeds" / "zz-new-brief.txt").write_text(text, encoding="utf-8")
    completed = _ci_check(project_copy)
    assert completed.returncode != 0
    assert "ci: factcheck check failed: an unreviewed discrepancy" in completed.stderr
    assert "seeds/zz-new-brief.txt" in completed.stdout
    assert figure in completed.stdout and " conflict " in completed.stdout


def test_the_committed_baseline_covers_every_seed_discrepancy():
    report = json.loads((PROJECT_ROOT / "reports" / "report.json").read_text(encoding="utf-8"))
    discrepancies = [f for f in report["findings"] if f["relation"] in ("rounding", "conflict")]
    assert discrepancies, "the seeds hold discrepancies"
    assert all(f["review"] and f["review"]["note"] for f in discrepancies), \
        "every seed discrepancy carries a reviewer's verdict and note"
