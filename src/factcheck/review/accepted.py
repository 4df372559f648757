"""`rules/accepted.yaml`, the project's record of reviewed findings: its schema, reading
it (each entry with its line) and rendering it. Writing it is `review.writer`'s, so that
the rules, which read it, and the stages below them never import a writer.

`reviews:` holds reviewers' verdicts, written by `factcheck review import`; `baseline:`
holds the findings `factcheck check --write-baseline` accepted as they were. Each entry
names its finding by `ReviewKey` (`review.keys`): no line numbers or offsets. An entry
without `sentence:` on its sides was written before keys held sentences; it reads as it
always did and covers its figures in any sentence (`review.attach`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from factcheck.display import normalised_sentence, number
from factcheck.model import Review, ReviewKey, ReviewSide, Verdict
from factcheck.schema import NUMBER, RulesError, Schema, compose, convert, read_text

_REVIEW_SIDE = {"source": str, "value": NUMBER, "unit": str, "qualifier": str, "sentence": str}
_REVIEWED_FINDING = {"measured": str, "subject": [str], "a": _REVIEW_SIDE, "b": _REVIEW_SIDE}
ACCEPTED_SCHEMA = Schema(
    shape={"reviews": [{"finding": _REVIEWED_FINDING, "verdict": str, "note": str, "reviewer": str, "date": str}],
           "baseline": [{"finding": _REVIEWED_FINDING}]},
    required={**{(section, "finding"): ("measured", "a", "b") for section in ("reviews", "baseline")},
              **{(section, "finding", side): ("source", "value", "qualifier")
                 for section in ("reviews", "baseline") for side in ("a", "b")}},
)

ACCEPTED_FILE = "accepted.yaml"


def parse_accepted(text: str, path: str) -> tuple[Review, ...]:
    """The entries an accepted.yaml text holds, each with its line: the reviewers'
    verdicts under `reviews:`, then the findings `factcheck check --write-baseline`
    accepted under `baseline:`. An unknown verdict, a date that is not YYYY-MM-DD or a
    finding listed twice names its line."""
    node = compose(text, path)
    if node is None:
        return ()
    data = convert(node, ACCEPTED_SCHEMA, path)
    nodes = {key.value: value.value for key, value in node.value}
    entries: list[Review] = []
    line_of: dict[ReviewKey, int] = {}
    for section in ("reviews", "baseline"):
        for entry, entry_node in zip(data.get(section, []), nodes.get(section, [])):
            line = entry_node.start_mark.line + 1
            review = _accepted_entry(entry, section, path, line)
            if review.key in line_of:
                raise RulesError(path, line, f"{section}: this entry is about the same finding as line "
                                             f"{line_of[review.key]}")
            line_of[review.key] = line
            entries.append(review)
    return tuple(entries)


def _accepted_entry(entry: dict[str, Any], section: str, path: str, line: int) -> Review:
    required = ("finding", "verdict") if section == "reviews" else ("finding",)
    missing = [name for name in required if name not in entry]
    if missing:
        raise RulesError(path, line, f"{section}: this entry has no {' or '.join(missing)}")
    if section == "reviews":
        verdict = Verdict.from_text(entry["verdict"])
        if verdict is None or not verdict.is_human:
            raise RulesError(path, line, f"reviews: unknown verdict {entry['verdict']!r} "
                                         f"(choose from {', '.join(v.value for v in Verdict if v.is_human)})")
    else:
        verdict = Verdict.BASELINE
    date = entry.get("date")
    if date is not None and not _is_iso_date(date):
        raise RulesError(path, line, f"{section}: date {date!r} is not YYYY-MM-DD")
    finding = entry["finding"]
    sides = [ReviewSide(source=side["source"], value=side["value"], unit=side.get("unit"),
                        qualifier=side["qualifier"], sentence=_sentence(side.get("sentence")))
             for side in (finding["a"], finding["b"])]
    return Review(key=ReviewKey.of(finding["measured"], finding.get("subject", ()), *sides), verdict=verdict,
                  note=entry.get("note"), reviewer=entry.get("reviewer"), date=date, line=line)


def _sentence(text: str | None) -> str | None:
    # normalised as keys are, so a hand-written entry with curly quotes still matches
    return normalised_sentence(text) or None if text is not None else None


def _is_iso_date(text: str) -> bool:
    try:
        return len(text) == 10 and dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def load_accepted(directory: str | Path | None) -> tuple[Review, ...]:
    """The entries in `directory`/accepted.yaml; none when there is no such file."""
    return () if directory is None else load_accepted_file(Path(directory) / ACCEPTED_FILE)


def load_accepted_file(path: str | Path) -> tuple[Review, ...]:
    """The entries of an accepted.yaml file (a baseline); none when there is no such file."""
    path = Path(path)
    return parse_accepted(read_text(path), str(path)) if path.is_file() else ()


def _side_record(side: ReviewSide) -> dict[str, Any]:
    record = {"source": side.source, "value": number(side.value), "unit": side.unit, "qualifier": side.qualifier,
              "sentence": side.sentence}
    return {key: value for key, value in record.items() if value is not None}


def review_record(review: Review) -> dict[str, Any]:
    """A review as `rules/accepted.yaml` keeps it; absent fields are left out."""
    key = review.key
    finding: dict[str, Any] = {"measured": key.measured}
    if key.subject:
        finding["subject"] = list(key.subject)
    finding["a"], finding["b"] = (_side_record(side) for side in key.sides)
    record = {"finding": finding, "verdict": review.verdict.value, "note": review.note, "reviewer": review.reviewer,
              "date": review.date}
    return {name: value for name, value in record.items() if value is not None}


ACCEPTED_HEADER = """\
# Reviewed findings. `reviews:` holds reviewers' verdicts, written by
# `factcheck review import`; `baseline:` holds the findings `factcheck check
# --write-baseline` accepted as they were, so a team can adopt the check first and review
# later. `factcheck run` gives each matching finding its verdict (or "baseline") as its
# status. A finding is matched by what it measures, the countries it concerns, and both
# figures with their sources and sentences; line numbers play no part, so edits elsewhere
# in a source keep an entry attached. An entry without `sentence:` (an older file) covers
# its figures in any sentence.
# Verdicts: confirmed, false alarm, different scope, outdated, fixed in source, unsure.
"""


def render_accepted(entries: tuple[Review, ...] | list[Review]) -> str:
    """The text of an accepted.yaml holding `entries`: reviews, then baseline entries."""
    reviews = [review_record(e) for e in entries if e.verdict.is_human]
    baseline = [{"finding": review_record(e)["finding"]} for e in entries if not e.verdict.is_human]
    document = {"reviews": reviews, **({"baseline": baseline} if baseline else {})}
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None)
    return ACCEPTED_HEADER + body
