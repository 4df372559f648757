"""Multi-source grouping through `factcheck.pipeline.analyse_documents`.

Every fixture is a small set of invented documents. A claim is named by
(source, surface text); `together` lists pairs that must be members of one fact and
`apart` pairs that must not share a fact. Each negative case has a positive control
beside it, so "apart" cannot pass just because nothing groups at all.
"""

from __future__ import annotations

import pytest
from conftest import quantity_claim, run_documents

from factcheck.model import ClaimKind


def grouping_case(case_id, documents, together=(), apart=(), marks=()):
    return pytest.param(documents, together, apart, id=case_id, marks=marks)


GROUP_CASES = [
    # one event, one year, two sources: one fact
    grouping_case(
        "death-toll-2021-two-sources-one-fact",
        [("a.txt", "The 2021 landslide in the mountain district killed 48 people, officials said."),
         ("b.txt", "Rescue teams confirmed 51 deaths after the landslide struck the district in 2021.")],
        together=[(("a.txt", "48"), ("b.txt", "51"))],
    ),
    grouping_case(
        "death-toll-2021-year-from-paragraph-and-toll-wording",
        [("a.txt", "The landslide hit the district in March 2021. It killed 48 people."),
         ("b.txt", "The death toll from the 2021 landslide rose to 51.")],
        together=[(("a.txt", "48"), ("b.txt", "51"))],
    ),
    # the same topic in different years: not one fact
    grouping_case(
        "flood-toll-2019-vs-2020-not-one-fact",
        [("a.txt", "The 2019 flood along the river killed 40 people."),
         ("b.txt", "In 2020, another flood on the same river killed 55 people.")],
        apart=[(("a.txt", "40"), ("b.txt", "55"))],
    ),
    grouping_case(
        "flood-toll-2019-vs-2020-years-from-paragraph",
        [("a.txt", "The 2019 flood was the worst in memory. It killed 40 people."),
         ("b.txt", "The 2020 flood was milder. It killed 55 people.")],
        apart=[(("a.txt", "40"), ("b.txt", "55"))],
    ),
    grouping_case(
        "control-flood-toll-same-year-joins",
        [("a.txt", "The 2019 flood along the river killed 40 people."),
         ("b.txt", "In 2019, the flood on the river killed 55 people.")],
        together=[(("a.txt", "40"), ("b.txt", "55"))],
    ),
    # two figures of one unit in one sentence: not one fact
    grouping_case(
        "two-tolls-in-one-sentence-not-one-fact",
        [("a.txt", "The storm killed 30 people on the coast and 12 people inland."),
         ("b.txt", "A relief worker said the storm was the worst in years.")],
        apart=[(("a.txt", "30"), ("a.txt", "12"))],
    ),
    grouping_case(
        "two-tolls-in-one-sentence-other-source-joins-one-of-them",
        [("a.txt", "The storm killed 30 people on the coast and 12 people inland."),
         ("b.txt", "The storm killed 30 people on the coast, the governor said.")],
        together=[(("a.txt", "30"), ("b.txt", "30"))],
        apart=[(("a.txt", "12"), ("b.txt", "30")), (("a.txt", "12"), ("a.txt", "30"))],
    ),
    grouping_case(
        "two-tolls-in-one-sentence-other-source-joins-the-matching-one",
        [("a.txt", "The storm killed 12 people inland, the governor said."),
         ("b.txt", "The storm killed 30 people on the coast and 12 people inland.")],
        together=[(("a.txt", "12"), ("b.txt", "12"))],
        apart=[(("a.txt", "12"), ("b.txt", "30"))],
    ),
    # deaths and displaced in one sentence: different facts
    grouping_case(
        "deaths-vs-displaced-one-sentence-different-facts",
        [("a.txt", "The earthquake killed 85 people and displaced 20,000 residents."),
         ("b.txt", "According to the agency, 20,000 residents were displaced and 85 people died.")],
        together=[(("a.txt", "85"), ("b.txt", "85")), (("a.txt", "20,000"), ("b.txt", "20,000"))],
        apart=[(("a.txt", "85"), ("a.txt", "20,000")), (("a.txt", "85"), ("b.txt", "20,000"))],
    ),
    # a length restated with another word for the border
    grouping_case(
        "border-vs-boundary-joins",
        [("a.txt", "The two states share a 1,200-kilometre border that runs through the desert."),
         ("b.txt", "Surveyors measured the boundary at 1,185 kilometres.")],
        together=[(("a.txt", "1,200-kilometre"), ("b.txt", "1,185 kilometres"))],
    ),
    grouping_case(
        "frontier-vs-boundary-joins",
        [("a.txt", "A new pipeline follows the 640-kilometre frontier between the two countries."),
         ("b.txt", "The boundary between the two countries is 652 kilometres long.")],
        together=[(("a.txt", "640-kilometre"), ("b.txt", "652 kilometres"))],
    ),
    # a superlative count does not join a plain count
    grouping_case(
        "two-largest-cities-vs-five-cities-not-one-fact",
        [("a.txt", "Floods swamped the two largest cities in the province."),
         ("b.txt", "Floods swamped five cities in the province.")],
        apart=[(("a.txt", "two"), ("b.txt", "five"))],
    ),
    grouping_case(
        "control-six-cities-vs-five-cities-joins",
        [("a.txt", "Floods swamped six cities in the province."),
         ("b.txt", "Floods swamped five cities in the province.")],
        together=[(("a.txt", "six"), ("b.txt", "five"))],
    ),
    # percentages of different things measured over the same period
    grouping_case(
        "control-same-turnout-restated-joins",
        [("a.txt", "Turnout in the runoff reached 61 percent."),
         ("b.txt", "Turnout in the runoff reached 64 percent.")],
        together=[(("a.txt", "61 percent"), ("b.txt", "64 percent"))],
    ),
    grouping_case(
        "prices-vs-wages-last-year-not-one-fact",
        [("a.txt", "Food prices rose 12 percent last year."),
         ("b.txt", "Wages rose 3 percent last year.")],
        apart=[(("a.txt", "12 percent"), ("b.txt", "3 percent"))],
    ),
]


