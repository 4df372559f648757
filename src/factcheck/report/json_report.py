"""`report.json`: the `factcheck.report/1` contract (see README), written record by
record: the same bytes as `json.dumps(document, ensure_ascii=False, indent=2)`, without
ever holding the whole document, or its text, in memory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import GeneratorType
from typing import Any

from factcheck.model import RunResult
from factcheck.report.records import report_document
from factcheck.writing import write_atomically

INDENT = 2


def _dumps(value: Any, depth: int) -> str:
    """`value` as `json.dumps(..., indent=2)` writes it `depth` levels in (a string in
    JSON never holds a raw newline, so every newline is the layout's)."""
    return json.dumps(value, ensure_ascii=False, indent=INDENT).replace("\n", "\n" + " " * INDENT * depth)


def json_parts(document: dict[str, Any]) -> Iterator[str]:
    """The text of a JSON object whose values may be generators of records (written as
    lists, one record at a time), in parts."""
    yield "{"
    for index, (key, value) in enumerate(document.items()):
        yield f"{',' if index else ''}\n{' ' * INDENT}{json.dumps(key, ensure_ascii=False)}: "
        if not isinstance(value, GeneratorType):
            yield _dumps(value, 1)
            continue
        empty = True
        for record in value:
            yield f"{'[' if empty else ','}\n{' ' * INDENT * 2}{_dumps(record, 2)}"
            empty = False
        yield "[]" if empty else f"\n{' ' * INDENT}]"
    yield "\n}\n"


class JsonWriter:
    format = "json"

    def write(self, result: RunResult, out_dir: Path) -> list[Path]:
        path = out_dir / "report.json"
        write_atomically(path, json_parts(report_document(result)))
        return [path]
