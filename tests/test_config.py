"""The settings file (factcheck.toml, [tool.factcheck] in pyproject.toml): found from the
working folder up, its settings used by the commands, flags over the file over the
defaults, and every malformed file an exit 2 naming `file:line`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.config import ConfigError, Settings, find_settings, line_of_key, parse_settings
from factcheck.gate import FailOn

# invented sources: a conflict (420 against 380 metres) and a compatible pair (about
# 420 against 425 metres), which fails a check only with fail-on "any"
CONFLICT = ("The Orvald bridge is 420 metres long.\n", "The Orvald bridge is 380 metres long.\n")
CLOSE = ("The Tessel ferry pier is about 420 metres long.\n", "The Tessel ferry pier is 425 metres long.\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A repository root (it holds .git, where the search for settings ends) with the two
    corpora, as the working folder."""
    (tmp_path / ".git").mkdir()
    for folder, texts in (("conflict", CONFLICT), ("close", CLOSE)):
        (tmp_path / folder).mkdir()
        for name, text in zip(("a.txt", "b.txt"), texts):
            (tmp_path / folder / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# --- settings take effect; flags override them ---------------------------------------
# (settings file, arguments, exit code, what must hold in the project afterwards)

RUN = ("run", "--no-progress", "--no-cache")
CHECK = ("check", "--no-cache")
OUT_AND_FORMATS = 'out = "build/reports"\nformats = ["json", "md"]\n'

EFFECT_CASES = [
    pytest.param(OUT_AND_FORMATS, (*RUN, "conflict"), 0,
                 lambda root, output: files_in(root / "build/reports") == ["plots", "report.json", "report.md"]
                 and not (root / "reports").exists(), id="run-writes-the-files-formats-to-the-files-out"),
    pytest.param(OUT_AND_FORMATS, (*RUN, "conflict", "--out", "mine"), 0,
                 lambda root, output: files_in(root / "mine") == ["plots", "report.json", "report.md"]
                 and not (root / "build").exists(), id="flag-out-beats-the-file"),
    pytest.param(OUT_AND_FORMATS, (*RUN, "conflict", "--format", "csv"), 0,
                 lambda root, output: files_in(root / "build/reports") == [
                     "checks.csv", "claims.csv", "facts.csv", "findings.csv", "problems.csv"],
                 id="flag-format-beats-the-file"),
    pytest.param('paths = ["conflict"]\nformats = ["json"]\n', RUN, 0,
                 lambda root, output: "2 sources" in output and files_in(root / "reports") == ["report.json"],
                 id="run-reads-the-files-paths-without-PATH"),
    pytest.param('paths = ["conflict"]\n', (*CHECK, "close"), 0,
                 lambda root, output: "conflict/a.txt" not in output and "2 sources" in output,
                 id="PATH-beats-the-files-paths"),
    pytest.param('paths = ["conflict"]\n', CHECK, 1,
                 lambda root, output: output.startswith("conflict/a.txt:1:"), id="check-reads-the-files-paths"),
    pytest.param("", (*CHECK, "close"), 0, lambda root, output: "(--fail-on conflict)" in output,
                 id="without-a-file-the-default-fail-on"),
    pytest.param('fail-on = "any"\n', (*CHECK, "close"), 1,
                 lambda root, output: "(--fail-on any)" in output, id="check-fails-on-the-files-fail-on"),
    pytest.param('fail-on = "any"\n', (*CHECK, "close", "--fail-on", "conflict"), 0,
                 lambda root, output: "(--fail-on conflict)" in output, id="flag-fail-on-beats-the-file"),
    pytest.param('baseline = "reviewed/accepted.yaml"\n', (*CHECK, "conflict"), 0,
                 lambda root, output: "1 accepted" in output, id="check-reads-the-files-baseline"),
    pytest.param('baseline = "reviewed/accepted.yaml"\n', (*CHECK, "conflict", "--baseline", "empty.yaml"), 1,
                 lambda root, output: "0 accepted" in output, id="flag-baseline-beats-the-file"),
    pytest.param('rules = "no-rules-here"\n', (*CHECK, "conflict", "--rules", "rules"), 1,
                 lambda root, output: "1 conflict" in output, id="flag-rules-beats-the-file"),
]


@pytest.mark.parametrize(("settings", "arguments", "exit_code", "holds"), EFFECT_CASES)
def test_settings_take_effect_and_flags_override_them(project, settings, arguments, exit_code, holds):
    (project / "reviewed").mkdir()
    baseline = invoke(*CHECK, "conflict", "--write-baseline", "--baseline", "reviewed/accepted.yaml")
    assert baseline.exit_code == 0, baseline.output
    (project / "empty.yaml").write_text("", encoding="utf-8")
    (project / "factcheck.toml").write_text(settings, encoding="utf-8")
    result = invoke(*arguments)
    assert result.exit_code == exit_code, result.output
    assert holds(project, result.output), result.output


def test_the_files_settings_are_the_defaults_help_shows(project):
    (project / "factcheck.toml").write_text(OUT_AND_FORMATS, encoding="utf-8")
    result = invoke("run", "--help")
    assert result.exit_code == 0
    assert re.search(r"\[default:\s+build/reports\]", result.output), result.output
    assert re.search(r"\[default:\s+json,md\]", result.output), result.output


# --- a malformed file, or a bad value from it, is exit 2 naming file:line -------------
# (file name, its text, arguments, the message); the message's line is exact

PYPROJECT_HEAD = '[project]\nname = "orvald-survey"\nversion = "1.0"\n\n[tool.factcheck]\n'

ERROR_CASES = [
    pytest.param("factcheck.toml", 'out = "build"\n\ncolour = "red"\n', RUN,
                 "factcheck.toml:3: unknown key 'colour' (allowed: baseline, fail-on, formats, out, paths, rules)",
                 id="unknown-key"),
    pytest.param("pyproject.toml", PYPROJECT_HEAD + 'out = "build"\nfail_on = "any"\n', CHECK,
                 "pyproject.toml:7: unknown key 'fail_on' in [tool.factcheck] (allowed: baseline, fail-on, formats, "
                 "out, paths, rules); did you mean 'fail-on'?", id="unknown-key-in-pyproject"),
    pytest.param("pyproject.toml", PYPROJECT_HEAD + 'out = "build"\n\n[tool.factcheck.engine]\nworkers = 2\n', RUN,
                 "pyproject.toml:8: unknown key 'engine' in [tool.factcheck]", id="unknown-subtable-in-pyproject"),
    pytest.param("pyproject.toml", '[tool]\nfactcheck.out = "build"\nfactcheck.fromats = ["md"]\n', RUN,
                 "pyproject.toml:3: unknown key 'fromats' in [tool.factcheck]", id="unknown-dotted-key-under-tool"),
    pytest.param("factcheck.toml", '[tool.factcheck]\nout = "build"\n', RUN,
                 "factcheck.toml:1: unknown key 'tool'", id="a-tool-table-in-factcheck-toml"),
    pytest.param("factcheck.toml", 'paths = ["conflict"]\nout = 3\n', RUN,
                 "factcheck.toml:2: out must be a non-empty string (a path), not 3", id="wrong-type-out"),
    pytest.param("pyproject.toml", PYPROJECT_HEAD + 'formats = "json,md"\n', RUN,
                 "pyproject.toml:6: formats must be a non-empty list of strings, not 'json,md'",
                 id="wrong-type-formats"),
    pytest.param("factcheck.toml", 'paths = "conflict"\n', RUN,
                 "factcheck.toml:1: paths must be a non-empty list of strings, not 'conflict'", id="wrong-type-paths"),
    pytest.param("factcheck.toml", 'formats = [\n  "json",\n  "pdf",\n]\n', RUN,
                 "factcheck.toml:1: formats: unknown format 'pdf' (choose from json, csv, md, xlsx, html)",
                 id="unknown-format"),
    pytest.param("factcheck.toml", 'fail-on = "never"\n', CHECK,
                 "factcheck.toml:1: fail-on must be one of conflict, rounding, any, not 'never'", id="bad-fail-on"),
    pytest.param("factcheck.toml", 'paths = ["conflict"]\nout = build\nformats = ["json"]\n', RUN,
                 "factcheck.toml:2: not valid TOML: Invalid value (column 7)", id="toml-syntax-error"),
    pytest.param("factcheck.toml", 'out = "build"\nformats = ["json"\n\n', RUN,
                 "factcheck.toml:2: not valid TOML: Unclosed array (at end of document)",
                 id="toml-error-at-the-end"),
    pytest.param("factcheck.toml", 'out = "build"\npaths = ["conflict", "lost"]\n', RUN,
                 "factcheck.toml:2: paths: lost: no such file or folder", id="missing-path-from-the-file"),
    pytest.param("factcheck.toml", 'rules = "no-rules-here"\n', CHECK,
                 "factcheck.toml:1: rules no-rules-here: no such folder", id="missing-rules-folder-from-the-file"),
    pytest.param("factcheck.toml", 'rules = "rules"\n', CHECK,
                 "factcheck.toml:1: rules rules: no such folder", id="missing-rules-folder-named-like-the-default"),
    pytest.param("factcheck.toml", 'rules = "no-rules-here"\n', ("review", "import", "conflict/a.txt"),
                 "factcheck.toml:1: rules no-rules-here: no such folder", id="review-import-reads-the-rules-too"),
    pytest.param("factcheck.toml", '\nout = "conflict/a.txt"\n', RUN,
                 "factcheck.toml:2: out conflict/a.txt: a file, not a folder", id="out-from-the-file-is-a-file"),
    pytest.param("factcheck.toml", 'baseline = "nowhere.yaml"\n', CHECK,
                 "factcheck.toml:1: baseline nowhere.yaml: no such file (create it with --write-baseline)",
                 id="missing-baseline-from-the-file"),
]


@pytest.mark.parametrize(("name", "text", "arguments", "message"), ERROR_CASES)
def test_a_malformed_settings_file_is_exit_2_naming_file_and_line(project, name, text, arguments, message):
    (project / name).write_text(text, encoding="utf-8")
    result = invoke(*arguments)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"factcheck: {message}" in result.output


def test_a_file_named_with_config_is_read_and_must_hold_settings(project):
    (project / "settings").mkdir()
    (project / "settings" / "ci.toml").write_text('paths = ["../close"]\nfail-on = "any"\n', encoding="utf-8")
    (project / "settings" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    result = invoke("--config", "settings/ci.toml", *CHECK)
    assert result.exit_code == 1 and result.output.startswith("settings/../close/a.txt:1:"), result.output
    result = invoke("--config", "settings/pyproject.toml", *CHECK)
    assert result.exit_code == 2
    assert "factcheck: settings/pyproject.toml: no [tool.factcheck] table" in result.output


# --- which file is read ----------------------------------------------------------------
# (files by path relative to the project root, the working folder, the file read)

FACTCHECK_TOML = 'out = "from-factcheck-toml"\n'
PYPROJECT_TOML = '[tool.factcheck]\nout = "from-pyproject"\n'
WITHOUT_TABLE = '[project]\nname = "orvald-survey"\n\n[tool.ruff]\nline-length = 100\n'

DISCOVERY_CASES = [
    pytest.param({}, ".", None, id="no-file-no-settings"),
    pytest.param({"factcheck.toml": FACTCHECK_TOML, "pyproject.toml": PYPROJECT_TOML}, ".", "factcheck.toml",
                 id="factcheck-toml-beats-pyproject-toml"),
    pytest.param({"pyproject.toml": PYPROJECT_TOML}, ".", "pyproject.toml", id="pyproject-with-the-table"),
    pytest.param({"pyproject.toml": WITHOUT_TABLE}, ".", None, id="pyproject-without-the-table-is-ignored"),
    pytest.param({"pyproject.toml": PYPROJECT_TOML, "sub/pyproject.toml": WITHOUT_TABLE}, "sub", "../pyproject.toml",
                 id="pyproject-without-the-table-is-passed-for-one-above"),
    pytest.param({"factcheck.toml": FACTCHECK_TOML}, "sub/deeper", "../../factcheck.toml",
                 id="found-from-a-subfolder"),
    pytest.param({"pyproject.toml": PYPROJECT_TOML, "sub/factcheck.toml": FACTCHECK_TOML}, "sub",
                 "factcheck.toml", id="the-nearest-file-wins"),
    pytest.param({"factcheck.toml": FACTCHECK_TOML, "inner/.git/HEAD": ""}, "inner/sub", None,
                 id="the-search-ends-at-the-repository-root"),
]


@pytest.mark.parametrize(("files", "working_folder", "expected"), DISCOVERY_CASES)
def test_the_settings_file_is_found_from_the_working_folder_up(project, monkeypatch, files, working_folder, expected):
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    (project / working_folder).mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(project / working_folder)
    settings = find_settings()
    assert settings.file == (Path(expected) if expected else None)
    if expected:  # a relative path is the file's folder's, as seen from the working folder
        assert settings.out == Path(expected).parent / settings.out.name


def test_a_pyproject_without_the_table_leaves_the_defaults(project):
    (project / "pyproject.toml").write_text(WITHOUT_TABLE, encoding="utf-8")
    result = invoke(*RUN, "conflict", "--format", "json")
    assert result.exit_code == 0, result.output
    assert files_in(project / "reports") == ["report.json"]


# --- the line of a key, which tomllib does not keep -----------------------------------

LINE_CASES = [
    pytest.param('out = "x"\nrules = "r"\n', (), "rules", 2, id="top-level"),
    pytest.param(PYPROJECT_HEAD + 'rules = "r"\nout = "x"\n', ("tool", "factcheck"), "out", 7, id="under-its-header"),
    pytest.param('[other]\nout = 1\n[tool.factcheck]\nout = "x"\n', ("tool", "factcheck"), "out", 4,
                 id="not-another-tables-key"),
    pytest.param('[tool]\nfactcheck.out = "x"\n', ("tool", "factcheck"), "out", 2, id="dotted-under-tool"),
    pytest.param('tool.factcheck.out = "x"\n', ("tool", "factcheck"), "out", 1, id="dotted-at-the-top"),
    pytest.param('[ tool . "factcheck" ]\n"out" = "x"\n', ("tool", "factcheck"), "out", 2, id="quoted-names"),
    pytest.param('[tool.factcheck]\nrules = "r"\n\n[tool.factcheck.more]\n', ("tool", "factcheck"), "more", 4,
                 id="a-subtable-header"),
    pytest.param('[project]\ndescription = """\nout = 1\n"""\n[tool.factcheck]\nout = "x"\n', ("tool", "factcheck"),
                 "out", 6, id="not-inside-a-multi-line-string"),
    pytest.param('[tool]\nfactcheck = { out = "x" }\n', ("tool", "factcheck"), "out", 2,
                 id="an-inline-table-gives-its-own-line"),
    pytest.param('out = "x"\n', (), "rules", None, id="absent"),
]


@pytest.mark.parametrize(("text", "table", "key", "line"), LINE_CASES)
def test_the_line_of_a_key(text, table, key, line):
    assert line_of_key(text, table, key) == line


def test_parsed_settings_hold_every_key():
    text = ('paths = ["wire", "/archive/notes"]\nrules = "rules"\nout = "build"\nformats = ["json", "xlsx"]\n'
            'fail-on = "rounding"\nbaseline = "rules/reviewed.yaml"\n')
    assert parse_settings(text, Path("survey/factcheck.toml")) == Settings(
        file=Path("survey/factcheck.toml"), paths=(Path("survey/wire"), Path("/archive/notes")),
        rules=Path("survey/rules"), out=Path("survey/build"), formats=("json", "xlsx"), fail_on=FailOn.ROUNDING,
        baseline=Path("survey/rules/reviewed.yaml"),
        lines=(("baseline", 6), ("fail-on", 5), ("formats", 4), ("out", 3), ("paths", 1), ("rules", 2)))


def test_an_unreadable_settings_file_is_a_config_error(project):
    (project / "factcheck.toml").write_bytes(b'out = "caf\xe9"\n')
    with pytest.raises(ConfigError, match=r"^factcheck\.toml: not UTF-8"):
        find_settings()
