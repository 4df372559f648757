"""Where to look: the few stretches of a text that can hold a figure or a date.

Most of a news text is words without numbers. The extractor's patterns are costly per
character, so they run only inside "hot windows": the stretch around every run of
digits and every number word ("seven", "thousands", "a third", "decades"), widened to
whole tokens. The scan that finds them is two cheap passes over the text.

`SpanSet` answers "does this span touch a masked one?" by bisection.
"""

from __future__ import annotations

import bisect
import re

from factcheck.extract.numbers import (
    FRACTIONS,
    SCALES,
    SMALL_NUMBERS,
    TENS,
    VAGUE_PLURALS,
)
from factcheck.extract.patterns import word_alternation

WINDOW_REACH = 16  # characters kept on each side of a hot spot: "Wednesday, 01" reaches back 11

_TRIGGER_WORDS = sorted(
    {*SMALL_NUMBERS, *TENS, *SCALES, *FRACTIONS, *VAGUE_PLURALS, "dozen", "tens", "decade", "decades", "century",
     "centuries"},
    key=len, reverse=True,
)


# Run on the lower-cased text: no IGNORECASE, and lookarounds instead of \b, are what
# keep this pass fast.
NUMBER_WORD_PATTERN = re.compile(rf"(?<![a-z])(?:{word_alternation(_TRIGGER_WORDS)})(?![a-z])")
DIGIT_RUN_PATTERN = re.compile(r"[0-9½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]+")
# "İ" (U+0130) is the one character whose lower case is two characters long.
_DOTTED_CAPITAL_I = "\u0130"


def lower_keeping_offsets(text: str) -> str:
    """The text lower-cased with every offset kept: str.lower(), with "İ" lowered to a
    plain "i" (its lower case, "i̇", would be two characters and shift every offset).

    >>> lower_keeping_offsets("AVİM Seven")
    'avim seven'
    """
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.replace(_DOTTED_CAPITAL_I, "i").lower()


_SPACE = re.compile(r"\s")


def hot_spots(text: str, lowered: str) -> list[tuple[int, int]]:
    """Every run of digits and every number word, in order."""
    spots = [(m.start(), m.end()) for m in DIGIT_RUN_PATTERN.finditer(text)]
    spots.extend((m.start(), m.end()) for m in NUMBER_WORD_PATTERN.finditer(lowered))
    spots.sort()
    return spots


def candidate_starts(text: str, spots: list[tuple[int, int]]) -> list[int]:
    """Where a number candidate can begin: at a hot spot, at a sign just before it, or
    at one of the three words before it ("a third", "a couple of hundred")."""
    starts: set[int] = set()
    for start, _ in spots:
        starts.add(start)
        if not start:
            continue
        if text[start - 1] in "-−+":
            starts.add(start - 1)
        elif text[start - 1] == "." and (start == 1 or not text[start - 2].isalnum()):
            starts.add(start - 1)  # ".08": a decimal written without its zero
        elif text[start - 1] == " " and not text[start].isdigit():
            # words before a number word: walk back over up to three of them
            position = start - 1
            for _ in range(3):
                word_end = position
                while position > 0 and text[position - 1].isalpha():
                    position -= 1
                if position == word_end:
                    break
                starts.add(position)
                if position == 0 or text[position - 1] != " ":
                    break
                position -= 1
    return sorted(starts)


def hot_windows(text: str, lowered: str, spots: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of `text` around every digit run and number word.

    >>> text = "Nothing here. " * 10 + "Then 40 people came."
    >>> [text[s:e] for s, e in hot_windows(text, text.lower())]
    ['Nothing here. Then 40 people came.']
    """
    spots = hot_spots(text, lowered) if spots is None else spots
    if not spots:
        return []
    windows: list[tuple[int, int]] = []
    length = len(text)
    for start, end in spots:
        low = max(0, start - WINDOW_REACH)
        high = min(length, end + WINDOW_REACH)
        if windows and low <= windows[-1][1]:
            if high > windows[-1][1]:
                windows[-1] = (windows[-1][0], _token_end(text, high))
            continue
        windows.append((_token_start(text, low), _token_end(text, high)))
    return windows


def _token_start(text: str, position: int) -> int:
    """Move left to the start of the token that holds `position`."""
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


def _token_end(text: str, position: int) -> int:
    match = _SPACE.search(text, position)
    return match.start() if match else len(text)


class SpanSet:
    """Spans merged into disjoint, sorted runs; membership tests by bisection. Local to
    one extraction call: `add` grows it while a text is read."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, spans: list[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if self._starts and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_right(self._starts, start)
        if index > 0 and self._ends[index - 1] >= start:
            index -= 1  # joins the run before it
            start = self._starts[index]
            end = max(end, self._ends[index])
            del self._starts[index], self._ends[index]
        while index < len(self._starts) and self._starts[index] <= end:
            end = max(end, self._ends[index])
            del self._starts[index], self._ends[index]
        self._starts.insert(index, start)
        self._ends.insert(index, end)

    def spans(self) -> list[tuple[int, int]]:
        return list(zip(self._starts, self._ends))

    def overlaps(self, start: int, end: int) -> bool:
        """Does [start, end) share a character with any span?

        >>> SpanSet([(0, 5), (10, 12)]).overlaps(4, 6), SpanSet([(0, 5)]).overlaps(5, 9)
        (True, False)
        """
        index = bisect.bisect_right(self._starts, start) - 1
        if index >= 0 and self._ends[index] > start:
            return True
        return index + 1 < len(self._starts) and self._starts[index + 1] < end


_TOKEN = re.compile(r"\S+")


def tokens_before(text: str, end: int, reach: int = 40) -> list[tuple[str, int]]:
    """The whitespace-separated tokens that end before `end`, with their offsets, within
    `reach` characters; the first may be cut short by the reach.

    >>> tokens_before("It was more than 100", 17)
    [('It', 0), ('was', 3), ('more', 7), ('than', 12)]
    """
    start = max(0, end - reach)
    return [(m.group(0), m.start()) for m in _TOKEN.finditer(text, start, end)]


def windows_around(text: str, needles: tuple[str, ...], reach: tuple[int, int]) -> list[tuple[int, int]]:
    """Sorted, disjoint spans around every occurrence of the needles, `reach[0]`
    characters before and `reach[1]` after: where a pattern that must hold one of them
    can match. Found with str.find, which is far faster than a pattern's own scan.

    >>> text = "it came second and ranks third"
    >>> [text[s:e] for s, e in windows_around(text, ("came", "rank"), (0, 7))]
    ['came second', 'ranks third']
    """
    spans = []
    for needle in needles:
        position = text.find(needle)
        while position >= 0:
            spans.append((max(0, position - reach[0]), min(len(text), position + len(needle) + reach[1])))
            position = text.find(needle, position + 1)
    return SpanSet(spans).spans() if spans else spans
