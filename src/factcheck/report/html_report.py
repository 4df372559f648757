"""`report.html`: the report as one self-contained page. A summary (sources, claims,
facts, discrepancies by relation, cause and severity, review progress), then one section
per fact, worst first, with its plot (`factcheck.report.plot`, inline SVG), its claims
(the sentence with the figure marked, the source with its publisher and date, the
status of its review) and its pairs; the claims no other claim restates; the sources
(with their original address where they have one) and the input problems.

The page works offline and alone: its style and script are inline, it loads nothing,
and a Content-Security-Policy forbids every remote load and every script but its own
(allowed by its SHA-256). Source text reaches the page only through Jinja2's
autoescaping, so a `<script>` in a source shows as text. Filters (a text box, and
relation, cause, severity and status) run in the page, without a server.

`page_context` is pure (a `RunResult` in, plain values out); `render_html` fills the
template; `HtmlWriter` writes the file. The same run gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from factcheck.model import Claim, ClaimKind, Fact, Finding, Relation, RunResult, Severity
from factcheck.report import write_atomically
from factcheck.report.markdown import QUALIFIER_SIGNS, event_list, place, sentence_parts, value_text, worst_first
from factcheck.report.plot import camp_of, fact_plot, svg_of
from factcheck.report.records import number, source_id

# what a claim's status is when no discrepant pair involves it
NO_DISCREPANCY = "no discrepancy"
# the separator of a row's list-valued data attributes ("conflict|rounding")
LIST_SEPARATOR = "|"


@dataclass(frozen=True, slots=True)
class _Facets:
    """What the page's filters select on: the relations, causes, severities and review
    statuses of a row's or a section's pairs."""

    relations: frozenset[str] = frozenset()
    causes: frozenset[str] = frozenset()
    severities: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()

    @staticmethod
    def of(findings: list[Finding]) -> _Facets:
        discrepant = [f for f in findings if f.relation.is_discrepancy]
        return _Facets(relations=frozenset(f.relation.value for f in findings),
                       causes=frozenset(f.cause.value for f in discrepant if f.cause is not None),
                       severities=frozenset(f.severity.value for f in findings),
                       statuses=frozenset(f.status for f in discrepant) or frozenset({NO_DISCREPANCY}))

    def attributes(self) -> dict[str, str]:
        return {name: LIST_SEPARATOR.join(sorted(getattr(self, name)))
                for name in ("relations", "causes", "severities", "statuses")}


def _safe_url(url: str | None) -> str | None:
    """A source's address, as a link only when it is a web address (never `javascript:`)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _quantity(value: float | None, unit: str | None) -> str:
    return "" if value is None else f"{number(value):,}" + (f" {unit}" if unit else "")


def _claim_row(claim: Claim, findings: list[Finding], texts: dict[str, str], camp: str | None) -> dict[str, Any]:
    parts = sentence_parts(claim, texts.get(claim.source))
    before, figure, after = parts if parts is not None else (claim.sentence, "", "")
    discrepant = [f for f in findings if f.relation.is_discrepancy]
    status = ", ".join(sorted({f.status for f in discrepant})) or NO_DISCREPANCY
    return {"id": claim.id, "text": " ".join(claim.text.split()), "reads_as": value_text(claim),
            "qualifier": claim.qualifier.value, "low": number(claim.low), "high": number(claim.high),
            "source": claim.source, "source_anchor": f"src-{source_id(claim.source)}", "place": place(claim),
            "as_of": claim.as_of or "", "before": before, "figure": figure, "after": after, "status": status,
            "camp": camp or "", "facets": _Facets.of(findings).attributes()}


