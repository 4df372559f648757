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
    """Absolute paths of the files the most recent commit changed against its first
    parent (so a merge commit gives what the merged branch brought; a first commit gives
    every file), plus those changed since and not committed, and untracked files that are
    not ignored: where, without a diff base, a check's annotation belongs. None when it
    cannot be told: `cwd` in no git repository, git not installed, or a shallow clone
    whose most recent commit has its parent cut off."""
    cwd = Path(cwd)
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except GitError:
        return None
    names = _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0")
    if not _resolves("HEAD", top):  # no commit yet: everything staged is new
        names += _git(["ls-files", "-z"], top).split("\0")
    elif _resolves("HEAD^1", top):
        names += _git(["diff", "--name-only", "-z", "HEAD^1", "HEAD", "--"], top).split("\0")
        names += _git(["diff", "--name-only", "-z", "HEAD", "--"], top).split("\0")
    elif _git(["rev-parse", "--is-shallow-repository"], top).strip() == "true":
        return None  # the parent is not here: every file would look new
    else:  # the first commit
        names += _git(["ls-files", "-z"], top).split("\0")
    return frozenset((top / name).resolve() for name in names if name)


def _resolves(revision: str, top: Path) -> bool:
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top)
    except GitError:
        return False
    return True
