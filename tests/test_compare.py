"""Table-driven tests of `factcheck.compare`: relate, intervals_overlap and severity.

Claims are built with `extract_claims` on short invented phrases, so the tests cover
the intervals and precisions the extractor really gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import extract_claims, load_rules
from factcheck.compare import PAIRWISE_LIMIT, compare_facts, intervals_overlap, relate, severity
from factcheck.model import ClaimKind, Relation, Severity

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"


@pytest.fixture(scope="module")
def tolerances():
    return load_rules(RULES_DIR).tolerances


def claim_of(phrase):
    found = [c for c in extract_claims(phrase) if c.kind is ClaimKind.QUANTITY]
    assert len(found) == 1, f"expected one quantity in {phrase!r}, got {[c.text for c in found]}"
    return found[0]


# --- relate -----------------------------------------------------------------------

RELATE_CASES = [
    # agree: same value, same qualifier
    pytest.param("62 deaths", "62 deaths", Relation.AGREE, id="agree-same-exact-count"),
    pytest.param("more than 100 people", "more than 100 people", Relation.AGREE, id="agree-same-qualifier"),
    pytest.param("about 800 homes", "about 800 homes", Relation.AGREE, id="agree-both-approx"),
    pytest.param("4.3%", "4.3 per cent", Relation.AGREE, id="agree-percent-spellings"),
    # compatible: intervals overlap
    pytest.param("more than 30,000 people", "31,200 people", Relation.COMPATIBLE,
                 id="compatible-more-than-vs-inside"),
    pytest.param("about 800 homes", "810 homes", Relation.COMPATIBLE, id="compatible-within-approx-band"),
    pytest.param("nearly 600 people", "590 people", Relation.COMPATIBLE, id="compatible-nearly"),
    pytest.param("at least 25 people", "25 people", Relation.COMPATIBLE, id="compatible-at-least-touching"),
    pytest.param("up to 8,000 workers", "8,000 workers", Relation.COMPATIBLE, id="compatible-up-to-touching"),
    pytest.param("about 40 people", "40 people", Relation.COMPATIBLE, id="compatible-same-value-other-qualifier"),
    pytest.param("at least 100 people", "up to 100 people", Relation.COMPATIBLE,
                 id="compatible-closed-ends-meet"),
    # rounding: one is the other rounded to the precision it shows
    pytest.param("a 1,000-kilometre border", "a 987-kilometre border", Relation.ROUNDING,
                 id="rounding-1000-vs-987-km"),
    pytest.param("40 people", "40.3 people", Relation.ROUNDING, id="rounding-40-vs-40.3"),
    pytest.param("1,000 people", "950 people", Relation.ROUNDING, id="rounding-half-up-at-limit"),
    pytest.param("2.5 million people", "2,460,000 people", Relation.ROUNDING, id="rounding-scaled-million"),
    pytest.param("2.45 percent", "2.5 percent", Relation.ROUNDING, id="rounding-2.45-to-2.5"),
    pytest.param(
        "6.35 percent", "6.4 percent", Relation.ROUNDING, id="rounding-6.35-to-6.4",
    ),
    # a rounding to the place of the last zero, when two digits are left
    pytest.param("27,000 homes", "26,840 homes", Relation.ROUNDING, id="rounding-to-the-last-zero"),
    pytest.param("1,800 metres", "1,784 metres", Relation.ROUNDING, id="rounding-to-the-last-zero-short"),
    # a bound's own figure, rounded, may fall just outside the bound
    pytest.param("at least 72,140 people", "72,000 people", Relation.ROUNDING, id="rounding-of-an-at-least-figure"),
    pytest.param("more than 4.3 billion dollars", "four billion dollars", Relation.ROUNDING,
                 id="rounding-of-a-more-than-figure"),
    # conflict
    pytest.param("more than 100 people", "62 people", Relation.CONFLICT, id="conflict-more-than-100-vs-62"),
    pytest.param("500 people", "800 people", Relation.CONFLICT, id="conflict-500-vs-800"),
    pytest.param("100 people", "62 people", Relation.CONFLICT, id="conflict-100-vs-62-not-rounding"),
    pytest.param("1,000 people", "949 people", Relation.CONFLICT, id="conflict-just-beyond-rounding"),
    pytest.param("1,000 people", "1,150 people", Relation.CONFLICT, id="conflict-rounds-to-other-hundred"),
    pytest.param("200,000 people", "212,000 people", Relation.CONFLICT,
                 id="conflict-one-digit-round-figure-is-an-estimate"),
    pytest.param("27,000 homes", "26,400 homes", Relation.CONFLICT, id="conflict-last-zero-beyond-about-band"),
    # an exact round figure may itself be rounded: it meets an open end at its value,
    # but two open ends at one value never meet (below)
    pytest.param("more than 25 people", "25 people", Relation.COMPATIBLE, id="compatible-round-figure-at-open-end"),
    pytest.param("less than 15 percent", "15 percent", Relation.COMPATIBLE, id="compatible-round-figure-below-open-end"),
    pytest.param("more than 100 people", "less than 100 people", Relation.CONFLICT,
                 id="conflict-open-ends-meet"),
    pytest.param("nearly 500 homes", "more than 500 homes", Relation.CONFLICT,
                 id="conflict-nearly-stops-short-where-more-than-starts"),
    pytest.param("about 1,000 people", "880 people", Relation.CONFLICT, id="conflict-outside-approx-band"),
    pytest.param("at least 73,400 people", "72,000 people", Relation.CONFLICT,
                 id="conflict-round-figure-of-another-count-than-the-bound"),
]


@pytest.mark.parametrize(("first", "second", "relation"), RELATE_CASES)
def test_relate(first, second, relation, tolerances):
    a, b = claim_of(first), claim_of(second)
    assert relate(a, b, tolerances) is relation
    assert relate(b, a, tolerances) is relation  # the relation is symmetric


def test_100_vs_62_is_not_rounding(tolerances):
    """100 shows a precision of ten; 62 rounds to 60, not 100, so this is a conflict."""
    a, b = claim_of("100 people"), claim_of("62 people")
    assert a.precision == 10.0
    relation = relate(a, b, tolerances)
    assert relation is not Relation.ROUNDING
    assert relation is Relation.CONFLICT


# --- intervals_overlap ------------------------------------------------------------

OVERLAP_CASES = [
    pytest.param("62 deaths", "62 deaths", True, id="same-point"),
    pytest.param("62 deaths", "63 deaths", False, id="different-points"),
    pytest.param("more than 30,000 people", "31,200 people", True, id="open-above-contains-point"),
    pytest.param("more than 100 people", "62 people", False, id="open-above-excludes-lower-point"),
    pytest.param("more than 100 people", "100 people", True, id="exclusive-low-end-touching-a-point"),
    pytest.param("at least 100 people", "100 people", True, id="inclusive-low-end-touching"),
    pytest.param("less than 100 people", "100 people", True, id="exclusive-high-end-touching-a-point"),
    pytest.param("up to 100 people", "100 people", True, id="inclusive-high-end-touching"),
    pytest.param("about 800 homes", "816 homes", True, id="approx-band-upper-edge"),
    pytest.param("about 800 homes", "817 homes", False, id="approx-band-beyond-edge"),
    pytest.param("nearly 600 people", "601 people", False, id="nearly-does-not-reach-above"),
    pytest.param("nearly 600 people", "588 people", True, id="nearly-band-lower-edge"),
    pytest.param("nearly 600 people", "587 people", False, id="nearly-band-beyond-lower-edge"),
    pytest.param("more than 50 people", "less than 60 people", True, id="two-open-intervals-overlap"),
    pytest.param("more than 60 people", "less than 50 people", False, id="two-open-intervals-apart"),
    pytest.param("40-55 fishermen", "50 fishermen", True, id="range-contains-point"),
    pytest.param("40-55 fishermen", "56 fishermen", False, id="range-excludes-point"),
]


@pytest.mark.parametrize(("first", "second", "overlap"), OVERLAP_CASES)
def test_intervals_overlap(first, second, overlap):
    a, b = claim_of(first), claim_of(second)
    assert intervals_overlap(a, b) is overlap
    assert intervals_overlap(b, a) is overlap


# --- severity ---------------------------------------------------------------------

SEVERITY_CASES = [
    pytest.param(Relation.AGREE, 0.0, Severity.NONE, id="agree-none"),
    pytest.param(Relation.COMPATIBLE, 0.4, Severity.NONE, id="compatible-none-even-if-far"),
    pytest.param(Relation.ROUNDING, 0.03, Severity.LOW, id="rounding-low"),
    pytest.param(Relation.CONFLICT, 0.0, Severity.LOW, id="conflict-zero-difference-low"),
    pytest.param(Relation.CONFLICT, 0.049, Severity.LOW, id="conflict-below-medium-low"),
    pytest.param(Relation.CONFLICT, 0.05, Severity.MEDIUM, id="conflict-at-medium-threshold"),
    pytest.param(Relation.CONFLICT, 0.249, Severity.MEDIUM, id="conflict-below-high-medium"),
    pytest.param(Relation.CONFLICT, 0.25, Severity.HIGH, id="conflict-at-high-threshold"),
    pytest.param(Relation.CONFLICT, 0.9, Severity.HIGH, id="conflict-far-high"),
]


@pytest.mark.parametrize(("relation", "relative", "expected"), SEVERITY_CASES)
def test_severity(relation, relative, expected, tolerances):
    assert severity(relation, relative, tolerances) is expected


END_TO_END_SEVERITY = [
    pytest.param("100 people", "62 people", Severity.HIGH, id="100-vs-62-high"),
    pytest.param("500 people", "800 people", Severity.HIGH, id="500-vs-800-high"),
    pytest.param("1,000 people", "1,150 people", Severity.MEDIUM, id="1000-vs-1150-medium"),
    pytest.param("48 people", "49 people", Severity.LOW, id="48-vs-49-low"),
    pytest.param("a 1,000-kilometre border", "a 987-kilometre border", Severity.LOW, id="rounding-low"),
    pytest.param("more than 30,000 people", "31,200 people", Severity.NONE, id="compatible-none"),
]


@pytest.mark.parametrize(("first", "second", "expected"), END_TO_END_SEVERITY)
def test_severity_of_extracted_pair(first, second, expected, tolerances):
    a, b = claim_of(first), claim_of(second)
    relation = relate(a, b, tolerances)
    relative = abs(a.value - b.value) / max(abs(a.value), abs(b.value))
    assert severity(relation, relative, tolerances) is expected


def _deaths_fact(figures):
    """One source per figure, each stating the deaths of one invented flood."""
    from factcheck.model import Document
    from factcheck.pipeline import analyse_documents

    documents = [Document(f"src{i}.txt", f"Officials said {figure} people were killed in the 2019 floods in Chile.",
                          f"sha{i}") for i, figure in enumerate(figures)]
    result = analyse_documents(documents, load_rules(Path(__file__).resolve().parents[1] / "rules"))
    assert len(result.facts) == 1, [f.label for f in result.facts]
    texts = {claim.id: claim.text for claim in result.claims}
    consensus = result.facts[0].consensus
    return consensus, sorted(texts[i] for i in consensus.outliers)


@pytest.mark.parametrize("figures, median, supporting, outliers", [
    pytest.param(["100", "104", "98", "101", "400", "99"], 100.5, ("src0.txt", "src3.txt"), ["400"],
                 id="more-than-double-the-median-is-an-outlier"),
    pytest.param(["100", "104", "98", "101", "160", "99"], 100.5, ("src0.txt", "src3.txt"), ["160"],
                 id="five-sources-beyond-two-robust-deviations"),
    pytest.param(["100", "160"], 130, (), [],
                 id="two-sources-no-robust-test"),
    pytest.param(["1,000", "972"], 986, ("src0.txt",), [],
                 id="a-rounded-figure-supports-the-median"),
    pytest.param(["more than 900", "960", "980"], 970, ("src0.txt",), [],
                 id="points-make-the-median-a-bound-supports-it"),
])
def test_consensus(figures, median, supporting, outliers):
    consensus, found_outliers = _deaths_fact(figures)
    assert consensus.value == pytest.approx(median)
    assert consensus.supporting == supporting
    assert found_outliers == outliers


@pytest.mark.parametrize("first, second, cause", [
    pytest.param("Officials said 120 people were killed in the 2019 floods in Chile.",
                 "Officials said 210 people were killed in the 2019 floods in Chile.",
                 "copied sentence, figure changed", id="copied-sentence-figure-changed"),
    pytest.param("Officials said 120 people were killed in the 2019 floods in Chile.",
                 "Rescuers counted 210 dead after the 2019 Chile floods swept the valley towns.",
                 None, id="own-words-no-restating-note"),
])
def test_note_names_a_restating_source(first, second, cause):
    from factcheck.model import Document
    from factcheck.pipeline import analyse_documents

    result = analyse_documents([Document("a.txt", first, "x"), Document("b.txt", second, "y")],
                               load_rules(Path(__file__).resolve().parents[1] / "rules"))
    assert len(result.findings) == 1
    note = result.findings[0].note
    assert (cause in note) if cause else ("restates" not in note), note


# --- how many pairs a fact gets ---------------------------------------------------


@pytest.mark.parametrize(("size", "findings", "comparison"), [
    pytest.param(3, 3, "every pair", id="small-fact-every-pair"),
    pytest.param(PAIRWISE_LIMIT, PAIRWISE_LIMIT * (PAIRWISE_LIMIT - 1) // 2, "every pair", id="at-the-limit"),
    pytest.param(PAIRWISE_LIMIT + 1, PAIRWISE_LIMIT, "with the consensus", id="above-the-limit-linear"),
    pytest.param(400, 399, "with the consensus", id="a-large-fact-linear"),
])
def test_findings_grow_linearly_above_the_pairwise_limit(size, findings, comparison):
    from report_builders import Builder

    rules = load_rules(RULES_DIR)
    build = Builder()
    # a toll stated by many sources: most say 40 (the consensus), some 41, a few 90
    values = [90 if i % 17 == 0 else 41 if i % 5 == 0 else 40 for i in range(size)]
    claims = [build.claim(f"c{i:03d}", f"s{i:03d}.txt", str(v), v, "Invented.") for i, v in enumerate(values)]
    fact = build.fact("f-toll", "people killed", claims, Relation.CONFLICT)
    compared, found = compare_facts([fact], {c.id: c for c in claims}, rules)
    assert (len(found), compared[0].comparison) == (findings, comparison)
    if comparison == "with the consensus":  # every claim is compared, with a claim stating the consensus
        anchor_values = {next(c for c in claims if c.id == i).value for f in found for i in f.claims
                         if sum(i in g.claims for g in found) == len(found)}
        assert anchor_values == {compared[0].consensus.value}
        assert {i for f in found for i in f.claims} == {c.id for c in claims}
        assert compared[0].verdict is Relation.CONFLICT  # the 90s still conflict with the consensus
