"""The `factcheck.report/1` contract of report.json, as README.md states it, checked on a
parsed report: the top-level fields in order, each record's fields, the closed sets of
values, every claim's span in its file, and the references between records. Shared by
the CLI test (test_cli.py) and the pipeline fuzz (test_fuzz_pipeline.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factcheck.articles import file_of

TOP_LEVEL = ["schema", "sources", "claims", "facts", "findings", "checks", "problems", "stale_reviews"]
# each record's fields, in the README's order
RECORD_FIELDS = {
    "sources": ["id", "path", "sha256", "chars", "claims", "title", "url", "published", "author", "format", "encoding",
                "article", "publisher", "language", "trust"],
    "claims": ["id", "source", "start", "end", "line", "column", "text", "sentence", "kind", "value", "unit",
               "unit_name", "dimension", "qualifier", "low", "high", "precision", "measured", "topic", "scope",
               "subjects", "event", "event_label", "facets", "as_of", "restates", "part_of", "page", "copy_of", "fact"],
    "facts": ["id", "label", "dimension", "unit", "claims", "members", "verdict", "comparison", "consensus"],
    "findings": ["id", "fact", "claims", "relation", "difference", "relative_difference", "severity", "cause", "note",
                 "status", "review_key", "review"],
    "checks": ["id", "kind", "claims", "stated", "computed", "holds", "computation"],
    "problems": ["source", "reason", "detail", "line"],
}
KINDS = {"quantity", "date"}
QUALIFIERS = {"exact", "approx", "more_than", "at_least", "less_than", "at_most", "nearly", "range"}
RELATIONS = {"agree", "compatible", "rounding", "conflict"}
CAUSES = {None, "time", "scope", "rounding", "restated", "unexplained"}
SEVERITIES = {"none", "low", "medium", "high"}


def file_text(folder: Path, source: dict[str, Any]) -> str:
    """The text of a source's file as the contract counts offsets: decoded as it was read,
    with universal newlines; an article ("file.txt#2") counts in its whole file."""
    with (folder / file_of(source["path"])).open(encoding=source["encoding"] or "utf-8") as stream:
        return stream.read()


def report_contract_violations(report: dict[str, Any], folder: Path) -> list[str]:
    """Where `report` (report.json of a run over `folder`) breaks the contract; empty
    when it keeps it."""
    if list(report) != TOP_LEVEL or report["schema"] != "factcheck.report/1":
        return [f"top level {list(report)}, schema {report.get('schema')!r}"]
    wrong = [f"{name} record {record.get('id', record)} has fields {list(record)}"
             for name, fields in RECORD_FIELDS.items() for record in report[name] if list(record) != fields]
    texts = {source["path"]: file_text(folder, source) for source in report["sources"]}
    fact_ids = {fact["id"] for fact in report["facts"]}
    fact_of = {claim["id"]: claim["fact"] for claim in report["claims"]}
    if len(fact_of) != len(report["claims"]):
        wrong.append("claim ids are not unique")
    for claim in report["claims"]:
        where = f"claim {claim['id']} {claim['text']!r}"
        if claim["source"] not in texts:
            wrong.append(f"{where}: no source {claim['source']!r}")
        elif texts[claim["source"]][claim["start"]:claim["end"]] != claim["text"]:
            wrong.append(f"{where}: its file holds {texts[claim['source']][claim['start']:claim['end']]!r} there")
        if claim["kind"] not in KINDS or claim["qualifier"] not in QUALIFIERS:
            wrong.append(f"{where}: kind {claim['kind']!r}, qualifier {claim['qualifier']!r}")
        if claim["fact"] is not None and claim["fact"] not in fact_ids:
            wrong.append(f"{where}: no fact {claim['fact']!r}")
    for fact in report["facts"]:
        if fact["verdict"] not in RELATIONS:
            wrong.append(f"fact {fact['id']}: verdict {fact['verdict']!r}")
        # a fact's claims exist and name it as their fact
        strangers = [claim_id for claim_id in fact["claims"] if fact_of.get(claim_id, "no such claim") != fact["id"]]
        if strangers:
            wrong.append(f"fact {fact['id']}: claims {strangers} do not name it")
    for finding in report["findings"]:
        if finding["relation"] not in RELATIONS or finding["cause"] not in CAUSES \
                or finding["severity"] not in SEVERITIES:
            wrong.append(f"finding {finding['id']}: relation {finding['relation']!r}, cause {finding['cause']!r}, "
                         f"severity {finding['severity']!r}")
        if finding["fact"] not in fact_ids or len(finding["claims"]) != 2 \
                or any(claim_id not in fact_of for claim_id in finding["claims"]):
            wrong.append(f"finding {finding['id']}: fact {finding['fact']!r}, claims {finding['claims']}")
    return wrong
