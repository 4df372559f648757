"""How factcheck writes a file: through a temporary file and a rename, so a crash never
leaves half a file, with the permissions a plain write would give, and, inside
`written_together`, as one set renamed only once every file is written.

The report writers and `review.writer` (which rewrites `rules/accepted.yaml`) both
write through here, so this module sits below both and imports nothing of factcheck.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

# the report set being written (`written_together`): each temporary file with the file it
# replaces, or None with a file to remove, acted on together once all are written; None
# outside a set, where each file is renamed (or removed) at once
_REPORT_SET: ContextVar[list[tuple[Path | None, Path]] | None] = ContextVar("report_set", default=None)
TEMPORARY_SUFFIX = ".tmp"


def _mode_for(path: Path) -> int:
    """The permissions `path` keeps: its own where it exists (a teammate's accepted.yaml
    stays readable), else what a plain write gives under this process's umask (a
    temporary file is created 0600)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: Path, data: bytes | Iterable[str]) -> None:
    """Write through a temporary file and a rename, so a crash never leaves half a file.
    `data` is the file's bytes, or its text in parts (UTF-8), written as they come so
    that a large report is never one string in memory. The file keeps the permissions
    of the one it replaces, or those a plain write would give (`_mode_for`). Inside
    `written_together`, the rename waits until the whole set is written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                for part in data:
                    stream.write(part.encode("utf-8"))
        os.chmod(temporary, _mode_for(path))
        pending = _REPORT_SET.get()
        if pending is not None:
            pending.append((temporary, path))
        else:
            os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def remove_stale(path: Path) -> None:
    """Remove a file the new report no longer has (a plot of a fact that agrees now):
    at once, or inside `written_together` when the set is complete."""
    pending = _REPORT_SET.get()
    if pending is not None:
        pending.append((None, path))
    else:
        path.unlink(missing_ok=True)


@contextmanager
def written_together() -> Iterator[None]:
    """Files written inside (`write_atomically`) replace the old ones together, once all
    are written: an interrupt or error on the way (Ctrl-C during the workbook) leaves
    every old file as it was and removes the new ones' temporary files, never a report
    folder half new and half old."""
    pending: list[tuple[Path | None, Path]] = []
    token = _REPORT_SET.set(pending)
    try:
        yield
    except BaseException:
        for temporary, _ in pending:
            if temporary is not None:
                temporary.unlink(missing_ok=True)
        raise
    finally:
        _REPORT_SET.reset(token)
    for temporary, path in pending:
        if temporary is None:
            path.unlink(missing_ok=True)
        else:
            os.replace(temporary, path)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files an earlier write left in `folder` and its plots when
    its process was killed outright (`.NAME.XXXX.tmp`); return them."""
    removed = []
    for candidate in (*folder.glob(f".*{TEMPORARY_SUFFIX}"), *folder.glob(f"*/.*{TEMPORARY_SUFFIX}")):
        if candidate.is_file():
            candidate.unlink(missing_ok=True)
            removed.append(candidate)
    return sorted(removed)
