"""End-to-end tests of `factcheck check`, the CI gate.

Every test runs the real command line as a subprocess, with its working folder set to a
temporary git repository made with `git init` (so the claim cache and `git diff` see that
folder), over a small invented corpus of two sources that disagree three times. Covered:

- exit codes: a baselined corpus passes, a new contradicting document fails, `--fail-on`,
  `--exit-zero`, and exit 2 for a bad `--diff-base` ref, a folder outside git and a
  malformed baseline;
- `--diff-base`: only findings with a side in a changed document count, and annotations
  point at the changed document;
- the baseline: `--write-baseline` keeps reviewers' verdicts, stale entries are listed
  with their line and fail only with `--strict-baseline`;
- the output formats: GitHub workflow commands (escaping, the step summary), JSON, SARIF
  and JUnit;
- the claim cache in `.factcheck-cache/`: incremental runs, `--no-cache`, and a corrupt
  cache file that is rebuilt.

Repositories are built once per module where tests only read them, and copied
(`Repo.fork`) where a test changes them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from factcheck.report.ci import _escape_data, _escape_property

FACTCHECK = Path(sys.executable).with_name("factcheck")

# Two sources that disagree three times: deaths, the border's length, people displaced.
A_TXT = ("The 2019 floods in Chile left more than 90 people dead.\n\n"
         "The border between Chile and Argentina is 5,000 km long.\n\n"
         "Floods displaced 12,000 people in Chile in 2019.\n")
B_TXT = ("Report on the floods.\n\n"
         "The floods in 2019 caused 48 deaths in Chile.\n\n"
         "The 5,308-km border between Chile and Argentina is long.\n\n"
         "In 2019 the floods displaced 30,000 people in Chile.\n")
# A later source: 300 deaths conflicts with b.txt's 48 (and is compatible with "more than 90").
C_TXT = ("Update from the ministry.\n\n"
         "Officials said 300 people died in the 2019 floods in Chile.\n")
# Two sources whose only finding is a rounding: 1,000 km is 972 km rounded.
ROUNDED_TXT = "The border between Chile and Argentina is 1,000 km long.\n"
PRECISE_TXT = "Chile and Argentina share a 972 km border.\n"

CACHE_STATS = re.compile(r"claim cache \S+: (\d+) extracted, (\d+) from cache")
ANNOTATION = re.compile(r"^::(?P<level>\w+) (?P<properties>[^:]*)::(?P<message>.*)$")


# --- helpers ---------------------------------------------------------------------------

class Folder:
    """A working folder the CLI runs in, with its documents under docs/."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return path

    def read(self, name: str) -> str:
        return (self.root / name).read_text(encoding="utf-8")

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """The environment without the caller's git and GitHub settings, so neither a
        global gitignore nor a real step summary can leak in."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_"))}
        env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1",
                   GIT_CEILING_DIRECTORIES=str(self.root.parent), **(extra or {}))
        return env

    def check(self, *args: str, paths: tuple[str, ...] = ("docs",), verbose: bool = False,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """`factcheck [-v] check PATHS ARGS` run in this folder."""
        command = [str(FACTCHECK), *(["-v"] if verbose else []), "check", *paths, *args]
        return subprocess.run(command, cwd=self.root, env=self.env(env), capture_output=True, text=True,
                              timeout=120, check=False)


class Repo(Folder):
    """A git repository in a temporary folder, with a local user."""

    @classmethod
    def init(cls, root: Path, files: dict[str, str]) -> Repo:
        root.mkdir(parents=True)
        repo = cls(root)
        repo.git("init", "--quiet")
        repo.git("config", "user.name", "Test User")
        repo.git("config", "user.email", "test@example.invalid")
        repo.git("config", "commit.gpgsign", "false")
        for name, text in files.items():
            repo.write(name, text)
        repo.commit("initial corpus")
        return repo

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.root, env=self.env(), capture_output=True, text=True,
                              check=True).stdout

    def commit(self, message: str) -> None:
        self.git("add", "--all")
        self.git("commit", "--quiet", "--message", message)

    def fork(self, root: Path) -> Repo:
        """A copy of the repository, its history, baseline and claim cache, to change freely."""
        shutil.copytree(self.root, root, symlinks=True)
        return Repo(root)


def position(text: str, needle: str) -> tuple[int, int]:
    """The 1-based line and column where `needle` first starts in `text`."""
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def annotations(stdout: str) -> list[tuple[str, dict[str, str], str]]:
    """The GitHub workflow commands in `stdout` as (level, properties, message)."""
    found = []
    for line in stdout.splitlines():
        match = ANNOTATION.match(line)
        if match:
            properties = dict(part.split("=", 1) for part in match["properties"].split(","))
            found.append((match["level"], properties, match["message"]))
    return found


def cache_stats(result: subprocess.CompletedProcess[str]) -> tuple[int, int]:
    """(extracted, from cache) from the `-v` log line."""
    matches = CACHE_STATS.findall(result.stderr)
    assert len(matches) == 1, result.stderr
    return int(matches[0][0]), int(matches[0][1])


def baseline_entry_line(accepted_text: str, measured: str) -> int:
    """The line of the `- finding:` entry in accepted.yaml whose finding measures `measured`."""
    lines = accepted_text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip() == f"measured: {measured}")
    while not lines[index].startswith("- "):
        index -= 1
    return index + 1


# --- shared repositories (read only; fork them to change them) -------------------------

@pytest.fixture(scope="module")
def corpus_repo(tmp_path_factory) -> Repo:
    """a.txt and b.txt committed, no baseline: three conflicts."""
    return Repo.init(tmp_path_factory.mktemp("corpus") / "repo", {"docs/a.txt": A_TXT, "docs/b.txt": B_TXT})


@pytest.fixture(scope="module")
def baselined_repo(corpus_repo, tmp_path_factory) -> Repo:
    """The corpus with every finding accepted by `--write-baseline`, committed."""
    repo = corpus_repo.fork(tmp_path_factory.mktemp("baselined") / "repo")
    written = repo.check("--write-baseline")
    assert written.returncode == 0, written.stderr
    assert "rules/accepted.yaml: 3 baseline entries, 0 reviews kept" in written.stderr
    repo.commit("accept the current findings")
    return repo


@pytest.fixture(scope="module")
def mixed_repo(baselined_repo, tmp_path_factory) -> Repo:
    """The baselined corpus plus an untracked c.txt: three accepted findings, one new conflict."""
    repo = baselined_repo.fork(tmp_path_factory.mktemp("mixed") / "repo")
    repo.write("docs/c.txt", C_TXT)
    return repo


@pytest.fixture(scope="module")
def mixed_json(mixed_repo) -> dict:
    result = mixed_repo.check("--output-format", "json")
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def rounding_repo(tmp_path_factory) -> Repo:
    """Two sources whose only finding is a rounding, and some broken baselines beside them."""
    return Repo.init(tmp_path_factory.mktemp("rounding") / "repo", {
        "docs/rounded.txt": ROUNDED_TXT,
        "docs/precise.txt": PRECISE_TXT,
        "broken/unknown-key.yaml": "baseline:\n- finding:\n    measured: deaths\n    colour: red\n",
        "broken/not-yaml.yaml": "baseline:\n- finding: {measured: deaths\n- x\n",
        "broken/unknown-verdict.yaml": ("reviews:\n- finding:\n    measured: deaths\n"
                                        "    a: {source: a.txt, value: 1, qualifier: exact}\n"
                                        "    b: {source: b.txt, value: 2, qualifier: exact}\n"
                                        "  verdict: maybe\n"),
    })


@pytest.fixture(scope="module")
def no_git_folder(tmp_path_factory) -> Folder:
    """The corpus in a folder that is in no git repository."""
    folder = Folder(tmp_path_factory.mktemp("no-git") / "folder")
    folder.write("docs/a.txt", A_TXT)
    folder.write("docs/b.txt", B_TXT)
    return folder


# --- 1. the baseline lets a known corpus pass ------------------------------------------

def test_clean_corpus_with_committed_baseline_passes(baselined_repo):
    result = baselined_repo.check()

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ("0 findings not accepted; 3 accepted; 2 sources. "
                             "The check passes (--fail-on conflict).\n")
    # the baseline is committed and the claim cache ignores itself: nothing for git to see
    assert baselined_repo.git("status", "--porcelain") == ""


# --- 2. a new document that contradicts an untouched one -------------------------------

@pytest.mark.parametrize("committed, diff_base", [(False, "HEAD"), (True, "HEAD~1")],
                         ids=["untracked-vs-HEAD", "committed-vs-HEAD~1"])
def test_new_contradicting_document_fails_and_is_annotated(mixed_repo, tmp_path, committed, diff_base):
    repo = mixed_repo
    if committed:
        repo = mixed_repo.fork(tmp_path / "repo")
        repo.commit("add the ministry's update")

    result = repo.check("--output-format", "github", "--diff-base", diff_base)

    assert result.returncode == 1, result.stdout + result.stderr
    line, column = position(C_TXT, "300 people")
    b_line, _ = position(B_TXT, "48 deaths")
    assert annotations(result.stdout) == [(
        "error",
        {"file": "docs/c.txt", "line": str(line), "col": str(column),
         "title": "factcheck conflict%3A people killed%3A 2019 Chile floods"},
        f"300 people (docs/c.txt) vs 48 death (docs/b.txt:{b_line})",
    )]
    assert "3 only in unchanged documents, not counted" in result.stdout


@pytest.mark.parametrize("where", ["untracked", "committed", "outside-git"])
def test_without_a_diff_base_the_annotation_lands_on_the_new_document(mixed_repo, tmp_path, where):
    """Inside git, the side the most recent commit changed (or that is not committed
    yet) is annotated, naming the other; outside git, both sides are."""
    if where == "committed":
        repo = mixed_repo.fork(tmp_path / "repo")
        repo.commit("add the ministry's update")
        assert repo.git("status", "--porcelain") == ""
    elif where == "outside-git":
        repo = Folder(tmp_path / "folder")
        shutil.copytree(mixed_repo.root, repo.root, ignore=shutil.ignore_patterns(".git"))
    else:
        repo = mixed_repo

    result = repo.check("--output-format", "github")

    assert result.returncode == 1, result.stdout + result.stderr
    c_line, c_column = position(C_TXT, "300 people")
    b_line, b_column = position(B_TXT, "48 deaths")
    title = "factcheck conflict%3A people killed%3A 2019 Chile floods"
    on_c = ("error", {"file": "docs/c.txt", "line": str(c_line), "col": str(c_column), "title": title},
            f"300 people (docs/c.txt) vs 48 death (docs/b.txt:{b_line})")
    on_b = ("error", {"file": "docs/b.txt", "line": str(b_line), "col": str(b_column), "title": title},
            f"48 death (docs/b.txt) vs 300 people (docs/c.txt:{c_line})")
    expected = [on_c] if where != "outside-git" else [on_c, on_b]
    assert sorted(annotations(result.stdout), key=str) == sorted(expected, key=str)
    assert "not counted" not in result.stdout, "without a diff base every document counts"


# --- 3. --diff-base counts only findings that touch a changed document -----------------

def test_diff_base_reports_only_findings_touching_the_changed_document(corpus_repo, tmp_path):
    repo = corpus_repo.fork(tmp_path / "repo")
    repo.write("docs/c.txt", C_TXT)
    repo.commit("add c.txt")
    repo.write("docs/c.txt", C_TXT.replace("300 people", "310 people"))
    repo.commit("c.txt: the new count")

    # no baseline: a.txt vs b.txt has three unaccepted conflicts, but neither file changed
    result = repo.check("--diff-base", "HEAD~1", "--fail-on", "any", "--output-format", "json")

    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    pairs = {tuple(side["path"] for side in finding["sides"]): finding["relation"] for finding in report["findings"]}
    # the changed document is the side pointed at first; its partners are the untouched ones
    assert pairs == {("docs/c.txt", "docs/b.txt"): "conflict", ("docs/c.txt", "docs/a.txt"): "compatible"}
    assert "3 only in unchanged documents, not counted" in report["summary"]


# --- 4. --write-baseline keeps reviewers' verdicts -------------------------------------

def test_write_baseline_keeps_human_reviews(baselined_repo, tmp_path):
    repo = baselined_repo.fork(tmp_path / "repo")
    accepted = yaml.safe_load(repo.read("rules/accepted.yaml"))
    [deaths] = [entry for entry in accepted["baseline"] if entry["finding"]["measured"] == "deaths"]
    accepted["baseline"].remove(deaths)
    review = {**deaths, "verdict": "confirmed", "note": "a.txt counts the missing too: checked with the ministry",
              "reviewer": "ana", "date": "2024-05-02"}
    accepted["reviews"] = [review]
    repo.write("rules/accepted.yaml", yaml.safe_dump(accepted, sort_keys=False))

    written = repo.check("--write-baseline")

    assert written.returncode == 0, written.stderr
    assert "2 baseline entries, 1 reviews kept" in written.stderr
    rewritten = yaml.safe_load(repo.read("rules/accepted.yaml"))
    assert rewritten["reviews"] == [review]
    assert [entry["finding"]["measured"] for entry in rewritten["baseline"]] == ["border_length", "displaced"]

    checked = repo.check("--output-format", "json")

    assert checked.returncode == 0, checked.stdout + checked.stderr
    report = json.loads(checked.stdout)
    assert report["findings"] == []
    verdicts = {f["fact_label"]: (f["review"]["verdict"], f["review"]["note"]) for f in report["accepted"]}
    assert verdicts == {"people killed: 2019 Chile floods": ("confirmed", review["note"]),
                        "border length: Argentina–Chile border": ("baseline", None),
                        "people displaced: 2019 Chile floods": ("baseline", None)}


# --- 5. stale baseline entries ---------------------------------------------------------

@pytest.mark.parametrize("options, exit_code", [((), 0), (("--strict-baseline",), 1)],
                         ids=["default-passes", "strict-baseline-fails"])
def test_stale_baseline_entries_are_listed(baselined_repo, tmp_path, options, exit_code):
    repo = baselined_repo.fork(tmp_path / "repo")
    # b.txt now agrees with a.txt on the border, so its baseline entry matches nothing
    repo.write("docs/b.txt", B_TXT.replace("5,308-km", "5,000-km"))
    entry_line = baseline_entry_line(repo.read("rules/accepted.yaml"), "border_length")

    result = repo.check(*options)

    assert result.returncode == exit_code, result.stdout + result.stderr
    stale = [line for line in result.stdout.splitlines() if "stale" in line and "matches no finding" in line]
    assert len(stale) == 1, result.stdout
    assert stale[0].startswith(f"rules/accepted.yaml:{entry_line}: stale baseline entry (baseline): ")
    assert "1 stale entries" in result.stdout
    assert ("(failing: --strict-baseline)" in result.stdout) == bool(options)


# --- 6. SARIF --------------------------------------------------------------------------

def test_sarif_output(mixed_repo, mixed_json, tmp_path):
    out = tmp_path / "out.sarif"

    result = mixed_repo.check("-o", str(out), "--output-format", "sarif")

    assert result.returncode == 1
    assert result.stdout == ""  # the output went to the file, the summary to stderr
    assert "The check fails" in result.stderr
    sarif = json.loads(out.read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    [run] = sarif["runs"]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["conflict", "rounding", "compatible"]

    expected = {f["id"]: (f, False) for f in mixed_json["findings"]}
    expected |= {f["id"]: (f, True) for f in mixed_json["accepted"]}
    assert len(expected) == 4
    assert sorted(r["properties"]["finding"] for r in run["results"]) == sorted(expected)
    for sarif_result in run["results"]:
        finding, accepted = expected[sarif_result["properties"]["finding"]]
        first, second = finding["sides"]
        assert sarif_result["ruleId"] == finding["relation"]
        location = sarif_result["locations"][0]["physicalLocation"]
        assert (location["artifactLocation"]["uri"], location["region"]["startLine"]) == (first["path"], first["line"])
        related = sarif_result["relatedLocations"][0]["physicalLocation"]
        assert (related["artifactLocation"]["uri"], related["region"]["startLine"]) == (second["path"], second["line"])
        assert ("suppressions" in sarif_result) == accepted


@pytest.fixture(scope="module")
def odd_name_repo(baselined_repo, tmp_path_factory) -> Repo:
    """The baselined corpus plus an untracked contradicting document whose name holds
    characters that need escaping: ',', ':', '%', '#' and spaces."""
    repo = baselined_repo.fork(tmp_path_factory.mktemp("odd-name") / "repo")
    repo.write("docs/floods, update: 50% #2.txt", C_TXT)
    return repo


def test_sarif_uris_are_percent_encoded(odd_name_repo):
    result = odd_name_repo.check("--output-format", "sarif")

    uris = {location["physicalLocation"]["artifactLocation"]["uri"]
            for sarif_result in json.loads(result.stdout)["runs"][0]["results"]
            for location in (*sarif_result["locations"], *sarif_result["relatedLocations"])}
    odd = [uri for uri in uris if unquote(uri) == "docs/floods, update: 50% #2.txt"]
    assert len(odd) == 1, uris  # the URI decodes back to the path...
    assert not re.search(r"[ #]|%(?![0-9A-Fa-f]{2})", odd[0]), odd[0]  # ...and is a valid URI reference


# --- 7. JUnit --------------------------------------------------------------------------

def test_junit_output(mixed_repo, mixed_json):
    result = mixed_repo.check("--output-format", "junit")

    assert result.returncode == 1
    suites = ElementTree.fromstring(result.stdout)
    cases = suites.findall("./testsuite/testcase")
    facts = {f["fact"] for f in mixed_json["findings"] + mixed_json["accepted"]}
    assert len(facts) == 3
    assert sorted(re.search(r"\[(\w+)\]$", case.get("name"))[1] for case in cases) == sorted(facts)
    failed = [case for case in cases if case.find("failure") is not None]
    failing_facts = {f["fact"] for f in mixed_json["findings"] if f["fails"]}
    assert [re.search(r"\[(\w+)\]$", case.get("name"))[1] for case in failed] == sorted(failing_facts)
    assert suites.get("failures") == suites.find("testsuite").get("failures") == str(len(failed)) == "1"
    assert suites.get("tests") == str(len(cases))


# --- 8. the claim cache ----------------------------------------------------------------

def test_cache_reextracts_only_the_edited_document(tmp_path):
    repo = Repo.init(tmp_path / "repo", {"docs/a.txt": A_TXT, "docs/b.txt": B_TXT, "docs/c.txt": C_TXT})

    first = repo.check(verbose=True)
    repo.write("docs/b.txt", B_TXT + "\nThe report was published in 2020.\n")
    second = repo.check(verbose=True)

    assert cache_stats(first) == (3, 0)
    assert cache_stats(second) == (1, 2)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout  # claims from the cache give the same findings
    assert repo.git("status", "--porcelain") == " M docs/b.txt\n"  # the cache is not for git


def test_no_cache_creates_no_cache_folder(no_git_folder):
    result = no_git_folder.check("--no-cache", verbose=True)

    assert result.returncode == 1, result.stderr
    assert "3 findings not accepted (3 conflict)" in result.stdout
    assert "claim cache" not in result.stderr
    assert not (no_git_folder.root / ".factcheck-cache").exists()


def test_corrupt_cache_is_rebuilt(corpus_repo, tmp_path):
    repo = corpus_repo.fork(tmp_path / "repo")
    cache_file = repo.root / ".factcheck-cache" / "claims.sqlite3"
    cache_file.parent.mkdir()
    cache_file.write_bytes(b"\x00garbage, not SQLite\xff" * 64)

    rebuilt = repo.check(verbose=True)
    again = repo.check(verbose=True)

    assert rebuilt.returncode == 1  # the three conflicts, as without the cache
    assert "3 findings not accepted (3 conflict)" in rebuilt.stdout
    assert re.search(r"WARNING .*claims\.sqlite3: damaged claim cache .*rebuilding it", rebuilt.stderr)
    assert cache_stats(rebuilt) == (2, 0)
    assert again.returncode == 1
    assert "WARNING" not in again.stderr
    assert cache_stats(again) == (0, 2)


def test_a_busy_cache_is_left_alone(corpus_repo, tmp_path):
    """Another run holding the cache is no damage: this run goes on without it, and the
    other run's file stays."""
    repo = corpus_repo.fork(tmp_path / "repo")
    assert repo.check(verbose=True).returncode == 1  # fills the cache
    cache_file = repo.root / ".factcheck-cache" / "claims.sqlite3"
    holder = sqlite3.connect(cache_file)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        busy = repo.check(verbose=True)
    finally:
        holder.rollback()
        holder.close()
    assert busy.returncode == 1 and "3 findings not accepted (3 conflict)" in busy.stdout
    assert "cannot use the claim cache" in busy.stderr and "running without it" in busy.stderr
    assert "rebuilding" not in busy.stderr
    assert cache_stats(repo.check(verbose=True)) == (0, 2), "the cache survived"


