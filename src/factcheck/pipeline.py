"""The one place that knows the order of the stages:
discover → read → extract → group → compare → review → `RunResult`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from factcheck.arithmetic import check_arithmetic
from factcheck.compare import compare_facts
from factcheck.extract import extract_document_claims
from factcheck.group import group_claims
from factcheck.model import Claim, Document, RunResult
from factcheck.readers import discover_sources, read_sources
from factcheck.review import attach_reviews
from factcheck.rules import Rules, load_rules

ProgressCallback = Callable[[str, int, int], None]
# How a document's claims are obtained: extracted, or fetched from a cache of extractions.
ClaimSource = Callable[[Document, Rules], list[Claim]]


def extract_claims_of(document: Document, rules: Rules) -> list[Claim]:
    return extract_document_claims(document.text, document.source, rules)


def analyse_documents(documents: list[Document], rules: Rules, progress: ProgressCallback | None = None,
                      claims_of: ClaimSource = extract_claims_of) -> RunResult:
    """Run extract, group, compare and review over documents already read (pure when
    `claims_of` is the extractor itself)."""
    claims: list[Claim] = []
    for index, document in enumerate(documents):
        if progress:
            progress(document.source, index, len(documents))
        claims.extend(claims_of(document, rules))
    claims.sort(key=lambda claim: (claim.source, claim.start, claim.end))
    by_id = {claim.id: claim for claim in claims}
    facts, findings = compare_facts(group_claims(claims, rules), by_id, rules)
    findings, stale_reviews = attach_reviews(findings, by_id, rules.accepted)
    fact_of = {claim_id: fact.id for fact in facts for claim_id in fact.claim_ids}
    return RunResult(
        documents=tuple(documents),
        claims=tuple(claims),
        facts=tuple(facts),
        findings=tuple(findings),
        checks=tuple(check_arithmetic(claims, rules)),
        stale_reviews=tuple(stale_reviews),
        fact_of=fact_of,
    )


def check_paths(paths: list[str | Path] | tuple[str | Path, ...] | str | Path, rules: Rules | None = None,
                progress: ProgressCallback | None = None, claims_of: ClaimSource = extract_claims_of) -> RunResult:
    """Read every source under `paths` and check their figures against each other.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("The 2019 floods left more than 90 people dead.", encoding="utf-8")
    >>> _ = (folder / "b.txt").write_text("The floods in 2019 caused 48 deaths.", encoding="utf-8")
    >>> result = check_paths(folder)
    >>> [(f.relation.value, f.severity.value) for f in result.findings]
    [('conflict', 'high')]
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    rules = rules if rules is not None else load_rules()
    documents, problems = read_sources(discover_sources(list(paths)))
    result = analyse_documents(documents, rules, progress, claims_of)
    return replace(result, problems=tuple(problems))
