"""Shared formatting, below the stages and the writers so both can use it: numbers as
reports show them (`number`), a sentence as review keys keep it (`normalised_sentence`),
and text shown on one line of a terminal, a log or CI's output (`one_line`).

A file name or a sentence may hold a newline or another control character. Printed as
it is, it breaks a line-oriented output in two, and a second line that starts with
`::error` is one GitHub Actions would run as a workflow command. `one_line` shows each
such character as an escape instead, the way Python's `repr` does.
"""

from __future__ import annotations

import unicodedata


def number(value: float | None) -> int | float | None:
    """Whole numbers as integers, so reports read "1000", not "1000.0".

    >>> number(1000.0), number(2.5), number(None)
    (1000, 2.5, None)
    """
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: object) -> str:
    r"""`text` with every control character (and Unicode's line and paragraph separators)
    escaped, so it stays on one line and reads as itself.

    >>> one_line("a\n::error file=x::y.txt")
    'a\\n::error file=x::y.txt'
    >>> one_line("tab\there, bell\x07, escape\x1b[31m, line\u2028break")
    'tab\\there, bell\\x07, escape\\x1b[31m, line\\u2028break'
    >>> one_line("Zürich 40 km")
    'Zürich 40 km'
    """
    text = str(text)
    if text.isprintable():
        return text
    return "".join(_escaped(ch) for ch in text)


def _escaped(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    if ch == " " or unicodedata.category(ch) not in ("Cc", "Zl", "Zp"):
        return ch
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


# Typographic marks an edit may swap for their plain forms without changing what a
# sentence states: curly quotes, primes, and the dashes and minus sign.
_PLAIN_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                              "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                              "\u2015": "-", "\u2212": "-"})


def normalised_sentence(sentence: str) -> str:
    """A sentence as a review key keeps it: Unicode NFKC (so a non-breaking space or a
    full-width digit reads as the plain one), curly quotes and dashes made plain, control
    characters read as spaces (a spreadsheet cannot hold them as they are), and every run
    of white space one space, trimmed. Case and words are kept: a sentence that says
    something else is another sentence.

    >>> normalised_sentence("  The \u201cOrvald\u201d bridge\u00a0is 420\u2013430 m\\x01 long.\\n")
    'The "Orvald" bridge is 420-430 m long.'
    """
    text = unicodedata.normalize("NFKC", sentence).translate(_PLAIN_MARKS)
    return " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in text).split())
