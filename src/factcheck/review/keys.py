"""Review keys: what identifies a finding across runs, so that a reviewer's verdict
finds it again.

A finding's id comes from its claims' offsets, so it changes when a source is edited
anywhere before the figure. A review is therefore filed under a `ReviewKey`: what the fact
measures, the countries it concerns, and both figures with their sources and their
sentences, normalised (`normalised_sentence`), and nothing about lines or offsets. Two sentences
of one article that state the same figures are two keys, so they take two verdicts.
This module is pure.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from factcheck.articles import file_of
from factcheck.display import number
from factcheck.group import measured_phrase
from factcheck.model import Claim, Review, ReviewKey, ReviewSide

# Typographic marks an edit may swap for their plain forms without changing what a
# sentence states: curly quotes, primes, and the dashes and minus sign.
_PLAIN_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                              "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                              "\u2015": "-", "\u2212": "-"})


def normalised_sentence(sentence: str) -> str:
    """A sentence as a review key keeps it: Unicode NFKC (so a non-breaking space or a
    full-width digit reads as the plain one), curly quotes and dashes made plain, and
    every run of white space one space, trimmed. Case and words are kept: a sentence
    that says something else is another sentence.

    >>> normalised_sentence("  The \u201cOrvald\u201d bridge\u00a0is 420\u2013430 m long.\\n")
    'The "Orvald" bridge is 420-430 m long.'
    """
    return " ".join(unicodedata.normalize("NFKC", sentence).translate(_PLAIN_MARKS).split())


def review_side(claim: Claim) -> ReviewSide:
    # the file, not the article's number: inserting an article keeps its file's reviews attached
    return ReviewSide(source=file_of(claim.source), value=float(claim.value), unit=claim.unit,
                      qualifier=claim.qualifier.value, sentence=normalised_sentence(claim.sentence))


@dataclass(frozen=True, slots=True)
class Facets:
    """What a claim gives to the review keys of its findings, derived once per claim."""

    side: ReviewSide
    topic: str | None
    phrase: str
    subjects: tuple[str, ...]

    @classmethod
    def of(cls, claim: Claim) -> Facets:
        return cls(review_side(claim), claim.topic, measured_phrase(claim), claim.subjects)


def key_of(first: Facets, second: Facets) -> ReviewKey:
    """The key of the finding between two claims; the same whichever comes first.

    The measured property is the claims' topic where rules/topics.yaml names one, else
    the counted noun phrase or measured phrase (the shorter of the two, for a stable
    choice). The subject is every country either claim's clause names.
    """
    phrases = [p for p in (first.phrase, second.phrase) if p]
    measured = first.topic or second.topic or (min(phrases, key=lambda p: (len(p), p)) if phrases else "figure")
    return ReviewKey.of(measured, (*first.subjects, *second.subjects), first.side, second.side)


def describe_key(key: ReviewKey) -> str:
    """A key in one line, for messages: "deaths (KG TJ): a.txt 100 people / b.txt 62 people".
    Statements are left out: the file and figure find the sentence."""
    sides = " / ".join(f"{side.source} {number(side.value):,}{' ' + side.unit if side.unit else ''}"
                       for side in key.sides)
    subject = f" ({' '.join(key.subject)})" if key.subject else ""
    return f"{key.measured}{subject}: {sides}"


def review_order(review: Review) -> tuple:
    key = review.key
    return key.measured, key.subject, tuple(side.order for side in key.sides)
