"""The workbook side of the review round trip: read the verdicts out of a reviewed
`report.xlsx` (openpyxl, which parses the XML through defusedxml when it is installed),
and read which findings the current report holds. Merging them into the kept reviews is
`review.attach`'s; writing `rules/accepted.yaml` is `review.writer`'s.

A workbook is read by name, never by position: rows by `finding_id`, columns by their
header, so reordered columns, sorted or filtered rows and extra sheets all read the same.
Every problem is collected and raised together, naming sheet, cell, row and column, and
nothing is written when there is one.
"""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from factcheck.model import ReviewKey, ReviewSide, Verdict
from factcheck.review.attach import ReviewedRow
from factcheck.review.sheet import DISCREPANCIES_SHEET, KEY_HEADERS, KEYS_SHEET, OPTIONAL_KEY_HEADERS, REVIEW_HEADERS


class ReviewImportError(Exception):
    """The workbook or report cannot be imported; `problems` says every reason."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(f"{path}: {problem}" for problem in problems))


@dataclass(frozen=True)
class ReviewedWorkbook:
    """The reviewed rows of a workbook, the review key of each finding it lists, and the
    findings whose prefilled verdict the reviewer cleared (withdrawn reviews)."""

    rows: tuple[ReviewedRow, ...]
    keys: dict[str, ReviewKey] = field(default_factory=dict)
    withdrawn: tuple[str, ...] = ()


# Line breaks YAML reads differently from Python ("\x85" is one to YAML, not to str.split
# on "\n"), turned into plain newlines so a note reads back as it was written.
_LINE_BREAKS = str.maketrans({"\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})


def _header(text: object) -> str | None:
    """A header as it is matched: case, spacing and underscores do not matter."""
    return " ".join(text.replace("_", " ").split()).casefold() if isinstance(text, str) else None


def _columns(sheet, problems: list[str], wanted: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, int]:
    """Header -> 1-based column, from the sheet's first row, for the `wanted` headers; a
    wanted header that is missing (unless `optional`) or there twice is a problem."""
    found: dict[str, list[int]] = {}
    for column, cell in enumerate(next(sheet.iter_rows(min_row=1, max_row=1), ()), start=1):
        name = _header(cell.value)
        if name:
            found.setdefault(name, []).append(column)
    columns: dict[str, int] = {}
    for name in wanted:
        places = found.get(_header(name), [])
        if not places and name in optional:
            continue
        if not places:
            problems.append(f"{sheet.title} row 1: no {name!r} column in the header")
        elif len(places) > 1:
            letters = " and ".join(get_column_letter(c) for c in places)
            problems.append(f"{sheet.title} row 1: two {name!r} columns ({letters}); keep one")
        else:
            columns[name] = places[0]
    return columns


def _where(sheet, row: int, column: int, header: str) -> str:
    return f"{sheet.title}!{get_column_letter(column)}{row} (row {row}, column {header!r})"


def _text(value: Any) -> str | None:
    """A cell's content as text; None when it is empty or blank."""
    if value is None:
        return None
    text = str(value).translate(_LINE_BREAKS).strip()
    return text or None


# What a reviewed workbook may hold, checked from its zip directory before any XML is
# parsed: a small file can expand to gigabytes (a zip bomb) and tie up `review import`
# for minutes. factcheck's own workbooks compress each part about 2 to 10 times, and one
# of Excel's full million rows stays well under the total.
MAX_WORKBOOK_ENTRIES = 10_000
MAX_WORKBOOK_BYTES = 512 * 2**20  # uncompressed, all parts together
MAX_PART_RATIO = 100  # uncompressed to compressed, for a part of more than a megabyte
EXCEL_MAX_ROWS = 1_048_576  # no spreadsheet program writes a sheet longer
# A worksheet part states its extent near its start, as `<dimension ref="A1:U2048"/>`:
# read from its first bytes only, before anything is parsed.
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')
_DIMENSION_BYTES = 4096


