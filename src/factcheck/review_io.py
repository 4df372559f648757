"""The file side of the review round trip: read the verdicts out of a reviewed
`report.xlsx` (openpyxl, which parses the XML through defusedxml when it is installed),
read which findings the current report holds, and write `rules/accepted.yaml`
atomically. The logic in between is `review`'s.

A workbook is read by name, never by position: rows by `finding_id`, columns by their
header, so reordered columns, sorted or filtered rows and extra sheets all read the same.
Every problem is collected and raised together, naming sheet, cell, row and column, and
nothing is written when there is one.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from factcheck.model import Review, ReviewKey, ReviewSide, Verdict
from factcheck.report import write_atomically
from factcheck.report.records import review_record
from factcheck.report.xlsx_report import DISCREPANCIES_SHEET, KEY_HEADERS, KEYS_SHEET
from factcheck.review import ReviewedRow
from factcheck.rules import parse_accepted


class ReviewImportError(Exception):
    """The workbook or report cannot be imported; `problems` says every reason."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(f"{path}: {problem}" for problem in problems))


@dataclass(frozen=True)
class ReviewedWorkbook:
    """The reviewed rows of a workbook, and the review key of each finding it lists."""

    rows: tuple[ReviewedRow, ...]
    keys: dict[str, ReviewKey] = field(default_factory=dict)


def _header(text: object) -> str | None:
    """A header as it is matched: case, spacing and underscores do not matter."""
    return " ".join(text.replace("_", " ").split()).casefold() if isinstance(text, str) else None


def _columns(sheet) -> dict[str, int]:
    """Header name -> 1-based column, from the sheet's first row."""
    columns: dict[str, int] = {}
    for cell in next(sheet.iter_rows(min_row=1, max_row=1), ()):
        name = _header(cell.value)
        if name:
            columns.setdefault(name, cell.column)
    return columns


def _where(sheet, row: int, column: int, header: str) -> str:
    return f"{sheet.title}!{get_column_letter(column)}{row} (row {row}, column {header!r})"


