"""`claims.csv`, `facts.csv`, `findings.csv`, `checks.csv` and `problems.csv`: UTF-8
with a BOM (so spreadsheet programs detect the encoding), a fixed column order, one row per record.

A cell whose text starts with =, +, - or @ (or a tab or carriage return) gets a leading
apostrophe, so a spreadsheet never runs source text as a formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from factcheck.model import RunResult
from factcheck.report import write_atomically
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


def csv_bytes(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> bytes:
    frame = pd.DataFrame([[cell(row.get(c)) for c in columns] for row in rows], columns=list(columns), dtype=object)
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


class CsvWriter:
    format = "csv"

    def write(self, result: RunResult, out_dir: Path) -> list[Path]:
        tables = {
            "claims.csv": ([claim_record(c, result.fact_of.get(c.id)) for c in result.claims], CLAIM_COLUMNS),
            "facts.csv": (fact_rows(result), FACT_COLUMNS),
            "findings.csv": (finding_rows(result), FINDING_COLUMNS),
            "checks.csv": ([check_record(c) for c in result.checks], CHECK_COLUMNS),
            "problems.csv": ([problem_record(p) for p in result.problems], PROBLEM_COLUMNS),
        }
        written = []
        for name, (rows, columns) in tables.items():
            path = out_dir / name
            write_atomically(path, csv_bytes(rows, columns))
            written.append(path)
        return written
