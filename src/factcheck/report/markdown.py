"""`report.md`: the report a person reads. A summary table first, then one section per
fact with a discrepancy (worst first): its consensus, its claims ordered by value with
each sentence quoted, and the pairs that disagree with why and their review status; then
every fact the sources agree on, the arithmetic the texts imply, stale reviews and the
input problems.

Source text is escaped wherever it goes (`cell`), so a pipe, a backtick, an asterisk or
an HTML tag in a sentence reads as itself and never breaks a table or reaches a browser
as markup.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from factcheck.display import number
from factcheck.model import Claim, ClaimKind, Document, Fact, Finding, Relation, Review, RunResult, Severity
from factcheck.report.plot import PLOT_FILE, PLOTS_DIR, discrepant_facts, fact_plot, plot_path, png_of
from factcheck.writing import remove_stale, write_atomically

# Characters Markdown (CommonMark with GitHub's extensions: tables, strikethrough, math)
# reads as syntax anywhere in a line; each is shown as itself with a backslash before it.
_SYNTAX = re.compile(r"[\\`*\[\]|$~]")
# An underscore is emphasis only at a word's edge: "file_name.txt" stays as it is.
_EDGE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# "&amp;" or "&#60;" would be read as a character reference; the ampersand is escaped.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def cell(text: object) -> str:
    r"""Text that reads as itself in Markdown, on one line and inside a table cell: no
    markup, no HTML, no broken column.

    >>> cell("a | b <script>x</script> `c` *d*")
    'a \\| b &lt;script>x&lt;/script> \\`c\\` \\*d\\*'
    >>> cell("file_name.txt and _this_")
    'file_name.txt and \\_this\\_'
    """
    text = " ".join(str("" if text is None else text).split())
    text = "".join(ch for ch in text if ch.isprintable())
    text = _SYNTAX.sub(lambda match: "\\" + match.group(), text)
    text = _EDGE_UNDERSCORE.sub(r"\\_", text)
    text = _ENTITY.sub("&amp;", text)
    return text.replace("<", "&lt;")


def _figure_at(claim: Claim, surface: str, document: Document | None) -> int:
    """Where the claim's own figure starts in its sentence: the first occurrence of its
    surface, unless the document shows that the figure is a later one ("five ... five")."""
    sentence = claim.sentence
    first = sentence.find(surface)
    if document is None or first < 0 or sentence.find(surface, first + 1) < 0:
        return first
    start = claim.start - document.offset  # the claim's offset is its file's
    before = " ".join(document.text[max(0, start - 2 * len(sentence)):start].split())
    at = first
    while at >= 0:
        if before.endswith(sentence[:at].rstrip()):
            return at
        at = sentence.find(surface, at + 1)
    return first


def sentence_parts(claim: Claim, document: Document | None = None) -> tuple[str, str, str] | None:
    """The claim's sentence cut around its figure: (before, figure, after), unescaped;
    None when the figure's surface is not in the sentence. With the document's text, the
    figure is found where the claim stands even when its surface occurs twice."""
    surface = " ".join(claim.text.split())
    sentence = claim.sentence
    at = _figure_at(claim, surface, document) if surface else -1
    if at < 0:
        return None
    return sentence[:at], surface, sentence[at + len(surface):]


def marked_sentence(claim: Claim, document: Document | None = None) -> str:
    """The claim's sentence, escaped, with the figure in bold."""
    parts = sentence_parts(claim, document)
    if parts is None:
        return cell(claim.sentence)
    before, surface, after = parts
    return f"{cell(before)}{' ' if before.endswith(' ') else ''}**{cell(surface)}**" \
           f"{' ' if after.startswith(' ') else ''}{cell(after)}"


QUALIFIER_SIGNS = {"exact": "", "approx": "≈ ", "more_than": "> ", "at_least": "≥ ", "less_than": "< ",
                   "at_most": "≤ ", "nearly": "nearly ", "range": ""}


