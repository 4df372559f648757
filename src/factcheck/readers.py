"""The read stage: paths in, `Document`s and `Problem`s out. One of the two places that
touch files (the writers are the other).

A folder is searched recursively for the formats below; a file given by name is read
whatever its suffix (as text, unless it is one of them).

- `.txt`, `.md`: decoded as UTF-8 with universal newlines, exactly as
  `open(path, encoding="utf-8").read()` would, so character offsets in reports index the
  text any Python reader sees (a BOM stays one character). UTF-16 with a BOM is read
  as such; other bytes that are not UTF-8 are read in the encoding charset-normalizer
  finds (cp1251, latin-1 ...), with an `encoding_guessed` warning that names it.
- `.html`, `.htm`: the main text and its metadata (title, date, address) as trafilatura
  extracts them, without menus, banners and "related stories"; offsets index that text.
- `.pdf`: the text layer page by page, with pypdf (pure Python, no system library); a
  PDF with no text layer (a scan) is a `no_text` problem, never an empty source.
- `.docx`: paragraphs and tables, with python-docx; a table row is one line, its cells
  apart, so the table readers of the extract stage see header and rows.

An empty, binary or undecodable file becomes a `Problem`, never an exception. What a
text says of itself (headline, address, publication date: `article.py`) is kept with
its `Document`; a format's own metadata comes first.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from factcheck.article import read_article_info
from factcheck.articles import split_articles
from factcheck.model import Document, Problem, ProblemReason

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SOURCE_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".pdf", ".docx")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# the encodings a text that is no UTF-8 is tried in: the legacy code pages news archives
# hold (Western, Central European, Cyrillic, Greek, Turkish, Hebrew, Arabic, Baltic) and
# the multi-byte ones of Chinese, Japanese and Korean
LEGACY_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "iso8859_5",
                    "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "mac_roman", "gb18030", "big5", "shift_jis",
                    "euc_jp", "euc_kr")


class PathNotFoundError(Exception):
    """A path given on the command line or to `check_paths` does not exist."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path
    source: str  # the name reports use: relative to the folder that was given


# what marks a folder as factcheck's own output (report.json opens with its schema), so
# a report folder left inside the sources is never read back as sources
REPORT_MARK = b'"schema": "factcheck.report/'
CACHE_FOLDER = ".factcheck-cache"


def _is_output_folder(folder: Path, excluded: set[Path]) -> bool:
    """Is `folder` one of factcheck's own: a folder excluded by the caller (the run's
    output folder), the claim cache, or one holding a report factcheck wrote?"""
    if folder.name == CACHE_FOLDER or folder.resolve() in excluded:
        return True
    try:
        with open(folder / "report.json", "rb") as report:
            return REPORT_MARK in report.read(256)
    except OSError:
        return False


def discover_sources(paths: list[str | Path], exclude: tuple[str | Path, ...] | list[str | Path] = ()
                     ) -> tuple[list[SourceFile], list[Problem]]:
    """Files to read, sorted by their report name, and the problems met finding them. A
    folder contributes its files of the formats read (`SOURCE_SUFFIXES`), recursively; a
    file given by name is read whatever its suffix.

    Inside a folder, factcheck's own output is skipped: what `exclude` names (the run's
    output folder, `check`'s output file), the claim cache, and any folder holding a
    report factcheck wrote. A link is followed only while it stays inside the folder
    given: one that leaves it, a link loop, a broken link and a folder that cannot be
    read are problems.
    A source is named by its own path, never by a link's target, so two paths are two
    sources. Raises `PathNotFoundError` when a path given does not exist.
    """
    roots = [Path(p) for p in paths]
    for root in roots:
        if not root.exists():
            raise PathNotFoundError(f"{root}: no such file or folder")
    excluded = {Path(p).resolve() for p in exclude}
    # With several roots, names are relative to their common folder so they stay unique.
    if len(roots) == 1:
        base = (roots[0] if roots[0].is_dir() else roots[0].parent).resolve()
    else:
        base = Path(os.path.commonpath([str((r if r.is_dir() else r.parent).resolve()) for r in roots]))
    found: dict[str, SourceFile] = {}
    problems: list[Problem] = []

    def name_of(root: Path, resolved_root: Path, path: Path) -> str:
        # the path as given under its root, the root itself resolved: a link is named by
        # where it is, not by what it points to
        try:
            return (resolved_root / path.relative_to(root)).relative_to(base).as_posix()
        except ValueError:
            return path.name

    for root in roots:
        named = functools.partial(name_of, root, root.resolve())
        files = [root] if root.is_file() else _walk(root, excluded, named, problems)
        for path in files:
            name = named(path)
            found.setdefault(name, SourceFile(path, name))
    return [found[name] for name in sorted(found)], sorted(problems, key=lambda problem: problem.source)