def _finding_row(finding: Finding, result: RunResult) -> dict[str, Any]:
    a, b = (result.claim(i) for i in finding.claims)
    review = finding.review if finding.review is not None and finding.review.verdict.is_human else None
    return {"id": finding.id, "relation": finding.relation.value, "severity": finding.severity.value,
            "cause": finding.cause.value if finding.cause else "", "a": " ".join(a.text.split()), "a_place": place(a),
            "a_anchor": f"claim-{a.id}", "b": " ".join(b.text.split()), "b_place": place(b),
            "b_anchor": f"claim-{b.id}", "difference": f"{number(finding.difference):,}",
            "relative": f"{finding.relative_difference:.1%}", "note": finding.note,
            "status": finding.status if finding.relation.is_discrepancy else NO_DISCREPANCY,
            "review": None if review is None else {"verdict": review.verdict.value, "reviewer": review.reviewer or "",
                                                   "date": review.date or "", "note": review.note or ""},
            "facets": _Facets.of([finding]).attributes()}


def _consensus(fact: Fact, result: RunResult) -> dict[str, Any] | None:
    consensus = fact.consensus
    if consensus is None:
        return None
    return {"value": _quantity(consensus.value, fact.unit), "low": _quantity(consensus.low, fact.unit),
            "high": _quantity(consensus.high, fact.unit), "supporting": list(consensus.supporting),
            "outliers": [f"{' '.join(result.claim(i).text.split())} ({place(result.claim(i))})"
                         for i in consensus.outliers], "votes": consensus.votes}


def _fact_key(fact: Fact, findings: list[Finding]) -> tuple:
    """Worst first: facts with a discrepancy by their worst pair, then the rest by label."""
    discrepant = [f for f in findings if f.relation.is_discrepancy]
    if discrepant:
        return (0, *worst_first(fact, discrepant))
    return (1, fact.label, fact.id)


def _fact_section(index: int, fact: Fact, findings: list[Finding], result: RunResult,
                  texts: dict[str, str]) -> dict[str, Any]:
    plot = fact_plot(fact, result)
    by_claim: dict[str, list[Finding]] = {}
    for finding in findings:
        for claim_id in finding.claims:
            by_claim.setdefault(claim_id, []).append(finding)
    order = {row.claim: position for position, row in enumerate(plot.rows)}
    claims = sorted((result.claim(i) for i in fact.claim_ids), key=lambda c: (order.get(c.id, len(order)), c.id))
    discrepant = [f for f in findings if f.relation.is_discrepancy]
    worst = max(discrepant, key=lambda f: (f.severity.rank, f.relation.rank)) if discrepant else None
    return {
        "index": index, "id": fact.id, "label": fact.label, "events": event_list(claims),
        "verdict": fact.verdict.value, "severity": worst.severity.value if worst else Severity.NONE.value,
        "dimension": fact.dimension, "unit": fact.unit or "", "consensus": _consensus(fact, result),
        "sources": len({c.source for c in claims}),
        "claims": [_claim_row(c, by_claim.get(c.id, []), texts, camp_of(c, fact)) for c in claims],
        "findings": [_finding_row(f, result) for f in sorted(findings, key=lambda f: (
            -f.severity.rank, -f.relation.rank, -f.relative_difference, f.id))],
        "svg": svg_of(plot), "xmin": repr(plot.xmin), "xmax": repr(plot.xmax),
        "facets": _Facets.of(findings).attributes(),
    }


def _summary(result: RunResult) -> dict[str, Any]:
    quantities = sum(1 for c in result.claims if c.kind is ClaimKind.QUANTITY)
    discrepancies = [f for f in result.findings if f.relation.is_discrepancy]
    counts = Counter((f.relation, f.severity) for f in result.findings)
    severities = [Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.NONE]
    by_relation = [{"relation": relation.value, "counts": [counts[(relation, s)] for s in severities],
                    "total": sum(counts[(relation, s)] for s in severities)}
                   for relation in (Relation.CONFLICT, Relation.ROUNDING, Relation.COMPATIBLE, Relation.AGREE)]
    causes = Counter(f.cause.value for f in discrepancies if f.cause is not None)
    reviewed = sum(1 for f in discrepancies if f.review is not None and f.review.verdict.is_human)
    baseline = sum(1 for f in discrepancies if f.review is not None and not f.review.verdict.is_human)
    verdicts = Counter(f.review.verdict.value for f in discrepancies
                       if f.review is not None and f.review.verdict.is_human)
    return {
        "sources": len(result.documents), "problems": len(result.problems), "quantities": quantities,
        "dates": len(result.claims) - quantities, "facts": len(result.facts), "findings": len(result.findings),
        "discrepancies": len(discrepancies), "severities": [s.value for s in severities], "by_relation": by_relation,
        "causes": sorted(causes.items(), key=lambda item: (-item[1], item[0])), "reviewed": reviewed,
        "baseline": baseline, "open": len(discrepancies) - reviewed - baseline,
        "verdicts": sorted(verdicts.items(), key=lambda item: (-item[1], item[0])),
        "reviewed_share": f"{reviewed / len(discrepancies):.0%}" if discrepancies else "",
    }


