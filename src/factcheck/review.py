"""The review stage: reviewers' verdicts on findings, kept across runs in
`rules/accepted.yaml`.

A finding's id comes from its claims' offsets, so it changes when a source is edited
anywhere before the figure. A review is therefore attached by `ReviewKey`: what the fact
measures, the countries it concerns, and both figures with their sources, and nothing
about lines or offsets. This module is pure: it derives keys, attaches reviews to
findings, tells which reviews went stale, turns a reviewed workbook's rows into reviews
and merges them into the kept ones. Reading the workbook and writing the file belong to
`review_io`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from factcheck.articles import file_of
from factcheck.group import measured_phrase
from factcheck.model import Claim, Finding, Relation, Review, ReviewKey, ReviewSide, Verdict
from factcheck.report.records import number


def review_side(claim: Claim) -> ReviewSide:
    # the file, not the article's number: inserting an article keeps its file's reviews attached
    return ReviewSide(source=file_of(claim.source), value=float(claim.value), unit=claim.unit,
                      qualifier=claim.qualifier.value)


@dataclass(frozen=True, slots=True)
class _Facets:
    """What a claim gives to the review keys of its findings, derived once per claim."""

    side: ReviewSide
    topic: str | None
    phrase: str
    subjects: tuple[str, ...]

    @classmethod
    def of(cls, claim: Claim) -> _Facets:
        return cls(review_side(claim), claim.topic, measured_phrase(claim), claim.subjects)


def _key_of(first: _Facets, second: _Facets) -> ReviewKey:
    """The key of the finding between two claims; the same whichever comes first.

    The measured property is the claims' topic where rules/topics.yaml names one, else
    the counted noun phrase or measured phrase (the shorter of the two, for a stable
    choice). The subject is every country either claim's clause names.
    """
    phrases = [p for p in (first.phrase, second.phrase) if p]
    measured = first.topic or second.topic or (min(phrases, key=lambda p: (len(p), p)) if phrases else "figure")
    return ReviewKey.of(measured, (*first.subjects, *second.subjects), first.side, second.side)


def describe_key(key: ReviewKey) -> str:
    """A key in one line, for messages: "deaths (KG TJ): a.txt 100 people / b.txt 62 people"."""
    sides = " / ".join(f"{side.source} {number(side.value):,}{' ' + side.unit if side.unit else ''}"
                       for side in key.sides)
    subject = f" ({' '.join(key.subject)})" if key.subject else ""
    return f"{key.measured}{subject}: {sides}"


def review_order(review: Review) -> tuple:
    key = review.key
    return key.measured, key.subject, tuple(side.order for side in key.sides)


def attach_reviews(findings: Iterable[Finding], claims_by_id: Mapping[str, Claim],
                   reviews: Iterable[Review]) -> tuple[list[Finding], list[Review]]:
    """Give every finding that is not plain agreement its review key and the review
    filed under it; return the findings and the reviews no finding matched (stale), in
    file order. Agreements need no review, and skipping them keeps this stage cheap
    where a fact has hundreds of members (and so many thousands of agreeing pairs)."""
    reviews = list(reviews)
    by_key = {review.key: review for review in reviews}
    matched: set[ReviewKey] = set()
    attached = []
    facets: dict[str, _Facets] = {}
    for finding in findings:
        if finding.relation is Relation.AGREE:
            attached.append(finding)
            continue
        first, second = (facets.get(i) or facets.setdefault(i, _Facets.of(claims_by_id[i])) for i in finding.claims)
        key = _key_of(first, second)
        review = by_key.get(key)
        if review is not None:
            matched.add(key)
        # the constructor, not dataclasses.replace: this runs once per finding, and a corpus
        # whose facts have hundreds of members has hundreds of thousands of them
        attached.append(Finding(finding.id, finding.fact, finding.claims, finding.relation, finding.difference,
                                finding.relative_difference, finding.severity, finding.note, key, review,
                                finding.cause))
    return attached, [review for review in reviews if review.key not in matched]


@dataclass(frozen=True, slots=True)
class ReviewedRow:
    """One reviewed row of a workbook's Discrepancies sheet."""

    row: int
    finding_id: str
    verdict: Verdict | None  # None: the verdict cell is empty
    note: str | None = None
    reviewer: str | None = None


def reviews_from_rows(rows: Iterable[ReviewedRow], keys: Mapping[str, ReviewKey], date: str) -> list[Review]:
    """The reviews a workbook's rows give; `keys` maps its finding ids to review keys."""
    return [Review(key=keys[row.finding_id], verdict=row.verdict, note=row.note, reviewer=row.reviewer, date=date)
            for row in rows if row.verdict is not None]


def merge_reviews(kept: Iterable[Review], new: Iterable[Review], reviewer: str | None = None,
                  withdrawn: Iterable[ReviewKey] = ()) -> tuple[Review, ...]:
    """The kept reviews with the new ones laid over them, in a stable order.

    A new review replaces a kept one under the same key, and takes `reviewer` when its
    own row names none. One that says nothing new (the same verdict and note, no other
    reviewer) keeps the kept one with its reviewer and date, so importing a prefilled
    workbook again changes nothing. Reviews under a `withdrawn` key are dropped.
    """
    merged = {review.key: review for review in kept}
    for key in withdrawn:
        merged.pop(key, None)
    for review in new:
        old = merged.get(review.key)
        if old is not None and (old.verdict, old.note) == (review.verdict, review.note) \
                and review.reviewer in (None, old.reviewer):
            continue
        merged[review.key] = replace(review, reviewer=review.reviewer or reviewer)
    return tuple(sorted(merged.values(), key=review_order))
