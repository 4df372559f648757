"""Arithmetic a text implies about its own figures (`factcheck.arithmetic`), one table
per kind of check, from invented sentences: each kind has a case that holds and one
that fails, so neither outcome can pass by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import extract_claims, load_rules
from factcheck.arithmetic import check_arithmetic

RULES = load_rules(Path(__file__).resolve().parents[1] / "rules")


def checks_of(text):
    return [(check.kind.value, check.holds, check.computed) for check in check_arithmetic(extract_claims(text, RULES),
                                                                                          RULES)]


@pytest.mark.parametrize("text, expected", [
    pytest.param("Sales reached $8.2 million, 20 times more than the $410,000 of the year before.",
                 [("multiplier", True, 20.0)], id="multiplier-holds"),
    pytest.param("Sales reached $8.2 million, 5 times more than the $410,000 of the year before.",
                 [("multiplier", False, 20.0)], id="multiplier-fails"),
    pytest.param("The harbour grew to 3,000 ships, ten times the 290 berths it had.",
                 [], id="multiplier-between-different-units-is-not-checked"),
])
def test_multiplier(text, expected):
    assert checks_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("Building started in 1998 and ended in 2011, so the bridge took 13 years.",
                 [("span", True, 13.0)], id="span-holds"),
    pytest.param("Building started in 1998 and ended in 2011, so the bridge took 19 years.",
                 [("span", False, 13.0)], id="span-fails"),
    pytest.param("Building ended in 2011 after 13 years.", [], id="one-year-is-no-span"),
    pytest.param("Building started in 1998 and took 19 years, slowed by floods in 2011.", [],
                 id="a-year-in-another-clause-bounds-no-span"),
])
def test_span(text, expected):
    assert checks_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("The fund holds €9 billion, including €4 billion for rail and €2 billion for ports.",
                 [("parts_within_whole", True, 6e9)], id="parts-within-the-whole"),
    pytest.param("The fund holds €9 billion, including €6 billion for rail and €5 billion for ports.",
                 [("parts_within_whole", False, 11e9)], id="parts-exceed-the-whole"),
    pytest.param("The fund holds €9 billion; the roads got €4 billion last year.",
                 [], id="no-including-no-parts"),
])
def test_parts_within_whole(text, expected):
    assert checks_of(text) == expected