def value_text(claim: Claim) -> str:
    """What the claim says, normalised: "more than 100" -> "> 100 people"."""
    unit = f" {claim.unit}" if claim.unit else ""
    if claim.qualifier.value == "range":
        return f"{number(claim.low):,}–{number(claim.high):,}{unit}"
    return f"{QUALIFIER_SIGNS[claim.qualifier.value]}{number(claim.value):,}{unit}"


def render_markdown(result: RunResult) -> str:
    quantities = [c for c in result.claims if c.kind is ClaimKind.QUANTITY]
    dates = [c for c in result.claims if c.kind is ClaimKind.DATE]
    lines = ["# factcheck report", ""]
    lines += ["| | count |", "|---|---:|",
              f"| sources read | {len(result.documents)} |",
              f"| sources with problems | {len(result.problems)} |",
              f"| quantity claims | {len(quantities)} |",
              f"| date claims | {len(dates)} |",
              f"| facts stated by two or more claims | {len(result.facts)} |",
              f"| findings (pairs of claims) | {len(result.findings)} |", ""]

    counts = Counter((f.relation, f.severity) for f in result.findings)
    severities = [Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.NONE]
    lines += ["Findings by relation and severity:", "",
              "| relation | " + " | ".join(s.value for s in severities) + " | total |",
              "|---|" + "---:|" * (len(severities) + 1)]
    for relation in (Relation.CONFLICT, Relation.ROUNDING, Relation.COMPATIBLE, Relation.AGREE):
        row = [counts[(relation, s)] for s in severities]
        lines.append(f"| {relation.value} | " + " | ".join(str(n) for n in row) + f" | {sum(row)} |")
    lines.append("")

    lines += _discrepancy_sections(result)

    agreed = [f for f in result.facts if f.verdict in (Relation.AGREE, Relation.COMPATIBLE)
              or any(x.fact == f.id and not x.relation.is_discrepancy for x in result.findings)]
    lines += ["## Agreements", ""]
    if not agreed:
        lines += ["No fact is stated alike by two or more claims.", ""]
    else:
        lines += ["| fact | verdict | consensus | claims | sources |", "|---|---|---|---|---|"]
        for fact in sorted(agreed, key=lambda f: (f.label, f.id)):
            members = [result.claim(i) for i in fact.claim_ids]
            consensus = fact.consensus
            value = f"{number(consensus.value):,}" if consensus else ""
            if fact.unit:
                value = f"{value} {fact.unit}"
            stated = "; ".join(cell(c.text) for c in members)
            sources = ", ".join(sorted({c.source for c in members}))
            lines.append(f"| {cell(fact.label)} | {fact.verdict.value} | {cell(value)} | {stated} | "
                         f"{cell(sources)} |")
        lines.append("")

    lines += ["## Arithmetic in the texts", ""]
    if not result.checks:
        lines += ["No text states arithmetic about its own figures.", ""]
    else:
        lines += ["| check | source | line | holds | computation |", "|---|---|---:|---|---|"]
        for check in result.checks:
            first = result.claim(check.claims[0])
            lines.append(f"| {check.kind.value} | {cell(first.source)} | {first.line} | "
                         f"{'yes' if check.holds else '**no**'} | {cell(check.computation)} |")
        lines.append("")

    if result.stale_reviews:
        lines += ["## Stale reviews", "",
                  "These reviews in accepted.yaml match no finding any more: a figure or its source changed.", "",
                  "| measured | subject | A | B | verdict |", "|---|---|---|---|---|"]
        for review in result.stale_reviews:
            a, b = (f"{cell(side.source)}: {number(side.value):,} {cell(side.unit or '')}".rstrip()
                    for side in review.key.sides)
            lines.append(f"| {cell(review.key.measured)} | {' '.join(review.key.subject)} | {a} | {b} | "
                         f"{review.verdict.value} |")
        lines.append("")

    lines += ["## Problems", ""]
    if not result.problems:
        lines += ["Every source was read.", ""]
    else:
        lines += ["| source | reason | detail |", "|---|---|---|"]
        for problem in result.problems:
            lines.append(f"| {cell(problem.source)} | {problem.reason.value} | {cell(problem.detail)} |")
        lines.append("")
    return "\n".join(lines)


