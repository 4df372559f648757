"""What `factcheck check` prints, in the formats CI systems read: text (one line per
finding, as linters print), GitHub workflow commands, JSON, SARIF 2.1.0, JUnit XML and
Markdown. Each renderer is a pure function of the run's result and the check's `Gate`,
and returns the text; the command line decides where it goes.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from factcheck.display import number, one_line
from factcheck.gate import Gate, consensus_outliers, sides_in_order
from factcheck.model import Claim, Finding, Relation, RunResult
from factcheck.report.markdown import cell, value_text
from factcheck.report.records import finding_record, problem_record
from factcheck.review.accepted import review_record
from factcheck.review.keys import describe_key
from factcheck.version import __version__

OUTPUT_FORMATS = ("text", "github", "json", "sarif", "junit", "markdown")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RULE_TEXT = {
    Relation.CONFLICT: ("Conflict", "Two sources state figures for one fact that cannot both be true."),
    Relation.ROUNDING: ("Rounding", "Two sources state one fact, one as a rounded form of the other's figure."),
    Relation.COMPATIBLE: ("Compatible", "Two sources state one fact with different figures whose ranges overlap."),
}
SARIF_RULES = (Relation.CONFLICT, Relation.ROUNDING, Relation.COMPATIBLE)


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a finding as a CI tool points at it."""

    claim: Claim
    path: str

    @property
    def value(self) -> str:
        return value_text(self.claim)

    @property
    def place(self) -> str:
        return f"{self.path}:{self.claim.line}"


class CheckView:
    """A run's result and its check, with the lookups every renderer needs, built once."""

    def __init__(self, result: RunResult, gate: Gate, baseline_path: str) -> None:
        self.result, self.gate, self.baseline_path = result, gate, baseline_path
        self._paths = {document.source: document.path or document.source for document in result.documents}
        self._labels = {fact.id: fact.label for fact in result.facts}
        self._outliers = consensus_outliers(result)

    def sides(self, finding: Finding) -> tuple[Side, Side]:
        first, second = (self.result.claim(i) for i in sides_in_order(finding, self.result, self.gate,
                                                                        self._outliers))
        return Side(first, self._paths[first.source]), Side(second, self._paths[second.source])

    def label(self, finding: Finding) -> str:
        return self._labels[finding.fact]

    def message(self, finding: Finding) -> str:
        return _pair_message(*self.sides(finding))

    def annotated_sides(self, finding: Finding) -> list[tuple[Side, Side]]:
        """Where a finding's annotation goes, each with the side it names: on the new
        side when exactly one is new (`Gate.is_new`); else (outside git, or both sides
        new, or neither) on both, so a pull request shows it on whichever file it
        touched."""
        a, b = self.sides(finding)
        if self.gate.is_new(a.claim.source) != self.gate.is_new(b.claim.source):
            return [(a, b)]  # `sides` put the new side first
        return [(a, b), (b, a)]


def _pair_message(a: Side, b: Side) -> str:
    return f"{a.value} ({a.path}) vs {b.value} ({b.place})"


def _level(finding: Finding, gate: Gate) -> str:
    if gate.is_failing(finding):
        return "error"
    return "warning" if finding.relation is Relation.ROUNDING else "notice"


def summary_line(view: CheckView) -> str:
    gate = view.gate
    kinds = Counter(f.relation.value for f in gate.reported)
    spelled = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    parts = [f"{len(gate.reported)} findings not accepted" + (f" ({spelled})" if spelled else ""),
             f"{len(gate.accepted)} accepted", f"{len(view.result.documents)} sources"]
    if gate.changed is not None:
        parts.append(f"{gate.out_of_scope} only in unchanged documents, not counted")
    if gate.stale:
        failing = " (failing: --strict-baseline)" if gate.strict_baseline else ""
        parts.append(f"{len(gate.stale)} stale entries{failing}")
    verdict = "fails" if gate.fails else "passes"
    return f"{'; '.join(parts)}. The check {verdict} (--fail-on {gate.fail_on.value})."


def stale_lines(view: CheckView) -> list[str]:
    lines = []
    for review in view.gate.stale:
        kind = "review" if review.verdict.is_human else "baseline entry"
        lines.append(f"{view.baseline_path}:{review.line or 1}: stale {kind} ({review.verdict.value}): "
                     f"{describe_key(review.key)} matches no finding")
    return lines