# --- 9. exit codes ---------------------------------------------------------------------

EXIT_CODES = [
    # id, folder fixture, options, exit code, text expected (stdout for 0 and 1, stderr for 2)
    ("fail-on-conflict-passes-a-rounding", "rounding_repo", ["--fail-on", "conflict"], 0,
     "The check passes (--fail-on conflict)."),
    ("fail-on-rounding-fails", "rounding_repo", ["--fail-on", "rounding"], 1,
     "The check fails (--fail-on rounding)."),
    ("fail-on-any-fails", "rounding_repo", ["--fail-on", "any"], 1, "The check fails (--fail-on any)."),
    ("exit-zero-with-failing-findings", "rounding_repo", ["--fail-on", "rounding", "--exit-zero"], 0,
     "The check fails (--fail-on rounding)."),
    ("bad-diff-base-ref", "rounding_repo", ["--diff-base", "no-such-ref"], 2,
     "factcheck: 'no-such-ref' names no commit in "),
    ("diff-base-outside-git", "no_git_folder", ["--diff-base", "HEAD"], 2,
     "factcheck: fatal: not a git repository"),
    ("baseline-unknown-key", "rounding_repo", ["--baseline", "broken/unknown-key.yaml"], 2,
     "factcheck: broken/unknown-key.yaml:4: unknown key 'colour'"),
    ("baseline-not-yaml", "rounding_repo", ["--baseline", "broken/not-yaml.yaml"], 2,
     "factcheck: broken/not-yaml.yaml:4: not valid YAML"),
    ("baseline-unknown-verdict", "rounding_repo", ["--baseline", "broken/unknown-verdict.yaml"], 2,
     "factcheck: broken/unknown-verdict.yaml:2: reviews: unknown verdict 'maybe'"),
]


