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
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from factcheck.display import number
from factcheck.model import Claim, ClaimKind, Fact, Finding, Relation, Review, RunResult, Severity
from factcheck.report.markdown import event_list, place, quantity, sentence_parts, value_text, worst_first
from factcheck.report.plot import camp_of, fact_plot, svg_of
from factcheck.report.records import source_id
from factcheck.writing import write_atomically

# a pair's review status when it is no discrepancy (agree, compatible), and a lone claim's
NO_DISCREPANCY = "no discrepancy"
# the facets each pair carries for the filters, in the order `PairFacets.encoded` joins them
FACETS = ("relation", "cause", "severity", "status")


@dataclass(frozen=True, slots=True)
class PairFacets:
    """What the page's filters select on, for one pair: its relation, cause, severity and
    review status. A row or a section carries the facets of each of its pairs, so that
    "conflict" and "confirmed" together select what one pair is, not two."""

    relation: str = ""
    cause: str = ""
    severity: str = ""
    status: str = NO_DISCREPANCY

    @staticmethod
    def of(finding: Finding) -> PairFacets:
        discrepant = finding.relation.is_discrepancy
        return PairFacets(finding.relation.value, finding.cause.value if discrepant and finding.cause else "",
                          finding.severity.value, finding.status if discrepant else NO_DISCREPANCY)

    @property
    def encoded(self) -> str:
        """"conflict|time|high|open": the four facets, as a data attribute holds them."""
        return "|".join(getattr(self, name) for name in FACETS)


def _encoded(facets: Iterable[PairFacets]) -> str:
    """Several pairs' facets as one data attribute: "conflict|time|high|open;agree|||..."."""
    return ";".join(sorted({f.encoded for f in facets}))


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim as the page lists it: its wording and reading, where it stands and who
    published it, its sentence cut around the figure, its review status and camp, and the
    facets of its pairs (`pairs`, encoded)."""

    id: str
    text: str
    reads_as: str
    low: int | float | None
    high: int | float | None
    source: str
    source_anchor: str
    place: str
    published: str
    link: str | None
    as_of: str
    before: str
    figure: str
    after: str
    status: str
    camp: str
    pairs: str


@dataclass(frozen=True, slots=True)
class PairRow:
    """A pair of claims: relation, severity, cause, the two figures with their places,
    the difference, the note and the review status."""

    id: str
    relation: str
    severity: str
    cause: str
    a: str
    a_place: str
    a_anchor: str
    b: str
    b_place: str
    b_anchor: str
    difference: str
    relative: str
    note: str
    status: str
    review: Review | None  # a reviewer's, not the baseline's
    pairs: str


@dataclass(frozen=True, slots=True)
class ConsensusText:
    value: str
    low: str
    high: str
    supporting: tuple[str, ...]
    outliers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FactSection:
    """One fact's section: heading, consensus, its plot (inline SVG, with the axis's
    limits for tools that measure it), its claims and its pairs."""

    index: int
    id: str
    label: str
    events: tuple[str, ...]
    verdict: str
    severity: str
    consensus: ConsensusText | None
    sources: int
    claims: tuple[ClaimRow, ...]
    pairs: tuple[PairRow, ...]
    svg: str
    xmin: str
    xmax: str
    facets: str


@dataclass(frozen=True, slots=True)
class SourceRow:
    anchor: str
    source: str
    title: str
    publisher: str
    published: str
    author: str
    url: str
    link: str | None
    format: str
    claims: int


@dataclass(frozen=True, slots=True)
class Summary:
    """The page's counts: sources, claims, facts, pairs by relation and severity,
    discrepancies by cause, and how far their review has come."""

    sources: int
    problems: int
    quantities: int
    dates: int
    facts: int
    findings: int
    discrepancies: int
    severities: tuple[str, ...]
    by_relation: tuple[tuple[str, tuple[int, ...], int], ...]
    causes: tuple[tuple[str, int], ...]
    reviewed: int
    baseline: int
    open: int
    verdicts: tuple[tuple[str, int], ...]
    reviewed_share: str


@dataclass(frozen=True, slots=True)
class Page:
    """Everything the page shows, in the order it shows it."""

    summary: Summary
    facts: tuple[FactSection, ...]
    single: tuple[ClaimRow, ...]
    sources: tuple[SourceRow, ...]
    problems: tuple[tuple[str, str, str, str], ...]  # source, line, reason, detail
    stale: tuple[tuple[str, str, str, str], ...]  # measured, side A, side B, verdict
    choices: dict[str, tuple[str, ...]]  # facet -> the values the page's pairs have


def _safe_url(url: str | None) -> str | None:
    """A source's address, as a link only when it is a web address (never `javascript:`)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