def _review_byline(review: Review) -> str:
    parts = [f" by {cell(review.reviewer)}" if review.reviewer else "", f" on {review.date}" if review.date else "",
             f": {cell(review.note)}" if review.note else ""]
    return "".join(parts)


def _discrepancy_sections(result: RunResult) -> list[str]:
    """"## Discrepancies": one section per fact with a discrepant pair, worst first."""
    discrepancies = [f for f in result.findings if f.relation.is_discrepancy]
    lines = ["## Discrepancies", ""]
    if not discrepancies:
        return [*lines, "No discrepancies.", ""]
    by_fact: dict[str, list[Finding]] = {}
    for finding in discrepancies:  # already worst first; each fact keeps that order
        by_fact.setdefault(finding.fact, []).append(finding)
    facts = sorted((fact for fact in result.facts if fact.id in by_fact),
                   key=lambda fact: worst_first(fact, by_fact[fact.id]))
    still_open = sum(1 for f in discrepancies if f.review is None or not f.review.verdict.is_human)
    baseline = sum(1 for f in discrepancies if f.review is not None and not f.review.verdict.is_human)
    in_baseline = f" ({baseline} of them accepted by the baseline)" if baseline else ""
    pairs = "pair" if len(discrepancies) == 1 else "pairs"
    in_facts = "fact" if len(facts) == 1 else "facts"
    lines += [f"{len(discrepancies)} discrepant {pairs} in {len(facts)} {in_facts}: "
              f"{len(discrepancies) - still_open} reviewed, {still_open} open{in_baseline}.", ""]
    documents = {document.source: document for document in result.documents}
    for index, fact in enumerate(facts, 1):
        lines += _fact_section(index, fact, by_fact[fact.id], result, documents)
    return lines


def worst_first(fact: Fact, findings: list[Finding]) -> tuple:
    """Sort key: the worst severity, then the worst relation, then the largest difference."""
    return (-max(f.severity.rank for f in findings), -max(f.relation.rank for f in findings),
            -max(f.relative_difference for f in findings), fact.label, fact.id)


def _fact_section(index: int, fact: Fact, findings: list[Finding], result: RunResult,
                  documents: dict[str, Document]) -> list[str]:
    claims = sorted((result.claim(i) for i in fact.claim_ids), key=lambda c: (c.value, c.source, c.start, c.id))
    worst = max(findings, key=lambda f: (f.severity.rank, f.relation.rank))
    events = event_list(claims)
    shown = " / ".join(events[:HEADING_EVENTS]) + (f" and {len(events) - HEADING_EVENTS} more"
                                                   if len(events) > HEADING_EVENTS else "")
    # a fact of one event is labelled with it already ("people killed: 2019 floods")
    event = f" — {cell(shown)}" if events and not (len(events) == 1 and fact.label.endswith(events[0])) else ""
    lines = [f"### {index}. {cell(fact.label)}{event}: {fact.verdict.value}, {worst.severity.value}", ""]
    sources = sorted({c.source for c in claims})
    every_event = f" Events: {cell(' / '.join(events))}." if len(events) > HEADING_EVENTS else ""
    lines += [f"Fact `{fact.id}`: {len(claims)} claims in {len(sources)} "
              f"{'source' if len(sources) == 1 else 'sources'}.{every_event} {_consensus_text(fact, result)}", ""]
    lines += [f"![The claims of fact {fact.id} on one axis]({plot_path(fact)})", ""]
    lines += ["| says | reads as | qualifier | source | as of | sentence |", "|---|---|---|---|---|---|"]
    documents = {document.source: document for document in result.documents}
    for claim in claims:
        lines.append(f"| {cell(claim.text)} | {cell(value_text(claim))} | {claim.qualifier.value} | "
                     f"{cell(place(claim) + _source_note(documents.get(claim.source)))} | {cell(claim.as_of or '')} | "
                     f"{marked_sentence(claim, documents.get(claim.source))} |")
    lines += ["", "Pairs that disagree:", ""]
    for finding in findings:
        lines += _pair_lines(finding, result)
    lines.append("")
    return lines


