"""The README stays true: its excerpt of the seeds' report is part of the committed
report, word for word, the commands it documents exist, and its settings example is
valid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import PROJECT_ROOT

from factcheck.cli import main
from factcheck.config import KEYS, parse_settings

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_the_report_excerpt_is_from_the_committed_report():
    match = re.search(r"<!-- excerpt of reports/report.md[^\n]*-->\n```markdown\n(.*?)\n```", README, re.S)
    assert match, "the README shows an excerpt of reports/report.md"
    assert match.group(1) in (PROJECT_ROOT / "reports" / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [
    pytest.param(["run"], id="run"),
    pytest.param(["check"], id="check"),
    pytest.param(["review", "import"], id="review-import"),
])
def test_each_documented_command_has_help(command):
    assert f"factcheck {' '.join(command)}" in README
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_every_documented_check_option_exists():
    usage = re.search(r"factcheck check \[PATH \.\.\.\](.*?)\nfactcheck review", README, re.S).group(1)
    help_text = CliRunner().invoke(main, ["check", "--help"]).output
    for option in re.findall(r"--[a-z-]+|-o\b", usage):
        assert option in help_text, option


def test_the_configuration_example_is_valid_settings():
    example = re.search(r"### Configuration\n.*?```toml\n(.*?)```", README, re.S).group(1)
    settings = parse_settings(example, Path("pyproject.toml"))
    assert settings is not None and sorted(dict(settings.lines)) == sorted(KEYS)