def check_workbook_size(path: Path) -> None:
    """Refuse a workbook whose zip directory says it is too large to read: too many
    parts, too many bytes once uncompressed, or a part compressed past any spreadsheet's
    ratio; then one whose worksheet states more rows than Excel's. Raises
    `ReviewImportError` naming the file and the limit."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _not_a_workbook(path, error) from None
    problems = []
    if len(entries) > MAX_WORKBOOK_ENTRIES:
        problems.append(f"{len(entries):,} parts in the zip file, more than a workbook holds (limit "
                        f"{MAX_WORKBOOK_ENTRIES:,})")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_WORKBOOK_BYTES:
        problems.append(f"{total:,} bytes once uncompressed (limit {MAX_WORKBOOK_BYTES:,})")
    for entry in entries:
        if entry.file_size > 2**20 and entry.file_size > MAX_PART_RATIO * max(entry.compress_size, 1):
            problems.append(f"{entry.filename} expands {entry.file_size // max(entry.compress_size, 1):,} times "
                            f"(limit {MAX_PART_RATIO}): not a spreadsheet's part")
    if not problems:
        problems += _rows_beyond_excel(path, entries)
    if problems:
        raise ReviewImportError(path, ["not read, " + problem for problem in problems])


def _rows_beyond_excel(path: Path, entries: list[zipfile.ZipInfo]) -> list[str]:
    """The worksheets whose stated extent runs past Excel's last row, each read for its
    first `_DIMENSION_BYTES` only (after the size checks, so a bomb is never opened)."""
    problems = []
    try:
        with zipfile.ZipFile(path) as archive:
            for entry in entries:
                if not (entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml")):
                    continue
                with archive.open(entry) as stream:
                    match = _DIMENSION.search(stream.read(_DIMENSION_BYTES))
                if match and match[1] and int(match[1]) > EXCEL_MAX_ROWS:
                    problems.append(f"{entry.filename} states {int(match[1]):,} rows, more than a spreadsheet holds "
                                    f"(limit {EXCEL_MAX_ROWS:,})")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _not_a_workbook(path, error) from None
    return problems


def _streamed(workbook, name: str):
    """A read-only sheet that streams every row it holds. Without `reset_dimensions`,
    openpyxl stops at the extent the sheet states (`<dimension>`), so a sheet that says
    it is shorter than it is would lose its last rows without a word."""
    sheet = workbook[name]
    sheet.reset_dimensions()
    return sheet


def _open(path: Path):
    check_workbook_size(path)
    try:
        # read-only: rows are streamed from the XML as they are read, so memory stays
        # flat whatever a sheet's length (a full workbook holds every sheet at once)
        return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as error:
        raise _not_a_workbook(path, error) from None


def _not_a_workbook(path: Path, error: Exception) -> ReviewImportError:
    return ReviewImportError(path, [f"not an xlsx workbook ({str(error).strip() or type(error).__name__})"])


def read_reviewed_workbook(path: Path) -> ReviewedWorkbook:
    """The verdicts a reviewer filled in on the Discrepancies sheet, and the review keys
    from the hidden sheet `factcheck run` wrote next to it."""
    workbook = _open(path)
    try:
        return _read_reviews(workbook, path)
    except (ElementTree.ParseError, zipfile.BadZipFile, zlib.error, EOFError) as error:
        # the rows are parsed as they stream, so a broken part shows only now
        raise _not_a_workbook(path, error) from None
    finally:
        workbook.close()  # a read-only workbook keeps its file open until closed


def _read_reviews(workbook, path: Path) -> ReviewedWorkbook:
    problems: list[str] = []
    keys, prefilled = _read_keys(workbook, problems)
    if DISCREPANCIES_SHEET not in workbook.sheetnames:
        problems.append(f"no sheet named {DISCREPANCIES_SHEET!r} (sheets: {', '.join(workbook.sheetnames)})")
        raise ReviewImportError(path, problems)
    sheet = _streamed(workbook, DISCREPANCIES_SHEET)
    columns = _columns(sheet, problems, REVIEW_HEADERS)
    if problems:
        raise ReviewImportError(path, problems)

    rows: list[ReviewedRow] = []
    withdrawn: list[str] = []
    first_row_of: dict[str, int] = {}
    review_of_key: dict[ReviewKey, tuple[int, Verdict, str | None]] = {}
    for number, cells in enumerate(sheet.iter_rows(min_row=2), start=2):
        row = _read_row(sheet, number, cells, columns, keys, problems)
        if row is None:
            continue
        if row.finding_id in first_row_of:
            problems.append(f"{_where(sheet, row.row, columns['finding_id'], 'finding_id')}: finding "
                            f"{row.finding_id} is reviewed again (first in row {first_row_of[row.finding_id]})")
            continue
        first_row_of[row.finding_id] = row.row
        if row.verdict is None:
            if prefilled.get(row.finding_id):
                withdrawn.append(row.finding_id)  # the reviewer cleared an earlier verdict
            elif row.note or row.reviewer:
                problems.append(f"{_where(sheet, row.row, columns['verdict'], 'verdict')}: a reviewer note or "
                                f"reviewer with no verdict; choose a verdict or clear the row")
            continue
        key = keys[row.finding_id]
        earlier = review_of_key.get(key)
        if earlier is not None and earlier[1:] != (row.verdict, row.note):
            problems.append(f"{_where(sheet, row.row, columns['verdict'], 'verdict')}: finding {row.finding_id} "
                            f"states the same figures in the same sentences as row {earlier[0]}, so they share "
                            f"one review; give both the same verdict and note")
            continue
        review_of_key[key] = (row.row, row.verdict, row.note)
        rows.append(row)
    if problems:
        raise ReviewImportError(path, problems)
    withdrawn = [i for i in withdrawn if keys[i] not in review_of_key]
    return ReviewedWorkbook(rows=tuple(rows), keys=keys, withdrawn=tuple(withdrawn))


def _read_row(sheet, row: int, cells, columns: dict[str, int], keys: dict[str, ReviewKey],
              problems: list[str]) -> ReviewedRow | None:
    """Row `row`'s review, or None for a row with nothing in its review cells. A
    formula, an unknown verdict or an unknown finding_id is a problem (and None).
    `cells` is the row as a read-only sheet streams it: one cell per column, from A."""
    by_column = dict(enumerate(cells, start=1))
    texts: dict[str, str | None] = {}
    for header in ("verdict", "reviewer note", "reviewer", "finding_id"):
        cell = by_column.get(columns[header])
        if cell is not None and cell.data_type == "f":
            problems.append(f"{_where(sheet, row, columns[header], header)}: a formula ({cell.value!s:.40}); "
                            f"type the text itself")
            return None
        texts[header] = _text(cell.value) if cell is not None else None
    if not (texts["verdict"] or texts["reviewer note"] or texts["reviewer"]):
        if texts["finding_id"] not in keys:
            return None
        return ReviewedRow(row=row, finding_id=texts["finding_id"], verdict=None)
    finding_id = texts["finding_id"]
    if finding_id is None:
        problems.append(f"{_where(sheet, row, columns['finding_id'], 'finding_id')}: a review with no finding_id")
        return None
    if finding_id not in keys:
        problems.append(f"{_where(sheet, row, columns['finding_id'], 'finding_id')}: unknown finding_id "
                        f"{finding_id!r} (not a finding this workbook lists)")
        return None
    verdict = Verdict.from_text(texts["verdict"]) if texts["verdict"] else None
    if texts["verdict"] and (verdict is None or not verdict.is_human):  # "baseline" is factcheck's word
        problems.append(f"{_where(sheet, row, columns['verdict'], 'verdict')}: unknown verdict {texts['verdict']!r} "
                        f"(choose from {', '.join(v.value for v in Verdict if v.is_human)})")
        return None
    return ReviewedRow(row=row, finding_id=finding_id, verdict=verdict, note=texts["reviewer note"],
                       reviewer=texts["reviewer"])


def _read_keys(workbook, problems: list[str]) -> tuple[dict[str, ReviewKey], dict[str, str | None]]:
    """finding_id -> review key, and finding_id -> the verdict the sheet was prefilled
    with, from the hidden sheet. Each key is checked against the id it was written
    with, so a key edited by hand is caught, not imported."""
    if KEYS_SHEET not in workbook.sheetnames:
        problems.append(f"no sheet named {KEYS_SHEET!r}: it holds each finding's review key, so the workbook must "
                        f"be one that `factcheck run` wrote (the sheet is hidden; keep it)")
        return {}, {}
    sheet = _streamed(workbook, KEYS_SHEET)
    columns = _columns(sheet, problems, KEY_HEADERS, OPTIONAL_KEY_HEADERS)
    if any(header not in columns for header in KEY_HEADERS if header not in OPTIONAL_KEY_HEADERS):
        return {}, {}
    keys: dict[str, ReviewKey] = {}
    prefilled: dict[str, str | None] = {}
    for row, cells in enumerate(sheet.iter_rows(min_row=2), start=2):
        value = {name: None for name in OPTIONAL_KEY_HEADERS} | {
            name: _text(cells[column - 1].value) if column <= len(cells) else None for name, column in columns.items()}
        if value["finding_id"] is None:
            continue
        try:
            sides = [ReviewSide(source=value[f"source {n}"], value=float(value[f"value {n}"]),
                                unit=value[f"unit {n}"], qualifier=value[f"qualifier {n}"],
                                sentence=value[f"sentence {n}"]) for n in (1, 2)]
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
        prefilled[value["finding_id"]] = value["prefilled verdict"]
    return keys, prefilled


def read_report_review_keys(path: Path) -> frozenset[str]:
    """The review keys of the findings in a `report.json`."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return frozenset(f["review_key"] for f in document["findings"] if f.get("review_key"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise ReviewImportError(path, [f"not a factcheck report.json ({type(error).__name__}: {error})"]) from None