# A heading names this many events at most; a fact whose claims are framed in more (a
# sign that grouping joined events) lists them all under its heading.
HEADING_EVENTS = 3


def event_list(claims: Iterable[Claim]) -> list[str]:
    """The events the claims are framed in, the most frequent first."""
    counts = Counter(c.event_label for c in claims if c.event_label)
    return [label for label, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def event_labels(claims: Iterable[Claim]) -> str:
    """The events the claims are framed in, as one text: "Gale of 2030 / Autumn storms"."""
    return " / ".join(event_list(claims))


def place(claim: Claim) -> str:
    """Where a claim stands: "file:line", with its page where its source has pages."""
    return f"{claim.source}:{claim.line}" + (f", p. {claim.page}" if claim.page else "")


def _source_note(document: Document | None) -> str:
    """Who published a source and when, as the table shows it beside each claim."""
    if document is None:
        return ""
    said = [part for part in (document.publisher, document.published) if part]
    return f" ({', '.join(said)})" if said else ""


def quantity(value: float | None, unit: str | None) -> str:
    """A value with its unit, as the reports write it: "1,200 people"."""
    return f"{number(value):,}" + (f" {unit}" if unit else "")


def _consensus_text(fact: Fact, result: RunResult) -> str:
    """The consensus in one sentence: value, range, the sources that support it, outliers."""
    consensus = fact.consensus
    if consensus is None:
        return "No consensus."
    value = quantity(consensus.value, fact.unit)
    spread = (f"every claim says {quantity(consensus.low, fact.unit)}" if consensus.low == consensus.high
              else f"values from {quantity(consensus.low, fact.unit)} to {quantity(consensus.high, fact.unit)}")
    supporting = ", ".join(consensus.supporting) or "no source"
    outliers = [result.claim(i) for i in consensus.outliers]
    far = "; ".join(f"{c.text} ({place(c)})" for c in outliers) or "none"
    return (f"Consensus: **{cell(value)}** ({cell(spread)}); supported by {cell(supporting)}; "
            f"outliers: {cell(far)}.")


def _pair_lines(finding: Finding, result: RunResult) -> list[str]:
    """One list item per discrepant pair: what, how bad, why, and where its review stands."""
    a, b = (result.claim(i) for i in finding.claims)
    cause = f", cause {finding.cause.value}" if finding.cause is not None else ""
    text = (f"- `{finding.id}` **{finding.relation.value}**, {finding.severity.value}{cause}: "
            f"{cell(a.text)} ({cell(place(a))}) vs {cell(b.text)} ({cell(place(b))}); "
            f"difference {number(finding.difference):,} ({finding.relative_difference:.1%}).")
    if finding.note:
        text += f" Note: {cell(finding.note)}."
    text += f" Status: {finding.status}."
    lines = [text]
    if finding.review is not None and finding.review.verdict.is_human:
        byline = _review_byline(finding.review)
        lines.append(f"  Review: **{finding.review.verdict.value}**{byline}" + ("" if byline.endswith(".") else "."))
    return lines


class MarkdownWriter:
    """report.md, and beside it the plot of each discrepant fact as plots/<fact id>.png;
    plots of facts no longer discrepant are removed, so the folder matches the report."""

    format = "md"

    def write(self, result: RunResult, out_dir: Path) -> list[Path]:

        path = out_dir / "report.md"
        written = []
        for fact in discrepant_facts(result):
            plot = out_dir / plot_path(fact)
            write_atomically(plot, png_of(fact_plot(fact, result)))
            written.append(plot)
        plots = out_dir / PLOTS_DIR
        if plots.is_dir():
            current = {p.name for p in written}
            for stale in plots.iterdir():
                if PLOT_FILE.fullmatch(stale.name) and stale.name not in current:
                    remove_stale(stale)
        write_atomically(path, render_markdown(result).encode("utf-8"))
        return [path, *written]
