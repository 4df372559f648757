"""The sources' sidecar (sources.yaml or --sources-meta): what it says of each file, its
precedence over the text's own date, and its checks (file and line on every error)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.pipeline import check_paths
from factcheck.rules import RulesError
from factcheck.sidecar import parse_sidecar

SIDECAR = """sources:
  "wire/*.txt": {publisher: Wire Service, date: "2024-03-04", language: en, trust: 0.8}
  "notes.txt": {publisher: Field team, url: "https://example.org/notes"}
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "docs"
    (folder / "wire").mkdir(parents=True)
    (folder / "wire" / "a.txt").write_text("date: 2024-03-09\n\nThe floods in Peru killed 40 people.\n", encoding="utf-8")
    (folder / "notes.txt").write_text("The floods in Peru killed 44 people, volunteers said.\n", encoding="utf-8")
    (folder / "sources.yaml").write_text(SIDECAR, encoding="utf-8")
    return folder


def test_the_sidecar_beside_the_sources_names_publisher_date_and_trust(corpus):
    documents = {d.source: d for d in check_paths(corpus).documents}
    wire, notes = documents["wire/a.txt"], documents["notes.txt"]
    # the sidecar's date comes before the text's own "date:" line
    assert (wire.publisher, wire.published, wire.language, wire.trust) == ("Wire Service", "2024-03-04", "en", 0.8)
    assert (notes.publisher, notes.url, notes.published) == ("Field team", "https://example.org/notes", None)
    assert "sources.yaml" not in documents  # the sidecar is no source


def test_a_sidecar_given_by_name_is_used_and_reported(corpus, tmp_path):
    other = tmp_path / "meta.yaml"
    other.write_text('sources:\n  "*.txt": {publisher: Desk}\n', encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(corpus), "--out", str(out), "--no-progress", "--no-cache",
                                       "--format", "json,md", "--sources-meta", str(other)])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {s["path"]: s["publisher"] for s in report["sources"]} == {"notes.txt": "Desk", "wire/a.txt": "Desk"}
    # the report shows who published each claim's source, and when, beside the claim
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "| wire/a.txt:3 (Desk, 2024-03-09) |" in markdown and "| notes.txt:1 (Desk) |" in markdown


@pytest.mark.parametrize(("text", "message"), [
    pytest.param('sources:\n  "a.txt": {publisher: X, colour: red}\n', "sources.yaml:2: unknown key 'colour'",
                 id="unknown-key"),
    pytest.param('sources:\n  "a.txt": {trust: high}\n', "sources.yaml:2:", id="trust-not-a-number"),
    pytest.param('sources:\n  "a.txt": {trust: 3}\n', "sources.yaml:2: sources.a.txt.trust: 3.0 must lie between 0 and 1",
                 id="trust-out-of-range"),
    pytest.param('sources:\n  "a.txt": {date: "last spring"}\n', "is no date", id="date-not-iso"),
])
def test_a_broken_sidecar_names_file_and_line(text, message):
    with pytest.raises(RulesError) as raised:
        parse_sidecar(text, "sources.yaml")
    assert message in str(raised.value)


def test_the_cli_exits_2_on_a_broken_sidecar(corpus, tmp_path):
    (corpus / "sources.yaml").write_text('sources:\n  "a.txt": {colour: red}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(corpus), "--out", str(tmp_path / "out"), "--no-progress"])
    assert result.exit_code == 2 and "sources.yaml:2" in result.output
