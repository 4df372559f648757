"""Qualifiers: the words before a figure that bound it ("more than", "about", "up to").

Each qualifier maps to a `Qualifier` and, with the tolerances in the rules, to the
interval [low, high] the wording allows; None is an open end.
"""

from __future__ import annotations

import re

from factcheck.model import Qualifier
from factcheck.rules import Tolerances

QUALIFIER_PHRASES: dict[str, Qualifier] = {
    "just over": Qualifier.MORE_THAN,
    "more than": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    "exceeding": Qualifier.MORE_THAN,
    "in excess of": Qualifier.MORE_THAN,
    "upwards of": Qualifier.MORE_THAN,
    "topped": Qualifier.MORE_THAN,
    "above": Qualifier.MORE_THAN,
    "at least": Qualifier.AT_LEAST,
    "no fewer than": Qualifier.AT_LEAST,
    "no less than": Qualifier.AT_LEAST,
    "a minimum of": Qualifier.AT_LEAST,
    "just under": Qualifier.LESS_THAN,
    "less than": Qualifier.LESS_THAN,
    "fewer than": Qualifier.LESS_THAN,
    "under": Qualifier.LESS_THAN,
    "below": Qualifier.LESS_THAN,
    "up to": Qualifier.AT_MOST,
    "as many as": Qualifier.AT_MOST,
    "as much as": Qualifier.AT_MOST,
    "as high as": Qualifier.AT_MOST,
    "at most": Qualifier.AT_MOST,
    "no more than": Qualifier.AT_MOST,
    "a maximum of": Qualifier.AT_MOST,
    "nearly": Qualifier.NEARLY,
    "almost": Qualifier.NEARLY,
    "close to": Qualifier.NEARLY,
    "about": Qualifier.APPROX,
    "around": Qualifier.APPROX,
    "approximately": Qualifier.APPROX,
    "roughly": Qualifier.APPROX,
    "some": Qualifier.APPROX,
    "an estimated": Qualifier.APPROX,
    "estimated": Qualifier.APPROX,
    "circa": Qualifier.APPROX,
    "approx.": Qualifier.APPROX,
    "~": Qualifier.APPROX,
}

# Anchored at the end of the text before the figure; longest phrase first.
QUALIFIER_BEFORE_PATTERN = re.compile(
    r"(?<![\w])(?P<phrase>"
    + "|".join(re.escape(p) for p in sorted(QUALIFIER_PHRASES, key=len, reverse=True))
    + r")\s*$",
    re.IGNORECASE,
)


def find_qualifier(text_before: str) -> tuple[Qualifier, int] | None:
    """The qualifier that ends `text_before`, and how many characters it takes.

    >>> find_qualifier("which left more than ")
    (<Qualifier.MORE_THAN: 'more_than'>, 10)
    """
    match = QUALIFIER_BEFORE_PATTERN.search(text_before[-40:])
    if match is None:
        return None
    return QUALIFIER_PHRASES[match.group("phrase").lower()], len(match.group(0))


def interval(value: float, qualifier: Qualifier, tolerances: Tolerances) -> tuple[float | None, float | None]:
    """The interval [low, high] a qualified figure allows.

    >>> interval(100.0, Qualifier.MORE_THAN, Tolerances())
    (100.0, None)
    >>> interval(800.0, Qualifier.APPROX, Tolerances())
    (720.0, 880.0)
    """
    if qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        return value, None
    if qualifier in (Qualifier.LESS_THAN, Qualifier.AT_MOST):
        return None, value
    if qualifier is Qualifier.APPROX:
        spread = abs(value) * tolerances.approx_tolerance
        return round(value - spread, 6), round(value + spread, 6)
    if qualifier is Qualifier.NEARLY:
        return round(value - abs(value) * tolerances.nearly_tolerance, 6), value
    return value, value
