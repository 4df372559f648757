"""Shared fixtures: the project's paths and its rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.project import load_rules
from factcheck.rules import Rules

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"
RULES_DIR = PROJECT_ROOT / "rules"
GOLDEN_DIR = Path(__file__).resolve().parent / "golden" / "seeds"
EVAL_DIR = Path(__file__).resolve().parent / "fixtures" / "eval"


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules(RULES_DIR)


def run_documents(documents, rules):
    """Run the pipeline over invented documents given as (source, text) pairs."""
    from factcheck.model import Document
    from factcheck.pipeline import analyse_documents

    return analyse_documents([Document(source, text, f"sha-{source}") for source, text in documents], rules)


def quantity_claim(result, source, surface):
    """The one quantity claim of `source` whose surface is `surface`."""
    from factcheck.model import ClaimKind

    found = [c for c in result.claims if c.source == source and c.text == surface and c.kind is ClaimKind.QUANTITY]
    assert len(found) == 1, (
        f"expected one quantity {surface!r} in {source}, got "
        f"{[(c.source, c.text) for c in result.claims if c.kind is ClaimKind.QUANTITY]}")
    return found[0]
