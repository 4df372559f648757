"""The report stage: one writer per format behind the `Writer` protocol. With the
readers, the only code that touches files; every file is written through
`factcheck.writing`.

Every writer is deterministic: the same `RunResult` gives the same bytes, with no clock
in the content.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from factcheck.model import RunResult
from factcheck.report.csv_report import CsvWriter
from factcheck.report.html_report import HtmlWriter
from factcheck.report.json_report import JsonWriter
from factcheck.report.markdown import MarkdownWriter
from factcheck.report.xlsx_report import XlsxWriter
from factcheck.writing import remove_leftovers, written_together


class Writer(Protocol):
    format: str

    def write(self, result: RunResult, out_dir: Path) -> list[Path]:
        """Write this format's files into `out_dir` and return their paths."""


def writers_for(formats: list[str]) -> list[Writer]:
    available: dict[str, Writer] = {w.format: w for w in (JsonWriter(), CsvWriter(), MarkdownWriter(), XlsxWriter(),
                                                         HtmlWriter())}
    unknown = [f for f in formats if f not in available]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)} (choose from {', '.join(available)})")
    return [available[f] for f in formats]


FORMATS = ("json", "csv", "md", "xlsx", "html")


def write_report(result: RunResult, out_dir: str | Path, formats: list[str] | tuple[str, ...] = FORMATS) -> list[Path]:
    """Write the report in each of `formats` into `out_dir`, as one set: every file is
    written before any replaces its old self (`written_together`), and temporary files
    an earlier, killed run left there are removed first."""
    out = Path(out_dir)
    if out.is_dir():
        remove_leftovers(out)
    written: list[Path] = []
    with written_together():
        for writer in writers_for(list(formats)):
            written.extend(writer.write(result, out))
    return written
