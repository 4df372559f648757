"""Rules files are validated on load: a malformed file is a RulesError naming file and
line, and the CLI turns it into exit 2 with `path:line: message`."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from conftest import RULES_DIR

from factcheck.cli import main
from factcheck.project import load_rules
from factcheck.rules import RulesError

GOOD_TOPIC = "topics:\n  deaths:\n    synonyms: [killed]\n    dimensions: [count]\n"

MALFORMED = [
    pytest.param("topics.yaml", GOOD_TOPIC + "    colour: red\n", 5, "unknown key 'colour'", id="unknown-key"),
    pytest.param("topics.yaml", "tolerances:\n  match_threshold: high\n", 2, "must be a number", id="wrong-type-number"),
    pytest.param("topics.yaml", "topics:\n  deaths:\n    synonyms: killed\n    dimensions: [count]\n", 3,
                 "must be a list", id="wrong-type-list"),
    pytest.param("topics.yaml", "topics:\n  deaths:\n    synonyms: [killed]\n", 3, "missing dimensions",
                 id="missing-required-key"),
    pytest.param("topics.yaml", "topics:\n  deaths: [\n", 3, "not valid YAML", id="broken-yaml"),
    pytest.param("topics.yaml", GOOD_TOPIC + "  deaths:\n    synonyms: [dead]\n    dimensions: [count]\n", 5,
                 "duplicate key 'deaths'", id="duplicate-key"),
    pytest.param("units.yaml", "units:\n  furlong:\n    unit: fur\n    dimension: length\n    surfaces: [furlong]\n"
                 "    factor: [1]\n", 6, "must be a number", id="units-wrong-type"),
    pytest.param("units.yaml", "pair_references: [sides, No]\n", 1, "must be a non-empty string",
                 id="units-yaml-boolean-word"),
    pytest.param("units.yaml", "aliases: {}\n", 1, "unknown key 'aliases'", id="units-unknown-top-key"),
    # blank values and numbers out of any sense
    pytest.param("topics.yaml", "topics:\n  deaths:\n    label:\n    synonyms: [killed]\n    dimensions: [count]\n", 3,
                 "topics.deaths.label has no value: it must be a string", id="blank-label"),
    pytest.param("topics.yaml", "tolerances:\n  approx_tolerance: ~\n", 2, "has no value: it must be a number",
                 id="blank-tolerance"),
    pytest.param("topics.yaml", "tolerances:\n  severity_high: .nan\n", 2, "must be a finite number, not nan",
                 id="nan-threshold"),
    pytest.param("topics.yaml", "tolerances:\n  rounding_max_relative: .inf\n", 2, "must be a finite number, not inf",
                 id="infinite-threshold"),
    pytest.param("topics.yaml", "tolerances:\n  approx_tolerance: -0.02\n", 2,
                 "tolerances.approx_tolerance must be at least 0, not -0.02", id="negative-tolerance"),
    pytest.param("topics.yaml", "tolerances:\n  match_threshold: 170\n", 2,
                 "must be at least 0 and at most 100, not 170", id="match-threshold-above-100"),
    pytest.param("topics.yaml", "tolerances:\n  outlier_min_sources: 0\n", 2, "must be at least 1, not 0",
                 id="outliers-from-no-sources"),
    pytest.param("topics.yaml", GOOD_TOPIC + "    relative_tolerance: -1\n", 5, "must be at least 0, not -1",
                 id="negative-topic-tolerance"),
    pytest.param("units.yaml", "conversions:\n  mi:\n    to: km\n    factor: 0\n", 4,
                 "conversions.mi.factor must be more than 0, not 0", id="conversion-factor-zero"),
    pytest.param("units.yaml", "units:\n  furlong:\n    unit: fur\n    dimension: length\n    surfaces: [furlong]\n"
                 "    factor: -201\n", 6, "units.furlong.factor must be more than 0", id="negative-unit-factor"),
]


@pytest.mark.parametrize("file_name, content, line, message", MALFORMED)
def test_malformed_rules_name_file_and_line(tmp_path, file_name, content, line, message):
    (tmp_path / file_name).write_text(content, encoding="utf-8")
    with pytest.raises(RulesError) as raised:
        load_rules(tmp_path)
    assert raised.value.line == line
    assert str(raised.value).startswith(f"{tmp_path / file_name}:{line}: ")
    assert message in str(raised.value)


def test_cli_exits_2_with_path_and_line(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "topics.yaml").write_text(GOOD_TOPIC + "    colour: red\n", encoding="utf-8")
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text("Some 40 people were evacuated.", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(sources), "--rules", str(rules), "--out", str(tmp_path / "out"),
                                       "--no-progress"])
    assert result.exit_code == 2
    assert f"{rules / 'topics.yaml'}:5: unknown key 'colour'" in result.output
    assert not (tmp_path / "out").exists()


def test_project_rules_load_and_match_packaged_defaults():
    project = load_rules(RULES_DIR)
    packaged = load_rules()
    assert project == packaged
    assert {t.name for t in project.topics} >= {"deaths", "displaced", "border_length"}


def test_missing_file_falls_back_to_packaged_default(tmp_path):
    shutil.copy(RULES_DIR / "units.yaml", tmp_path / "units.yaml")
    assert load_rules(tmp_path).topics == load_rules().topics


@pytest.mark.parametrize("file_name", ["units.yaml", "topics.yaml"])
def test_every_synonym_and_surface_is_lower_case_or_symbol(file_name):
    """Rules hold vocabulary, not sentences: no entry is longer than a few words."""
    rules = load_rules(RULES_DIR)
    words = [s for t in rules.topics for s in t.synonyms] + [u.surface for u in rules.units]
    assert all(len(w.split()) <= 4 for w in words)
