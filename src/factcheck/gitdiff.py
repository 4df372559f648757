"""Which files changed since a git ref, or in the most recent commit and since:
committed, staged and unstaged changes, and new files git does not ignore. A reader,
like `readers`: it asks git and returns absolute paths, and knows nothing about claims.
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


def recently_changed_files(cwd: Path | str = ".") -> frozenset[Path] | None:
    """Absolute paths of the files the most recent commit changed (every file of a first
    commit), plus those changed since and not committed, and untracked files that are not
    ignored: where, without a diff base, a check's annotation belongs. None when `cwd` is
    in no git repository or git is not installed."""
    cwd = Path(cwd)
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except GitError:
        return None
    names = _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0")
    try:
        _git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], top)
    except GitError:  # no commit yet: everything staged is new
        names += _git(["ls-files", "-z"], top).split("\0")
    else:
        names += _git(["diff-tree", "--no-commit-id", "--name-only", "-r", "-z", "--root", "HEAD"], top).split("\0")
        names += _git(["diff", "--name-only", "-z", "HEAD", "--"], top).split("\0")
    return frozenset((top / name).resolve() for name in names if name)
