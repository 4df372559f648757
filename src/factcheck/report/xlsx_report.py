"""`report.xlsx`: the review workbook. Summary, Discrepancies (one row per discrepant pair,
with its cause), Facts (with the events their claims are framed in), Claims, Sources and
Problems, each data sheet a real Excel table (autofilter, frozen header, widths, wrapped
quotes), colours by relation and severity, a `verdict` dropdown for reviewers, prefilled
from rules/accepted.yaml, and links from every discrepancy to its two claims' rows. A
hidden seventh sheet holds each discrepancy's review key for `factcheck review import`.

Source text is written as text, never as a formula or a link (`strings_to_formulas`,
`strings_to_urls` off), and the workbook's dates are fixed, so the same run gives the
same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import struct
from collections import Counter
from pathlib import Path
from typing import Any

import xlsxwriter

from factcheck.display import number
from factcheck.model import ClaimKind, Finding, Relation, RunResult, Severity, Verdict
from factcheck.report.markdown import event_labels, value_text
from factcheck.review.sheet import DISCREPANCIES_SHEET, KEY_HEADERS, KEYS_SHEET
from factcheck.writing import write_atomically

VERDICTS = tuple(verdict.value for verdict in Verdict if verdict.is_human)
FIXED_DATE = dt.datetime(2000, 1, 1)  # no clock in the content: the same run, the same bytes
DISCREPANCY_HEADERS = ("finding_id", "severity", "relation", "cause", "fact", "value A", "unit A", "source A", "line A",
                       "quote A", "value B", "unit B", "source B", "line B", "quote B", "difference",
                       "relative difference", "note", "verdict", "reviewer note", "reviewer")
RELATION_COLOURS = {"conflict": "#F8CBAD", "rounding": "#FFE699", "compatible": "#E2EFDA", "agree": "#E2EFDA"}
SEVERITY_COLOURS = {"high": "#FF7C80", "medium": "#F4B183", "low": "#FFE699"}
WIDTHS = {"quote A": 60, "quote B": 60, "note": 40, "fact": 28, "event": 28, "sentence": 60, "measured": 30, "path": 40,
          "sha256": 20, "detail": 50, "reviewer note": 30, "computation": 60}


def _marked(claim) -> str:
    """The claim's sentence with the figure between » «, as a spreadsheet cell shows it."""
    surface = " ".join(claim.text.split())
    sentence = claim.sentence
    return sentence.replace(surface, f"»{surface}«", 1) if surface and surface in sentence else sentence


def _table(workbook, sheet, name: str, headers: tuple[str, ...], rows: list[list[Any]], wrap) -> None:
    """Rows as an Excel table with a frozen header, widths, and wrapped long text."""
    columns = [{"header": header} for header in headers]
    last_row = max(len(rows), 1)
    sheet.add_table(0, 0, last_row, len(headers) - 1, {
        "name": name, "columns": columns, "data": rows or [[None] * len(headers)], "style": "Table Style Light 9"})
    sheet.freeze_panes(1, 0)
    for index, header in enumerate(headers):
        width = WIDTHS.get(header, max(10, min(24, len(header) + 4)))
        sheet.set_column(index, index, width, wrap if width >= 40 else None)


def _colour_by(workbook, sheet, column: int, rows: int, colours: dict[str, str]) -> None:
    for value, colour in colours.items():
        sheet.conditional_format(1, column, max(rows, 1), column, {
            "type": "cell", "criteria": "==", "value": f'"{value}"',
            "format": workbook.add_format({"bg_color": colour})})


# Excel's limits: 1,048,576 rows a sheet (one is the header) and 65,530 links a sheet.
# Past them Excel cannot open the file, and XlsxWriter drops what does not fit with one
# warning a link; the workbook keeps what fits and says what it left out.
MAX_DATA_ROWS = 1_048_576 - 1
MAX_LINKS = 65_530


