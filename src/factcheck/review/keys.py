"""Review keys: what identifies a finding across runs, so that a reviewer's verdict
finds it again.

A finding's id comes from its claims' offsets, so it changes when a source is edited
anywhere before the figure. A review is therefore filed under a `ReviewKey`: what the fact
measures, the countries it concerns, and both figures with their sources and their
sentences, normalised (`display.normalised_sentence`), and nothing about lines or offsets. Two sentences
of one article that state the same figures are two keys, so they take two verdicts.
This module is pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.articles import file_of
from factcheck.display import normalised_sentence, number
from factcheck.group import measured_phrase
from factcheck.model import Claim, Review, ReviewKey, ReviewSide

def review_side(claim: Claim) -> ReviewSide:
    # the file, not the article's number: inserting an article keeps its file's reviews attached
    return ReviewSide(source=file_of(claim.source), value=float(claim.value), unit=claim.unit,
                      qualifier=claim.qualifier.value, sentence=normalised_sentence(claim.sentence) or None)


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
