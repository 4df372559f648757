"""Which files changed since a git ref: committed, staged and unstaged changes, and new
files git does not ignore. A reader, like `readers`: it asks git and returns absolute
paths, and knows nothing about claims.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """git is missing, the folder is not in a repository, or the ref is unknown."""


def _git(arguments: list[str], cwd: Path) -> str:
    try:
        completed = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if completed.returncode != 0:
        raise GitError(completed.stderr.strip().splitlines()[-1] if completed.stderr.strip() else
                       f"git {' '.join(arguments)} failed")
    return completed.stdout


def changed_files(ref: str, cwd: Path | str = ".") -> frozenset[Path]:
    """Absolute paths of the files that differ from `ref` in the working tree, plus
    untracked files that are not ignored."""
    cwd = Path(cwd)
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    except GitError:
        raise GitError(f"{ref!r} names no commit in {top}") from None
    names = _git(["diff", "--name-only", "-z", ref, "--"], top).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0")
    return frozenset((top / name).resolve() for name in names if name)
