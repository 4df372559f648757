"""`claims.csv`, `facts.csv`, `findings.csv`, `checks.csv` and `problems.csv`: UTF-8
with a BOM (so spreadsheet programs detect the encoding), a fixed column order, one row per record.

A cell whose text starts with =, +, - or @ (or a tab or carriage return) gets a leading
apostrophe, so a spreadsheet never runs source text as a formula.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from factcheck.model import RunResult
from factcheck.report.records import (
    CHECK_COLUMNS,
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    PROBLEM_COLUMNS,
    check_record,
    claim_record,
    fact_rows,
    finding_rows,
    problem_record,
)
from factcheck.writing import write_atomically

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """Source text as inert text.

    >>> neutralise_formula("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_formula(-5)
    -5
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def cell(value: Any) -> Any:
    """A value as one CSV cell: a list joined by semicolons, text made inert."""
    if isinstance(value, list):
        value = ";".join(str(item) for item in value)
    return neutralise_formula(value)


CSV_CHUNK_ROWS = 20_000  # rows turned into CSV text at a time: a large table is never one frame


def csv_parts(rows: Iterable[dict[str, Any]], columns: tuple[str, ...],
              chunk_rows: int = CSV_CHUNK_ROWS) -> Iterator[str]:
    """The CSV file's text in parts (the BOM and header first, then `chunk_rows` rows at
    a time, each through pandas): the same text as the whole table written at once."""
    rows = iter(rows)
    first = True
    while True:
        chunk = [[cell(row.get(c)) for c in columns] for row in itertools.islice(rows, chunk_rows)]
        if chunk or first:
            frame = pd.DataFrame(chunk, columns=list(columns), dtype=object)
            yield ("\ufeff" if first else "") + frame.to_csv(index=False, header=first, lineterminator="\n")
        if len(chunk) < chunk_rows:
            return
        first = False


class CsvWriter:
    format = "csv"

    def write(self, result: RunResult, out_dir: Path) -> list[Path]:
        # one table at a time, its rows made as they are written
        tables = {
            "claims.csv": (lambda: (claim_record(c, result.fact_of.get(c.id)) for c in result.claims), CLAIM_COLUMNS),
            "facts.csv": (lambda: fact_rows(result), FACT_COLUMNS),
            "findings.csv": (lambda: finding_rows(result), FINDING_COLUMNS),
            "checks.csv": (lambda: (check_record(c) for c in result.checks), CHECK_COLUMNS),
            "problems.csv": (lambda: (problem_record(p) for p in result.problems), PROBLEM_COLUMNS),
        }
        written = []
        for name, (rows, columns) in tables.items():
            path = out_dir / name
            write_atomically(path, csv_parts(rows(), columns))
            written.append(path)
        return written
