"""Text that holds digits but states no figure: links, footnote markers, clock times,
phone numbers, list markers, serial numbers and page furniture (copyright, contact and
address lines).

`noise_spans` returns the character spans to mask before numbers are read.
"""

from __future__ import annotations

import re

_SPAN_PATTERNS = [
    # links and addresses
    r"<?https?://[^\s>)\]]+>?",
    r"\bwww\.[^\s>)\]]+",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    r"\]\([^)\s]*\)",
    r"\b[\w-]+\.(?:html?|php|aspx?|pdf|docx?|xlsx?|csv|txt|jpe?g|png|gif|zip)\b",
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

# A line that is page furniture as a whole: copyright, contact and postal address lines.
FURNITURE_LINE_PATTERN = re.compile(
    r"(?im)^.*(?:©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|\b(?:tel|fax|phone|e-?mail)\s*:|"
    r"\bP\.?O\.? Box\b|\bNo\s*[.:]\s*\d+\S*\s.*\b\d{5}\b).*$"
)


def noise_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, possibly overlapping spans of `text` that hold no figure.

    >>> text = "See [1] at 17:22 or <https://x.org/files/68>."
    >>> [text[s:e] for s, e in noise_spans(text)]
    ['[1]', '17:22', '<https://x.org/files/68>']
    """
    spans = [(m.start(), m.end()) for m in NOISE_PATTERN.finditer(text)]
    spans.extend((m.start(), m.end()) for m in FURNITURE_LINE_PATTERN.finditer(text))
    spans.sort()
    return spans
