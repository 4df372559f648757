"""The review round trip: verdicts typed into report.xlsx go into rules/accepted.yaml with
`factcheck review import`, and the next `factcheck run` gives findings their status in
every format, prefills the workbook and reports reviews that went stale. Bad workbooks
fail with the sheet, cell, row and column named, and change nothing."""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import SEEDS

from factcheck.cli import main
from factcheck.model import Verdict
from factcheck.review.accepted import parse_accepted, render_accepted
from factcheck.rules import RulesError

# An invented corpus with three conflicts: deaths, a border's length, people displaced.
SOURCE_A = ("The 2019 floods in Chile left more than 90 people dead.\n\n"
            "The border between Chile and Argentina is 5,000 km long.\n\n"
            "Floods displaced 12,000 people in Chile in 2019.\n")
SOURCE_B = ("Report on the floods.\n\n"
            "The floods in 2019 caused 48 deaths in Chile.\n\n"
            "The 5,308-km border between Chile and Argentina is long.\n\n"
            "In 2019 the floods displaced 30,000 people in Chile.\n")


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


class Project:
    """A folder laid out as a user's: sources/, rules/ (empty: packaged defaults) and reports/."""

    def __init__(self, root: Path, sources: dict[str, str] | Path) -> None:
        self.root = root
        self.sources = root / "sources"
        if isinstance(sources, Path):
            shutil.copytree(sources, self.sources)
        else:
            self.sources.mkdir(parents=True)
            for name, text in sources.items():
                (self.sources / name).write_text(text, encoding="utf-8")
        self.rules = root / "rules"
        self.rules.mkdir()
        self.reports = root / "reports"

    @property
    def accepted(self) -> Path:
        return self.rules / "accepted.yaml"

    @property
    def workbook(self) -> Path:
        return self.reports / "report.xlsx"

    def run(self):
        result = invoke("run", self.sources, "--rules", self.rules, "--out", self.reports, "--no-progress")
        assert result.exit_code == 0, result.output
        return result

    def report(self) -> dict:
        return json.loads((self.reports / "report.json").read_text(encoding="utf-8"))

    def claim(self, claim_id: str) -> dict:
        return next(c for c in self.report()["claims"] if c["id"] == claim_id)

    def import_review(self, workbook: Path, *options: str):
        return invoke("review", "import", workbook, "--rules", self.rules, "--report", self.reports / "report.json",
                      "--date", "2026-01-02", *options)


def discrepancy_sheet(path: Path):
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Discrepancies"]
    return workbook, sheet, {cell.value: cell.column for cell in sheet[1]}


def fill_in(path: Path, out: Path, verdicts: dict[int, tuple[str, str | None]]) -> None:
    """Type verdict and note into data rows (1-based among data rows) and save as `out`."""
    workbook, sheet, column = discrepancy_sheet(path)
    for index, (verdict, note) in verdicts.items():
        sheet.cell(index + 1, column["verdict"], verdict)
        if note is not None:
            sheet.cell(index + 1, column["reviewer note"], note)
    workbook.save(out)


def statuses(project: Project) -> dict[str, str]:
    return {f["id"]: f["status"] for f in project.report()["findings"] if f["relation"] in ("rounding", "conflict")}


@pytest.fixture
def invented(tmp_path) -> Project:
    project = Project(tmp_path / "project", {"a.txt": SOURCE_A, "b.txt": SOURCE_B})
    project.run()
    return project


# --- the round trip -------------------------------------------------------------------

def _type_as_text(cell, text: str) -> None:
    """What a spreadsheet does with text typed after an apostrophe: a string cell, even
    when the text starts with "="."""
    cell.value = text
    cell.data_type = "s"


def _reorder_columns_and_sort_rows(path: Path, out: Path, first: str, second: str) -> None:
    """What a reviewer does in a spreadsheet: swap two columns and sort the rows (here by
    the reversed finding id), then save. Cells move with their type."""
    workbook, sheet, column = discrepancy_sheet(path)
    rows = [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]
    a, b = column[first] - 1, column[second] - 1
    for row in rows:
        row[a], row[b] = row[b], row[a]
    by_id = [value for value, _ in rows[0]].index("finding_id")
    header, data = rows[0], sorted(rows[1:], key=lambda r: str(r[by_id][0])[::-1])
    for r, cells in enumerate([header, *data], start=1):
        for c, (value, data_type) in enumerate(cells, start=1):
            cell = sheet.cell(r, c)
            cell.hyperlink = None
            cell.value = value  # also when None: sheet.cell(r, c, None) would keep the old value
            cell.data_type = data_type
    workbook.create_sheet("My notes")["A1"] = "an extra sheet the reviewer added"
    workbook.save(out)