@pytest.mark.parametrize(("documents", "together", "apart"), GROUP_CASES)
def test_grouping(documents, together, apart, rules):
    result = run_documents(documents, rules)
    for first, second in together:
        a, b = quantity_claim(result, *first).id, quantity_claim(result, *second).id
        assert a in result.fact_of, f"{first} is in no fact"
        assert result.fact_of[a] == result.fact_of.get(b), f"{first} and {second} are not one fact"
    for first, second in apart:
        a, b = quantity_claim(result, *first).id, quantity_claim(result, *second).id
        shared = a in result.fact_of and result.fact_of[a] == result.fact_of.get(b)
        assert not shared, f"{first} and {second} were grouped as one fact"


def test_fact_records_its_year_and_members(rules):
    result = run_documents(
        [("a.txt", "The 2021 landslide in the mountain district killed 48 people, officials said."),
         ("b.txt", "Rescue teams confirmed 51 deaths after the landslide struck the district in 2021.")],
        rules,
    )
    assert len(result.facts) == 1
    fact = result.facts[0]
    assert fact.label.startswith("people killed")  # the deaths topic's label
    assert "2021" in fact.label
    assert fact.dimension == "count"
    assert set(fact.claim_ids) == {quantity_claim(result, "a.txt", "48").id, quantity_claim(result, "b.txt", "51").id}
    assert fact.consensus is not None
    assert fact.consensus.sources == ("a.txt", "b.txt")


def test_dates_never_join_a_fact(rules):
    result = run_documents(
        [("a.txt", "The 2021 landslide killed 48 people."),
         ("b.txt", "In 2021, the landslide killed 51 people.")],
        rules,
    )
    date_ids = {c.id for c in result.claims if c.kind is ClaimKind.DATE}
    assert len(date_ids) == 2
    assert not date_ids & set(result.fact_of)
    assert len(result.facts) == 1


# --- a bucket too large to compare pair by pair (leader clustering) -----------------

def _archive(sources: int) -> list[tuple[str, str]]:
    """Many invented reports of one flood, each giving its toll and its injured, the
    figures varied: one bucket (one event, year and country) of 2 × `sources` counts."""
    return [(f"r{index:04d}.txt", f"The 2019 flood in Tarvena killed {40 + index % 3} people, officials said. "
                                  f"Doctors said the 2019 flood in Tarvena injured {300 + index % 4 * 10} people.")
            for index in range(sources)]


@pytest.mark.parametrize("sources", [
    pytest.param(150, id="pair-by-pair-300-claims"),
    pytest.param(260, id="by-leaders-520-claims"),
])
def test_a_large_bucket_keeps_each_property_one_fact(sources, rules):
    from factcheck.group import LEADER_BUCKET

    result = run_documents(_archive(sources), rules)
    counts = [c for c in result.claims if c.kind is ClaimKind.QUANTITY and c.unit == "people"]
    assert len(counts) == 2 * sources
    assert (len(counts) > LEADER_BUCKET) == (sources > 200)  # which way the bucket is clustered
    fact_of = {c.id: result.fact_of.get(c.id) for c in counts}
    deaths = {fact_of[c.id] for c in counts if c.value < 100}
    injured = {fact_of[c.id] for c in counts if c.value >= 300}
    assert len(deaths) == 1 and len(injured) == 1 and None not in deaths | injured
    assert deaths != injured


# --- average linkage decides the same whichever pair brings two groups together ------

def _exhaustive_groups(scores: dict, threshold: float) -> list[list[int]]:
    """Average linkage as `_cluster` defines it, deciding afresh at every pair."""
    import math

    group_of, members = list(range(4)), {i: [i] for i in range(4)}
    for (i, j), score in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        a, b = group_of[i], group_of[j]
        if a == b or score < threshold:
            continue
        across = [scores.get((min(x, y), max(x, y))) for x in members[a] for y in members[b]]
        if all(across) and math.fsum(across) / len(across) >= threshold:
            for x in members[b]:
                group_of[x] = a
            members[a].extend(members.pop(b))
    return sorted(sorted(m) for m in members.values() if len(m) > 1)


