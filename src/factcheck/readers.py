"""The read stage: paths in, `Document`s and `Problem`s out. One of the two places that
touch files (the writers are the other).

A folder is searched recursively for `.txt` and `.md` files. Bytes are decoded as UTF-8
with universal newlines, exactly as `open(path, encoding="utf-8").read()` would, so
character offsets in reports index the text any Python reader sees. An empty, binary or
undecodable file becomes a `Problem`, never an exception. What a text says of itself
(headline, address, publication date: `article.py`) is kept with its `Document`.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path

from factcheck.article import read_article_info
from factcheck.model import Document, Problem, ProblemReason

SOURCE_SUFFIXES = (".txt", ".md")


class PathNotFoundError(Exception):
    """A path given on the command line or to `check_paths` does not exist."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path
    source: str  # the name reports use: relative to the folder that was given


def discover_sources(paths: list[str | Path]) -> list[SourceFile]:
    """Files to read, sorted by their report name. A folder contributes its `.txt` and
    `.md` files, recursively; a file given by name is read whatever its suffix."""
    roots = [Path(p) for p in paths]
    for root in roots:
        if not root.exists():
            raise PathNotFoundError(f"{root}: no such file or folder")
    # With several roots, names are relative to their common folder so they stay unique.
    if len(roots) == 1:
        base = roots[0] if roots[0].is_dir() else roots[0].parent
    else:
        base = Path(os.path.commonpath([str((r if r.is_dir() else r.parent).resolve()) for r in roots]))
    found: dict[str, SourceFile] = {}
    for root in roots:
        candidates = [root] if root.is_file() else sorted(
            p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES
        )
        for path in candidates:
            try:
                name = path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                name = path.name
            found.setdefault(name, SourceFile(path, name))
    return [found[name] for name in sorted(found)]


def decode_source(data: bytes, source: str) -> Document | Problem:
    """Bytes to a `Document`, or the `Problem` that stops it (pure).

    >>> decode_source(b"Line one\\r\\nline two", "a.txt").text
    'Line one\\nline two'
    >>> decode_source(b"", "b.txt").reason.value
    'empty'
    """
    if not data.strip():
        return Problem(source, ProblemReason.EMPTY, "the file is empty" if not data else "the file holds only whitespace")
    if b"\x00" in data[:8192]:
        return Problem(source, ProblemReason.BINARY, "the file holds NUL bytes: a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return Problem(source, ProblemReason.UNDECODABLE,
                       f"line {line}: byte 0x{data[error.start]:02x} at offset {error.start} is not valid UTF-8",
                       line=line)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    info = read_article_info(text)
    return Document(source=source, text=text, sha256=hashlib.sha256(data).hexdigest(), title=info.title,
                    url=info.url, published=info.published)


def read_sources(files: list[SourceFile]) -> tuple[list[Document], list[Problem]]:
    documents: list[Document] = []
    problems: list[Problem] = []
    for file in files:
        try:
            data = file.path.read_bytes()
        except OSError as error:
            problems.append(Problem(file.source, ProblemReason.UNREADABLE, error.strerror or str(error)))
            continue
        result = decode_source(data, file.source)
        if isinstance(result, Document):
            documents.append(replace(result, path=file.path.as_posix()))
        else:
            problems.append(result)
    return documents, problems