class _Sources:
    """Who published each source and where it came from, as the claim rows show it."""

    def __init__(self, result: RunResult) -> None:
        self.documents = {d.source: d for d in result.documents}
        self.published = {d.source: ", ".join(p for p in (d.publisher, d.published) if p) for d in result.documents}
        self.links = {d.source: _safe_url(d.url) for d in result.documents}


def _claim_row(claim: Claim, findings: list[Finding], sources: _Sources, camp: str) -> ClaimRow:
    parts = sentence_parts(claim, sources.documents.get(claim.source))
    before, figure, after = parts if parts is not None else (claim.sentence, "", "")
    status = ", ".join(sorted({f.status for f in findings if f.relation.is_discrepancy})) or NO_DISCREPANCY
    facets = [PairFacets.of(f) for f in findings] or [PairFacets()]
    return ClaimRow(id=claim.id, text=" ".join(claim.text.split()), reads_as=value_text(claim),
                    low=number(claim.low), high=number(claim.high), source=claim.source,
                    source_anchor=f"src-{source_id(claim.source)}", place=place(claim),
                    published=sources.published.get(claim.source, ""), link=sources.links.get(claim.source),
                    as_of=claim.as_of or "", before=before, figure=figure, after=after, status=status, camp=camp,
                    pairs=_encoded(facets))


def _pair_row(finding: Finding, result: RunResult) -> PairRow:
    a, b = (result.claim(i) for i in finding.claims)
    review = finding.review if finding.review is not None and finding.review.verdict.is_human else None
    facets = PairFacets.of(finding)
    return PairRow(id=finding.id, relation=finding.relation.value, severity=finding.severity.value,
                   cause=facets.cause, a=" ".join(a.text.split()), a_place=place(a), a_anchor=f"claim-{a.id}",
                   b=" ".join(b.text.split()), b_place=place(b), b_anchor=f"claim-{b.id}",
                   difference=f"{number(finding.difference):,}", relative=f"{finding.relative_difference:.1%}",
                   note=finding.note, status=facets.status,
                   review=review,
                   pairs=facets.encoded)


def _consensus(fact: Fact, result: RunResult) -> ConsensusText | None:
    consensus = fact.consensus
    if consensus is None:
        return None
    outliers = tuple(f"{' '.join(result.claim(i).text.split())} ({place(result.claim(i))})"
                     for i in consensus.outliers)
    return ConsensusText(quantity(consensus.value, fact.unit), quantity(consensus.low, fact.unit),
                         quantity(consensus.high, fact.unit), tuple(consensus.supporting), outliers)


def _fact_key(fact: Fact, findings: list[Finding]) -> tuple:
    """Worst first: facts with a discrepancy by their worst pair, then the others by
    verdict (compatible before agree), then by label."""
    discrepant = [f for f in findings if f.relation.is_discrepancy]
    if discrepant:
        return (0, *worst_first(fact, discrepant))
    return (1, -fact.verdict.rank, fact.label, fact.id)


def _fact_section(index: int, fact: Fact, findings: list[Finding], result: RunResult,
                  sources: _Sources) -> FactSection:
    plot = fact_plot(fact, result)
    by_claim: dict[str, list[Finding]] = {}
    for finding in findings:
        for claim_id in finding.claims:
            by_claim.setdefault(claim_id, []).append(finding)
    order = {row.claim: position for position, row in enumerate(plot.rows)}
    claims = sorted((result.claim(i) for i in fact.claim_ids), key=lambda c: (order.get(c.id, len(order)), c.id))
    discrepant = [f for f in findings if f.relation.is_discrepancy]
    worst = max(discrepant, key=lambda f: (f.severity.rank, f.relation.rank)) if discrepant else None
    pairs = sorted(findings, key=lambda f: (-f.severity.rank, -f.relation.rank, -f.relative_difference, f.id))
    return FactSection(
        index=index, id=fact.id, label=fact.label, events=tuple(event_list(claims)), verdict=fact.verdict.value,
        severity=worst.severity.value if worst else Severity.NONE.value, consensus=_consensus(fact, result),
        sources=len({c.source for c in claims}),
        claims=tuple(_claim_row(c, by_claim.get(c.id, []), sources, camp_of(c, fact)) for c in claims),
        pairs=tuple(_pair_row(f, result) for f in pairs), svg=svg_of(plot), xmin=repr(plot.xmin),
        xmax=repr(plot.xmax), facets=_encoded(PairFacets.of(f) for f in findings))