def workbook_cuts(result: RunResult, max_rows: int | None = None, max_links: int | None = None) -> list[str]:
    """What a workbook of `result` leaves out at Excel's limits (`MAX_DATA_ROWS`,
    `MAX_LINKS` unless given), one sentence each (empty when everything fits): the
    writer notes them on the Summary sheet, the CLI on stderr."""
    max_rows = MAX_DATA_ROWS if max_rows is None else max_rows
    max_links = MAX_LINKS if max_links is None else max_links
    discrepancies = sum(1 for f in result.findings if f.relation.is_discrepancy)
    sizes = (("Discrepancies", discrepancies), ("Facts", len(result.facts)), ("Claims", len(result.claims)),
             ("Sources", len(result.documents) + len(result.problems)), ("Problems", len(result.problems)))
    cuts = [f"the {name} sheet holds the first {max_rows:,} of {count:,} rows (Excel's limit); report.json and "
            f"the CSV files hold them all" for name, count in sizes if count > max_rows]
    links = 2 * min(discrepancies, max_rows)
    if links > max_links:
        cuts.append(f"the Discrepancies sheet links the first {max_links:,} of {links:,} sources to their claims "
                    "(Excel's limit)")
    return cuts


def render_xlsx(result: RunResult, max_rows: int | None = None, max_links: int | None = None) -> bytes:
    """The review workbook's bytes; each sheet holds at most `max_rows` rows below its
    header and the Discrepancies sheet at most `max_links` links (Excel's limits unless
    given: lowered only to test them), what is cut noted on the Summary sheet
    (`workbook_cuts`)."""
    max_rows = MAX_DATA_ROWS if max_rows is None else max_rows
    max_links = MAX_LINKS if max_links is None else max_links
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False})
    workbook.set_properties({"created": FIXED_DATE, "title": "factcheck review workbook"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    bold = workbook.add_format({"bold": True})
    facts = {fact.id: fact for fact in result.facts}
    claims = list(result.claims)[:max_rows]
    claim_row = {claim.id: index + 2 for index, claim in enumerate(claims)}  # 1-based, after the header
    every_discrepancy = [f for f in result.findings if f.relation.is_discrepancy]
    discrepancies = every_discrepancy[:max_rows]  # worst first: what is cut is the least

    summary = workbook.add_worksheet("Summary")
    sheet = workbook.add_worksheet(DISCREPANCIES_SHEET)
    rows = []
    for finding in discrepancies:
        a, b = (result.claim(i) for i in finding.claims)
        rows.append([finding.id, finding.severity.value, finding.relation.value,
                     finding.cause.value if finding.cause else None, facts[finding.fact].label,
                     value_text(a), a.unit, a.source, a.line, _marked(a), value_text(b), b.unit, b.source, b.line,
                     _marked(b), number(finding.difference), finding.relative_difference, finding.note,
                     *_review_cells(finding)])
    _table(workbook, sheet, DISCREPANCIES_SHEET, DISCREPANCY_HEADERS, rows, wrap)
    verdict_column = DISCREPANCY_HEADERS.index("verdict")
    sheet.data_validation(1, verdict_column, max(len(rows), 1), verdict_column, {
        "validate": "list", "source": list(VERDICTS), "error_title": "Verdict",
        "error_message": "Choose one of: " + ", ".join(VERDICTS)})
    _colour_by(workbook, sheet, DISCREPANCY_HEADERS.index("severity"), len(rows), SEVERITY_COLOURS)
    _colour_by(workbook, sheet, DISCREPANCY_HEADERS.index("relation"), len(rows), RELATION_COLOURS)
    link = workbook.add_format({"font_color": "blue", "underline": 1})
    source_columns = (DISCREPANCY_HEADERS.index("source A"), DISCREPANCY_HEADERS.index("source B"))
    links = 0
    for index, finding in enumerate(discrepancies, start=1):
        for column, claim_id in zip(source_columns, finding.claims, strict=True):
            if claim_id in claim_row and links < max_links:  # a claim cut from its sheet has no row to go to
                sheet.write_url(index, column, f"internal:'Claims'!A{claim_row[claim_id]}", link,
                                rows[index - 1][column])
                links += 1

    sheet = workbook.add_worksheet("Facts")
    fact_rows = [[f.id, f.label, event_labels(result.claim(i) for i in f.claim_ids) or None, f.dimension, f.unit,
                  f.verdict.value, number(f.consensus.value) if f.consensus else None,
                  number(f.consensus.low) if f.consensus else None,
                  number(f.consensus.high) if f.consensus else None,
                  len(f.consensus.sources) if f.consensus else 0, len(f.members), None]
                 for f in result.facts[:max_rows]]
    fact_headers = ("fact_id", "label", "event", "dimension", "unit", "verdict", "consensus", "low", "high", "sources",
                    "claims", "plot")
    _table(workbook, sheet, "Facts", fact_headers, fact_rows, wrap)
    _colour_by(workbook, sheet, fact_headers.index("verdict"), len(fact_rows), RELATION_COLOURS)
    _insert_plots(sheet, result, fact_headers.index("plot"), max_rows)

    sheet = workbook.add_worksheet("Claims")
    claim_rows = [[c.id, c.source, c.line, c.text, c.kind.value, number(c.value), c.unit, c.qualifier.value,
                   number(c.low), number(c.high), c.measured, c.as_of, result.fact_of.get(c.id), c.sentence]
                  for c in claims]
    _table(workbook, sheet, "Claims", ("claim_id", "source", "line", "surface", "kind", "value", "unit", "qualifier",
                                       "low", "high", "measured", "as_of", "fact", "sentence"), claim_rows, wrap)

    sheet = workbook.add_worksheet("Sources")
    per_source = Counter(c.source for c in claims)
    problems_of = Counter(p.source for p in result.problems)
    source_rows = [[d.source, d.title or "", d.published or "", d.url or "", d.sha256, d.chars, per_source[d.source],
                    problems_of[d.source]] for d in result.documents]
    source_rows += [[p.source, None, None, 0, problems_of[p.source]] for p in result.problems
                    if p.source not in {d.source for d in result.documents}]
    _table(workbook, sheet, "Sources", ("path", "title", "published", "url", "sha256", "characters", "claims",
                                        "problems"), source_rows[:max_rows], wrap)

    sheet = workbook.add_worksheet("Problems")
    _table(workbook, sheet, "Problems", ("source", "reason", "detail", "line"),
           [[p.source, p.reason.value, p.detail, p.line] for p in result.problems[:max_rows]], wrap)

    sheet = workbook.add_worksheet(KEYS_SHEET)
    _table(workbook, sheet, "ReviewKeys", KEY_HEADERS, [_key_cells(f) for f in discrepancies if f.review_key], wrap)
    sheet.hide()

    _summary(summary, bold, result, every_discrepancy, workbook_cuts(result, max_rows, max_links), max_rows)
    workbook.close()
    return buffer.getvalue()


# Excel's tallest row is 409 points; a plot is scaled to fit one row. Below MIN_SCALE its
# text would be too small to read: the cell then says where the plot is instead.
PLOT_SCALE = 0.75
MIN_SCALE = 0.45
MAX_ROW_POINTS = 400


def _insert_plots(sheet, result: RunResult, column: int, max_rows: int) -> None:
    """The plot of each discrepant fact (the PNG report.md shows), as an image in its row's
    `plot` cell; the row grows to hold it, and the image moves and sizes with its cell
    when rows are filtered or resized. Facts the sources agree on get no picture: it
    would cost a drawing each and show a single value."""
    from factcheck.report.plot import discrepant_facts, fact_plot, png_of

    rows = {fact.id: row for row, fact in enumerate(result.facts[:max_rows], start=1)}
    widest = 0.0
    for fact in discrepant_facts(result):
        if fact.id not in rows:  # cut with its row
            continue
        png = png_of(fact_plot(fact, result))
        width, height = struct.unpack(">II", png[16:24])  # the PNG's IHDR: pixels
        scale = min(PLOT_SCALE, MAX_ROW_POINTS * 4 / 3 / height)
        if scale < MIN_SCALE:
            sheet.write_string(rows[fact.id], column, f"too tall for a row: see plots/{fact.id}.png or report.html")
            continue
        # whole pixels to points, with a pixel to spare: the image ends inside its own row
        sheet.set_row(rows[fact.id], (math.ceil(height * scale) + 1) * 0.75)
        sheet.insert_image(rows[fact.id], column, f"{fact.id}.png", {
            "image_data": io.BytesIO(png), "x_scale": scale, "y_scale": scale, "object_position": 1,
            "description": f"The claims of fact {fact.id} ({fact.label}) on one axis"})
        widest = max(widest, width * scale)
    if widest:
        sheet.set_column_pixels(column, column, int(widest) + 8)


def _review_cells(finding: Finding) -> list[str | None]:
    """verdict, reviewer note and reviewer, prefilled from an earlier review."""
    review = finding.review
    if review is None or not review.verdict.is_human:
        return [None, None, None]  # a baseline entry is no verdict: the row is still for a reviewer
    return [review.verdict.value, review.note, review.reviewer]


def _key_cells(finding: Finding) -> list[str | None]:
    key = finding.review_key
    cells: list[str | None] = [finding.id, key.id, key.measured, " ".join(key.subject)]
    for side in key.sides:
        cells += [side.source, side.value_text, side.unit, side.qualifier]
    # what the Discrepancies sheet was prefilled with: a cleared cell withdraws it
    return [*cells, _review_cells(finding)[0], *(side.sentence for side in key.sides)]


def _summary(sheet, bold, result: RunResult, discrepancies, cuts: list[str], max_rows: int) -> None:
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 6, 14)
    quantities = sum(1 for c in result.claims if c.kind is ClaimKind.QUANTITY)
    verdicts = Counter(f.review.verdict for f in discrepancies if f.review)
    reviewed = sum(count for verdict, count in verdicts.items() if verdict.is_human)
    lines: list[list[Any]] = [
        ["factcheck review workbook"], [],
        ["sources", len(result.documents)], ["claims (quantities)", quantities], ["facts", len(result.facts)],
        ["discrepancies", len(discrepancies)], ["reviewed", reviewed], ["open", len(discrepancies) - reviewed],
        *[[f"reviewed as {verdict.value}", verdicts[verdict]] for verdict in Verdict
          if verdicts[verdict] and verdict.is_human],
        *([["open, accepted by the baseline", verdicts[Verdict.BASELINE]]] if verdicts[Verdict.BASELINE] else []),
        ["stale reviews (match no finding)", len(result.stale_reviews)], [],
        *([["cut at Excel's limits"], *[[cut] for cut in cuts], []] if cuts else []),
        ["relation \\ severity", *[s.value for s in (Severity.HIGH, Severity.MEDIUM, Severity.LOW)]],
    ]
    counts = Counter((f.relation, f.severity) for f in discrepancies)
    for relation in (Relation.CONFLICT, Relation.ROUNDING):
        lines.append([relation.value, *[counts[(relation, s)] for s in (Severity.HIGH, Severity.MEDIUM, Severity.LOW)]])
    lines += [[], ["source", "claims", "discrepancies"]]
    in_discrepancy = Counter(result.claim(i).source for f in discrepancies for i in f.claims)
    per_source = Counter(c.source for c in result.claims)
    for document in result.documents[:max_rows // 2]:  # the Summary's own rows stay within the limit
        lines.append([document.source, per_source[document.source], in_discrepancy[document.source]])
    lines += [[], ["largest discrepancies", "relation", "severity", "relative difference"]]
    largest = sorted(discrepancies, key=lambda f: (-f.relative_difference, f.id))[:10]
    facts = {fact.id: fact for fact in result.facts}
    for finding in largest:
        lines.append([facts[finding.fact].label, finding.relation.value, finding.severity.value,
                      finding.relative_difference])
    headings = {"factcheck review workbook", "relation \\ severity", "source", "largest discrepancies",
                "cut at Excel's limits"}
    for row, values in enumerate(lines):
        for column, value in enumerate(values):
            sheet.write(row, column, value, bold if column == 0 and value in headings else None)


class XlsxWriter:
    format = "xlsx"

    def write(self, result: RunResult, out_dir: Path) -> list[Path]:
        path = out_dir / "report.xlsx"
        write_atomically(path, render_xlsx(result))
        return [path]
