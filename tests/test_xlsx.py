"""The review workbook (`report.xlsx`), written for the seeds and read back with openpyxl:
its sheets, tables, frozen headers, the verdict dropdown, the links from a discrepancy to
its claims, and source text that looks like a formula kept as text."""

from __future__ import annotations

import openpyxl
import pytest
from conftest import RULES_DIR, SEEDS

from factcheck.pipeline import check_paths
from factcheck.project import load_rules
from factcheck.report import write_report
from factcheck.report.xlsx_report import VERDICTS

DATA_SHEETS = ("Discrepancies", "Facts", "Claims", "Sources", "Problems")


@pytest.fixture(scope="module")
def seeds_workbook(tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx")
    result = check_paths([SEEDS], load_rules(RULES_DIR))
    write_report(result, out, ["xlsx"])
    return result, openpyxl.load_workbook(out / "report.xlsx"), (out / "report.xlsx").read_bytes()


def test_sheets_in_order_with_the_review_keys_hidden_last(seeds_workbook):
    _, workbook, _ = seeds_workbook
    assert workbook.sheetnames == ["Summary", *DATA_SHEETS, "Review keys"]
    assert [sheet.sheet_state for sheet in workbook] == ["visible"] * 6 + ["hidden"]


@pytest.mark.parametrize("sheet", DATA_SHEETS)
def test_data_sheet_is_a_table_with_a_frozen_header(seeds_workbook, sheet):
    _, workbook, _ = seeds_workbook
    worksheet = workbook[sheet]
    assert list(worksheet.tables) == [sheet]
    assert worksheet.freeze_panes == "A2"
    table = worksheet.tables[sheet]
    assert table.ref.startswith("A1:")


@pytest.mark.parametrize("sheet, records", [
    pytest.param("Discrepancies", lambda r: [f for f in r.findings if f.relation.is_discrepancy], id="discrepancies"),
    pytest.param("Facts", lambda r: r.facts, id="facts"),
    pytest.param("Claims", lambda r: r.claims, id="claims"),
    pytest.param("Sources", lambda r: r.documents, id="sources"),
])
def test_one_row_per_record(seeds_workbook, sheet, records):
    result, workbook, _ = seeds_workbook
    assert workbook[sheet].max_row - 1 == len(records(result))


def test_verdict_column_has_the_dropdown(seeds_workbook):
    _, workbook, _ = seeds_workbook
    sheet = workbook["Discrepancies"]
    headers = [cell.value for cell in sheet[1]]
    column = openpyxl.utils.get_column_letter(headers.index("verdict") + 1)
    [validation] = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"' + ",".join(VERDICTS) + '"'
    assert str(validation.sqref).startswith(f"{column}2")


def test_discrepancy_links_to_its_claims_rows(seeds_workbook):
    result, workbook, _ = seeds_workbook
    sheet, claims = workbook["Discrepancies"], workbook["Claims"]
    headers = [cell.value for cell in sheet[1]]
    findings = {f.id: f for f in result.findings}
    for row in sheet.iter_rows(min_row=2):
        finding = findings[row[headers.index("finding_id")].value]
        for header, claim_id in (("source A", finding.claims[0]), ("source B", finding.claims[1])):
            link = row[headers.index(header)].hyperlink
            assert link is not None and link.location.startswith("'Claims'!A")
            target = int(link.location.split("!A")[1])
            assert claims.cell(target, 1).value == claim_id


def test_same_run_same_bytes(seeds_workbook, tmp_path):
    _, _, first = seeds_workbook
    write_report(check_paths([SEEDS], load_rules(RULES_DIR)), tmp_path, ["xlsx"])
    assert (tmp_path / "report.xlsx").read_bytes() == first


@pytest.mark.parametrize("line", ["=HYPERLINK(\"http://evil.example\",\"click\") 40 people died in 2019.",
                                  "+40 people died in 2019 =1+1", "@SUM(A1:A2) says 40 people died in 2019.",
                                  "-40 people died in 2019, see http://evil.example/x"])
def test_source_text_that_looks_like_a_formula_stays_text(tmp_path, line):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(line + "\n", encoding="utf-8")
    (sources / "b.txt").write_text("In 2019, 55 people died in the floods.\n", encoding="utf-8")
    write_report(check_paths([sources], load_rules(RULES_DIR)), tmp_path / "out", ["xlsx"])
    workbook = openpyxl.load_workbook(tmp_path / "out" / "report.xlsx")
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    sentences = [cell for cell in cells if line.split()[0] in cell.value]
    assert sentences, "the crafted sentence is in the workbook"
    assert all(cell.data_type == "s" for cell in sentences)
    assert all(cell.hyperlink is None for cell in sentences)


def test_each_discrepant_fact_has_its_plot_in_its_row_on_the_facts_sheet(seeds_workbook):
    result, workbook, _ = seeds_workbook
    sheet = workbook["Facts"]
    headers = [cell.value for cell in sheet[1]]
    plot_column = headers.index("plot")
    fact_row = {sheet.cell(row=row, column=1).value: row - 1 for row in range(2, sheet.max_row + 1)}  # 0-based
    anchors = sorted((image.anchor._from.row, image.anchor._from.col) for image in sheet._images)
    discrepant = {finding.fact for finding in result.findings if finding.relation.is_discrepancy}
    assert discrepant and len(discrepant) < len(result.facts)  # the seeds have both kinds of fact
    assert anchors == sorted((fact_row[fact_id], plot_column) for fact_id in discrepant)
    for image in sheet._images:  # each a PNG that ends in its own row: the row was made tall enough
        assert image.format.lower() == "png"
        assert (image.anchor.to.row, image.anchor.to.col) == (image.anchor._from.row, plot_column)


def test_a_plot_too_tall_for_a_row_is_named_not_shrunk_past_reading(tmp_path):
    from report_builders import Builder

    from factcheck.model import Relation

    build = Builder()
    claims = [build.claim(f"c{i}", f"s{i}.txt", str(i), i, "Invented.") for i in range(1, 41)]
    fact = build.fact("f0a1", "forty claims", claims, Relation.CONFLICT)
    build.finding("x0a1", fact, claims[0], claims[-1], Relation.CONFLICT)
    write_report(build.result(), tmp_path, ["xlsx"])
    sheet = openpyxl.load_workbook(tmp_path / "report.xlsx")["Facts"]
    plot_column = [cell.value for cell in sheet[1]].index("plot") + 1
    assert not sheet._images
    assert sheet.cell(row=2, column=plot_column).value == "too tall for a row: see plots/f0a1.png or report.html"
