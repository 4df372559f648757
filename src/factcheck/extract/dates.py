"""Dates and years: found first, so that no part of a date is ever read as a quantity.

Each `DateMention` carries an ISO value where the year is known ("2022", "2022-09",
"2025-03-13"). Mentions with a year are emitted as `date` claims and anchor the `as_of`
of the figures around them; a day and month with no year ("March 31") is masked but
anchors nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract.scan import SpanSet

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d|2100)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"

# (kind, pattern, where a match can start: at a day (a run of one or two digits), a year
# (a run of four), a month name or a weekday)
DATE_PATTERNS = [
    # 01 October 2025, 2 May 2021
    ("date", re.compile(rf"{_WEEKDAY}\b{_DAY}\s+{_MONTH}\b,?\s+{_YEAR}\b"), ("day", "weekday")),
    # March 12-13, 2025; March19, 2025; May 2, 2021
    ("date", re.compile(rf"{_WEEKDAY}\b{_MONTH}\s*{_DAY}(?:\s*[-–]\s*[0-3]?\d)?,\s*{_YEAR}\b"), ("month", "weekday")),
    # March 2025, mid-September 2022, July of 2024
    ("month", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b"), ("month",)),
    # 10.02.2023, 02/10/2023
    ("numeric", re.compile(r"(?<![\d.])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[01]?\d)(?P=sep)" + _YEAR + r"(?![\d.]\d)"),
     ("day",)),
    # 2025-03-13
    ("iso", re.compile(r"(?<!\d)" + _YEAR + r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"), ("year",)),
    # March 31, July 8-9 (no year)
    ("day_month", re.compile(rf"\b{_MONTH}\s*{_DAY}(?:\s*[-–]\s*[0-3]?\d)?\b(?![,.]?\d)"), ("month",)),
    ("day_month", re.compile(rf"\b{_DAY}\s+{_MONTH}\b"), ("day",)),
    # 1992-1997, 2021–2027, 2009-25
    ("year_range", re.compile(r"(?<![\w.,-])(?P<year>1[5-9]\d\d|20\d\d)\s*[-–/]\s*(?P<end>1[5-9]\d\d|20\d\d)(?![\d])"),
     ("year",)),
    # 1920s, the 1990s
    ("decade", re.compile(r"(?<![\w.,])(?P<year>1[5-9]\d0|20\d0)['’]?s\b"), ("year",)),
]
# Where a date can start; each is found with a pattern that opens with a literal or a
# digit, which the engine scans for quickly.
DIGIT_RUN = re.compile(r"(?<!\d)\d+")
ANCHOR_PATTERNS = {
    "month": re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"),
    "weekday": re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
}


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    iso: str | None
    year: int | None


def _iso(kind: str, match: re.Match) -> tuple[str | None, int | None]:
    groups = match.groupdict()
    if kind == "numeric":
        first, second = int(groups["a"]), int(groups["b"])
        # day.month.year where the first part cannot be a month, or dots are used
        month = second if groups["sep"] == "." or first > 12 else first
        return f"{groups['year']}-{month:02d}", int(groups["year"])
    if kind == "iso":
        return f"{groups['year']}-{groups['m']}", int(groups["year"])
    if kind == "year_range":
        return groups["end"], int(groups["end"])
    if kind == "decade":
        return None, int(groups["year"])  # "the 1960s" is a date, but anchors no single year
    if kind == "day_month":
        return None, None
    month = MONTHS[groups["month"].rstrip(".").lower()]
    return f"{groups['year']}-{month:02d}", int(groups["year"])


def find_dates(text: str, windows: list[tuple[int, int]] | None = None,
               digit_runs: list[tuple[int, int]] | None = None) -> list[DateMention]:
    """Every date with a month or a range of years, earliest first; overlaps resolved
    in favour of the longer pattern listed first. Bare years are found by the caller,
    which alone knows whether "2000 people" is a year. With `windows`, only dates that
    start inside them are looked for (every date holds a digit, so the hot windows of
    `scan.hot_windows` hold every date), and `digit_runs` are the runs of digits in them
    when the caller has found them already.

    >>> [(d.iso, d.start) for d in find_dates("On March 12-13, 2025 and in late April 2021.")]
    [('2025-03', 3), ('2021-04', 33)]
    """
    spans = windows if windows is not None else [(0, len(text))]
    if digit_runs is None:
        digit_runs = [match.span() for start, end in spans for match in DIGIT_RUN.finditer(text, start, end)]
    mentions: list[DateMention] = []
    years = [run_start for run_start, run_end in digit_runs if run_end - run_start == 4]
    months = [match.start() for start, end in spans for match in ANCHOR_PATTERNS["month"].finditer(text, start, end)]
    if not years and not months:
        return mentions  # every date holds a year or names a month
    # every date starts at a day, a year, a month or a weekday: each pattern is tried only there
    anchors = {"year": years, "month": months,
               "day": [run_start for run_start, run_end in digit_runs if run_end - run_start <= 2],
               "weekday": [match.start() for start, end in spans
                           for match in ANCHOR_PATTERNS["weekday"].finditer(text, start, end)]}
    taken = SpanSet()
    for kind, pattern, starts_at in DATE_PATTERNS:
        places = anchors[starts_at[0]] if len(starts_at) == 1 else sorted(anchors[starts_at[0]] + anchors[starts_at[1]])
        for position in places:
            match = pattern.match(text, position)
            if match is None:
                continue
            start, end = match.span()
            if taken.overlaps(start, end):
                continue
            taken.add(start, end)
            iso, year = _iso(kind, match)
            mentions.append(DateMention(start, end, iso, year))
    mentions.sort(key=lambda mention: mention.start)
    return mentions
