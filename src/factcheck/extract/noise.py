"""Text that holds digits but states no figure: links, footnote markers, clock times,
phone numbers, list markers, serial numbers and page furniture (copyright, contact and
address lines).

`noise_spans` returns the character spans to mask before numbers are read.
"""

from __future__ import annotations

import re

FILE_EXTENSION = r"(?:html?|php|aspx?|pdf|docx?|xlsx?|csv|txt|jpe?g|png|gif|zip)"

# Each pattern starts with what is cheapest to search for: a run of digits (matched at
# the digit runs only) or a literal character (which the engine scans for before trying
# the rest). Lookbehinds that would open a pattern come after its first character.
DIGIT_LED_PATTERN = re.compile("|".join(f"(?:{p})" for p in [
    # clock times: 17:22, 9.30 a.m., 5 pm
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[aApP]\.?[mM]\.?)?",
    r"\b\d{1,2}(?:[.:]\d{2})?\s*[aApP]\.?[mM]\.?(?![\w])",
    # list markers: "1) text", "and3) text" ("2. text" at a line start: see LINE_LIST_MARKER)
    r"(?<![\w(])\d{1,2}\)(?=\s)",
    r"(?<=[a-z])\d{1,2}\)(?=\s)",
    # serial numbers: "12/B"
    r"\b\d+/[A-Z]\b",
]))
LINE_LIST_MARKER = re.compile(r"\d{1,2}[.)](?=\s)")
LITERAL_LED_PATTERN = re.compile("|".join(f"(?:{p})" for p in [
    # links: <https://x.org/68>, www.x.org/68, [text](#cite-3)
    r"https?://[^\s>)\]]+>?",
    r"w(?<![\w]w)ww\.[^\s>)\]]+",
    r"\]\([^)\s]*\)",
    # footnote markers: <sup>[1]</sup>, [\[3\]](#), [1], [^1]
    r"<sup>.*?</sup>",
    r"\[(?:\\\[\d{1,3}\\\]\](?:\([^)]*\))?|\^?\d{1,3}\])",
    # phone numbers: +90 (312) 438 50 23-24, (212) 555-0100
    r"\+\d[\d\s().-]{6,}\d",
    r"\(\d{3}\)\s*\d{3}[-\s]\d{4}",
    # serial numbers: "No : 2023 / 5", "No.2023 / 5", "No: 12/B"
    r"N(?<![\w]N)o\s*[.:]?\s*\d+(?:\s*/\s*[\dA-Za-z]+)?",
]))
# Addresses and file names, tried only in texts that hold an "@" or a file extension.
# The e-mail pattern starts at a token start only: linear on long digit runs.
EMAIL_PATTERN = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
FILE_NAME_PATTERN = re.compile(rf"\b[\w-]+\.{FILE_EXTENSION}\b")
FILE_EXTENSION_HINT = re.compile(rf"\.{FILE_EXTENSION}\b")

# A line that is page furniture as a whole: copyright, contact, postal address and
# ticker lines.
FURNITURE_LINE_PATTERN = re.compile(
    r"(?i)(?:©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|\b(?:tel|fax|phone|e-?mail)\s*:|"
    r"\bP\.?O\.? Box\b|\bNo\s*[.:]\s*\d+\S*\s.*\b\d{5}\b|"
    # currency and market ticker lines: "USD/EUR 0.92 ▲0.3%", "AAPL 189.2 ▼1.1"
    r"[▲▼]|\b[A-Z]{3}/[A-Z]{3}\b)"
)
FURNITURE_MAX_CHARS = 300
# Cheap tests that must pass before the furniture pattern is tried on a line.
FURNITURE_HINTS = ("©", "(c)", "copyright", "rights reserved", "tel", "fax", "phone", "mail", "box", "no:", "no.",
                   "no :", "▲", "▼", "/")


def noise_spans(text: str, windows: list[tuple[int, int]] | None = None,
                digit_runs: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sorted, possibly overlapping spans of `text` that hold no figure. With `windows`
    (and the `digit_runs` in them, when the caller has found them already), only the hot
    windows and the lines they touch are searched.

    >>> text = "See [1] at 17:22 or <https://x.org/files/68>."
    >>> [text[s:e] for s, e in noise_spans(text)]
    ['[1]', '17:22', 'https://x.org/files/68>']
    """
    spans_to_search = windows if windows is not None else [(0, len(text))]
    spans = [(m.start(), m.end()) for start, end in spans_to_search
             for m in LITERAL_LED_PATTERN.finditer(text, start, end)]
    if digit_runs is None:
        digit_runs = [m.span() for start, end in spans_to_search for m in _DIGIT_RUN.finditer(text, start, end)]
    for run_start, _ in digit_runs:
        found = DIGIT_LED_PATTERN.match(text, run_start)
        if found is None and (run_start == 0 or text[run_start - 1] in " \t\n") and _starts_its_line(text, run_start):
            found = LINE_LIST_MARKER.match(text, run_start)  # "2. text" at a line start
        if found is not None:
            spans.append(found.span())
    if "@" in text:
        spans.extend(m.span() for start, end in spans_to_search for m in EMAIL_PATTERN.finditer(text, start, end))
    if FILE_EXTENSION_HINT.search(text):
        spans.extend(m.span() for start, end in spans_to_search for m in FILE_NAME_PATTERN.finditer(text, start, end))
    seen_lines: set[int] = set()
    for start, end in spans_to_search:
        line_start = text.rfind("\n", 0, start) + 1
        while line_start < end:
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            # furniture is a short line of its own; a long paragraph never is
            if line_start not in seen_lines and line_end - line_start <= FURNITURE_MAX_CHARS:
                seen_lines.add(line_start)
                line = text[line_start:line_end]
                lowered = line.lower()
                # substring tests (str.find) beat one pattern of all the hints on lines this short
                if any(hint in lowered for hint in FURNITURE_HINTS) and FURNITURE_LINE_PATTERN.search(line):
                    spans.append((line_start, line_end))
            line_start = line_end + 1
    spans.sort()
    return spans


def _starts_its_line(text: str, position: int) -> bool:
    """Is `position` the first non-blank character of its line?"""
    while position > 0 and text[position - 1] in " \t":
        position -= 1
    return position == 0 or text[position - 1] == "\n"


LINK_TOKEN = re.compile(rf"https?://|www\.|@|\]\(|\.{FILE_EXTENSION}\b|/")


def link_tokens(text: str, spots: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The whitespace-delimited tokens around `spots` that are links, addresses or file
    names ("war-no-one-talks-about" in a URL).

    >>> text = "see https://x.org/no-one-talks and one more"
    >>> [text[s:e] for s, e in link_tokens(text, [(22, 25), (36, 39)])]
    ['https://x.org/no-one-talks']
    """
    found = []
    token_end = -1
    for start, end in spots:
        if start < token_end:
            continue  # the spot is in the token already looked at: each token is walked once
        token_start = start
        while token_start > 0 and not text[token_start - 1].isspace():
            token_start -= 1
        whitespace = _WHITESPACE.search(text, end)
        token_end = whitespace.start() if whitespace else len(text)
        if LINK_TOKEN.search(text, token_start, token_end):
            found.append((token_start, token_end))
    return found


_WHITESPACE = re.compile(r"\s")
_DIGIT_RUN = re.compile(r"(?<!\d)\d+")