def test_round_trip_on_the_seeds(tmp_path):
    project = Project(tmp_path / "project", SEEDS)
    project.run()
    before = statuses(project)
    assert set(before.values()) == {"open"}
    # Findings that state the same figures in the same sources share one review key.
    key_of = {f["id"]: f["review_key"] for f in project.report()["findings"]}
    one_per_key: dict[str, str] = {}
    for finding_id in before:
        one_per_key.setdefault(key_of[finding_id], finding_id)
    assert len(one_per_key) >= 3

    reviewed = tmp_path / "reviewed.xlsx"
    workbook, sheet, column = discrepancy_sheet(project.workbook)
    ids = list(one_per_key.values())[:3]
    typed = {ids[0]: ("Confirmed", "two agencies counted differently"),
             ids[1]: ("  FALSE   alarm ", None),
             ids[2]: ("fixed_in_source", "=the source was corrected")}
    for row in range(2, sheet.max_row + 1):
        finding_id = sheet.cell(row, column["finding_id"]).value
        if finding_id in typed:
            verdict, note = typed[finding_id]
            sheet.cell(row, column["verdict"], verdict)
            if note:
                _type_as_text(sheet.cell(row, column["reviewer note"]), note)
    workbook.save(reviewed)
    _reorder_columns_and_sort_rows(reviewed, reviewed, "verdict", "finding_id")

    result = project.import_review(reviewed, "--reviewer", "ana")
    assert result.exit_code == 0, result.output
    assert "3 verdicts read" in result.stderr

    project.run()
    after = statuses(project)
    verdict_of_key = {key_of[ids[0]]: "confirmed", key_of[ids[1]]: "false alarm", key_of[ids[2]]: "fixed in source"}
    expected = {i: verdict_of_key.get(key_of[i], "open") for i in before}
    assert after == expected
    reviewed_count = sum(1 for status in expected.values() if status != "open")
    findings = {f["id"]: f for f in project.report()["findings"]}
    assert findings[ids[0]]["review"] == {"verdict": "confirmed", "note": "two agencies counted differently",
                                          "reviewer": "ana", "date": "2026-01-02"}

    _, sheet, column = discrepancy_sheet(project.workbook)
    prefilled = {sheet.cell(r, column["finding_id"]).value: (sheet.cell(r, column["verdict"]).value,
                                                             sheet.cell(r, column["reviewer note"]))
                 for r in range(2, sheet.max_row + 1)}
    assert {i: prefilled[i][0] or "open" for i in expected} == expected
    note_cell = prefilled[ids[2]][1]
    assert note_cell.value == "=the source was corrected" and note_cell.data_type == "s"

    summary = {row[0]: row[1] for row in openpyxl.load_workbook(project.workbook)["Summary"].iter_rows(
        values_only=True) if row and row[0]}
    assert summary["reviewed"] == reviewed_count
    assert summary["open"] == len(after) - reviewed_count

    statuses_in_csv = (project.reports / "findings.csv").read_text(encoding="utf-8-sig")
    assert "false alarm" in statuses_in_csv and "fixed in source" in statuses_in_csv
    markdown = (project.reports / "report.md").read_text(encoding="utf-8")
    assert "Review: **confirmed** by ana on 2026-01-02: two agencies counted differently." in markdown
    assert f"{reviewed_count} reviewed, {len(after) - reviewed_count} open." in markdown


def test_review_survives_an_edit_elsewhere_in_the_source(invented, tmp_path):
    reviewed = tmp_path / "reviewed.xlsx"
    fill_in(invented.workbook, reviewed, {1: ("confirmed", None), 2: ("outdated", None), 3: ("unsure", None)})
    assert invented.import_review(reviewed).exit_code == 0
    text = (invented.sources / "b.txt").read_text(encoding="utf-8")
    (invented.sources / "b.txt").write_text("A new first paragraph, added later.\n\n" + text, encoding="utf-8")
    old_ids = set(statuses(invented))
    invented.run()
    now = statuses(invented)
    assert not set(now) & old_ids, "the edit moved every figure of b.txt, so every finding id changed"
    assert sorted(now.values()) == ["confirmed", "outdated", "unsure"]
    assert invented.report()["stale_reviews"] == []


