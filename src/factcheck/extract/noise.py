"""Text that holds digits but states no figure: links, footnote markers, clock times,
phone numbers, list markers, serial numbers and page furniture (copyright, contact and
address lines).

`noise_spans` returns the character spans to mask before numbers are read.
"""

from __future__ import annotations

import re

FILE_EXTENSION = r"(?:html?|php|aspx?|pdf|docx?|xlsx?|csv|txt|jpe?g|png|gif|zip)"

_SPAN_PATTERNS = [
    # links and addresses
    r"<?https?://[^\s>)\]]+>?",
    r"\bwww\.[^\s>)\]]+",
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # starts at a token start: linear on digit runs
    r"\]\([^)\s]*\)",
    rf"\b[\w-]+\.{FILE_EXTENSION}\b",
    # footnote markers: <sup>[1]</sup>, [\[3\]](#), [1], [^1]
    r"<sup>.*?</sup>",
    r"\[\\\[\d{1,3}\\\]\](?:\([^)]*\))?",
    r"\[\^?\d{1,3}\]",
    # clock times: 17:22, 9.30 a.m., 5 pm
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[aApP]\.?[mM]\.?)?",
    r"\b\d{1,2}(?:[.:]\d{2})?\s*[aApP]\.?[mM]\.?(?![\w])",
    # phone numbers: +90 (312) 438 50 23-24, (212) 555-0100
    r"\+\d[\d\s().-]{6,}\d",
    r"\(\d{3}\)\s*\d{3}[-\s]\d{4}",
    # list markers: "1) text", "and3) text", "2. text" at a line start
    r"(?<![\w(])\d{1,2}\)(?=\s)",
    r"^\s*\d{1,2}[.)](?=\s)",
    r"(?<=[a-z])\d{1,2}\)(?=\s)",
    # serial numbers: "No : 2023 / 5", "No.2023 / 5", "No: 12/B"
    r"\bNo\s*[.:]?\s*\d+(?:\s*/\s*[\dA-Za-z]+)?",
    r"\b\d+/[A-Z]\b",
]
NOISE_PATTERN = re.compile("|".join(f"(?:{p})" for p in _SPAN_PATTERNS), re.MULTILINE)

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


def noise_spans(text: str, windows: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sorted, possibly overlapping spans of `text` that hold no figure. With `windows`,
    only the hot windows (and the lines they touch) are searched.

    >>> text = "See [1] at 17:22 or <https://x.org/files/68>."
    >>> [text[s:e] for s, e in noise_spans(text)]
    ['[1]', '17:22', '<https://x.org/files/68>']
    """
    spans_to_search = windows if windows is not None else [(0, len(text))]
    spans = [(m.start(), m.end()) for start, end in spans_to_search for m in NOISE_PATTERN.finditer(text, start, end)]
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
                if any(hint in lowered for hint in FURNITURE_HINTS) and FURNITURE_LINE_PATTERN.search(line):
                    spans.append((line_start, line_end))
            line_start = line_end + 1
    spans.sort()
    return spans


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
