"""The CI check's decision, as linters make it: which findings a check reports, which
of them fail it, and which accepted entries went stale. Pure: the run's result, the
threshold and the set of changed documents in, a `Gate` out.

A finding is reported when it is a discrepancy (or, with `--fail-on any`, any pair that
is not plain agreement), it is not accepted (no entry in accepted.yaml, or one that says
"unsure"), and, when only changed documents count, one of its sides is in one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from factcheck.articles import file_of
from factcheck.model import Finding, Relation, Review, RunResult, Verdict
from factcheck.review.attach import merge_reviews


class FailOn(str, Enum):
    """The weakest relation that fails a check."""

    CONFLICT = "conflict"
    ROUNDING = "rounding"
    ANY = "any"

    @property
    def weakest(self) -> Relation:
        return {FailOn.CONFLICT: Relation.CONFLICT, FailOn.ROUNDING: Relation.ROUNDING,
                FailOn.ANY: Relation.COMPATIBLE}[self]


@dataclass(frozen=True, slots=True)
class Gate:
    """What a check found. `reported` are the unaccepted findings in scope, worst
    first; `failing` those of them at or above `fail_on`; `accepted` the findings in
    scope that an entry settles; `out_of_scope` how many findings only touch unchanged
    documents; `stale` the entries no finding matches. `changed` names the documents
    changed since the diff base (None: no diff base, every document counts); `recent`
    those the most recent commit changed or that are uncommitted, known without a diff
    base inside git (None: git cannot tell, outside git or in a shallow clone). Either
    says which side of a finding is the new one, to annotate."""

    reported: tuple[Finding, ...]
    failing: tuple[Finding, ...]
    accepted: tuple[Finding, ...]
    out_of_scope: int
    stale: tuple[Review, ...]
    fail_on: FailOn
    strict_baseline: bool = False
    changed: frozenset[str] | None = None
    recent: frozenset[str] | None = None
    _failing_ids: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_failing_ids", frozenset(f.id for f in self.failing))

    def is_failing(self, finding: Finding) -> bool:
        return finding.id in self._failing_ids

    @property
    def fails(self) -> bool:
        return bool(self.failing) or (self.strict_baseline and bool(self.stale))

    def in_changed_document(self, source: str) -> bool:
        return self.changed is not None and file_of(source) in self.changed  # "mag.txt#2" is in mag.txt

    def is_new(self, source: str) -> bool:
        """Is `source` in a document changed since the diff base, or (without one) by the
        most recent commit or since?"""
        changed = self.changed if self.changed is not None else self.recent
        return changed is not None and file_of(source) in changed


def _counted(finding: Finding, fail_on: FailOn) -> bool:
    """Is this pair something a check speaks of at all?"""
    return finding.relation.is_discrepancy or (fail_on is FailOn.ANY and finding.relation is not Relation.AGREE)


def _settled(finding: Finding) -> bool:
    return finding.review is not None and finding.review.verdict.accepts


def decide(result: RunResult, fail_on: FailOn, changed: frozenset[str] | None = None,
           strict_baseline: bool = False, recent: frozenset[str] | None = None) -> Gate:
    """The check's outcome; `changed` names the documents changed since the diff base
    (None: every document counts); `recent` those changed by the most recent commit or
    since, which only place annotations (`sides_in_order`)."""
    counted = [f for f in result.findings if _counted(f, fail_on)]
    in_scope = [f for f in counted
                if changed is None or any(file_of(result.claim(i).source) in changed for i in f.claims)]
    reported = tuple(f for f in in_scope if not _settled(f))
    failing = tuple(f for f in reported if f.relation.rank >= fail_on.weakest.rank)
    return Gate(
        reported=reported,
        failing=failing,
        accepted=tuple(f for f in in_scope if _settled(f)),
        out_of_scope=len(counted) - len(in_scope),
        stale=result.stale_reviews,
        fail_on=fail_on,
        strict_baseline=strict_baseline,
        changed=changed,
        recent=recent,
    )


def sides_in_order(finding: Finding, result: RunResult, gate: Gate,
                   outliers: frozenset[str] = frozenset()) -> tuple[str, str]:
    """The finding's two claim ids, the one to point at first: the side in a new document
    (`Gate.is_new`) when exactly one side is in one; else the side its fact's consensus
    calls an outlier (`outliers`), when exactly one is; else the finding's own order."""
    first, second = finding.claims
    for marks in (lambda claim_id: gate.is_new(result.claim(claim_id).source),
                  lambda claim_id: claim_id in outliers):
        if marks(second) and not marks(first):
            return second, first
        if marks(first) and not marks(second):
            return first, second
    return first, second


def consensus_outliers(result: RunResult) -> frozenset[str]:
    """The claims far from their fact's consensus."""
    return frozenset(claim_id for fact in result.facts if fact.consensus for claim_id in fact.consensus.outliers)


def with_baseline(result: RunResult, kept: tuple[Review, ...]) -> tuple[Review, ...]:
    """The entries `--write-baseline` writes: every reviewer's verdict kept as it is,
    and a baseline entry for each other finding that is not plain agreement. Baseline
    entries whose finding is gone are dropped."""
    human = [review for review in kept if review.verdict.is_human]
    reviewed = {review.key for review in human}
    # a reviewer's verdict covers a finding under its own key, or under an older entry
    # without sentences (`review.attach`)
    baseline = [Review(key=f.review_key, verdict=Verdict.BASELINE) for f in result.findings
                if f.relation is not Relation.AGREE and f.review_key is not None and f.review_key not in reviewed
                and f.review_key.without_sentences() not in reviewed]
    return merge_reviews(human, baseline)