def _repeated_figures(root: Path) -> tuple[Project, dict[str, str], list[int], list[str]]:
    """A run over sources where b.txt states its death toll twice, in two sentences: the
    project, finding id -> review key, and the Discrepancies rows and ids of the two
    findings that state the same figures in the same sources."""
    repeated = SOURCE_B + "\nOfficials later confirmed 48 deaths in Chile in 2019.\n"
    project = Project(root, {"a.txt": SOURCE_A, "b.txt": repeated})
    project.run()
    findings = project.report()["findings"]
    figures: dict[tuple, list[str]] = {}
    for f in findings:
        claims = [project.claim(i) for i in f["claims"]]
        figures.setdefault(tuple(sorted((c["source"], c["value"]) for c in claims)), []).append(f["id"])
    [pair] = [ids for ids in figures.values() if len(ids) == 2]
    _, sheet, column = discrepancy_sheet(project.workbook)
    rows = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column["finding_id"]).value in pair]
    ids = [sheet.cell(r, column["finding_id"]).value for r in rows]
    return project, {f["id"]: f["review_key"] for f in findings}, rows, ids


def test_two_sentences_that_state_the_same_figures_take_two_verdicts(tmp_path):
    project, key_of, rows, pair = _repeated_figures(tmp_path / "project")
    assert key_of[pair[0]] != key_of[pair[1]], "each sentence is its own statement, so its own review"

    split = tmp_path / "split.xlsx"
    fill_in(project.workbook, split, {rows[0] - 1: ("confirmed", None), rows[1] - 1: ("false alarm", "a later tally")})
    result = project.import_review(split)
    assert result.exit_code == 0, result.output
    assert "2 new" in result.stderr
    project.run()
    status = {f["id"]: f["status"] for f in project.report()["findings"]}
    assert sorted(status[i] for i in pair) == ["confirmed", "false alarm"]
    sentences = [side.sentence for review in parse_accepted(project.accepted.read_text(encoding="utf-8"), "a.yaml")
                 for side in review.key.sides]
    assert "Officials later confirmed 48 deaths in Chile in 2019." in sentences


def _without_sentences(accepted: Path) -> None:
    """Rewrite accepted.yaml as factcheck wrote it before review keys held sentences."""
    entries = parse_accepted(accepted.read_text(encoding="utf-8"), str(accepted))
    accepted.write_text(render_accepted([replace(e, key=e.key.without_sentences()) for e in entries]), encoding="utf-8")
    assert "sentence:" not in accepted.read_text(encoding="utf-8").split("\nreviews:")[1]


@pytest.mark.parametrize("delete_row", [False, True], ids=["every-row-back", "a-row-deleted"])
def test_an_older_accepted_file_still_attaches_and_migrates_on_import(tmp_path, delete_row):
    project, _, rows, pair = _repeated_figures(tmp_path / "project")
    one = tmp_path / "one.xlsx"
    fill_in(project.workbook, one, {rows[0] - 1: ("confirmed", "checked")})
    assert project.import_review(one).exit_code == 0
    _without_sentences(project.accepted)

    project.run()
    status = {f["id"]: f["status"] for f in project.report()["findings"]}
    assert [status[i] for i in pair] == ["confirmed", "confirmed"], "an entry without sentences covers both"
    assert project.report()["stale_reviews"] == []

    changed = tmp_path / "changed.xlsx"
    fill_in(project.workbook, changed, {rows[1] - 1: ("false alarm", None)})
    if delete_row:  # the reviewer drops the unchanged row: its finding must keep the older entry
        workbook, sheet, _ = discrepancy_sheet(changed)
        sheet.delete_rows(rows[0])
        workbook.save(changed)
    result = project.import_review(changed)
    assert result.exit_code == 0, result.output
    entries = parse_accepted(project.accepted.read_text(encoding="utf-8"), "accepted.yaml")
    with_sentences = [e for e in entries if e.key.has_sentences]
    if delete_row:
        assert [e.verdict.value for e in with_sentences] == ["false alarm"]
        assert [e.note for e in entries if not e.key.has_sentences] == ["checked"], "the older entry is kept"
    else:
        assert "1 older entries rewritten per sentence" in result.stderr
        assert len(entries) == 2 and len(with_sentences) == 2, "migrated: one entry per sentence"
        kept = next(e for e in entries if e.verdict.value == "confirmed")
        assert (kept.note, kept.date) == ("checked", "2026-01-02"), "the unchanged verdict keeps its note and date"
    project.run()
    status = {f["id"]: f["status"] for f in project.report()["findings"]}
    assert [status[i] for i in pair] == ["confirmed", "false alarm"]
    assert project.report()["stale_reviews"] == []