@pytest.mark.parametrize("folder_fixture, options, exit_code, expected", [row[1:] for row in EXIT_CODES],
                         ids=[row[0] for row in EXIT_CODES])
def test_exit_codes(request, folder_fixture, options, exit_code, expected):
    folder = request.getfixturevalue(folder_fixture)

    result = folder.check(*options)

    assert result.returncode == exit_code, result.stdout + result.stderr
    if exit_code == 2:
        assert result.stdout == ""
        assert expected in result.stderr
    else:
        assert expected in result.stdout
        if folder_fixture == "rounding_repo":
            assert "rounding border length: Argentina–Chile border: 972 km (docs/precise.txt) vs 1,000 km " \
                "(docs/rounded.txt:1)" in result.stdout


# --- 10. GitHub workflow commands ------------------------------------------------------

@pytest.mark.parametrize("escape, text, escaped", [
    (_escape_property, "docs/new, report: c.txt", "docs/new%2C report%3A c.txt"),
    (_escape_property, "50%: done", "50%25%3A done"),
    (_escape_property, "two\r\nlines", "two%0D%0Alines"),
    (_escape_data, "a: b, c", "a: b, c"),
    (_escape_data, "rose 5% in 2019", "rose 5%25 in 2019"),
    (_escape_data, "one\ntwo\r\n", "one%0Atwo%0D%0A"),
    (_escape_data, "%0A", "%250A"),
], ids=["property-colon-comma", "property-percent-first", "property-newline", "data-keeps-colon-comma",
        "data-percent", "data-newline", "data-escapes-an-escape"])