def render_text(view: CheckView) -> str:
    lines = []
    for finding in view.gate.reported:
        a, _ = view.sides(finding)
        lines.append(f"{a.path}:{a.claim.line}:{a.claim.column}: {finding.relation.value} "
                     f"{view.label(finding)}: {view.message(finding)}")
    lines += stale_lines(view)
    lines.append(summary_line(view))
    # a file name may hold a newline: each line stays one line
    return "\n".join(one_line(line) for line in lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(view: CheckView, limit: int = 10) -> str:
    """Workflow commands for the most severe findings, at most `limit` annotations (one
    or two a finding: `CheckView.annotated_sides`), then the summary."""
    lines = []
    annotated = 0
    for finding in view.gate.reported:
        title = f"factcheck {finding.relation.value}: {view.label(finding)}"
        sides = view.annotated_sides(finding)[:limit - len(lines)]
        if not sides:
            break
        for a, b in sides:
            properties = (f"file={_escape_property(a.path)},line={a.claim.line},col={a.claim.column},"
                          f"title={_escape_property(title)}")
            lines.append(f"::{_level(finding, view.gate)} {properties}::{_escape_data(_pair_message(a, b))}")
        annotated += 1
    if len(view.gate.reported) > annotated:
        lines.append(f"{len(view.gate.reported) - annotated} more findings are not annotated "
                     f"(--max-annotations {limit}).")
    stale_level = "error" if view.gate.strict_baseline else "warning"
    for line in stale_lines(view):
        lines.append(f"::{stale_level}::{_escape_data(line)}")
    for problem in view.result.problems:
        lines.append(f"::warning file={_escape_property(problem.source)},line={problem.line or 1}::"
                     f"{_escape_data(f'{problem.reason.value}: {problem.detail}')}")
    lines.append(summary_line(view))
    return "\n".join(lines) + "\n"


def _check_record(finding: Finding, view: CheckView) -> dict[str, Any]:
    record = finding_record(finding)
    record["fact_label"] = view.label(finding)
    record["fails"] = view.gate.is_failing(finding)
    record["sides"] = [{"path": side.path, "source": side.claim.source, "line": side.claim.line,
                        "column": side.claim.column, "text": side.claim.text, "value": number(side.claim.value),
                        "unit": side.claim.unit} for side in view.sides(finding)]
    return record


def render_json(view: CheckView) -> str:
    document = {
        "schema": "factcheck.check/1",
        "fail_on": view.gate.fail_on.value,
        "fails": view.gate.fails,
        "findings": [_check_record(f, view) for f in view.gate.reported],
        "accepted": [_check_record(f, view) for f in view.gate.accepted],
        "stale": [review_record(r) for r in view.gate.stale],
        "problems": [problem_record(p) for p in view.result.problems],
        "summary": summary_line(view),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _location(side: Side) -> dict[str, Any]:
    return {"physicalLocation": {
        "artifactLocation": {"uri": quote(side.path)},  # a URI reference: "a b#2.txt" -> "a%20b%232.txt"
        "region": {"startLine": side.claim.line, "startColumn": side.claim.column,
                   "endColumn": side.claim.column + len(side.claim.text.split("\n")[0]),
                   "snippet": {"text": side.claim.text}}}}


def _sarif_result(finding: Finding, view: CheckView, accepted: bool) -> dict[str, Any]:
    a, b = view.sides(finding)
    related = _location(b)
    related["id"] = 1
    related["message"] = {"text": f"the other side: {b.value} in {b.claim.source}"}
    level = {"error": "error", "warning": "warning", "notice": "note"}[_level(finding, view.gate)]
    entry: dict[str, Any] = {
        "ruleId": finding.relation.value,
        "ruleIndex": SARIF_RULES.index(finding.relation),
        "level": level,
        "message": {"text": f"{finding.relation.value} {view.label(finding)}: {a.value} vs {b.value} "
                            f"([{_link_text(b.place)}](1))" + (f". {finding.note}" if finding.note else "")},
        "locations": [_location(a)],
        "relatedLocations": [related],
        "partialFingerprints": {"factcheckReviewKey/v1": finding.review_key.id if finding.review_key else finding.id},
        "properties": {"severity": finding.severity.value, "fact": finding.fact, "finding": finding.id,
                       "status": finding.status},
    }
    if accepted:
        entry["suppressions"] = [{"kind": "external", "status": "accepted",
                                  "justification": f"{finding.review.verdict.value} in accepted.yaml"
                                                   + (f": {finding.review.note}" if finding.review.note else "")}]
    return entry


def _link_text(text: str) -> str:
    """Text inside a SARIF message link, with its brackets escaped (SARIF 3.11.6)."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def render_sarif(view: CheckView) -> str:
    """SARIF 2.1.0: one rule per relation, one result per finding in scope (accepted
    ones carry a suppression), the second claim as a related location."""
    rules = [{"id": relation.value, "name": RULE_TEXT[relation][0],
              "shortDescription": {"text": RULE_TEXT[relation][0]},
              "fullDescription": {"text": RULE_TEXT[relation][1]},
              "defaultConfiguration": {"level": "error" if relation is Relation.CONFLICT else
                                       "warning" if relation is Relation.ROUNDING else "note"}}
             for relation in SARIF_RULES]
    results = [_sarif_result(f, view, accepted=False) for f in view.gate.reported]
    results += [_sarif_result(f, view, accepted=True) for f in view.gate.accepted]
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "factcheck", "version": __version__, "rules": rules,
                                "informationUri": "https://pypi.org/project/factcheck-claims/"}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {"level": "warning", "message": {"text": f"{p.reason.value}: {p.detail}"},
                     "locations": [{"physicalLocation": {"artifactLocation": {"uri": quote(p.source)}}}]}
                    for p in view.result.problems],
            }],
            "results": results,
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_junit(view: CheckView) -> str:
    """One test case per fact in scope (every fact, or with --diff-base those with a
    claim in a changed document); it fails where one of its findings fails the check.
    Under --strict-baseline, stale entries are one more failing case."""
    gate, result = view.gate, view.result
    failing_of: dict[str, list[Finding]] = {}
    for finding in gate.failing:
        failing_of.setdefault(finding.fact, []).append(finding)
    facts = [fact for fact in result.facts if gate.changed is None
             or any(gate.in_changed_document(result.claim(i).source) for i in fact.claim_ids)]
    cases: list[tuple[str, str, str | None, str]] = []  # classname, name, failure message, failure text
    for fact in facts:
        failing = failing_of.get(fact.id, [])
        message = f"{len(failing)} unaccepted {failing[0].relation.value}" if failing else None
        cases.append((f"factcheck.{fact.dimension}", f"{fact.label} [{fact.id}]", message,
                      "\n".join(f"{f.relation.value}: {view.message(f)}" for f in failing)))
    if gate.strict_baseline:
        message = f"{len(gate.stale)} stale entries" if gate.stale else None
        cases.append(("factcheck.baseline", "no stale entries", message, "\n".join(stale_lines(view))))
    if not cases:
        cases.append(("factcheck", "no facts to check", None, ""))
    failures = sum(1 for case in cases if case[2])
    suites = ElementTree.Element("testsuites", name="factcheck", tests=str(len(cases)), failures=str(failures))
    suite = ElementTree.SubElement(suites, "testsuite", name="factcheck check", tests=str(len(cases)),
                                   failures=str(failures), errors="0", skipped="0")
    for classname, name, message, text in cases:
        case = ElementTree.SubElement(suite, "testcase", classname=classname, name=name)
        if message:
            failure = ElementTree.SubElement(case, "failure", type="factcheck", message=message)
            failure.text = text
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"


def render_markdown_summary(view: CheckView) -> str:
    lines = ["## factcheck check", "", summary_line(view), ""]
    if view.gate.reported:
        lines += ["| | relation | fact | says | against | note |", "|---|---|---|---|---|---|"]
        for finding in view.gate.reported:
            a, b = view.sides(finding)
            mark = "❌" if view.gate.is_failing(finding) else "⚠️"
            lines.append(f"| {mark} | {finding.relation.value} | {cell(view.label(finding))} | "
                         f"{cell(a.value)} ({cell(a.place)}) | {cell(b.value)} ({cell(b.place)}) | "
                         f"{cell(finding.note)} |")
        lines.append("")
    if view.gate.stale:
        lines += ["Stale entries in the baseline:", ""]
        lines += [f"- {cell(line)}" for line in stale_lines(view)]
        lines.append("")
    return "\n".join(lines)


RENDERERS = {"text": render_text, "json": render_json, "sarif": render_sarif, "junit": render_junit,
             "markdown": render_markdown_summary}


def render_check(output_format: str, result: RunResult, gate: Gate, baseline_path: str,
                 max_annotations: int = 10) -> str:
    view = CheckView(result, gate, baseline_path)
    if output_format == "github":
        return render_github(view, max_annotations)
    return RENDERERS[output_format](view)