def _share_one_key(path: Path, out: Path, first: int, second: int) -> None:
    """Give data row `second` of the hidden key sheet the key of row `first`: two findings
    that state the same figures in the same sentences (a source that repeats itself word
    for word in two articles of one file)."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Review keys"]
    column = {cell.value: cell.column for cell in sheet[1]}
    for header, c in column.items():
        if header not in ("finding_id", "prefilled verdict"):
            sheet.cell(second + 1, c, sheet.cell(first + 1, c).value)
    workbook.save(out)


def test_findings_under_one_key_share_one_review(invented, tmp_path):
    shared = tmp_path / "shared.xlsx"
    _share_one_key(invented.workbook, shared, 1, 2)
    split = tmp_path / "split.xlsx"
    fill_in(shared, split, {1: ("confirmed", None), 2: ("false alarm", None)})
    result = invented.import_review(split)
    assert result.exit_code == 2
    assert "(row 3, column 'verdict')" in result.stderr
    assert "same figures in the same sentences as row 2" in result.stderr
    assert not invented.accepted.exists()

    same = tmp_path / "same.xlsx"
    fill_in(shared, same, {1: ("confirmed", None), 2: ("confirmed", None)})
    result = invented.import_review(same)
    assert result.exit_code == 0, result.output
    assert len(parse_accepted(invented.accepted.read_text(encoding="utf-8"), "a.yaml")) == 1


def test_reimporting_the_same_workbook_changes_nothing(invented, tmp_path):
    reviewed = tmp_path / "reviewed.xlsx"
    fill_in(invented.workbook, reviewed, {1: ("confirmed", "checked")})
    assert invented.import_review(reviewed).exit_code == 0
    first = invented.accepted.read_bytes()
    result = invoke("review", "import", reviewed, "--rules", invented.rules, "--report",
                    invented.reports / "report.json", "--date", "2027-05-05")
    assert result.exit_code == 0, result.output
    assert "1 verdicts read" in result.stderr and "unchanged" in result.stderr
    assert invented.accepted.read_bytes() == first, "the same verdict again keeps the first date"


def test_reimporting_a_prefilled_workbook_keeps_who_reviewed_what(invented, tmp_path):
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    fill_in(invented.workbook, first, {1: ("confirmed", "checked")})
    assert invented.import_review(first).exit_code == 0
    invented.run()  # the new workbook comes prefilled with that verdict, with no reviewer
    fill_in(invented.workbook, second, {2: ("outdated", None)})
    result = invoke("review", "import", second, "--rules", invented.rules, "--report", invented.reports / "report.json",
                    "--reviewer", "bob", "--date", "2026-05-05")
    assert result.exit_code == 0, result.output
    assert "1 new, 0 changed" in result.stderr
    reviews = {r.verdict.value: r for r in parse_accepted(invented.accepted.read_text(encoding="utf-8"), "a.yaml")}
    assert (reviews["confirmed"].reviewer, reviews["confirmed"].date) == (None, "2026-01-02")
    assert (reviews["outdated"].reviewer, reviews["outdated"].date) == ("bob", "2026-05-05")


def test_clearing_a_prefilled_verdict_withdraws_the_review(invented, tmp_path):
    first, cleared = tmp_path / "first.xlsx", tmp_path / "cleared.xlsx"
    fill_in(invented.workbook, first, {1: ("confirmed", None), 2: ("outdated", None)})
    assert invented.import_review(first).exit_code == 0
    invented.run()
    workbook, sheet, column = discrepancy_sheet(invented.workbook)
    prefilled = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column["verdict"]).value]
    assert len(prefilled) == 2
    sheet.cell(prefilled[0], column["verdict"]).value = None
    workbook.save(cleared)
    result = invented.import_review(cleared)
    assert result.exit_code == 0, result.output
    assert "1 withdrawn" in result.stderr
    invented.run()
    assert sorted(statuses(invented).values()) == ["open", "open", "outdated"]


@pytest.mark.parametrize("note", [
    pytest.param("see p.\x853", id="next-line-control"),
    pytest.param("line one\u2028line two", id="unicode-line-separator"),
    pytest.param("- [x]: {a}", id="yaml-syntax"),
    pytest.param("null", id="yaml-null-word"),
    pytest.param("=HYPERLINK(\"http://evil.example\")", id="formula-text"),
    pytest.param("x" * 5000, id="long"),
])
def test_a_note_reads_back_as_written(invented, tmp_path, note):
    reviewed = tmp_path / "reviewed.xlsx"
    workbook, sheet, column = discrepancy_sheet(invented.workbook)
    sheet.cell(2, column["verdict"], "confirmed")
    _type_as_text(sheet.cell(2, column["reviewer note"]), note)
    workbook.save(reviewed)
    result = invented.import_review(reviewed)
    assert result.exit_code == 0, result.output
    [review] = parse_accepted(invented.accepted.read_text(encoding="utf-8"), "accepted.yaml")
    assert review.note == note.replace("\x85", "\n").replace("\u2028", "\n")


def test_a_new_verdict_overrides_and_other_reviews_are_kept(invented, tmp_path):
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    fill_in(invented.workbook, first, {1: ("confirmed", None), 2: ("confirmed", None)})
    assert invented.import_review(first).exit_code == 0
    fill_in(invented.workbook, second, {1: ("false alarm", "misread the table")})
    assert invented.import_review(second).exit_code == 0
    reviews = parse_accepted(invented.accepted.read_text(encoding="utf-8"), "accepted.yaml")
    assert sorted(r.verdict.value for r in reviews) == ["confirmed", "false alarm"]
    assert [r.note for r in reviews if r.verdict is Verdict.FALSE_ALARM] == ["misread the table"]


def test_an_older_workbook_imports_the_rows_that_still_match(invented, tmp_path):
    reviewed = tmp_path / "reviewed.xlsx"
    fill_in(invented.workbook, reviewed, {1: ("confirmed", None), 2: ("confirmed", None), 3: ("confirmed", None)})
    # Since that workbook was written, one figure changed and everything in b.txt moved.
    text = (invented.sources / "a.txt").read_text(encoding="utf-8").replace("12,000", "14,000")
    (invented.sources / "a.txt").write_text(text, encoding="utf-8")
    text = (invented.sources / "b.txt").read_text(encoding="utf-8")
    (invented.sources / "b.txt").write_text("Updated.\n\n" + text, encoding="utf-8")
    invented.run()
    result = invented.import_review(reviewed)
    assert result.exit_code == 0, result.output
    assert "skipped" in result.stderr and "displaced" in result.stderr
    assert "2 verdicts read" in result.stderr
    invented.run()
    assert sorted(statuses(invented).values()) == ["confirmed", "confirmed", "open"]


def test_a_review_whose_finding_is_gone_is_reported_stale(invented, tmp_path):
    reviewed = tmp_path / "reviewed.xlsx"
    fill_in(invented.workbook, reviewed, {1: ("confirmed", None), 2: ("confirmed", None), 3: ("confirmed", None)})
    assert invented.import_review(reviewed).exit_code == 0
    text = (invented.sources / "b.txt").read_text(encoding="utf-8").replace("48 deaths", "90 deaths")
    (invented.sources / "b.txt").write_text(text, encoding="utf-8")
    result = invented.run()
    assert "stale review (confirmed): deaths" in result.stderr
    assert "accepted.yaml:" in result.stderr
    stale = invented.report()["stale_reviews"]
    assert [entry["finding"]["measured"] for entry in stale] == ["deaths"]
    assert "## Stale reviews" in (invented.reports / "report.md").read_text(encoding="utf-8")
    summary = {row[0]: row[1] for row in openpyxl.load_workbook(invented.workbook)["Summary"].iter_rows(
        values_only=True) if row and row[0]}
    assert summary["stale reviews (match no finding)"] == 1


def test_the_write_is_atomic(invented, tmp_path, monkeypatch):
    reviewed = tmp_path / "reviewed.xlsx"
    fill_in(invented.workbook, reviewed, {1: ("confirmed", None)})
    assert invented.import_review(reviewed).exit_code == 0
    before = invented.accepted.read_bytes()
    fill_in(invented.workbook, reviewed, {2: ("confirmed", None)})

    def crash(source, target):
        raise OSError(28, "No space left on device", str(source), None, str(target))

    monkeypatch.setattr(os, "replace", crash)
    result = invented.import_review(reviewed)
    # a file-system error is exit 2 naming the files, not a traceback
    assert result.exit_code == 2, result.output
    assert "accepted.yaml: No space left on device" in result.output and "Traceback" not in result.output
    assert invented.accepted.read_bytes() == before
    assert sorted(p.name for p in invented.rules.iterdir()) == ["accepted.yaml"], "no temporary file is left"


# --- verdict text ---------------------------------------------------------------------

@pytest.mark.parametrize("text, verdict", [
    pytest.param("confirmed", Verdict.CONFIRMED, id="exact"),
    pytest.param("Confirmed", Verdict.CONFIRMED, id="capitalised"),
    pytest.param("  FALSE   ALARM ", Verdict.FALSE_ALARM, id="upper-case-extra-spaces"),
    pytest.param("falsealarm", Verdict.FALSE_ALARM, id="no-space"),
    pytest.param("Different_Scope", Verdict.DIFFERENT_SCOPE, id="underscore"),
    pytest.param("fixed-in-source", Verdict.FIXED_IN_SOURCE, id="hyphens"),
    pytest.param("outdated\n", Verdict.OUTDATED, id="trailing-newline"),
    pytest.param("maybe", None, id="unknown-word"),
    pytest.param("confirmed?", None, id="punctuation-is-not-a-variant"),
    pytest.param("not confirmed", None, id="negation-is-not-a-variant"),
    pytest.param("", None, id="empty"),
])
def test_verdict_text(text, verdict):
    assert Verdict.from_text(text) is verdict


# --- bad workbooks --------------------------------------------------------------------

def _not_a_zip(path: Path, out: Path) -> None:
    out.write_text("finding_id,verdict\nx1,confirmed\n", encoding="utf-8")


def _zip_that_is_not_a_workbook(path: Path, out: Path) -> None:
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")


def _empty_file(path: Path, out: Path) -> None:
    out.write_bytes(b"")


def _edit(change):
    def make(path: Path, out: Path) -> None:
        workbook, sheet, column = discrepancy_sheet(path)
        change(workbook, sheet, column)
        workbook.save(out)
    return make


def _rename_header(name):
    return _edit(lambda wb, sheet, column: sheet.cell(1, column[name], f"{name} (old)"))


def _verdict(text):
    return _edit(lambda wb, sheet, column: sheet.cell(2, column["verdict"], text))


def _unknown_finding_id(wb, sheet, column):
    sheet.cell(2, column["verdict"], "confirmed")
    sheet.cell(2, column["finding_id"], "x000000000000")


def _drop_keys(wb, sheet, column):
    sheet.cell(2, column["verdict"], "confirmed")
    del wb["Review keys"]


def _tamper_key(wb, sheet, column):
    sheet.cell(2, column["verdict"], "confirmed")
    wb["Review keys"]["F2"] = "1.0"


def _same_finding_twice(wb, sheet, column):
    for row in (2, 3):
        sheet.cell(row, column["verdict"], "confirmed")
    sheet.cell(3, column["finding_id"], sheet.cell(2, column["finding_id"]).value)


def _rewrite_sheets(path: Path, out: Path, change) -> None:
    """Copy the workbook with each worksheet part's XML passed through `change`."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename.startswith("xl/worksheets/sheet"):
                data = change(data)
            target.writestr(entry, data)


