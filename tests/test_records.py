"""The machine records carry a finding's cause and a claim's event, in every format:
`report.json`, the CSV files and the review workbook (whose Discrepancies sheet stays one
row per pair, so the review round trip still reads it). Built by hand (`report_builders`)."""

from __future__ import annotations

import csv
import json

import openpyxl
import pytest
from report_builders import flood_result

from factcheck.report import write_report
from factcheck.report.records import CLAIM_COLUMNS, FINDING_COLUMNS
from factcheck.review.sheet import DISCREPANCIES_SHEET, KEYS_SHEET, REVIEW_HEADERS
from factcheck.review.workbook import read_reviewed_workbook


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("records")
    write_report(flood_result(), out)
    return out


def csv_rows(path):
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.mark.parametrize(("columns", "after", "added"), [
    pytest.param(FINDING_COLUMNS, "severity", ["cause"], id="findings-cause"),
    pytest.param(CLAIM_COLUMNS, "subjects", ["event", "event_label", "facets"], id="claims-event"),
])
def test_new_columns_sit_where_promised(columns, after, added):
    start = columns.index(after) + 1
    assert list(columns[start:start + len(added)]) == added


@pytest.mark.parametrize(("finding_id", "cause"), [
    pytest.param("x-41-58", "time", id="time"),
    pytest.param("x-bridge", "rounding", id="rounding"),
    pytest.param("x-40-41", None, id="no-cause-on-a-compatible-pair"),
])
def test_cause_in_json_and_csv(written, finding_id, cause):
    report = json.loads((written / "report.json").read_text(encoding="utf-8"))
    [record] = [f for f in report["findings"] if f["id"] == finding_id]
    assert record["cause"] == cause
    keys = list(record)
    assert keys[keys.index("severity") + 1] == "cause"
    [row] = [r for r in csv_rows(written / "findings.csv") if r["id"] == finding_id]
    assert row["cause"] == (cause or "")


def test_every_pair_stays_in_the_json(written):
    report = json.loads((written / "report.json").read_text(encoding="utf-8"))
    assert sorted(f["id"] for f in report["findings"]) == sorted(f.id for f in flood_result().findings)


@pytest.mark.parametrize(("claim_id", "event", "label"), [
    pytest.param("c41", "e-marrow-2031", "Marrow Vale flood 2031", id="framed"),
    pytest.param("c1187", None, None, id="not-framed"),
])
def test_event_in_json_and_csv(written, claim_id, event, label):
    report = json.loads((written / "report.json").read_text(encoding="utf-8"))
    [record] = [c for c in report["claims"] if c["id"] == claim_id]
    assert (record["event"], record["event_label"], record["facets"]) == (event, label, [])
    [row] = [r for r in csv_rows(written / "claims.csv") if r["id"] == claim_id]
    assert (row["event"], row["event_label"], row["facets"]) == (event or "", label or "", "")


def test_facets_join_in_csv(tmp_path):
    from dataclasses import replace

    result = flood_result()
    claims = tuple(replace(c, facets=("place:Marrow Vale", "category:children")) if c.id == "c41" else c
                   for c in result.claims)
    write_report(replace(result, claims=claims), tmp_path, ["csv", "json"])
    [row] = [r for r in csv_rows(tmp_path / "claims.csv") if r["id"] == "c41"]
    assert row["facets"] == "place:Marrow Vale;category:children"
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [c["facets"] for c in report["claims"] if c["id"] == "c41"] == [["place:Marrow Vale", "category:children"]]