def test_github_escaping(escape, text, escaped):
    assert escape(text) == escaped


def test_github_annotation_escapes_the_path_and_appends_a_step_summary(odd_name_repo, tmp_path):
    summary = tmp_path / "step-summary.md"
    summary.write_text("# an earlier step\n", encoding="utf-8")

    result = odd_name_repo.check("--output-format", "github", "--diff-base", "HEAD",
                                 env={"GITHUB_STEP_SUMMARY": str(summary)})

    assert result.returncode == 1, result.stdout + result.stderr
    line, column = position(C_TXT, "300 people")
    [(level, properties, message)] = annotations(result.stdout)
    assert (level, properties["file"], properties["line"], properties["col"]) == \
        ("error", "docs/floods%2C update%3A 50%25 #2.txt", str(line), str(column))
    assert message.startswith("300 people (docs/floods, update: 50%25 #2.txt) vs 48 death (docs/b.txt:")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# an earlier step\n## factcheck check\n")
    assert "The check fails (--fail-on conflict)." in text
    assert f"| ❌ | conflict | people killed: 2019 Chile floods | 300 people (docs/floods, update: 50% #2.txt:{line}) |" \
        in text


# --- review mends: changed rules, write failures, strictness in every format ------------

def test_a_changed_baseline_makes_every_finding_count(baselined_repo, tmp_path):
    """Emptying the baseline touches no document, yet every finding is new again."""
    repo = baselined_repo.fork(tmp_path / "repo")
    repo.write("rules/accepted.yaml", "reviews: []\n")
    repo.commit("drop the baseline")
    result = repo.check("--diff-base", "HEAD~1")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "3 findings not accepted (3 conflict)" in result.stdout
    assert "rules/accepted.yaml changed since HEAD~1: every finding counts" in result.stderr


