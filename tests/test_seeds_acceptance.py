"""The seeds scored by the evaluation kit (a copy in tests/fixtures/eval), held to the
acceptance figures of the extraction and grouping issues. Thresholds are the issue's; a miss is a failure, and a
known gap is an xfail with its reason, never a lower threshold."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import EVAL_DIR, RULES_DIR, SEEDS

from factcheck.pipeline import check_paths
from factcheck.project import load_rules
from factcheck.report import write_report


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("scored")
    result = check_paths([SEEDS], load_rules(RULES_DIR))
    write_report(result, out, ["json"])
    figures = out / "figures.json"
    subprocess.run(
        [sys.executable, str(EVAL_DIR / "score.py"), "--gold", str(EVAL_DIR / "seeds-gold.yaml"), "--docs", str(SEEDS),
         "--report", str(out / "report.json"), "--json", str(figures)],
        check=True, capture_output=True, text=True,
    )
    return result, json.loads(figures.read_text(encoding="utf-8"))


@pytest.mark.parametrize("area, figure, minimum", [
    pytest.param("extraction", "recall", 0.95, id="extraction-recall"),
    pytest.param("extraction", "precision", 0.95, id="extraction-precision"),
    pytest.param("grouping", "recall", 0.9, id="grouping-recall"),
    pytest.param("grouping", "precision", 0.9, id="grouping-precision"),
    pytest.param("discrepancy", "recall", 1.0, id="discrepancy-recall-every-gold-discrepancy"),
    pytest.param("verdict", "accuracy", 0.9, id="verdict-accuracy"),
])
def test_figure_at_least(run, area, figure, minimum):
    _, figures = run
    assert figures[area][figure] >= minimum, figures[area]


def test_no_false_alarms(run):
    _, figures = run
    assert figures["discrepancy"]["false_alarms"] == 0, figures["discrepancy"]


def _relation_between(result, first_text, second_text, unit):
    claims = [c for c in result.claims if c.unit == unit or c.unit_family == unit]
    firsts = {c.id for c in claims if c.text == first_text}
    seconds = {c.id for c in claims if c.text == second_text}
    relations = {f.relation.value for f in result.findings if {*f.claims} & firsts and {*f.claims} & seconds}
    return relations


@pytest.mark.parametrize("first, second, unit, relation", [
    pytest.param("1,000-kilometer", "972-kilometer", "km", "rounding", id="border-length-rounding"),
    pytest.param("more than 100", "62", "people", "conflict", id="deaths-2022-conflict"),
    pytest.param("over 100,000", "140,000", "people", "compatible", id="displaced-2022-compatible"),
    pytest.param("more than 30,000", "33,388", "people", "compatible", id="evacuees-2021-compatible"),
])
def test_seed_fact_relation(run, first, second, unit, relation):
    result, _ = run
    assert _relation_between(result, first, second, unit) == {relation}
