"""`report.md`: the report a person reads. A summary table first, then every
discrepancy with both sides quoted, then every fact the sources agree on, then the
input problems.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from factcheck.model import Claim, ClaimKind, Relation, Review, RunResult, Severity
from factcheck.report import write_atomically
from factcheck.report.records import number


def cell(text: object) -> str:
    """Text that is safe inside a Markdown table cell."""
    return " ".join(str("" if text is None else text).split()).replace("|", "\\|")


def marked_sentence(claim: Claim) -> str:
    """The claim's sentence with the figure in bold."""
    surface = " ".join(claim.text.split())
    sentence = claim.sentence
    if surface and surface in sentence:
        sentence = sentence.replace(surface, f"**{surface}**", 1)
    return cell(sentence)


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
    facts = {fact.id: fact for fact in result.facts}
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

    discrepancies = [f for f in result.findings if f.relation.is_discrepancy]
    lines += ["## Discrepancies", ""]
    if not discrepancies:
        lines += ["No discrepancies.", ""]
    else:
        still_open = sum(1 for f in discrepancies if f.review is None or not f.review.verdict.is_human)
        baseline = sum(1 for f in discrepancies if f.review is not None and not f.review.verdict.is_human)
        in_baseline = f" ({baseline} of them accepted by the baseline)" if baseline else ""
        lines += [f"{len(discrepancies) - still_open} reviewed, {still_open} open{in_baseline}.", ""]
    for index, finding in enumerate(discrepancies, 1):
        fact = facts[finding.fact]
        a, b = (result.claim(i) for i in finding.claims)
        lines += [f"### {index}. {cell(fact.label)}: {finding.relation.value}, {finding.severity.value}", "",
                  "| side | says | reads as | source | line | sentence |", "|---|---|---|---|---:|---|"]
        for side, claim in (("A", a), ("B", b)):
            lines.append(f"| {side} | {cell(claim.text)} | {cell(value_text(claim))} | {cell(claim.source)} | "
                         f"{claim.line} | {marked_sentence(claim)} |")
        detail = f"Difference: {number(finding.difference):,} ({finding.relative_difference:.1%})."
        if finding.note:
            detail += f" Note: {cell(finding.note)}."
        lines += ["", detail, f"Finding `{finding.id}`, fact `{fact.id}`, status {finding.status}."]
        if finding.review is not None and finding.review.verdict.is_human:
            byline = _review_byline(finding.review)
            lines.append(f"Review: **{finding.review.verdict.value}**{byline}" + ("" if byline.endswith(".") else "."))
        lines.append("")

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


class MarkdownWriter:
    format = "md"

    def write(self, result: RunResult, out_dir: Path) -> list[Path]:
        path = out_dir / "report.md"
        write_atomically(path, render_markdown(result).encode("utf-8"))
        return [path]
