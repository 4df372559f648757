"""Plain records for the writers: one dict per source, claim, fact, finding and problem,
with a fixed key order. The JSON contract (`factcheck.report/1`) and the CSV columns
both come from here, so the formats cannot drift apart.
"""

from __future__ import annotations

import hashlib
from typing import Any

from factcheck.display import number
from factcheck.model import Check, Claim, Fact, Finding, Problem, RunResult
from factcheck.review.accepted import review_record

SCHEMA = "factcheck.report/1"

CLAIM_COLUMNS = ("id", "source", "start", "end", "line", "column", "text", "sentence", "kind", "value", "unit",
                 "unit_name", "dimension", "qualifier", "low", "high", "precision", "measured", "topic", "scope",
                 "subjects", "event", "event_label", "facets", "as_of", "restates", "part_of", "page", "copy_of",
                 "fact")
FACT_COLUMNS = ("id", "label", "dimension", "unit", "claims", "verdict", "consensus", "consensus_low",
                "consensus_high", "sources", "supporting", "outliers")
FINDING_COLUMNS = ("id", "fact", "fact_label", "relation", "severity", "cause", "claim_a", "value_a", "source_a",
                   "line_a", "claim_b", "value_b", "source_b", "line_b", "difference", "relative_difference", "note",
                   "status", "review_note", "reviewer", "review_key")
PROBLEM_COLUMNS = ("source", "reason", "detail", "line")
SOURCE_COLUMNS = ("id", "path", "sha256", "chars", "claims", "title", "url", "published")


def source_id(path: str) -> str:
    return "s" + hashlib.sha1(path.encode("utf-8")).hexdigest()[:8]


def claim_record(claim: Claim, fact_id: str | None) -> dict[str, Any]:
    return {
        "id": claim.id, "source": claim.source, "start": claim.start, "end": claim.end, "line": claim.line,
        "column": claim.column, "text": claim.text, "sentence": claim.sentence, "kind": claim.kind.value,
        "value": number(claim.value), "unit": claim.unit, "unit_name": claim.unit_name, "dimension": claim.dimension,
        "qualifier": claim.qualifier.value, "low": number(claim.low), "high": number(claim.high),
        "precision": number(claim.precision), "measured": claim.measured, "topic": claim.topic,
        "scope": claim.scope, "subjects": list(claim.subjects), "event": claim.event,
        "event_label": claim.event_label, "facets": list(claim.facets), "as_of": claim.as_of,
        "restates": claim.restates, "part_of": claim.part_of, "page": claim.page, "copy_of": claim.copy_of,
        "fact": fact_id,
    }


def fact_record(fact: Fact) -> dict[str, Any]:
    consensus = fact.consensus
    return {
        "id": fact.id, "label": fact.label, "dimension": fact.dimension, "unit": fact.unit,
        "claims": list(fact.claim_ids),
        "members": [{"claim": m.claim_id, "score": m.score, "matched_by": m.matched_by} for m in fact.members],
        "verdict": fact.verdict.value, "comparison": fact.comparison,
        "consensus": None if consensus is None else {
            "value": number(consensus.value), "low": number(consensus.low), "high": number(consensus.high),
            "sources": list(consensus.sources), "supporting": list(consensus.supporting),
            "outliers": list(consensus.outliers), "votes": consensus.votes,
        },
    }


def finding_record(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id, "fact": finding.fact, "claims": list(finding.claims), "relation": finding.relation.value,
        "difference": number(finding.difference), "relative_difference": finding.relative_difference,
        "severity": finding.severity.value, "cause": finding.cause.value if finding.cause else None,
        "note": finding.note, "status": finding.status,
        "review_key": finding.review_key.id if finding.review_key else None,
        "review": None if finding.review is None else {
            "verdict": finding.review.verdict.value, "note": finding.review.note,
            "reviewer": finding.review.reviewer, "date": finding.review.date},
    }


CHECK_COLUMNS = ("id", "kind", "claims", "stated", "computed", "holds", "computation")


def check_record(check: Check) -> dict[str, Any]:
    return {"id": check.id, "kind": check.kind.value, "claims": list(check.claims), "stated": number(check.stated),
            "computed": number(check.computed), "holds": check.holds, "computation": check.computation}


def problem_record(problem: Problem) -> dict[str, Any]:
    return {"source": problem.source, "reason": problem.reason.value, "detail": problem.detail, "line": problem.line}


def report_document(result: RunResult) -> dict[str, Any]:
    """The whole run as the `factcheck.report/1` JSON document: its top-level fields in
    order, each list a generator of records (made one at a time as it is written)."""
    claims_per_source: dict[str, int] = {}
    for claim in result.claims:
        claims_per_source[claim.source] = claims_per_source.get(claim.source, 0) + 1
    return {
        "schema": SCHEMA,
        "sources": (
            {"id": source_id(d.source), "path": d.source, "sha256": d.sha256, "chars": d.chars,
             "claims": claims_per_source.get(d.source, 0), "title": d.title, "url": d.url, "published": d.published,
             "author": d.author, "format": d.format, "encoding": d.encoding, "article": d.article,
             "publisher": d.publisher, "language": d.language, "trust": d.trust}
            for d in result.documents
        ),
        "claims": (claim_record(c, result.fact_of.get(c.id)) for c in result.claims),
        "facts": (fact_record(f) for f in result.facts),
        "findings": (finding_record(f) for f in result.findings),
        "checks": (check_record(c) for c in result.checks),
        "problems": (problem_record(p) for p in result.problems),
        "stale_reviews": (review_record(r) for r in result.stale_reviews),
    }


def fact_rows(result: RunResult) -> list[dict[str, Any]]:
    rows = []
    for fact in result.facts:
        consensus = fact.consensus
        rows.append({
            "id": fact.id, "label": fact.label, "dimension": fact.dimension, "unit": fact.unit,
            "claims": ";".join(fact.claim_ids), "verdict": fact.verdict.value,
            "consensus": number(consensus.value) if consensus else None,
            "consensus_low": number(consensus.low) if consensus else None,
            "consensus_high": number(consensus.high) if consensus else None,
            "sources": ";".join(consensus.sources) if consensus else "",
            "supporting": ";".join(consensus.supporting) if consensus else "",
            "outliers": ";".join(consensus.outliers) if consensus else "",
        })
    return rows


def finding_rows(result: RunResult) -> list[dict[str, Any]]:
    labels = {fact.id: fact.label for fact in result.facts}
    rows = []
    for finding in result.findings:
        a, b = (result.claim(i) for i in finding.claims)
        rows.append({
            "id": finding.id, "fact": finding.fact, "fact_label": labels.get(finding.fact, ""),
            "relation": finding.relation.value, "severity": finding.severity.value,
            "cause": finding.cause.value if finding.cause else None,
            "claim_a": a.id, "value_a": a.text, "source_a": a.source, "line_a": a.line,
            "claim_b": b.id, "value_b": b.text, "source_b": b.source, "line_b": b.line,
            "difference": number(finding.difference), "relative_difference": finding.relative_difference,
            "note": finding.note, "status": finding.status,
            "review_note": finding.review.note if finding.review else None,
            "reviewer": finding.review.reviewer if finding.review else None,
            "review_key": finding.review_key.id if finding.review_key else None,
        })
    return rows
