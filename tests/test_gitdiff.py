"""`gitdiff.recently_changed_files` in real git repositories: what, without a diff base,
counts as the new side of a finding. Each case builds its history with git itself."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from factcheck.gitdiff import recently_changed_files


def _git(root: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", GIT_CEILING_DIRECTORIES=str(root.parent))
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
                    "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=root, env=env, check=True, capture_output=True)


def _commit(root: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    _git(root, "add", "--all")
    _git(root, "commit", "--quiet", "--message", message)


def _first_commit_only(root: Path) -> Path:
    _git(root, "init", "--quiet")
    _commit(root, {"orvald.txt": "The Orvald bridge is 420 m long.\n"}, "first")
    return root


def _a_later_commit(root: Path) -> Path:
    _first_commit_only(root)
    _commit(root, {"tarvena.txt": "The Orvald bridge is 380 m long.\n"}, "second")
    return root


def _uncommitted_edit(root: Path) -> Path:
    _a_later_commit(root)
    (root / "orvald.txt").write_text("The Orvald bridge is 425 m long.\n", encoding="utf-8")
    return root


def _merged_branch(root: Path) -> Path:
    _first_commit_only(root)
    _git(root, "checkout", "--quiet", "-b", "brief")
    _commit(root, {"tarvena.txt": "The Orvald bridge is 380 m long.\n"}, "a brief")
    _git(root, "checkout", "--quiet", "main")
    _commit(root, {"sarvel.txt": "Sarvel lies 12 km away.\n"}, "meanwhile on main")
    _git(root, "merge", "--quiet", "--no-ff", "--no-edit", "brief")
    return root


def _shallow_clone(root: Path) -> Path:
    (root.parent / "origin").mkdir()
    origin = _a_later_commit(root.parent / "origin")
    _git(root.parent, "clone", "--quiet", "--depth", "1", f"file://{origin}", root.name)
    return root


def _no_repository(root: Path) -> Path:
    (root / "orvald.txt").write_text("The Orvald bridge is 420 m long.\n", encoding="utf-8")
    return root


@pytest.mark.parametrize(("build", "expected"), [
    pytest.param(_first_commit_only, {"orvald.txt"}, id="first-commit-every-file"),
    pytest.param(_a_later_commit, {"tarvena.txt"}, id="a-later-commit"),
    pytest.param(_uncommitted_edit, {"tarvena.txt", "orvald.txt"}, id="plus-uncommitted"),
    pytest.param(_merged_branch, {"tarvena.txt"}, id="merge-commit-against-its-first-parent"),
    pytest.param(_shallow_clone, None, id="shallow-clone-cannot-tell"),
    pytest.param(_no_repository, None, id="outside-git"),
])
def test_what_the_most_recent_change_touched(tmp_path, monkeypatch, build, expected):
    root = tmp_path / "work" / "repo"
    root.parent.mkdir(parents=True)
    if build is not _shallow_clone:
        root.mkdir()
    build(root)
    for name in [name for name in os.environ if name.startswith("GIT_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(root.parent))  # never the repository around tmp
    found = recently_changed_files(root)
    assert (None if found is None else {path.name for path in found}) == expected
