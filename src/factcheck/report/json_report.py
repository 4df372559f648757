"""`report.json`: the `factcheck.report/1` contract (see README)."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.model import RunResult
from factcheck.report import write_atomically
from factcheck.report.records import report_document


class JsonWriter:
    format = "json"

    def write(self, result: RunResult, out_dir: Path) -> list[Path]:
        path = out_dir / "report.json"
        text = json.dumps(report_document(result), ensure_ascii=False, indent=2) + "\n"
        write_atomically(path, text.encode("utf-8"))
        return [path]