@pytest.mark.parametrize("args, message", [
    pytest.param(["-o", "/proc/no-such-folder/out.txt"], "cannot write", id="unwritable-output"),
    pytest.param(["--write-baseline", "-o", "out.sarif"], "--write-baseline writes the baseline only",
                 id="write-baseline-with-output"),
    pytest.param(["--baseline", "missing.yaml"], "--baseline missing.yaml: no such file", id="missing-baseline"),
])
def test_input_and_output_errors_exit_2_even_with_exit_zero(corpus_repo, args, message):
    result = corpus_repo.check(*args, "--exit-zero")
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unwritable_step_summary_exits_2(corpus_repo):
    result = corpus_repo.check("--output-format", "github", "--exit-zero",
                               env={"GITHUB_STEP_SUMMARY": "/proc/no-such-folder/summary.md"})
    assert result.returncode == 2 and "cannot append the step summary" in result.stderr


def test_strict_stale_entries_fail_in_junit_and_github(baselined_repo, tmp_path):
    repo = baselined_repo.fork(tmp_path / "repo")
    deaths = "The floods in 2019 caused 48 deaths in Chile."
    assert deaths in repo.read("docs/b.txt")
    repo.write("docs/b.txt", repo.read("docs/b.txt").replace(deaths, "The floods in 2019 hit Chile hard."))
    junit = ElementTree.fromstring(repo.check("--strict-baseline", "--output-format", "junit").stdout)
    [baseline_case] = [c for c in junit.iter("testcase") if c.get("classname") == "factcheck.baseline"]
    assert baseline_case.find("failure") is not None
    assert junit.get("failures") == "1"
    github = repo.check("--strict-baseline", "--output-format", "github")
    assert github.returncode == 1
    assert any(line.startswith("::error::") and "stale baseline entry" in line for line in github.stdout.splitlines())
    lenient = repo.check("--output-format", "github")
    assert lenient.returncode == 0
    assert any(line.startswith("::warning::") and "stale" in line for line in lenient.stdout.splitlines())


def test_junit_has_a_case_when_nothing_is_checked(tmp_path):
    folder = Folder(tmp_path / "empty")
    folder.write("docs/a.txt", "Nothing here states a figure.\n")
    junit = ElementTree.fromstring(folder.check("--output-format", "junit", "--no-cache").stdout)
    assert junit.get("tests") == "1" and junit.get("failures") == "0"


def test_unreadable_sources_are_reported_in_the_machine_formats(corpus_repo, tmp_path):
    repo = corpus_repo.fork(tmp_path / "repo")
    # bytes that no encoding reads (a legacy encoding would be read, with a warning)
    (repo.root / "docs" / "broken.txt").write_bytes(b"The floods " + bytes(range(0x80, 0x100)) * 3 + b"\n")
    report = json.loads(repo.check("--output-format", "json").stdout)
    assert [(p["source"], p["reason"]) for p in report["problems"]] == [("broken.txt", "undecodable")]
    github = repo.check("--output-format", "github").stdout
    assert "::warning file=broken.txt,line=1::undecodable" in github
    sarif = json.loads(repo.check("--output-format", "sarif").stdout)
    [notification] = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notification["message"]["text"].startswith("undecodable")