def _text(value: Any) -> str | None:
    """A cell's content as text; None when it is empty or blank."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _open(path: Path):
    try:
        return openpyxl.load_workbook(path, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as error:
        reason = str(error).strip() or type(error).__name__
        raise ReviewImportError(path, [f"not an xlsx workbook ({reason})"]) from None


def read_reviewed_workbook(path: Path) -> ReviewedWorkbook:
    """The verdicts a reviewer filled in on the Discrepancies sheet, and the review keys
    from the hidden sheet `factcheck run` wrote next to it."""
    workbook = _open(path)
    problems: list[str] = []
    keys = _read_keys(workbook, problems)
    if DISCREPANCIES_SHEET not in workbook.sheetnames:
        problems.append(f"no sheet named {DISCREPANCIES_SHEET!r} (sheets: {', '.join(workbook.sheetnames)})")
        raise ReviewImportError(path, problems)
    sheet = workbook[DISCREPANCIES_SHEET]
    columns = _columns(sheet)
    missing = [name for name in ("finding_id", "verdict") if _header(name) not in columns]
    if missing:
        problems.append(f"{sheet.title}!1 (row 1): no {' or '.join(repr(m) for m in missing)} column in the header")
        raise ReviewImportError(path, problems)
    id_column, verdict_column = columns[_header("finding_id")], columns[_header("verdict")]
    note_column, reviewer_column = columns.get(_header("reviewer note")), columns.get(_header("reviewer"))

    rows: list[ReviewedRow] = []
    first_row_of: dict[str, int] = {}
    review_of_key: dict[ReviewKey, tuple[int, Verdict, str | None]] = {}
    for cells in sheet.iter_rows(min_row=2):
        by_column = {cell.column: cell for cell in cells}
        row = cells[0].row if cells else 0
        verdict_cell = by_column.get(verdict_column)
        formulas = [(column, header) for column, header in ((verdict_column, "verdict"), (note_column, "reviewer note"),
                                                            (reviewer_column, "reviewer"))
                    if column and by_column.get(column) is not None and by_column[column].data_type == "f"]
        for column, header in formulas:
            problems.append(f"{_where(sheet, row, column, header)}: a formula "
                            f"({by_column[column].value!s:.40}); type the text itself")
        verdict_text = _text(getattr(verdict_cell, "value", None))
        if formulas or verdict_text is None:
            continue  # not reviewed, or already reported
        verdict = Verdict.from_text(verdict_text)
        if verdict is not None and not verdict.is_human:
            verdict = None  # "baseline" is factcheck's word, not a reviewer's
        if verdict is None:
            problems.append(f"{_where(sheet, row, verdict_column, 'verdict')}: unknown verdict {verdict_text!r} "
                            f"(choose from {', '.join(v.value for v in Verdict if v.is_human)})")
        finding_id = _text(getattr(by_column.get(id_column), "value", None))
        if finding_id is None:
            problems.append(f"{_where(sheet, row, id_column, 'finding_id')}: a verdict with no finding_id")
            continue
        if finding_id not in keys:
            problems.append(f"{_where(sheet, row, id_column, 'finding_id')}: unknown finding_id {finding_id!r} "
                            f"(not a finding this workbook lists)")
            continue
        if finding_id in first_row_of:
            problems.append(f"{_where(sheet, row, id_column, 'finding_id')}: finding {finding_id} is reviewed "
                            f"again (first in row {first_row_of[finding_id]})")
            continue
        first_row_of[finding_id] = row
        key = keys[finding_id]
        note = _text(getattr(by_column.get(note_column), "value", None))
        reviewer = _text(getattr(by_column.get(reviewer_column), "value", None))
        if verdict is not None and key in review_of_key and review_of_key[key][1:] != (verdict, note):
            problems.append(f"{_where(sheet, row, verdict_column, 'verdict')}: finding {finding_id} states the same "
                            f"figures in the same sources as row {review_of_key[key][0]}, so they share one review; "
                            f"give both the same verdict and note")
            continue
        if verdict is not None:
            review_of_key[key] = (row, verdict, note)
            rows.append(ReviewedRow(row=row, finding_id=finding_id, verdict=verdict, note=note, reviewer=reviewer))
    if problems:
        raise ReviewImportError(path, problems)
    return ReviewedWorkbook(rows=tuple(rows), keys=keys)


def _read_keys(workbook, problems: list[str]) -> dict[str, ReviewKey]:
    """finding_id -> review key, from the hidden sheet; each key is checked against the
    id it was written with, so a key edited by hand is caught, not imported."""
    if KEYS_SHEET not in workbook.sheetnames:
        problems.append(f"no sheet named {KEYS_SHEET!r}: it holds each finding's review key, so the workbook must "
                        f"be one that `factcheck run` wrote (the sheet is hidden; keep it)")
        return {}
    sheet = workbook[KEYS_SHEET]
    found = _columns(sheet)
    columns = {name: found.get(_header(name)) for name in KEY_HEADERS}
    missing = [name for name, column in columns.items() if column is None]
    if missing:
        problems.append(f"{sheet.title}!1 (row 1): no {', '.join(repr(m) for m in missing)} column in the header")
        return {}
    keys: dict[str, ReviewKey] = {}
    for cells in sheet.iter_rows(min_row=2):
        value = {name: _text(cells[column - 1].value) if column <= len(cells) else None
                 for name, column in columns.items()}
        if value["finding_id"] is None:
            continue
        row = cells[0].row
        try:
            sides = [ReviewSide(source=value[f"source {n}"], value=float(value[f"value {n}"]),
                                unit=value[f"unit {n}"], qualifier=value[f"qualifier {n}"]) for n in (1, 2)]
            key = ReviewKey.of(value["measured"], (value["subject"] or "").split(), *sides)
        except (TypeError, ValueError) as error:
            problems.append(f"{_where(sheet, row, columns['finding_id'], 'finding_id')}: an unreadable review key "
                            f"({error})")
            continue
        if key.id != value["review_key"]:
            problems.append(f"{_where(sheet, row, columns['review_key'], 'review_key')}: the key does not match "
                            f"its fields (was the sheet edited?)")
            continue
        keys[value["finding_id"]] = key
    return keys


def read_report_review_keys(path: Path) -> frozenset[str]:
    """The review keys of the findings in a `report.json`."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return frozenset(f["review_key"] for f in document["findings"] if f.get("review_key"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise ReviewImportError(path, [f"not a factcheck report.json ({type(error).__name__}: {error})"]) from None


ACCEPTED_HEADER = """\
# Reviewed findings. `reviews:` holds reviewers' verdicts, written by
# `factcheck review import`; `baseline:` holds the findings `factcheck check
# --write-baseline` accepted as they were, so a team can adopt the check first and review
# later. `factcheck run` gives each matching finding its verdict (or "baseline") as its
# status. A finding is matched by what it measures, the countries it concerns, and both
# figures with their sources; line numbers play no part, so edits elsewhere in a source
# keep an entry attached.
# Verdicts: confirmed, false alarm, different scope, outdated, fixed in source, unsure.
"""


def render_accepted(entries: tuple[Review, ...] | list[Review]) -> str:
    reviews = [review_record(e) for e in entries if e.verdict.is_human]
    baseline = [{"finding": review_record(e)["finding"]} for e in entries if not e.verdict.is_human]
    document = {"reviews": reviews, **({"baseline": baseline} if baseline else {})}
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None)
    return ACCEPTED_HEADER + body


def write_accepted(path: Path, reviews: tuple[Review, ...] | list[Review]) -> None:
    """Write the reviews to `path` through a temporary file and a rename. The text is
    read back before it replaces the old file, so a review that would not survive the
    trip is an error, not a loss."""
    text = render_accepted(reviews)
    if frozenset(parse_accepted(text, str(path))) != frozenset(reviews):
        raise ValueError(f"{path}: the reviews would not read back as written")
    write_atomically(path, text.encode("utf-8"))
