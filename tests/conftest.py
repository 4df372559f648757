"""Shared fixtures: the project's paths and its rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.rules import Rules, load_rules

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"
RULES_DIR = PROJECT_ROOT / "rules"
GOLDEN_DIR = Path(__file__).resolve().parent / "golden" / "seeds"
EVAL_DIR = Path(__file__).resolve().parent / "fixtures" / "eval"


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules(RULES_DIR)
