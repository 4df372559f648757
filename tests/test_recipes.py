"""The CI recipes the project ships: the pre-commit hook and the GitHub workflow are
valid YAML and say what the README promises."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import PROJECT_ROOT


@pytest.fixture(scope="module")
def hook() -> dict:
    [hook] = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return hook


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "examples" / "github-workflow.yml").read_text(encoding="utf-8"))


def test_the_hook_checks_the_whole_corpus_once(hook):
    assert hook["id"] == "factcheck"
    assert hook["entry"].split()[:2] == ["factcheck", "check"]
    assert hook["pass_filenames"] is False and hook["require_serial"] is True


@pytest.mark.parametrize("path, runs", [
    pytest.param("seeds/brief.txt", True, id="a-text-source"),
    pytest.param("docs/notes/report.md", True, id="a-markdown-source"),
    pytest.param("rules/accepted.yaml", True, id="the-baseline"),
    pytest.param("rules/topics.yml", True, id="a-rules-file"),
    pytest.param("src/factcheck/cli.py", False, id="code"),
    pytest.param("config.yaml", False, id="yaml-outside-rules"),
])
def test_the_hook_runs_on_sources_and_rules(hook, path, runs):
    assert bool(re.search(hook["files"], path)) is runs


def test_the_workflow_runs_on_changes_to_sources_and_rules(workflow):
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads a bare `on` as true
    for event in ("push", "pull_request"):
        assert triggers[event]["paths"] == ["seeds/**", "rules/**"]


def test_the_workflow_annotates_uploads_sarif_and_keeps_the_workbook(workflow):
    steps = workflow["jobs"]["check"]["steps"]
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert "factcheck check seeds $diff_base --output-format github" in scripts
    assert "--output-format sarif -o factcheck.sarif" in scripts
    uses = {step.get("uses", "").split("@")[0]: step for step in steps}
    assert uses["github/codeql-action/upload-sarif"]["with"]["sarif_file"] == "factcheck.sarif"
    assert "reports/report.xlsx" in uses["actions/upload-artifact"]["with"]["path"]