@pytest.mark.parametrize("scores", [
    # two pairs form first; the four scores across them average the threshold exactly,
    # a sum that rounds differently in the two orders the groups can meet in
    pytest.param({(0, 3): 1.5, (1, 2): 1.5, (0, 1): 1.083, (0, 2): 0.951, (1, 3): 0.954, (2, 3): 1.012},
                 id="mean-across-exactly-at-the-threshold"),
    pytest.param({(0, 3): 1.5, (1, 2): 1.5, (0, 1): 1.2, (0, 2): 0.7, (1, 3): 0.7, (2, 3): 1.2},
                 id="mean-across-below-the-threshold"),
    pytest.param({(0, 1): 1.4, (2, 3): 1.3, (0, 2): 1.1, (1, 3): 1.05, (0, 3): 1.0, (1, 2): 1.0},
                 id="all-join"),
])
def test_average_linkage_matches_deciding_afresh_at_every_pair(scores, rules, monkeypatch):
    import factcheck.group as group

    monkeypatch.setattr(group, "_pair_score", lambda a, b, *rest: (scores[(a, b)], "") if (a, b) in scores else None)
    threshold = rules.grouping.threshold
    found = group._cluster([0, 1, 2, 3], rules.grouping, 70, frozenset(), frozenset())
    assert sorted(sorted(member[0] for member in g) for g in found) == _exhaustive_groups(scores, threshold)


# --- parts grouped each on its own (the shuffle of a distributed run) -------------------
# `partition_claims` cuts the claims into parts of whole blocks; grouping and comparing
# each part alone must give the facts and findings of the whole, and no block may be
# split between two parts.

PART_CASES = [
    pytest.param([("a.txt", "The 2031 Orvald floods killed 40 people; the Orvald dam is 120 metres high."),
                  ("b.txt", "Floods in Orvald in 2031 killed 42 people. The dam, 118 metres high, held."),
                  ("c.txt", "The Orvald floods of 2031 killed 48 and cut output by 3 percent.")],
                 1, id="several-blocks-several-parts"),
    pytest.param([("a.txt", "The 2031 Orvald floods caused damage of ¥90 billion (US$13 billion)."),
                  ("b.txt", "Damage from the 2031 Orvald floods reached US$12.5 billion."),
                  ("c.txt", "The Orvald floods of 2031 caused 91 billion yuan in damage.")],
                 1, id="restated-in-another-currency-joins-two-blocks"),
    pytest.param([("a.txt", "The 2031 Orvald floods left billions of yuan (US$14 billion) in damage."),
                  ("b.txt", "Damage from the 2031 Orvald floods reached US$12.5 billion and killed 40 people."),
                  ("c.txt", "The Orvald floods of 2031 killed 44 people.")],
                 1, id="restatement-of-a-vague-original-travels-with-it"),
]


@pytest.mark.parametrize(("documents", "least_facts"), PART_CASES)
def test_parts_grouped_alone_give_the_facts_and_findings_of_the_whole(documents, least_facts, rules):
    from factcheck.compare import finding_order
    from factcheck.engine import compare_part
    from factcheck.group import _blocked, _restatements, partition_claims

    claims = list(run_documents(documents, rules).claims)
    whole = compare_part(claims, rules)
    parts = partition_claims(claims, rules)
    alone = [compare_part(part, rules) for part in parts]
    assert sorted((f for p in alone for f in p.facts), key=lambda f: f.id) == list(whole.facts)
    assert sorted((f for p in alone for f in p.findings), key=finding_order) == list(whole.findings)
    assert sorted(c for p in alone for c in p.copies) == list(whole.copies)
    assert len(whole.facts) >= least_facts
    # whole blocks, each claim in one part at most
    ids = [c.id for part in parts for c in part]
    assert len(ids) == len(set(ids))
    part_of_block: dict = {}
    for number, part in enumerate(parts):
        for _, key, _ in _blocked(part, _restatements(part, rules), rules):
            assert part_of_block.setdefault(key, number) == number, key


def test_a_review_attached_in_its_part_is_neither_lost_nor_stale(rules):
    from dataclasses import replace

    from factcheck.compare import finding_order
    from factcheck.engine import compare_part
    from factcheck.group import partition_claims
    from factcheck.model import Review, Verdict

    claims = list(run_documents(PART_CASES[0].values[0], rules).claims)
    discrepancy = next(f for f in compare_part(claims, rules).findings if f.review_key is not None)
    # one review that a finding matches, and one that none does (stale)
    unmatched = replace(discrepancy.review_key, measured="a figure no source gives")
    reviewed = replace(rules, accepted=(Review(discrepancy.review_key, Verdict.CONFIRMED, reviewer="ana"),
                                        Review(unmatched, Verdict.FALSE_ALARM)))
    whole = compare_part(claims, reviewed)
    alone = [compare_part(part, reviewed) for part in partition_claims(claims, reviewed)]
    assert sorted((f for p in alone for f in p.findings), key=finding_order) == list(whole.findings)
    assert frozenset().union(*(p.reviewed for p in alone)) == whole.reviewed == {discrepancy.review_key}
    assert [f.review.reviewer for f in whole.findings if f.review] == ["ana"]
