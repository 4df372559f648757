"""`factcheck run` end to end through Click: outputs, exit codes, bad input, determinism."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import PROJECT_ROOT
from report_contract import report_contract_violations

from factcheck import __version__
from factcheck.cli import main

SOURCE_A = "After the 2019 floods, officials said 48 people died and 12,000 residents were evacuated.\n"
SOURCE_B = "The 2019 floods killed 61 people, according to the Red Cross, and about 12,100 were evacuated.\n"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "agency.txt").write_text(SOURCE_A, encoding="utf-8")
    (folder / "ngo.md").write_text(SOURCE_B, encoding="utf-8")
    return folder


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_run_writes_every_format(corpus, tmp_path):
    out = tmp_path / "out"
    result = invoke("run", str(corpus), "--out", str(out), "--no-progress")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "checks.csv", "claims.csv", "facts.csv", "findings.csv", "plots", "problems.csv", "report.html",
        "report.json", "report.md", "report.xlsx"]
    # report.md's plots: one per discrepant fact (the 48 vs 61 deaths)
    assert sorted(p.name for p in (out / "plots").iterdir()) == sorted({f"{f['fact']}.png" for f in json.loads(
        (out / "report.json").read_text(encoding="utf-8"))["findings"] if f["relation"] == "conflict"})
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["schema"] == "factcheck.report/1"
    assert [s["path"] for s in report["sources"]] == ["agency.txt", "ngo.md"]
    relations = sorted(f["relation"] for f in report["findings"])
    assert relations == ["compatible", "conflict"]  # 48 vs 61 deaths; 12,000 and about 12,100 evacuated
    for name in ("claims.csv", "facts.csv", "findings.csv"):
        assert (out / name).read_bytes().startswith(b"\xef\xbb\xbf"), f"{name} lacks its BOM"


def test_report_json_follows_the_contract(corpus, tmp_path):
    invoke("run", str(corpus), "--out", str(tmp_path), "--no-progress", "--format", "json")
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report_contract_violations(report, corpus) == []


def test_an_out_folder_called_plots_still_lists_its_reports(corpus, tmp_path):
    out = tmp_path / "plots"
    result = invoke("run", str(corpus), "--out", str(out), "--no-progress", "--format", "json,md")
    assert f"{out / 'report.json'}, {out / 'report.md'}, {out / 'plots'}/ (1 plot)" in result.output


def test_format_option_limits_outputs(corpus, tmp_path):
    out = tmp_path / "out"
    result = invoke("run", str(corpus), "--out", str(out), "--no-progress", "--format", "html,json")
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json"]


@pytest.mark.parametrize("args, message", [
    pytest.param(["run", "does-not-exist"], "does-not-exist: no such file or folder", id="missing-path"),
    pytest.param(["run", "--format", "pdf"], "--format", id="unknown-format"),
    pytest.param(["run", "--rules", "no-such-rules"], "no such folder", id="missing-rules-folder"),
    pytest.param(["run", "--bogus"], "No such option", id="unknown-option"),
])
def test_usage_errors_exit_2(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output


def test_bad_files_are_problems_in_every_format(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    (corpus / "noise.txt").write_bytes(bytes(range(0x80, 0x100)) * 3)
    # a legacy encoding is read, with a warning that names the encoding guessed
    (corpus / "legacy.txt").write_bytes("Le café avait 40 places, a déclaré le patron.".encode("latin-1"))
    out = tmp_path / "out"
    result = invoke("run", str(corpus), "--out", str(out), "--no-progress")
    assert result.exit_code == 0
    assert "scan.txt:1: binary" in result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {(p["source"], p["reason"]) for p in report["problems"]} == {
        ("empty.txt", "empty"), ("scan.txt", "binary"), ("noise.txt", "undecodable"),
        ("legacy.txt", "encoding_guessed")}
    assert "read as cp1252" in next(p["detail"] for p in report["problems"] if p["source"] == "legacy.txt")
    assert [s["path"] for s in report["sources"]] == ["agency.txt", "legacy.txt", "ngo.md"]
    assert any(f["relation"] == "conflict" for f in report["findings"])  # the good files were still compared
    with (out / "problems.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert {row["source"] for row in csv.DictReader(stream)} == {"empty.txt", "scan.txt", "noise.txt",
                                                                      "legacy.txt"}
    markdown = (out / "report.md").read_text(encoding="utf-8")
    for name in ("empty.txt", "scan.txt", "noise.txt", "legacy.txt"):
        assert f"| {name} |" in markdown


def test_two_runs_give_identical_bytes(corpus, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    invoke("run", str(corpus), "--out", str(first), "--no-progress")
    invoke("run", str(corpus), "--out", str(second), "--no-progress")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert "report.html" in {f.name for f in files} and any(f.parent.name == "plots" for f in files)
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_defaults_read_seeds_and_rules_from_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT)
    result = invoke("run", "--out", str(tmp_path), "--no-progress", "--format", "json")
    assert result.exit_code == 0
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    # every seed file is read; the one that holds several articles gives one source per article
    assert len({source["path"].split("#")[0] for source in report["sources"]}) == \
        len(list((PROJECT_ROOT / "seeds").glob("*.txt")))


def test_markdown_lists_discrepancies_then_agreements(corpus, tmp_path):
    invoke("run", str(corpus), "--out", str(tmp_path), "--no-progress", "--format", "md")
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert markdown.index("## Discrepancies") < markdown.index("## Agreements") < markdown.index("## Problems")
    assert "| conflict | 0 | 1 | 0 | 0 | 1 |" in markdown  # 48 vs 61: a medium conflict
    assert "| people displaced: 2019 floods | compatible |" in markdown
    assert "**48**" in markdown and "**61**" in markdown


def test_csv_cells_never_start_a_formula(tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "hostile.txt").write_text("=HYPERLINK(\"http://x\") said 40 people fled.\n", encoding="utf-8")
    invoke("run", str(folder), "--out", str(tmp_path / "out"), "--no-progress", "--format", "csv")
    with (tmp_path / "out" / "claims.csv").open(encoding="utf-8-sig", newline="") as stream:
        sentences = [row["sentence"] for row in csv.DictReader(stream)]
    assert sentences and all(s.startswith("'=") for s in sentences)


@pytest.mark.parametrize("out_name", [pytest.param("reports", id="out-inside-the-sources"),
                                      pytest.param("deep/er/reports", id="out-deep-inside-the-sources")])
def test_reports_written_inside_the_sources_are_never_read_back(corpus, out_name):
    out = corpus / out_name
    runs = []
    for _ in range(3):
        result = invoke("run", str(corpus), "--out", str(out), "--no-progress", "--no-cache", "--format", "json,md,csv")
        assert result.exit_code == 0, result.output
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        runs.append(([s["path"] for s in report["sources"]], len(report["claims"])))
    assert runs[0] == runs[1] == runs[2]
    assert runs[0][0] == ["agency.txt", "ngo.md"]
    # and a later run writing elsewhere still skips the folder an earlier one wrote
    result = invoke("run", str(corpus), "--out", str(corpus.parent / "elsewhere"), "--no-progress", "--no-cache")
    assert result.exit_code == 0, result.output
    report = json.loads((corpus.parent / "elsewhere" / "report.json").read_text(encoding="utf-8"))
    assert [s["path"] for s in report["sources"]] == ["agency.txt", "ngo.md"]


# --- errors, not tracebacks -----------------------------------------------------------
# A user, configuration or file-system error exits 2 with `path[:line]: what is wrong`,
# never a traceback and exit 1 (which CI reads as findings). Each case breaks one thing
# in a copy of the rules folder (or the file system, simulated where this may run as
# root, which every permission lets through).

def _rules_copy(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(PROJECT_ROOT / "rules", rules)
    return rules


def _blank_first(rules, file_name, key):
    """The first `key:` line of a rules file left with no value (and its folded
    continuation lines dropped): its line number."""
    lines = (rules / file_name).read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{key}:"))
    indent = len(lines[number]) - len(lines[number].lstrip())
    lines[number] = " " * indent + f"{key}:"
    while number + 1 < len(lines) and len(lines[number + 1]) - len(lines[number + 1].lstrip()) > indent \
            and ":" not in lines[number + 1].split("#")[0].strip()[:30]:
        del lines[number + 1]
    (rules / file_name).write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def _appended(rules, file_name, text):
    with open(rules / file_name, "a", encoding="utf-8") as stream:
        stream.write(text)


def _refuse(monkeypatch, owner, name, path_part):
    """Make a file-system call (`owner.name`) fail with "Permission denied" for paths
    holding `path_part`."""
    original = getattr(owner, name)

    def refusing(*args, **kwargs):
        target = str(kwargs.get("dir") or (args[0] if args else ""))
        if path_part in target:
            raise PermissionError(13, "Permission denied", target)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, refusing)


# eight levels of ten aliases each: 10^8 values from a few hundred bytes
ALIAS_BOMB = "\nx0: &a [k, k, k, k, k, k, k, k, k, k]\n" + "".join(
    f"x{level}: &{'abcdefgh'[level]} [{', '.join(['*' + 'abcdefgh'[level - 1]] * 10)}]\n" for level in range(1, 8))

ERROR_CASES = [
    pytest.param(lambda rules, tmp, mp: _blank_first(rules, "topics.yaml", "label"),
                 r"rules/topics\.yaml:{line}: topics\.[a-z_]+\.label has no value", id="blank-label-in-topics"),
    pytest.param(lambda rules, tmp, mp: _blank_first(rules, "accepted.yaml", "note"),
                 r"rules/accepted\.yaml:{line}: reviews\.note has no value", id="blank-note-in-accepted"),
    pytest.param(lambda rules, tmp, mp: _appended(rules, "units.yaml", "\npair_references: " + "[" * 5000 + "]" * 5000),
                 r"rules/units\.yaml:1: nested too deeply to be rules", id="deeply-nested-yaml"),
    pytest.param(lambda rules, tmp, mp: _appended(rules, "units.yaml", ALIAS_BOMB),
                 r"rules/units\.yaml:\d+: its aliases expand to more than 2,000,000 values", id="alias-bomb"),
    pytest.param(lambda rules, tmp, mp: _refuse(mp, Path, "read_text", "units.yaml"),
                 r"rules/units\.yaml:1: cannot be read: Permission denied", id="unreadable-rules-file"),
    pytest.param(lambda rules, tmp, mp: (tmp / "out").write_text("a file", encoding="utf-8"),
                 r"--out .*out: a file, not a folder", id="out-is-a-file"),
    pytest.param(lambda rules, tmp, mp: _refuse(mp, __import__("tempfile"), "mkstemp", "out"),
                 r"factcheck: .*out: Permission denied", id="out-folder-read-only"),
]


@pytest.mark.parametrize(("break_it", "message"), ERROR_CASES)
def test_a_broken_input_is_exit_2_naming_the_file(corpus, tmp_path, monkeypatch, break_it, message):
    rules = _rules_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    line = break_it(Path("rules"), tmp_path, monkeypatch)
    result = CliRunner().invoke(main, ["run", str(corpus), "--rules", "rules", "--out", str(tmp_path / "out"),
                                       "--no-progress", "--no-cache", "--format", "json"])
    assert result.exit_code == 2, (result.output, result.exception)
    assert "Traceback" not in result.output
    assert re.search(message.format(line=line), result.output), result.output
    assert rules.is_dir()


# --- text is text: control characters in file names ----------------------------------
# A file name may hold a newline. Printed as it is, it cuts a line of text output in two,
# and a second line starting with `::error` is a GitHub workflow command. Every line
# printed for the user keeps such a name on one line, escaped.

@pytest.mark.parametrize(("command", "stream"), [
    pytest.param(("check", "--no-cache"), "stdout", id="check-text-output"),
    pytest.param(("check", "--no-cache"), "stderr", id="check-problem-lines"),
    pytest.param(("run", "--no-cache", "--no-progress", "--format", "json"), "stderr", id="run-problem-lines"),
])
def test_a_newline_in_a_file_name_stays_on_its_line(tmp_path, command, stream):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a\n::error file=x::y.txt").write_text("The 2031 Orvald floods killed 40 people.\n", encoding="utf-8")
    (sources / "b.txt").write_text("The Orvald floods of 2031 killed 52 people.\n", encoding="utf-8")
    (sources / "c\n::warning::d.txt").write_bytes(b"\x00\x01\x02\x03")
    arguments = [command[0], str(sources), *command[1:]]
    if command[0] == "run":
        arguments += ["--out", str(tmp_path / "out")]
    result = CliRunner().invoke(main, arguments)  # Click 8.2 keeps stdout and stderr apart
    assert result.exit_code in (0, 1), result.output
    text = result.stdout if stream == "stdout" else result.stderr
    assert "\\n::" in text  # the name, escaped
    assert not [line for line in text.splitlines() if line.startswith("::")]


def test_a_workbook_cut_at_excels_limits_says_so_on_one_line(corpus, tmp_path, monkeypatch):
    from factcheck.report import xlsx_report

    monkeypatch.setattr(xlsx_report, "MAX_DATA_ROWS", 1)  # Excel's row limit, lowered
    result = CliRunner().invoke(main, ["run", str(corpus), "--out", str(tmp_path / "out"), "--no-progress",
                                       "--no-cache", "--format", "json,xlsx"])
    assert result.exit_code == 0, result.output
    cut = [line for line in result.stderr.splitlines() if "cut at Excel's limits" in line]
    assert len(cut) == 1 and cut[0].startswith(f"{tmp_path / 'out' / 'report.xlsx'}: ")
    assert "the Claims sheet holds the first 1 of" in cut[0]


# Hostile rules files, in a process of their own with 1 GB of address space: refused
# at once, where without the guards the alias bomb expands to 10^8 values and deep
# nesting ends in a RecursionError traceback.

@pytest.mark.slow
@pytest.mark.parametrize(("hostile", "message"), [
    pytest.param("\npair_references: *h\n", r"units\.yaml:\d+: its aliases expand to more than 2,000,000 values",
                 id="alias-bomb-in-use"),
    pytest.param("\npair_references: " + "[" * 50_000 + "]" * 50_000 + "\n", r"units\.yaml:1: nested too deeply",
                 id="deep-nesting"),
])
def test_a_hostile_rules_file_ends_in_bounded_time_and_memory(corpus, tmp_path, hostile, message):
    import resource
    import subprocess
    import sys
    import time

    rules = _rules_copy(tmp_path)
    _appended(rules, "units.yaml", ALIAS_BOMB + hostile if "*h" in hostile else hostile)

    def one_gigabyte():
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", "from factcheck.cli import main; main()", "run", str(corpus),
                           "--rules", str(rules), "--out", str(tmp_path / "out"), "--no-progress", "--no-cache"],
                          preexec_fn=one_gigabyte, capture_output=True, text=True, timeout=300)
    seconds = time.monotonic() - started
    assert done.returncode == 2, done.stderr[-2000:]
    assert re.search(message, done.stderr) and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert not (tmp_path / "out").exists()
    assert seconds < 10, seconds