def test_workbook_shows_cause_and_event_and_still_imports(written):
    workbook = openpyxl.load_workbook(written / "report.xlsx")
    sheet = workbook[DISCREPANCIES_SHEET]
    headers = [cell.value for cell in sheet[1]]
    assert set(REVIEW_HEADERS) <= set(headers)
    rows = {row[headers.index("finding_id")]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {i: row[headers.index("cause")] for i, row in rows.items()} == {
        "x-41-58": "time", "x-40-58": "unexplained", "x-bridge": "rounding"}  # one row per discrepant pair
    for row_number, row in enumerate(sheet.iter_rows(min_row=2), start=2):
        for header in ("source A", "source B"):
            link = row[headers.index(header)].hyperlink
            assert link is not None and link.location.startswith("'Claims'!A"), (row_number, header)
    facts = workbook["Facts"]
    fact_headers = [cell.value for cell in facts[1]]
    events = {row[0]: row[fact_headers.index("event")] for row in facts.iter_rows(min_row=2, values_only=True)}
    assert events == {"f-killed": "Marrow Vale flood 2031", "f-bridge": None, "f-shelters": None}
    reviewed = read_reviewed_workbook(written / "report.xlsx")  # the prefilled review reads back
    assert [(row.finding_id, row.verdict.value) for row in reviewed.rows] == [("x-41-58", "outdated")]


# --- report.json is written record by record, as json.dumps would write it whole -----

JSON_PARTS_CASES = [
    pytest.param({"schema": "x/1", "items": [{"a": 1, "b": [1, 2], "c": {"d": None}}, {"a": 2, "b": [], "c": {}}]},
                 id="records-with-nested-lists-and-objects"),
    pytest.param({"schema": "x/1", "items": [], "more": []}, id="empty-lists"),
    pytest.param({"text": "line\nbreak «€» \u2028", "items": [{"text": "a\nb", "value": 1.5e-07}]},
                 id="escaped-newlines-and-unicode"),
    pytest.param({"items": [[1, [2, [3]]], "plain", 4]}, id="records-that-are-not-objects"),
]


@pytest.mark.parametrize("document", JSON_PARTS_CASES)
def test_json_written_in_parts_is_json_dumps(document):
    from factcheck.report.json_report import json_parts

    streamed = {key: (item for item in value) if isinstance(value, list) else value for key, value in document.items()}
    assert "".join(json_parts(streamed)) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- CSV files are written a chunk of rows at a time, as pandas would write them whole --

CSV_PARTS_CASES = [
    pytest.param(0, 3, id="no-rows-header-only"),
    pytest.param(5, 2, id="rows-across-three-chunks"),
    pytest.param(4, 2, id="rows-fill-the-last-chunk-exactly"),
    pytest.param(3, 10, id="fewer-rows-than-a-chunk"),
]


@pytest.mark.parametrize(("count", "chunk_rows"), CSV_PARTS_CASES)
def test_csv_written_in_parts_is_the_whole_table(count, chunk_rows):
    import pandas as pd

    from factcheck.report.csv_report import cell, csv_parts

    columns = ("id", "text", "value", "tags")
    rows = [{"id": f"c{i}", "text": ["=1+1", "a, \"quoted\"\nline", "plain", "-5 people"][i % 4],
             "value": [1.5, None, 2000000.0, 1e-07][i % 4], "tags": ["x", "y"] if i % 2 else []}
            for i in range(count)]
    whole = pd.DataFrame([[cell(row.get(c)) for c in columns] for row in rows], columns=list(columns), dtype=object)
    expected = "\ufeff" + whole.to_csv(index=False, lineterminator="\n")
    parts = list(csv_parts(iter(rows), columns, chunk_rows=chunk_rows))
    assert "".join(parts) == expected
    assert len(parts) == max(1, -(-count // chunk_rows))  # one part per chunk, the header with the first


# --- the report set: complete or not at all, with the permissions of a plain write ----

def _report_files(out):
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("failing", [
    pytest.param("factcheck.report.xlsx_report.render_xlsx", id="interrupted-during-the-workbook"),
    pytest.param("factcheck.report.html_report.render_html", id="interrupted-during-the-html"),
    pytest.param("factcheck.report.markdown.render_markdown", id="interrupted-after-the-plots"),
])
def test_an_interrupted_write_leaves_the_old_report_whole(tmp_path, monkeypatch, failing):
    from dataclasses import replace

    out = tmp_path / "out"
    first = flood_result()
    write_report(first, out)
    before = _report_files(out)
    # a second run whose findings differ: every file would change
    second = replace(first, findings=(), facts=())
    module, name = failing.rsplit(".", 1)

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(__import__(module, fromlist=[name]), name, interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_report(second, out)
    assert _report_files(out) == before
    assert not list(out.rglob("*.tmp"))


def test_temporary_files_a_killed_run_left_are_removed_by_the_next(tmp_path):
    out = tmp_path / "out"
    write_report(flood_result(), out, ["json"])
    leftovers = [out / ".report.json.x1y2z3.tmp", out / "plots" / ".f0123456789a.png.k9.tmp"]
    for leftover in leftovers:
        leftover.parent.mkdir(parents=True, exist_ok=True)
        leftover.write_bytes(b"half a report")
    (out / "notes.tmp").write_text("the user's own", encoding="utf-8")
    write_report(flood_result(), out, ["json"])
    assert not any(leftover.exists() for leftover in leftovers)
    assert (out / "notes.tmp").exists()


@pytest.mark.parametrize(("umask", "existing", "expected"), [
    pytest.param(0o022, None, 0o644, id="umask-022-new-file-0644"),
    pytest.param(0o027, None, 0o640, id="umask-027-new-file-0640"),
    pytest.param(0o077, 0o664, 0o664, id="a-replaced-file-keeps-its-mode"),
])
def test_reports_take_the_mode_a_plain_write_gives(tmp_path, umask, existing, expected):
    import os

    from factcheck.writing import write_atomically

    target = tmp_path / "accepted.yaml"
    if existing is not None:
        target.write_text("reviews: []\n", encoding="utf-8")
        target.chmod(existing)
    previous = os.umask(umask)
    try:
        write_atomically(target, b"reviews: []\n")
        write_report(flood_result(), tmp_path / "out", ["json", "md"])
    finally:
        os.umask(previous)
    assert target.stat().st_mode & 0o777 == expected
    if existing is None:
        modes = {path.name: path.stat().st_mode & 0o777 for path in (tmp_path / "out").rglob("*") if path.is_file()}
        assert set(modes.values()) == {expected}, modes


# --- the workbook at Excel's limits (lowered through the parameters) ------------------

@pytest.mark.parametrize(("max_rows", "max_links", "rows", "links", "cut"), [
    pytest.param(1_048_575, 65_530, 3, 6, [], id="everything-fits"),
    # a claim cut from the Claims sheet has no row to link to
    pytest.param(2, 65_530, 2, 3, ["Discrepancies sheet holds the first 2 of 3", "Claims sheet holds the first 2"],
                 id="rows-cut"),
    pytest.param(1_048_575, 4, 3, 4, ["links the first 4 of 6"], id="links-cut"),
])
def test_the_workbook_keeps_what_fits_says_what_it_cut_and_still_imports(tmp_path, recwarn, capsys, max_rows,
                                                                          max_links, rows, links, cut):
    from factcheck.report.xlsx_report import render_xlsx

    path = tmp_path / "report.xlsx"
    path.write_bytes(render_xlsx(flood_result(), max_rows=max_rows, max_links=max_links))
    assert not recwarn.list and capsys.readouterr().err == ""  # no library warning
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[DISCREPANCIES_SHEET]
    assert [cell.value for cell in sheet[1]][:3] == ["finding_id", "severity", "relation"]  # the header stays
    assert sheet.max_row == rows + 1 and 2 <= workbook[KEYS_SHEET].max_row <= rows + 1
    assert sum(1 for row in sheet.iter_rows(min_row=2) for cell in row if cell.hyperlink) == links
    summary = "\n".join(str(cell) for row in workbook["Summary"].iter_rows(values_only=True) for cell in row if cell)
    assert ("cut at Excel's limits" in summary) is bool(cut)
    assert all(part in summary for part in cut), summary
    reviewed = read_reviewed_workbook(path)
    assert len(reviewed.rows) == 1  # the prefilled review still reads back