def page_context(result: RunResult) -> dict[str, Any]:
    """Everything the page shows, as plain values: `summary`, `facts` (worst first, each
    with its claims, pairs and SVG plot), `single` (claims in no fact), `sources`,
    `problems`, `stale` and the choices of each filter."""
    texts = {document.source: document.text for document in result.documents}
    findings_of: dict[str, list[Finding]] = {}
    for finding in result.findings:
        findings_of.setdefault(finding.fact, []).append(finding)
    facts = sorted(result.facts, key=lambda fact: _fact_key(fact, findings_of.get(fact.id, [])))
    sections = [_fact_section(index, fact, findings_of.get(fact.id, []), result, texts)
                for index, fact in enumerate(facts, 1)]
    single = [_claim_row(c, [], texts, None) for c in result.claims if c.id not in result.fact_of]
    claims_per_source = Counter(c.source for c in result.claims)
    sources = [{"anchor": f"src-{source_id(d.source)}", "source": d.source, "title": d.title or "",
                "publisher": d.publisher or "", "published": d.published or "", "author": d.author or "",
                "url": d.url or "", "link": _safe_url(d.url), "format": d.format,
                "claims": claims_per_source.get(d.source, 0)} for d in result.documents]
    published = {d.source: ", ".join(p for p in (d.publisher, d.published) if p) for d in result.documents}
    links = {d.source: _safe_url(d.url) for d in result.documents}
    for row in [claim for section in sections for claim in section["claims"]] + single:
        row["published"] = published.get(row["source"], "")
        row["link"] = links.get(row["source"])
    choices = {name: sorted({value for section in sections
                             for value in section["facets"][name].split(LIST_SEPARATOR) if value})
               for name in ("relations", "causes", "severities", "statuses")}
    return {
        "summary": _summary(result), "facts": sections, "single": single, "sources": sources,
        "problems": [{"source": p.source, "reason": p.reason.value, "detail": p.detail, "line": p.line or ""}
                     for p in result.problems],
        "stale": [{"measured": r.key.measured, "verdict": r.verdict.value,
                   "sides": [f"{side.source}: {number(side.value):,} {side.unit or ''}".rstrip()
                             for side in r.key.sides]} for r in result.stale_reviews],
        "choices": choices, "qualifier_signs": QUALIFIER_SIGNS,
    }


def _asset(name: str) -> str:
    return resources.files("factcheck.report").joinpath("assets", name).read_text(encoding="utf-8")


def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("factcheck.report", "assets"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)


def render_html(result: RunResult) -> str:
    """The page as text. Its script is allowed by hash in the page's CSP, so no other
    script (none a source could smuggle in) would run even if escaping failed."""
    from markupsafe import Markup

    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    context = page_context(result)
    for section in context["facts"]:
        section["svg"] = Markup(section["svg"])  # drawn by matplotlib, which escapes the text it draws
    template = _environment().get_template("report.html.j2")
    return template.render(**context, style=Markup(_asset("report.css")), script=Markup(script),
                           script_hash=f"sha256-{digest}")


class HtmlWriter:
    format = "html"

    def write(self, result: RunResult, out_dir: Path) -> list[Path]:
        path = out_dir / "report.html"
        write_atomically(path, render_html(result).encode("utf-8"))
        return [path]
