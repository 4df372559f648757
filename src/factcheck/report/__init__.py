"""The report stage: one writer per format behind the `Writer` protocol. With the
readers, the only code that touches files.

Every writer is deterministic: the same `RunResult` gives the same bytes, with no clock
in the content.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from collections.abc import Iterable
from typing import Protocol

from factcheck.model import RunResult


class Writer(Protocol):
    format: str

    def write(self, result: RunResult, out_dir: Path) -> list[Path]:
        """Write this format's files into `out_dir` and return their paths."""


def write_atomically(path: Path, data: bytes | Iterable[str]) -> None:
    """Write through a temporary file and a rename, so a crash never leaves half a file.
    `data` is the file's bytes, or its text in parts (UTF-8), written as they come so
    that a large report is never one string in memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                for part in data:
                    stream.write(part.encode("utf-8"))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def writers_for(formats: list[str]) -> list[Writer]:
    from factcheck.report.csv_report import CsvWriter
    from factcheck.report.html_report import HtmlWriter
    from factcheck.report.json_report import JsonWriter
    from factcheck.report.markdown import MarkdownWriter
    from factcheck.report.xlsx_report import XlsxWriter

    available: dict[str, Writer] = {w.format: w for w in (JsonWriter(), CsvWriter(), MarkdownWriter(), XlsxWriter(),
                                                         HtmlWriter())}
    unknown = [f for f in formats if f not in available]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)} (choose from {', '.join(available)})")
    return [available[f] for f in formats]


FORMATS = ("json", "csv", "md", "xlsx", "html")


def write_report(result: RunResult, out_dir: str | Path, formats: list[str] | tuple[str, ...] = FORMATS) -> list[Path]:
    out = Path(out_dir)
    written: list[Path] = []
    for writer in writers_for(list(formats)):
        written.extend(writer.write(result, out))
    return written