def _summary(result: RunResult) -> Summary:
    quantities = sum(1 for c in result.claims if c.kind is ClaimKind.QUANTITY)
    discrepancies = [f for f in result.findings if f.relation.is_discrepancy]
    counts = Counter((f.relation, f.severity) for f in result.findings)
    severities = (Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.NONE)
    by_relation = tuple((relation.value, tuple(counts[(relation, s)] for s in severities),
                         sum(counts[(relation, s)] for s in severities))
                        for relation in (Relation.CONFLICT, Relation.ROUNDING, Relation.COMPATIBLE, Relation.AGREE))
    causes = Counter(f.cause.value for f in discrepancies if f.cause is not None)
    human = [f for f in discrepancies if f.review is not None and f.review.verdict.is_human]
    baseline = sum(1 for f in discrepancies if f.review is not None and not f.review.verdict.is_human)
    verdicts = Counter(f.review.verdict.value for f in human)
    return Summary(
        sources=len(result.documents), problems=len(result.problems), quantities=quantities,
        dates=len(result.claims) - quantities, facts=len(result.facts), findings=len(result.findings),
        discrepancies=len(discrepancies), severities=tuple(s.value for s in severities), by_relation=by_relation,
        causes=tuple(sorted(causes.items(), key=lambda item: (-item[1], item[0]))), reviewed=len(human),
        baseline=baseline, open=len(discrepancies) - len(human) - baseline,
        verdicts=tuple(sorted(verdicts.items(), key=lambda item: (-item[1], item[0]))),
        reviewed_share=f"{len(human) / len(discrepancies):.0%}" if discrepancies else "")


def page_context(result: RunResult) -> Page:
    """Everything the page shows, as a `Page`: the summary, the facts worst first (each
    with its claims, pairs and SVG plot), the claims in no fact, the sources, the
    problems, the stale reviews, and the values each filter offers."""
    sources = _Sources(result)
    findings_of: dict[str, list[Finding]] = {}
    for finding in result.findings:
        findings_of.setdefault(finding.fact, []).append(finding)
    facts = sorted(result.facts, key=lambda fact: _fact_key(fact, findings_of.get(fact.id, [])))
    sections = tuple(_fact_section(index, fact, findings_of.get(fact.id, []), result, sources)
                     for index, fact in enumerate(facts, 1))
    single = tuple(_claim_row(c, [], sources, "") for c in result.claims if c.id not in result.fact_of)
    claims_per_source = Counter(c.source for c in result.claims)
    source_rows = tuple(SourceRow(f"src-{source_id(d.source)}", d.source, d.title or "", d.publisher or "",
                                  d.published or "", d.author or "", d.url or "", _safe_url(d.url), d.format,
                                  claims_per_source.get(d.source, 0)) for d in result.documents)
    every_pair = [PairFacets.of(f) for f in result.findings]
    choices = {name: tuple(sorted({getattr(f, name) for f in every_pair} - {""})) for name in FACETS}
    stale = tuple((r.key.measured, *(f"{side.source}: {number(side.value):,} {side.unit or ''}".rstrip()
                                     for side in r.key.sides), r.verdict.value) for r in result.stale_reviews)
    return Page(summary=_summary(result), facts=sections, single=single, sources=source_rows,
                problems=tuple((p.source, str(p.line or ""), p.reason.value, p.detail) for p in result.problems),
                stale=stale, choices=choices)


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
    template = _environment().get_template("report.html.j2")
    # a plot's SVG goes in as markup: matplotlib drew it and escaped the text it drew
    return template.render(page=page_context(result), markup=Markup, style=Markup(_asset("report.css")),
                           script=Markup(script), script_hash=f"sha256-{digest}")


class HtmlWriter:
    format = "html"

    def write(self, result: RunResult, out_dir: Path) -> list[Path]:
        path = out_dir / "report.html"
        write_atomically(path, render_html(result).encode("utf-8"))
        return [path]
