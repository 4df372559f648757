"""The sources' sidecar: `sources.yaml` beside the sources (or a file given with
`--sources-meta`) says what a file cannot say of itself: its publisher, address, date,
language and a trust weight, per file name or glob.

    sources:
      "wire/*.txt": {publisher: Reuters, date: 2024-03-04}
      "notes.md": {publisher: Field team, url: https://example.org/notes, language: en, trust: 0.5}

A glob matches a source's file path relative to the folder read (an article,
"file.txt#2", matches as its file); the first matching entry wins. The sidecar's date
comes before the format's metadata and the text's own dateline. It is checked like the
rules: an unknown key or a wrong type is a `RulesError` naming the file and line.
Parsing and applying are pure; `load_sidecar` is the one reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fnmatch import fnmatch
from pathlib import Path

from factcheck.articles import file_of
from factcheck.model import Document
from factcheck.schema import RulesError, Schema, parse_yaml

SIDECAR_FILE = "sources.yaml"
# (int, float) is a number, as the rules' schemas write it
SCHEMA = {"sources": {"*": {"publisher": str, "url": str, "date": str, "language": str, "trust": (int, float)}}}
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What the sidecar says of the files a glob matches."""

    pattern: str
    publisher: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None
    trust: float | None = None


def parse_sidecar(text: str, path: str) -> tuple[SourceMeta, ...]:
    """The entries of a sidecar's text, in order.

    >>> parse_sidecar('sources:\\n  "wire/*.txt": {publisher: Reuters, date: "2024-03-04"}\\n', "sources.yaml")
    (SourceMeta(pattern='wire/*.txt', publisher='Reuters', url=None, date='2024-03-04', language=None, trust=None),)
    """
    data = parse_yaml(text, path, Schema(SCHEMA))
    entries = []
    for pattern, fields in (data.get("sources") or {}).items():
        date = fields.get("date")
        if date is not None and not _ISO_DATE.fullmatch(str(date)):
            line = next((n for n, row in enumerate(text.splitlines(), 1) if str(date) in row and "date" in row), None)
            raise RulesError(path, line, f"sources.{pattern}.date: {date!r} is no date (YYYY, YYYY-MM or YYYY-MM-DD)")
        trust = fields.get("trust")
        if trust is not None and not 0 <= trust <= 1:
            line = next((n for n, row in enumerate(text.splitlines(), 1) if "trust" in row and pattern in row), None)
            raise RulesError(path, line, f"sources.{pattern}.trust: {trust!r} must lie between 0 and 1")
        entries.append(SourceMeta(pattern, fields.get("publisher"), fields.get("url"),
                                  str(date) if date is not None else None, fields.get("language"), trust))
    return tuple(entries)


def apply_sidecar(documents: list[Document], entries: tuple[SourceMeta, ...]) -> list[Document]:
    """The documents with what the first matching entry says of each (its date first)."""
    applied = []
    for document in documents:
        entry = next((e for e in entries if fnmatch(file_of(document.source), e.pattern)), None)
        if entry is None:
            applied.append(document)
            continue
        applied.append(replace(document, publisher=entry.publisher or document.publisher,
                               url=entry.url or document.url, published=entry.date or document.published,
                               language=entry.language or document.language,
                               trust=entry.trust if entry.trust is not None else document.trust))
    return applied


def load_sidecar(path: Path) -> tuple[SourceMeta, ...]:
    """Read and check one sidecar file (RulesError names it where it is broken)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RulesError(str(path), None, f"cannot read the sources sidecar: {error}") from None
    return parse_sidecar(text, str(path))
