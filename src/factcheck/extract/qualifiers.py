"""Qualifiers: the words before a figure that bound it ("more than", "about", "up to").

Each qualifier maps to a `Qualifier` and, with the tolerances in the rules, to the
interval [low, high] the wording allows; None is an open end.
"""

from __future__ import annotations

import re

from factcheck.extract.scan import tokens_before
from factcheck.extract.words import qualifier_map
from factcheck.model import Qualifier
from factcheck.rules import Tolerances

QUALIFIER_PHRASES: dict[str, Qualifier] = qualifier_map("qualifier_phrases")
# comparison signs before a figure, glued or a space apart: "x>10", ">= 30", "≤ 40"
SIGN_QUALIFIERS = {">": Qualifier.MORE_THAN, "<": Qualifier.LESS_THAN, ">=": Qualifier.AT_LEAST,
                   "≥": Qualifier.AT_LEAST, "<=": Qualifier.AT_MOST, "≤": Qualifier.AT_MOST}
# words after a figure that bound it: "100 or more people", "aged 65 and over", "500 or less"
TRAILING_QUALIFIERS = qualifier_map("trailing_qualifiers")
TRAILING_QUALIFIER = re.compile(rf"\s+(?:or|and)\s+(?P<word>{'|'.join(sorted(TRAILING_QUALIFIERS, key=len, reverse=True))})"
                                r"\b(?!\s+(?:than\s+)?[\d$€£])", re.IGNORECASE)
_SIGN_BEFORE = re.compile(r"(?<![-=<>])(?P<sign>>=|<=|<\s=|>\s=|[<>≥≤])\s{0,2}$")
# what makes a ">" no sign: the end of a tag ("<sup>[4]</sup> 33"), or a quotation
# mark of Markdown at the start of a line ("> 33,388 people")
_TAG_OPEN = re.compile(r"<[^<>\n]*$")
_SIGNS = frozenset("<>=≤≥")

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
    if position > 0 and (text[position - 1] in _SIGNS or (text[position - 1] == " " and position > 1
                                                          and text[position - 2] in _SIGNS)):
        sign = _SIGN_BEFORE.search(text, max(0, position - 6), position)
        if sign is not None and not _is_markup(text, sign.start()):
            return SIGN_QUALIFIERS["".join(sign.group("sign").split())], sign.start()
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


def _is_markup(text: str, sign: int) -> bool:
    """Is the "<" or ">" at `sign` markup: a tag's end, or a Markdown quotation mark?"""
    if text[sign] != ">":
        return False
    line_start = text.rfind("\n", 0, sign) + 1
    return not text[line_start:sign].strip() or _TAG_OPEN.search(text, max(0, sign - 60), sign) is not None


def interval(value: float, qualifier: Qualifier, tolerances: Tolerances,
             precision: float = 0.0) -> tuple[float | None, float | None]:
    """The interval [low, high] a qualified figure allows. "nearly" reaches a share of
    the value below it, and at least a quarter of the step the figure is written to
    (`precision`): "nearly three kilometres" allows 2.75 km, "nearly 12" only 11.76.

    >>> interval(100.0, Qualifier.MORE_THAN, Tolerances())
    (100.0, None)
    >>> interval(800.0, Qualifier.APPROX, Tolerances())
    (784.0, 816.0)
    >>> interval(2.0, Qualifier.NEARLY, Tolerances(), precision=1.0)
    (1.75, 2.0)
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
        return value - max(abs(value) * tolerances.nearly_tolerance, precision / 4), value
    return value, value