def _truncated_sheets(path: Path, out: Path) -> None:
    _rewrite_sheets(path, out, lambda data: data[:len(data) // 2])  # an interrupted save


BAD_WORKBOOKS = [
    pytest.param(_not_a_zip, ["not an xlsx workbook"], id="csv-text-named-xlsx"),
    pytest.param(_zip_that_is_not_a_workbook, ["not an xlsx workbook"], id="zip-but-not-xlsx"),
    pytest.param(_empty_file, ["not an xlsx workbook"], id="empty-file"),
    pytest.param(_truncated_sheets, ["not an xlsx workbook"], id="truncated-sheet-xml"),
    pytest.param(_rename_header("finding_id"), ["Discrepancies row 1", "no 'finding_id' column"],
                 id="missing-finding-id-column"),
    pytest.param(_rename_header("verdict"), ["Discrepancies row 1", "no 'verdict' column"],
                 id="missing-verdict-column"),
    pytest.param(_rename_header("reviewer note"), ["Discrepancies row 1", "no 'reviewer note' column"],
                 id="renamed-note-column"),
    pytest.param(_edit(lambda wb, sheet, column: sheet.cell(1, sheet.max_column + 1, "Verdict")),
                 ["Discrepancies row 1", "two 'verdict' columns"], id="second-verdict-column"),
    pytest.param(_edit(lambda wb, sheet, column: sheet.cell(2, column["reviewer note"], "checked the source")),
                 ["(row 2, column 'verdict')", "a reviewer note or reviewer with no verdict"],
                 id="note-without-verdict"),
    pytest.param(_verdict("baseline"), ["unknown verdict 'baseline'"], id="baseline-is-not-a-reviewers-verdict"),
    pytest.param(_verdict("maybe"), ["(row 2, column 'verdict')", "unknown verdict 'maybe'", "choose from"],
                 id="unknown-verdict"),
    pytest.param(_verdict('=IF(TRUE,"confirmed")'), ["(row 2, column 'verdict')", "a formula"],
                 id="formula-in-verdict"),
    pytest.param(_edit(_unknown_finding_id), ["Discrepancies!A2 (row 2, column 'finding_id')",
                                              "unknown finding_id 'x000000000000'"], id="unknown-finding-id"),
    pytest.param(_edit(_drop_keys), ["no sheet named 'Review keys'"], id="review-keys-sheet-deleted"),
    pytest.param(_edit(_tamper_key), ["Review keys!B2 (row 2, column 'review_key')", "does not match"],
                 id="review-key-edited"),
    pytest.param(_edit(_same_finding_twice), ["(row 3, column 'finding_id')", "reviewed again (first in row 2)"],
                 id="finding-reviewed-twice"),
]


@pytest.mark.parametrize("make_workbook, messages", BAD_WORKBOOKS)
def test_a_bad_workbook_names_the_place_and_changes_nothing(invented, tmp_path, make_workbook, messages):
    earlier = tmp_path / "earlier.xlsx"
    fill_in(invented.workbook, earlier, {3: ("confirmed", "an earlier review")})
    assert invented.import_review(earlier).exit_code == 0
    before = invented.accepted.read_bytes()

    bad = tmp_path / "bad.xlsx"
    make_workbook(invented.workbook, bad)
    result = invented.import_review(bad)
    assert result.exit_code == 2
    for message in messages:
        assert message in result.stderr
    assert str(bad) in result.stderr
    assert "nothing was written" in result.stderr
    assert invented.accepted.read_bytes() == before


def test_a_sheet_that_states_fewer_rows_than_it_holds_is_read_whole(invented, tmp_path):
    filled = tmp_path / "filled.xlsx"
    fill_in(invented.workbook, filled, {1: ("confirmed", None), 2: ("outdated", None), 3: ("unsure", None)})
    short = tmp_path / "short.xlsx"
    _rewrite_sheets(filled, short, lambda data: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', data))
    result = invented.import_review(short)
    assert result.exit_code == 0, result.output
    assert "3 verdicts read" in result.stderr
    assert len(parse_accepted(invented.accepted.read_text(encoding="utf-8"), "accepted.yaml")) == 3


def test_a_blank_reviewer_is_refused_and_nothing_is_written(invented, tmp_path):
    reviewed = tmp_path / "reviewed.xlsx"
    fill_in(invented.workbook, reviewed, {1: ("confirmed", None)})
    result = invented.import_review(reviewed, "--reviewer", " ")
    assert result.exit_code == 2
    assert "reviews.reviewer must be a non-empty string, not ' '; nothing was written" in result.stderr
    assert not invented.accepted.exists()


def test_every_problem_in_a_workbook_is_reported_at_once(invented, tmp_path):
    bad = tmp_path / "bad.xlsx"
    fill_in(invented.workbook, bad, {1: ("maybe", None), 3: ("perhaps", None)})
    result = invented.import_review(bad)
    assert result.exit_code == 2
    assert "(row 2, column 'verdict')" in result.stderr and "(row 4, column 'verdict')" in result.stderr
    assert not invented.accepted.exists()


# --- accepted.yaml --------------------------------------------------------------------

ENTRY = """\
reviews:
- finding:
    measured: deaths
    subject: [CL]
    a: {source: a.txt, value: 90, unit: people, qualifier: more_than}
    b: {source: b.txt, value: 48, unit: death, qualifier: exact}
  verdict: %s
  date: %s
"""


@pytest.mark.parametrize("text, line, message", [
    pytest.param(ENTRY % ("maybe", "2026-01-02"), 2, "unknown verdict 'maybe'", id="unknown-verdict"),
    pytest.param(ENTRY % ("confirmed", "yesterday"), 2, "date 'yesterday' is not YYYY-MM-DD", id="bad-date"),
    pytest.param(ENTRY % ("confirmed", "2026-02-30"), 2, "is not YYYY-MM-DD", id="impossible-date"),
    pytest.param(ENTRY % ("confirmed", "2026-01-02") + ENTRY.split("\n", 1)[1] % ("outdated", "2026-01-03"), 9,
                 "is about the same finding as line 2", id="same-finding-twice"),
    pytest.param(ENTRY.replace("  verdict: %s\n", "") % "2026-01-02", 2, "has no verdict", id="no-verdict"),
    pytest.param(ENTRY.replace("    measured: deaths\n", "") % ("confirmed", "2026-01-02"), 3, "missing measured",
                 id="no-measured"),
    pytest.param(ENTRY.replace("value: 48", "value: many") % ("confirmed", "2026-01-02"), 6,
                 "must be a number", id="value-not-a-number"),
    pytest.param(ENTRY.replace("  date:", "  when:") % ("confirmed", "2026-01-02"), 8, "unknown key 'when'",
                 id="unknown-key"),
])
def test_a_malformed_accepted_file_names_its_line(text, line, message):
    with pytest.raises(RulesError) as error:
        parse_accepted(text, "rules/accepted.yaml")
    assert str(error.value).startswith(f"rules/accepted.yaml:{line}: ")
    assert message in str(error.value)


def test_an_unquoted_date_reads_as_its_text():
    [review] = parse_accepted(ENTRY % ("confirmed", "2026-01-02"), "accepted.yaml")
    assert review.date == "2026-01-02" and review.line == 2


def test_a_malformed_accepted_file_stops_the_run_with_its_line(invented):
    invented.accepted.write_text(ENTRY % ("maybe", "2026-01-02"), encoding="utf-8")
    result = invoke("run", invented.sources, "--rules", invented.rules, "--out", invented.reports, "--no-progress")
    assert result.exit_code == 2
    assert f"{invented.accepted}:2: reviews: unknown verdict 'maybe'" in result.stderr


# --- hostile workbooks: refused from the zip directory, in a process with 1 GB --------
# Each workbook is the project's own, rebuilt with one part made hostile. `review import`
# runs in a subprocess whose address space is capped at 1 GB: without the guard, reading
# the part would run out of memory (a traceback, exit 1) or past the timeout.

def _rebuilt(original: Path, out: Path, hostile: str) -> None:
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                              compresslevel=1) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if hostile == "content-types" and entry.filename == "[Content_Types].xml":
                head, tail = data.decode("utf-8").rsplit("</Types>", 1)
                with target.open(entry.filename, "w", force_zip64=True) as stream:
                    stream.write(head.encode("utf-8"))
                    for _ in range(600):  # 600 MB of whitespace inside the document
                        stream.write(b" " * 2**20)
                    stream.write(("</Types>" + tail).encode("utf-8"))
                continue
            if hostile == "sheet" and entry.filename == "xl/worksheets/sheet2.xml":
                head, tail = data.decode("utf-8").split("</sheetData>", 1)
                cell = "<c r='A{0}' t='inlineStr'><is><t>" + "A" * 4000 + "</t></is></c>"
                with target.open(entry.filename, "w", force_zip64=True) as stream:
                    stream.write(head.encode("utf-8"))
                    for row in range(10_000, 110_000):  # 100,000 rows of 4 KB: 400 MB
                        stream.write(f"<row r='{row}'>{cell.format(row)}</row>".encode("utf-8"))
                    stream.write(("</sheetData>" + tail).encode("utf-8"))
                continue
            if hostile == "rows" and entry.filename == "xl/worksheets/sheet2.xml":
                # a small sheet that says it runs to row 2,000,000
                data = re.sub(rb'(<dimension ref="A1:[A-Z]+)\d+"', rb'\g<1>2000000"', data, count=1)
                assert b':' in data and b'2000000"' in data
            target.writestr(entry, data)
        if hostile == "entries":
            for number in range(20_000):
                target.writestr(f"xl/media/padding{number}.bin", b"")


@pytest.mark.slow
@pytest.mark.parametrize(("hostile", "message"), [
    pytest.param("content-types", r"\[Content_Types\]\.xml expands [\d,]+ times \(limit 100\)",
                 id="content-types-bomb"),
    pytest.param("sheet", r"bytes once uncompressed \(limit 536,870,912\)|sheet2\.xml expands", id="sheet-bomb"),
    pytest.param("entries", r"20,0\d\d parts in the zip file, more than a workbook holds \(limit 10,000\)",
                 id="too-many-parts"),
    pytest.param("rows", r"sheet2\.xml states 2,000,000 rows, more than a spreadsheet holds \(limit 1,048,576\)",
                 id="more-rows-than-excel"),
])
def test_a_hostile_workbook_is_refused_in_bounded_time_and_memory(invented, tmp_path, hostile, message):
    import resource
    import subprocess
    import sys
    import time

    hostile_workbook = tmp_path / "hostile.xlsx"
    _rebuilt(invented.workbook, hostile_workbook, hostile)
    before = sorted(invented.rules.iterdir())

    def one_gigabyte():
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", "from factcheck.cli import main; main()", "review", "import", str(hostile_workbook),
         "--rules", str(invented.rules), "--report", str(invented.reports / "report.json")],
        preexec_fn=one_gigabyte, capture_output=True, text=True, timeout=300)
    seconds = time.monotonic() - started
    assert done.returncode == 2, done.stderr[-2000:]
    assert re.search(message, done.stderr), done.stderr
    assert f"{hostile_workbook}: not read, " in done.stderr and "Traceback" not in done.stderr
    assert sorted(invented.rules.iterdir()) == before  # nothing written
    assert seconds < 10, seconds
