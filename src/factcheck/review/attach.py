"""How reviews meet findings: attaching the kept reviews to a run's findings, turning a
reviewed workbook's rows into reviews, and merging those into the kept ones. Pure; the
files are `review.accepted`'s and `review.workbook`'s.

An entry written before review keys held sentences (`ReviewKey.has_sentences` false)
still attaches: to every finding with its figures, in whatever sentences, unless an entry
for the finding's own sentences is there too. When a reviewed workbook touches such an
entry, the import writes it again per sentence (`merge_reviews`), so old files migrate
as they are used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from factcheck.model import Claim, Finding, Relation, Review, ReviewKey, Verdict
from factcheck.review.keys import Facets, key_of, review_order


def attach_reviews(findings: Iterable[Finding], claims_by_id: Mapping[str, Claim],
                   reviews: Iterable[Review]) -> tuple[list[Finding], list[Review]]:
    """Give every finding that is not plain agreement its review key and the review
    filed under it (or, failing that, the entry without sentences for its figures);
    return the findings and the reviews no finding matched (stale), in file order.
    Agreements need no review, and skipping them keeps this stage cheap where a fact has
    hundreds of members (and so many thousands of agreeing pairs)."""
    reviews = list(reviews)
    by_key = {review.key: review for review in reviews}
    matched: set[ReviewKey] = set()
    attached = []
    facets: dict[str, Facets] = {}
    for finding in findings:
        if finding.relation is Relation.AGREE:
            attached.append(finding)
            continue
        first, second = (facets.get(i) or facets.setdefault(i, Facets.of(claims_by_id[i])) for i in finding.claims)
        key = key_of(first, second)
        review = by_key.get(key) or by_key.get(key.without_sentences())
        if review is not None:
            matched.add(review.key)
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
                  withdrawn: Iterable[ReviewKey] = (), unreturned: Iterable[ReviewKey] = ()) -> tuple[Review, ...]:
    """The kept reviews with the new ones laid over them, in a stable order.

    A new review replaces a kept one under the same key, and takes `reviewer` when its
    own row names none. One that says nothing new (the same verdict and note, no other
    reviewer) keeps the kept one with its reviewer and date, so importing a prefilled
    workbook again changes nothing. Reviews under a `withdrawn` key are dropped.

    A kept entry without sentences that a new or withdrawn key falls under is migrated:
    the workbook listed each of its findings prefilled with its verdict, so what comes
    back is the same entry per sentence (its reviewer and date kept where nothing
    changed), and the entry itself is dropped. It is kept, beside them, when one of its
    findings did not come back (`unreturned`: a row deleted, or skipped as gone from the
    report), so no finding loses its review.
    """
    kept = list(kept)
    new = list(new)
    withdrawn = list(withdrawn)
    merged = {review.key: review for review in kept}
    still_needed = {key.without_sentences() for key in unreturned}
    touched = {key.without_sentences() for key in (*withdrawn, *(review.key for review in new))
               if key.has_sentences} - still_needed
    for key in (*withdrawn, *touched):
        merged.pop(key, None)
    old_entries = {review.key: review for review in kept if review.key in touched}
    for review in new:
        old = merged.get(review.key) or old_entries.get(review.key.without_sentences())
        if old is not None and (old.verdict, old.note) == (review.verdict, review.note) \
                and review.reviewer in (None, old.reviewer):
            merged[review.key] = replace(old, key=review.key, line=None)
            continue
        merged[review.key] = replace(review, reviewer=review.reviewer or reviewer)
    return tuple(sorted(merged.values(), key=review_order))
