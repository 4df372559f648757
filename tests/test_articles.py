"""Articles within one file (factcheck.articles): where a file is split, what each
article keeps, and what the split changes downstream (sources, votes, reviews)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.articles import article_starts, file_of, split_articles
from factcheck.model import ClaimKind, Document
from factcheck.pipeline import check_paths
from factcheck.review.keys import review_side

BODY_A = "The Orvald dam is 140 metres high, engineers said. " * 8
BODY_B = "Floods in Lenzby killed 40 people, officials said. " * 8
BODY_C = "The Tarvena pipeline will cost $4 billion, the ministry said. " * 8


def sources(text):
    return [(d.source, d.title) for d in split_articles(Document("mag.txt", text, "0"))]


SPLIT_CASES = [
    pytest.param(f"Dam talks\nBy Ana Mensah\n\n{BODY_A}\n\nPublished in Analyses\n\nFlood toll\nBy Ivo Petrov\n\n{BODY_B}",
                 [("mag.txt#1", "Dam talks"), ("mag.txt#2", "Flood toll")], id="published-in-line"),
    pytest.param(f"Dam talks\nBy Ana Mensah\n\n{BODY_A}\n\nFlood toll\nBy Ivo Petrov\n\n{BODY_B}",
                 [("mag.txt#1", "Dam talks"), ("mag.txt#2", None)], id="a-second-byline"),
    pytest.param(f"# Dam talks\n\n{BODY_A}\n\n---\n\n# Flood toll\n\n{BODY_B}\n\n---\n\n## Pipeline costs\n\n{BODY_C}",
                 [("mag.txt#1", None), ("mag.txt#2", None), ("mag.txt#3", None)], id="markdown-rules-before-headings"),
    pytest.param(f"LIMA (AP) — {BODY_A}\n\nQUITO, March 3 (Reuters) - {BODY_B}", [("mag.txt#1", None), ("mag.txt#2", None)],
                 id="wire-datelines"),
    pytest.param(f"title: Dam talks\ndate: 2024-03-04\n\n{BODY_A}\n\ntitle: Flood toll\ndate: 2024-03-05\n\n{BODY_B}",
                 [("mag.txt#1", "Dam talks"), ("mag.txt#2", "Flood toll")], id="repeated-header-blocks"),
    pytest.param(f"Dam talks\nBy Ana Mensah\n\nLIMA (AP) — {BODY_A}", [("mag.txt", None)],
                 id="a-dateline-after-a-byline-opens-no-second-article"),
    pytest.param(f"Dam talks\nBy Ana Mensah\n\n{BODY_A}", [("mag.txt", None)], id="one-byline-one-article"),
    pytest.param(f"# Dam talks\n\n{BODY_A}\n\n---\n\n[1] A footnote with 12 sources.", [("mag.txt", None)],
                 id="a-rule-before-footnotes-splits-nothing"),
    pytest.param(f"Dam talks\nBy Ana Mensah\n\n{BODY_A}\n\nPublished in Analyses\n\nVisit also our 3 other pages.",
                 [("mag.txt", None)], id="a-short-tail-stays-with-its-article"),
]


@pytest.mark.parametrize(("text", "want"), SPLIT_CASES)
def test_where_a_file_is_split(text, want):
    assert sources(text) == want


def test_an_article_holds_its_own_text_and_where_it_starts_in_the_file():
    text = f"Dam talks\nBy Ana Mensah\n\n{BODY_A}\n\nPublished in Analyses\n\nFlood toll\nBy Ivo Petrov\n\n{BODY_B}"
    first, second = split_articles(Document("mag.txt", text, "0"))
    start = article_starts(text)[0]
    # the articles together hold the file's text once: memory grows with the file, not
    # with articles times the file
    assert first.text + second.text == text
    assert [(d.offset, d.lines_before) for d in (first, second)] == [(0, 0), (start, text[:start].count("\n"))]


def test_the_claims_of_every_article_point_into_the_file(magazine):
    result = check_paths(magazine)
    text = (magazine / "mag.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    claims = [c for c in result.claims if c.source.startswith("mag.txt#")]
    assert {c.source for c in claims} == {"mag.txt#1", "mag.txt#2"}
    for claim in claims:
        assert text[claim.start:claim.end] == claim.text, claim
        assert lines[claim.line - 1][claim.column - 1:].startswith(claim.text.split("\n")[0]), claim


def test_file_of_names_the_file_of_an_article():
    assert file_of("mag.txt#2") == "mag.txt" and file_of("notes/a.md") == "notes/a.md"


@pytest.fixture
def magazine(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    # one file, two articles that state the same toll; and a separate report of another
    filler = "Rescuers searched the flooded valleys through the night. " * 6
    (folder / "mag.txt").write_text(
        f"Peru floods\nBy Ana Mensah\nMarch 4, 2024\n\nThe floods in Peru killed 40 people, officials said. {filler}\n\n"
        f"Published in Analyses\n\nPeru floods toll\nBy Ivo Petrov\nMarch 5, 2024\n\nThe floods in Peru killed 40 "
        f"people, rescuers said. {filler}\n", encoding="utf-8")
    (folder / "wire.txt").write_text("title: Peru floods\ndate: 2024-03-05\n\nThe floods in Peru killed 52 people, a "
                                     "charity said.\n", encoding="utf-8")
    return folder


def test_two_articles_of_one_file_are_two_sources_and_two_votes(magazine):
    result = check_paths(magazine)
    assert [(d.source, d.title, d.published, d.article, d.author) for d in result.documents] == [
        ("mag.txt#1", "Peru floods", "2024-03-04", 1, "Ana Mensah"),
        ("mag.txt#2", "Peru floods toll", "2024-03-05", 2, "Ivo Petrov"),
        ("wire.txt", "Peru floods", "2024-03-05", None, None)]
    deaths = [c for c in result.claims if c.kind is ClaimKind.QUANTITY and c.value in (40, 52)]
    fact = next(f for f in result.facts if set(f.claim_ids) >= {c.id for c in deaths})
    assert fact.consensus.value == 40 and set(fact.consensus.sources) == {"mag.txt#1", "mag.txt#2", "wire.txt"}
    finding = next(f for f in result.findings if f.relation.is_discrepancy)
    assert "one source" not in (finding.note or "")


def test_a_review_names_the_file_not_the_article(magazine):
    result = check_paths(magazine)
    claim = next(c for c in result.claims if c.source == "mag.txt#2" and c.value == 40)
    assert review_side(claim).source == "mag.txt"


def test_the_seed_file_of_several_articles_becomes_one_source_per_article():
    result = check_paths(Path(__file__).resolve().parent.parent / "seeds")
    split = [d.source for d in result.documents if "#" in d.source]
    assert len({file_of(s) for s in split}) == 1 and len(split) >= 4