def _walk(root: Path, excluded: set[Path], name_of: Callable[[Path], str], problems: list[Problem]) -> Iterator[Path]:
    """The source files under `root` (by suffix), links followed only inside it, and
    factcheck's own folders left out; what cannot be walked is added to `problems`,
    under the name `name_of` gives its path."""
    inside = root.resolve()
    visited: set[Path] = set()
    folders = [root]
    while folders:
        folder = folders.pop()
        real = folder.resolve()
        if real in visited:
            problems.append(Problem(name_of(folder), ProblemReason.LINK_LOOP,
                                    "a link leads back to a folder already read: not read twice"))
            continue
        visited.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            problems.append(Problem(name_of(folder), ProblemReason.UNREADABLE,
                                    f"the folder cannot be read: {error.strerror or error}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            is_source = path.suffix.lower() in SOURCE_SUFFIXES
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except RuntimeError:  # a cycle of links
                    problems.append(Problem(name_of(path), ProblemReason.LINK_LOOP, "the link is a loop of links"))
                    continue
                except OSError:
                    if is_source:
                        problems.append(Problem(name_of(path), ProblemReason.UNREADABLE,
                                                "the link points to nothing"))
                    continue
                if not target.is_relative_to(inside):
                    if is_source or target.is_dir():
                        problems.append(Problem(name_of(path), ProblemReason.LINK_OUTSIDE,
                                                "the link leads outside the folder read: not followed"))
                    continue
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError:
                continue
            if is_dir:
                if not _is_output_folder(path, excluded):
                    folders.append(path)
            elif is_file and is_source and not (excluded and path.resolve() in excluded):
                yield path


def _document(text: str, data: bytes, source: str, title: str | None = None, url: str | None = None,
              published: str | None = None, format: str = "text", encoding: str | None = None,
              author: str | None = None) -> Document:
    """A Document of decoded `text`: universal newlines, the text's own header where the
    format gave no metadata."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    info = read_article_info(text)
    return Document(source=source, text=text, sha256=hashlib.sha256(data).hexdigest(), title=title or info.title,
                    url=url or info.url, published=published or info.published, format=format, encoding=encoding,
                    author=author or None)


def decode_text(data: bytes, source: str) -> tuple[Document | Problem, Problem | None]:
    """Bytes of a text file to a `Document` (or the `Problem` that stops it), and a
    warning where the encoding was guessed (pure).

    >>> decode_text(b"Line one\\r\\nline two", "a.txt")[0].text
    'Line one\\nline two'
    >>> decode_text(b"", "b.txt")[0].reason.value
    'empty'
    >>> document, warning = decode_text("Цена 100 рублей, сказал он.".encode("cp1251"), "c.txt")
    >>> document.text[:4], warning.reason.value
    ('Цена', 'encoding_guessed')
    """
    if not data.strip():
        return Problem(source, ProblemReason.EMPTY, "the file is empty" if not data else
                       "the file holds only whitespace"), None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its byte order mark
        try:
            return _document(data.decode("utf-16"), data, source, encoding="utf-16"), None
        except UnicodeDecodeError as error:
            return Problem(source, ProblemReason.UNDECODABLE, f"not valid UTF-16: {error.reason}"), None
    if b"\x00" in data[:8192]:
        utf16 = _utf16_by_its_nul_bytes(data[:8192])
        if utf16 is None:
            return Problem(source, ProblemReason.BINARY, "the file holds NUL bytes: a binary file, not text"), None
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as error:
            return Problem(source, ProblemReason.UNDECODABLE,
                           f"looks like UTF-16 without a byte order mark (its NUL bytes alternate), but is not "
                           f"valid {utf16}: {error.reason}"), None
        warning = Problem(source, ProblemReason.ENCODING_GUESSED, f"no byte order mark: read as {utf16} (its NUL "
                                                                   "bytes alternate); offsets index the decoded text")
        return _document(text, data, source, encoding=utf16), warning
    try:
        return _document(data.decode("utf-8"), data, source, encoding="utf-8"), None
    except UnicodeDecodeError as error:
        failure = error
    from charset_normalizer import from_bytes  # only for the rare file that is no UTF-8

    best = _best_encoding(from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)))
    if best is None or best in ("utf_8", "ascii"):
        line = data.count(b"\n", 0, failure.start) + 1
        return Problem(source, ProblemReason.UNDECODABLE,
                       f"line {line}: byte 0x{data[failure.start]:02x} at offset {failure.start} is not valid UTF-8, "
                       "and no other encoding fits", line=line), None
    warning = Problem(source, ProblemReason.ENCODING_GUESSED,
                      f"not UTF-8: read as {best} (guessed by charset-normalizer); offsets index the decoded text")
    return _document(data.decode(best), data, source, encoding=best), warning


def _utf16_by_its_nul_bytes(sample: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" where `sample` has the NUL bytes of UTF-16 text without a
    byte order mark: Latin-script text in UTF-16 has a NUL in nearly every other byte, on
    one side only (the high byte of each code unit), which binary files do not."""
    half = len(sample) // 2
    if half < 8:
        return None
    even, odd = sample[0:2 * half:2].count(0), sample[1:2 * half:2].count(0)
    if odd >= 0.3 * half and even <= 0.1 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.1 * half:
        return "utf-16-be"
    return None


def _best_encoding(matches) -> str | None:
    """The encoding of charset-normalizer's best matches (least chaos, then most
    coherence); among equals the one first in `LEGACY_ENCODINGS` that decodes the same
    text, so a French text is cp1252, not cp1250, where both read it alike."""
    if not matches:
        return None
    top = min((match.percent_chaos, -match.percent_coherence) for match in matches)
    equals = [match for match in matches if (match.percent_chaos, -match.percent_coherence) == top]
    names = {name for match in equals for name in match.could_be_from_charset}
    return next((name for name in LEGACY_ENCODINGS if name in names), equals[0].encoding)


def _iso(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from a metadata value: a datetime, or text starting with one."""
    if value is None:
        return None
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
    match = _ISO_DATE.search(str(value))
    return "-".join(match.groups()) if match else None


def decode_html(data: bytes, source: str) -> Document | Problem:
    """A saved web page to the `Document` of its main text (trafilatura), with its title,
    date and address; a page with no main text is a `no_text` problem."""
    import trafilatura  # a heavy import, paid only when a folder holds web pages

    extracted = trafilatura.bare_extraction(data, with_metadata=True, include_tables=True, include_comments=False,
                                            favor_precision=True)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        return Problem(source, ProblemReason.NO_TEXT, "no main text found in the page (only menus, scripts or "
                                                       "markup)")
    title = getattr(extracted, "title", None)
    return _document(f"{text}\n", data, source, title=title, url=getattr(extracted, "url", None),
                     published=_iso(getattr(extracted, "date", None)), format="html",
                     author=getattr(extracted, "author", None))


def decode_pdf(data: bytes, source: str) -> Document | Problem:
    """A PDF's text layer, page by page (pages apart by a blank line), with its title and
    creation date; a PDF with no text layer is a `no_text` problem."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = reader.metadata
    except (PyPdfError, ValueError, KeyError, OSError) as error:
        return Problem(source, ProblemReason.UNDECODABLE, f"not a readable PDF: {error}")
    if not any(page.strip() for page in pages):
        return Problem(source, ProblemReason.NO_TEXT,
                       f"the PDF's {len(pages)} page(s) hold no text layer: a scanned document (run OCR on it first)")
    title = metadata.title if metadata is not None and metadata.title else None
    published = _iso(metadata.creation_date) if metadata is not None else None
    author = metadata.author if metadata is not None and metadata.author else None
    texts = [page.replace("\r\n", "\n").replace("\r", "\n").strip() for page in pages]
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 2  # the blank line between pages
    document = _document("\n\n".join(texts) + "\n", data, source, title=title, published=published, format="pdf",
                         author=author)
    return replace(document, page_starts=tuple(starts))


def decode_docx(data: bytes, source: str) -> Document | Problem:
    """A Word file's paragraphs and tables, in document order (python-docx), with its
    title and creation date; a table row is one line of its cells."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds for a damaged package
        return Problem(source, ProblemReason.UNDECODABLE, f"not a readable Word file: {type(error).__name__}: {error}")
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            if item.text.strip():
                blocks.append(item.text.strip())
        elif isinstance(item, Table):
            rows = [" ".join(cell.text.strip() for cell in row.cells if cell.text.strip()) for row in item.rows]
            blocks.append("\n".join(row for row in rows if row))
    text = "\n\n".join(block for block in blocks if block)
    if not text.strip():
        return Problem(source, ProblemReason.EMPTY, "the Word file holds no text")
    properties = document.core_properties
    if properties.author == "python-docx":
        # the properties of python-docx's own template, untouched: no date or author of this text
        return _document(text + "\n", data, source, title=properties.title or None, format="docx")
    return _document(text + "\n", data, source, title=properties.title or None, published=_iso(properties.created),
                     format="docx", author=properties.author or None)


def decode_source(data: bytes, source: str) -> Document | Problem:
    """Bytes of a file to a `Document` or the `Problem` that stops it, by the file's
    suffix (pure; `decode_file` also gives the warning a guessed encoding makes).

    >>> decode_source(b"Line one\\r\\nline two", "a.txt").text
    'Line one\\nline two'
    """
    return decode_file(data, source)[0]


def decode_file(data: bytes, source: str) -> tuple[Document | Problem, Problem | None]:
    """Bytes of a file to a `Document` or a `Problem`, by the file's suffix, and a
    warning where there is one (pure)."""
    suffix = Path(source).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return decode_html(data, source), None
    if suffix == ".pdf":
        return decode_pdf(data, source), None
    if suffix == ".docx":
        return decode_docx(data, source), None
    return decode_text(data, source)


def read_sources(files: list[SourceFile]) -> tuple[list[Document], list[Problem]]:
    documents: list[Document] = []
    problems: list[Problem] = []
    for file in files:
        try:
            data = file.path.read_bytes()
        except OSError as error:
            problems.append(Problem(file.source, ProblemReason.UNREADABLE, error.strerror or str(error)))
            continue
        result, warning = decode_file(data, file.source)
        if warning is not None:
            problems.append(warning)
        if isinstance(result, Document):
            documents.extend(split_articles(replace(result, path=file.path.as_posix())))
        else:
            problems.append(result)
    return documents, problems
