"""`report.md`, one section per fact: table-driven cases on hand-built results (see
`report_builders`) and one run of the pipeline on invented sources.

The Markdown is read back with markdown-it-py (CommonMark with tables and
strikethrough, raw HTML allowed, as a forge renders it), so the cases check what a
reader sees: the cells of a table, the bold figure, and that no source text turns into
a tag, a link or a broken column.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import run_documents
from markdown_it import MarkdownIt
from report_builders import Builder, flood_result, make_claim, make_review

from factcheck.model import Consensus, Document, Relation, Severity, Verdict
from factcheck.report import write_report
from factcheck.report.markdown import cell, marked_sentence, render_markdown

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
MARKUP_FROM_TEXT = {"html_inline", "html_block", "link_open", "image", "em_open", "s_open"}


def discrepancy_part(markdown: str) -> str:
    return markdown[markdown.index("## Discrepancies"):markdown.index("## Agreements")]


def fact_sections(markdown: str) -> dict[str, str]:
    """Heading of each fact section -> its body, in report order."""
    part = discrepancy_part(markdown)
    pieces = re.split(r"^(### .*)$", part, flags=re.M)
    return dict(zip(pieces[1::2], pieces[2::2], strict=True))


def inline_text(token) -> str:
    """What a reader sees of an inline token: its text, without markup."""
    return "".join(child.content for child in token.children or () if child.type in ("text", "code_inline"))


def table_rows(markdown: str) -> list[list[str]]:
    """The body rows of the first table in `markdown`, as the text of each cell."""
    rows: list[list[str]] = []
    in_body = False
    for token in PARSER.parse(markdown):
        if token.type == "tbody_open":
            in_body = True
        elif token.type == "tbody_close":
            return rows
        elif in_body and token.type == "tr_open":
            rows.append([])
        elif in_body and token.type == "inline":
            rows[-1].append(inline_text(token))
    return rows


def strong_texts(markdown: str) -> list[str]:
    """The text of every bold run in `markdown`."""
    found = []
    for token in PARSER.parse(markdown):
        children = token.children or []
        for index, child in enumerate(children):
            if child.type == "strong_open":
                closing = next(i for i in range(index, len(children)) if children[i].type == "strong_close")
                found.append("".join(c.content for c in children[index + 1:closing]))
    return found


@pytest.fixture(scope="module")
def flood_markdown() -> str:
    return render_markdown(flood_result())


# --- sections ---------------------------------------------------------------------


def test_one_section_per_fact_with_a_discrepancy(flood_markdown):
    assert list(fact_sections(flood_markdown)) == [
        "### 1. people killed, 2031 — Marrow Vale flood 2031: conflict, high",
        "### 2. bridge length: rounding, low",
    ]
    assert "3 discrepant pairs in 2 facts: 1 reviewed, 2 open." in flood_markdown


def test_the_section_states_the_fact_and_its_consensus(flood_markdown):
    body = fact_sections(flood_markdown)["### 1. people killed, 2031 — Marrow Vale flood 2031: conflict, high"]
    assert "Fact `f-killed`: 3 claims in 3 sources." in body
    assert ("Consensus: **41 people** (values from 40 people to 58 people); supported by evening-wire.txt, "
            "river-desk.txt; outliers: 58 (aid-bulletin.md:7).") in body


def test_the_claims_table_is_ordered_by_value(flood_markdown):
    body = next(iter(fact_sections(flood_markdown).values()))
    assert table_rows(body) == [
        ["About 40", "≈ 40 people", "approx", "evening-wire.txt:2", "",
         "About 40 died when the Marrow burst its banks in 2031; the new 1,200-metre bridge held."],
        ["41", "41 people", "exact", "river-desk.txt:3", "2031-05",
         "The Marrow Vale flood of 2031 killed 41 people, the river desk said."],
        ["58", "58 people", "exact", "aid-bulletin.md:7", "2031-06",
         "Relief teams counted 58 dead across the valley after the 2031 flood."],
    ]
    assert strong_texts(body)[1:4] == ["About 40", "41", "58"]  # the first is the consensus


PAIR_CASES = [
    pytest.param("x-41-58", ["`x-41-58` **conflict**, high, cause time: 41 (river-desk.txt:3) vs 58 "
                             "(aid-bulletin.md:7); difference 17 (29.3%). Note: different as_of. Status: outdated.",
                             "  Review: **outdated** by mo on 2031-07-01: the bulletin counted later."],
                 id="reviewed-conflict-with-its-cause-and-review"),
    pytest.param("x-40-58", ["`x-40-58` **conflict**, high, cause unexplained: About 40 (evening-wire.txt:2) vs 58 "
                             "(aid-bulletin.md:7); difference 18 (31.0%). Status: open."],
                 id="open-conflict"),
    pytest.param("x-bridge", ["`x-bridge` **rounding**, low, cause rounding: 1,200-metre (evening-wire.txt:2) vs "
                              "1,187 metres (river-desk.txt:9); difference 13 (1.1%). "
                              "Note: 1200 is 1187 rounded to the nearest 100. Status: open."],
                 id="rounding"),
]


@pytest.mark.parametrize(("finding_id", "expected"), PAIR_CASES)
def test_each_discrepant_pair_is_listed_with_why_and_its_status(flood_markdown, finding_id, expected):
    lines = discrepancy_part(flood_markdown).splitlines()
    start = lines.index("- " + expected[0])
    assert lines[start:start + len(expected)] == ["- " + expected[0], *expected[1:]]


@pytest.mark.parametrize("finding_id", ["x-40-41", "x-shelters"])
def test_pairs_that_do_not_disagree_are_not_listed(flood_markdown, finding_id):
    assert f"`{finding_id}`" not in discrepancy_part(flood_markdown)


def test_a_finding_without_a_cause_says_none():
    build = Builder()
    a = build.claim("a", "one.txt", "7", 7, "Seven: 7 boats sank.")
    b = build.claim("b", "two.txt", "9", 9, "Nine: 9 boats sank.")
    fact = build.fact("f", "boats sunk", [a, b], Relation.CONFLICT)
    build.finding("x", fact, a, b, Relation.CONFLICT, Severity.HIGH)
    markdown = render_markdown(build.result())
    assert "- `x` **conflict**, high: 7 (one.txt:1) vs 9 (two.txt:1);" in markdown
    assert "No consensus." in markdown


def test_a_baseline_entry_is_a_status_not_a_review():
    build = Builder()
    a = build.claim("a", "one.txt", "7", 7, "Seven: 7 boats sank.")
    b = build.claim("b", "two.txt", "9", 9, "Nine: 9 boats sank.")
    fact = build.fact("f", "boats sunk", [a, b], Relation.CONFLICT)
    build.finding("x", fact, a, b, Relation.CONFLICT, Severity.HIGH, review=make_review(a, b, Verdict.BASELINE))
    markdown = render_markdown(build.result())
    assert "Status: baseline." in markdown and "Review:" not in markdown
    assert "1 discrepant pair in 1 fact: 0 reviewed, 1 open (1 of them accepted by the baseline)." in markdown


# --- order of the sections --------------------------------------------------------

ORDER_CASES = [
    pytest.param([("rounded", Relation.ROUNDING, Severity.LOW, 100, 98), ("medium", Relation.CONFLICT,
                  Severity.MEDIUM, 100, 90), ("high", Relation.CONFLICT, Severity.HIGH, 100, 50)],
                 ["high", "medium", "rounded"], id="worst-severity-first"),
    pytest.param([("rounded", Relation.ROUNDING, Severity.LOW, 100, 98), ("small conflict", Relation.CONFLICT,
                  Severity.LOW, 100, 99)],
                 ["small conflict", "rounded"], id="same-severity-conflict-before-rounding"),
    pytest.param([("close", Relation.CONFLICT, Severity.HIGH, 100, 70), ("far", Relation.CONFLICT, Severity.HIGH,
                  100, 10)],
                 ["far", "close"], id="then-the-larger-difference"),
    pytest.param([("beta", Relation.CONFLICT, Severity.HIGH, 100, 50), ("alpha", Relation.CONFLICT, Severity.HIGH,
                  100, 50)],
                 ["alpha", "beta"], id="then-the-label"),
]


@pytest.mark.parametrize(("facts", "expected"), ORDER_CASES)
def test_sections_come_worst_first(facts, expected):
    build = Builder()
    for number, (label, relation, severity, first, second) in enumerate(facts):
        a = build.claim(f"a{number}", "one.txt", str(first), first, f"It was {first}.")
        b = build.claim(f"b{number}", "two.txt", str(second), second, f"It was {second}.")
        fact = build.fact(f"f{number}", label, [a, b], relation)
        build.finding(f"x{number}", fact, a, b, relation, severity)
    headings = list(fact_sections(render_markdown(build.result())))
    assert [re.match(r"### \d+\. (.*):", h).group(1) for h in headings] == expected


# --- event labels -----------------------------------------------------------------

EVENT_CASES = [
    pytest.param([None, None], "### 1. boats sunk: conflict, high", id="no-event"),
    pytest.param(["Gale of 2030", None], "### 1. boats sunk — Gale of 2030: conflict, high", id="one-claim-framed"),
    pytest.param(["Gale of 2030", "Gale of 2030", "Autumn storms"],
                 "### 1. boats sunk — Gale of 2030 / Autumn storms: conflict, high", id="most-frequent-first"),
    pytest.param(["Gale | <i>2030</i>", None], "### 1. boats sunk — Gale \\| &lt;i>2030&lt;/i>: conflict, high",
                 id="escaped"),
    pytest.param(["E1", "E2", "E3", "E4", "E5"], "### 1. boats sunk — E1 / E2 / E3 and 2 more: conflict, high",
                 id="at-most-three-in-the-heading"),
]


@pytest.mark.parametrize(("labels", "heading"), EVENT_CASES)
def test_the_heading_names_the_event_the_claims_carry(labels, heading):
    build = Builder()
    claims = [build.claim(f"c{i}", f"s{i}.txt", str(7 + i), 7 + i, f"Then {7 + i} boats sank.", event_label=label)
              for i, label in enumerate(labels)]
    fact = build.fact("f", "boats sunk", claims, Relation.CONFLICT)
    build.finding("x", fact, claims[0], claims[1], Relation.CONFLICT, Severity.HIGH)
    [(shown, body)] = fact_sections(render_markdown(build.result())).items()
    assert shown == heading
    every = len({label for label in labels if label}) > 3
    assert ("Events: E1 / E2 / E3 / E4 / E5." in body) is every  # all of them under the heading


# --- source text stays text -------------------------------------------------------

HOSTILE_SENTENCES = [
    pytest.param("Officials said 30 | 40 people were hurt.", id="pipe"),
    pytest.param("The `log` shows 30 people ``twice``.", id="backticks"),
    pytest.param("<script>alert(1)</script> 30 people <img src=x onerror=alert(2)>", id="html"),
    pytest.param("*Only* 30 people, _not_ more, **ever**.", id="emphasis"),
    pytest.param("[click](javascript:alert(1)) 30 people ![x](y.png) <http://x.test>", id="links"),
    pytest.param("30 people &lt;b&gt; &amp; &#60;", id="character-references"),
    pytest.param("It cost $4 million, or $30 a head, for 30 people.", id="dollar-signs"),
    pytest.param("30 people\nwere | hurt\tbadly \r\n in two lines", id="line-breaks"),
    pytest.param("A path C:\\temp\\ and 30 people \\| and a \\", id="backslashes"),
    pytest.param("~~30~~ people, ~ 30", id="tildes"),
    pytest.param("# 30 people - + > 1. not a heading", id="block-markers"),
]


@pytest.mark.parametrize("sentence", HOSTILE_SENTENCES)
def test_source_text_never_breaks_the_table_or_becomes_markup(sentence):
    build = Builder()
    hostile = build.claim("h", "odd | name `x`.txt", "30", 30, sentence, as_of="<b>2030</b>")
    plain = build.claim("p", "plain.txt", "45", 45, "Then 45 people were hurt.")
    fact = build.fact("f", "people hurt | <b>x</b>", [hostile, plain], Relation.CONFLICT)
    build.finding("x", fact, hostile, plain, Relation.CONFLICT, Severity.HIGH, note="odd `note` | <b>")
    markdown = render_markdown(build.result())
    tokens = PARSER.parse(markdown)
    assert not [t for t in tokens if t.type in MARKUP_FROM_TEXT]
    inline = [c for t in tokens for c in t.children or ()]
    # the one image is the fact's plot, which report.md links by the fact's id
    assert [c.attrs.get("src") for c in inline if c.type == "image"] == ["plots/f.png"]
    assert not [c for c in inline if c.type in MARKUP_FROM_TEXT and c.type != "image"]
    assert {c.content for t in tokens for c in t.children or () if c.type == "code_inline"} == {"f", "x"}  # ids
    body = next(iter(fact_sections(markdown).values()))
    rows = table_rows(body)
    assert rows[0] == ["30", "30 people", "exact", "odd | name `x`.txt:1", "<b>2030</b>", " ".join(sentence.split())]
    assert [len(row) for row in rows] == [6, 6]
    assert strong_texts(body)[:3] == ["30", "45", "conflict"]  # the two figures, then the pair
    heading = next(t for t in tokens if t.type == "inline" and t.content.startswith("1. "))
    assert inline_text(heading) == "1. people hurt | <b>x</b>: conflict, high"


@pytest.mark.parametrize(("text", "escaped"), [
    pytest.param("a|b", "a\\|b", id="pipe"),
    pytest.param("<b>", "&lt;b>", id="tag"),
    pytest.param("&amp;", "&amp;amp;", id="reference"),
    pytest.param("AT&T", "AT&T", id="plain-ampersand"),
    pytest.param("000_report_final.txt", "000_report_final.txt", id="underscore-inside-a-word"),
    pytest.param("_x_", "\\_x\\_", id="underscore-at-word-edges"),
    pytest.param("a\n\n b\tc", "a b c", id="whitespace"),
    pytest.param("bell\x07", "bell", id="control-character"),
    pytest.param(None, "", id="none"),
])
def test_cell(text, escaped):
    assert cell(text) == escaped


@pytest.mark.parametrize(("start", "offset", "expected"), [
    pytest.param(14, 0, "Of the **12** boats, 12 came back.", id="first-occurrence"),
    pytest.param(24, 0, "Of the 12 boats, **12** came back.", id="second-occurrence"),
    # an article further into its file: the claim's offset is the file's, the text the article's
    pytest.param(5024, 5000, "Of the 12 boats, **12** came back.", id="second-occurrence-in-a-later-article"),
    pytest.param(5014, 5000, "Of the **12** boats, 12 came back.", id="first-occurrence-in-a-later-article"),
])
def test_the_figure_is_marked_where_the_claim_stands(start, offset, expected):
    text = "Intro.\nOf the 12 boats, 12 came back."
    claim = make_claim("c", "a.txt", "12", 12, "Of the 12 boats, 12 came back.", start=start)
    assert text[start - offset:start - offset + 2] == "12"
    assert marked_sentence(claim, Document("a.txt", text, "0", offset=offset)) == expected
    assert marked_sentence(claim) == "Of the **12** boats, 12 came back."  # without the text: the first


# --- the rest of the report stays -------------------------------------------------


def test_the_summary_parts_stay(flood_markdown):
    order = [flood_markdown.index(h) for h in ("| findings (pairs of claims) | 5 |", "Findings by relation",
                                              "## Discrepancies", "## Agreements", "## Arithmetic in the texts",
                                              "## Problems")]
    assert order == sorted(order)
    assert "| conflict | 2 | 0 | 0 | 0 | 2 |" in flood_markdown
    assert "| shelters opened | agree | 12 shelter | 12; 12 | aid-bulletin.md, river-desk.txt |" in flood_markdown


def test_no_discrepancy_no_section():
    build = Builder()
    a = build.claim("a", "one.txt", "7", 7, "Seven: 7 boats sank.")
    b = build.claim("b", "two.txt", "7", 7, "Again 7 boats sank.")
    fact = build.fact("f", "boats sunk", [a, b], Relation.AGREE, consensus=Consensus(7, 7, 7, ("one.txt", "two.txt")))
    build.finding("x", fact, a, b, Relation.AGREE)
    markdown = render_markdown(build.result())
    assert "## Discrepancies\n\nNo discrepancies.\n" in markdown and "### " not in markdown


# --- through the pipeline ---------------------------------------------------------

STORM_SOURCES = [
    ("harbour-log.txt", "Storm Kelda killed 120 people across Vesterholm in March 2030, the harbour office said."),
    ("relief-note.md", "Storm Kelda killed 95 people across Vesterholm in March 2030, relief workers reported."),
    ("county-wire.txt", "Storm Kelda killed 210 people across Vesterholm in March 2030, the county announced."),
    ("radio-brief.txt", "Storm Kelda killed 120 people across Vesterholm in March 2030, a radio brief said."),
]


def test_a_fact_of_four_sources_is_one_section_and_every_pair_stays_in_the_json(rules, tmp_path):
    result = run_documents(STORM_SOURCES, rules)
    facts = [f for f in result.facts if {result.claim(i).source for i in f.claim_ids} == {s for s, _ in STORM_SOURCES}]
    assert len(facts) == 1, "the four tolls are one fact"
    [fact] = facts
    pairs = [f for f in result.findings if f.fact == fact.id]
    assert len(pairs) == 6  # every pair of four claims
    write_report(result, tmp_path, ["md", "json"])
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    [(heading, body)] = [(h, b) for h, b in fact_sections(markdown).items() if f"Fact `{fact.id}`" in b]
    assert heading.startswith("### 1. ")
    assert [row[0] for row in table_rows(body)] == ["95", "120", "120", "210"]
    discrepant = [f.id for f in pairs if f.relation.is_discrepancy]
    assert sorted(re.findall(r"^- `(x[0-9a-f]+)`", body, flags=re.M)) == sorted(discrepant)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert sorted(f["id"] for f in report["findings"] if f["fact"] == fact.id) == sorted(f.id for f in pairs)
    assert render_markdown(result) == markdown  # the same result, the same bytes

