"""Qualifiers: the words before a figure that bound it ("more than", "about", "up to").

Each qualifier maps to a `Qualifier` and, with the tolerances in the rules, to the
interval [low, high] the wording allows; None is an open end.
"""

from __future__ import annotations

from factcheck.extract.scan import tokens_before
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

OPENING_PUNCTUATION = "([{\"“‘'"
LAST_WORDS = frozenset(phrase.split()[-1] for phrase in QUALIFIER_PHRASES)
LONGEST_PHRASE = max(len(phrase.split()) for phrase in QUALIFIER_PHRASES)


def find_qualifier(text: str, position: int) -> tuple[Qualifier, int] | None:
    """The qualifier that ends right before `position` (a space apart, or "~" glued),
    and where it starts.

    >>> find_qualifier("which left more than 100", 21)
    (<Qualifier.MORE_THAN: 'more_than'>, 11)
    """
    if position > 0 and text[position - 1] == "~":
        return Qualifier.APPROX, position - 1
    if position == 0 or not text[position - 1].isspace():
        return None
    # most figures have no qualifier: look at the last word before building phrases
    last = text[max(0, position - 16):position].split()
    if not last or last[-1].lstrip(OPENING_PUNCTUATION).lower() not in LAST_WORDS:
        return None
    tokens = tokens_before(text, position)
    for size in range(min(LONGEST_PHRASE, len(tokens)), 0, -1):
        first, first_start = tokens[-size]
        if size == len(tokens) and first_start > 0 and not text[first_start - 1].isspace():
            continue  # the reach cut this token short
        opening = len(first) - len(first.lstrip(OPENING_PUNCTUATION))  # "(about 1,160"
        words = [first[opening:]] + [token for token, _ in tokens[len(tokens) - size + 1:]]
        qualifier = QUALIFIER_PHRASES.get(" ".join(words).lower())
        if qualifier is not None:
            return qualifier, first_start + opening
    return None


def interval(value: float, qualifier: Qualifier, tolerances: Tolerances) -> tuple[float | None, float | None]:
    """The interval [low, high] a qualified figure allows.

    >>> interval(100.0, Qualifier.MORE_THAN, Tolerances())
    (100.0, None)
    >>> interval(800.0, Qualifier.APPROX, Tolerances())
    (784.0, 816.0)
    """
    if qualifier is Qualifier.EXACT:
        return value, value
    if qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        return value, None
    if qualifier in (Qualifier.LESS_THAN, Qualifier.AT_MOST):
        return None, value
    if qualifier is Qualifier.APPROX:
        spread = abs(value) * tolerances.approx_tolerance
        return value - spread, value + spread
    if qualifier is Qualifier.NEARLY:
        return value - abs(value) * tolerances.nearly_tolerance, value
    return value, value
