"""The grouping rules, one table per rule, run through `factcheck.pipeline.analyse_documents`.

Each case is two or three short invented documents (invented events, places and
figures). A claim is named by (source, surface text). Grouping cases list `together`
pairs (one fact) and `apart` pairs (no shared fact), and every "apart" has a positive
control beside it so that it cannot pass merely because nothing groups. Finding cases
name two claims and check the relation of their finding and, where the rule explains a
cause, the words its note must (or must not) contain.

Rules covered (see src/factcheck/group.py and src/factcheck/compare.py):
1. scope       a narrower counted noun ("Sudanese refugees" / "people") still joins the
               fact, and the note names the different scope;
2. time        figures anchored to different years are never one fact;
3. countries   figures about different countries (or different pairs of countries)
               are never one fact;
4. part/whole  a part of a stated total only meets other parts, never a total;
5. per-unit    "MW per turbine" is its own unit and never meets a plain "MW";
6. rounding    a round figure that is another rounded to its precision is `rounding`;
7. bounds      each qualifier's interval decides compatible / conflict against an exact
               figure (tolerances from rules/topics.yaml: about +/-2%, nearly -2%);
8. restatement "(250-mile)" after "400-kilometre" restates it: linked by `restates`, and
               never in a finding against it.
"""

from __future__ import annotations

import pytest
from conftest import quantity_claim, run_documents

from factcheck.model import Qualifier, Relation


# --- helpers ----------------------------------------------------------------------


def shared_fact(result, first, second):
    a, b = quantity_claim(result, *first).id, quantity_claim(result, *second).id
    return a in result.fact_of and result.fact_of[a] == result.fact_of.get(b)


def finding_between(result, first, second):
    ids = {quantity_claim(result, *first).id, quantity_claim(result, *second).id}
    found = [f for f in result.findings if set(f.claims) == ids]
    assert len(found) <= 1
    return found[0] if found else None


def assert_grouping(result, together, apart):
    for first, second in together:
        assert quantity_claim(result, *first).id in result.fact_of, f"{first} is in no fact"
        assert shared_fact(result, first, second), f"{first} and {second} are not one fact"
    for first, second in apart:
        assert not shared_fact(result, first, second), f"{first} and {second} were grouped as one fact"


def grouping_case(case_id, documents, together=(), apart=(), marks=()):
    return pytest.param(documents, together, apart, id=case_id, marks=marks)


def finding_case(case_id, documents, first, second, relation, note_has=(), note_lacks=(), marks=()):
    return pytest.param(documents, first, second, relation, note_has, note_lacks, id=case_id, marks=marks)


# --- grouping: rules 1-5 ------------------------------------------------------------

GROUPING_CASES = [
    # 1. scope: a narrower counted noun is still the same fact
    grouping_case(
        "scope/sudanese-refugees-vs-people-one-fact",
        [("a.txt", "Border guards said 12,000 Sudanese refugees fled into the market town after the raid."),
         ("b.txt", "Aid workers said 12,400 people fled into the market town after the raid.")],
        together=[(("a.txt", "12,000"), ("b.txt", "12,400"))],
    ),
    grouping_case(
        "scope/three-sources-sudanese-refugees-people-refugees-one-fact",
        [("a.txt", "Border guards said 12,000 Sudanese refugees fled into the market town after the raid."),
         ("b.txt", "Aid workers said 12,400 people fled into the market town after the raid."),
         ("c.txt", "A camp manager said 11,900 refugees fled into the market town after the raid.")],
        together=[(("a.txt", "12,000"), ("b.txt", "12,400")), (("b.txt", "12,400"), ("c.txt", "11,900"))],
    ),
    # 2. time: different years in the figures' own sentences are different facts
    grouping_case(
        "time/floods-2019-vs-2021-same-country-apart",
        [("a.txt", "The 2019 floods in Mozambique killed 63 people."),
         ("b.txt", "The 2021 floods in Mozambique killed 77 people.")],
        apart=[(("a.txt", "63"), ("b.txt", "77"))],
    ),
    grouping_case(
        "time/floods-2019-vs-2021-years-from-paragraph-apart",
        [("a.txt", "Heavy rain flooded Mozambique in 2019. The waters killed 63 people."),
         ("b.txt", "Heavy rain flooded Mozambique in 2021. The waters killed 77 people.")],
        apart=[(("a.txt", "63"), ("b.txt", "77"))],
    ),
    grouping_case(
        "time/control-floods-2019-twice-together",
        [("a.txt", "The 2019 floods in Mozambique killed 63 people."),
         ("b.txt", "In 2019, floods in Mozambique killed 77 people, the Red Cross said.")],
        together=[(("a.txt", "63"), ("b.txt", "77"))],
    ),
    grouping_case(
        "time/three-sources-two-2019-one-2021",
        [("a.txt", "The 2019 floods in Mozambique killed 63 people."),
         ("b.txt", "Floods in Mozambique killed 66 people in 2019."),
         ("c.txt", "The 2021 floods in Mozambique killed 77 people.")],
        together=[(("a.txt", "63"), ("b.txt", "66"))],
        apart=[(("a.txt", "63"), ("c.txt", "77")), (("b.txt", "66"), ("c.txt", "77"))],
    ),
    # 3. countries: another country's figure is another fact
    grouping_case(
        "countries/chile-vs-peru-population-apart",
        [("a.txt", "Chile's population of 19.6 million is ageing fast, the report said."),
         ("b.txt", "Peru's population of 34 million is younger, the report said.")],
        apart=[(("a.txt", "19.6 million"), ("b.txt", "34 million"))],
    ),
    grouping_case(
        "countries/control-chile-population-twice-together",
        [("a.txt", "Chile's population of 19.6 million is ageing fast, the report said."),
         ("b.txt", "Chile has a population of 19.8 million, the statistics office said.")],
        together=[(("a.txt", "19.6 million"), ("b.txt", "19.8 million"))],
    ),
    grouping_case(
        "countries/three-sources-chile-chile-peru",
        [("a.txt", "Chile's population of 19.6 million is ageing fast, the report said."),
         ("b.txt", "Peru's population of 34 million is younger, the report said."),
         ("c.txt", "Chile has a population of 19.8 million, the statistics office said.")],
        together=[(("a.txt", "19.6 million"), ("c.txt", "19.8 million"))],
        apart=[(("a.txt", "19.6 million"), ("b.txt", "34 million")),
               (("b.txt", "34 million"), ("c.txt", "19.8 million"))],
    ),
    grouping_case(
        "countries/border-bolivia-chile-vs-bolivia-peru-apart",
        [("a.txt", "The 730-kilometre border between Bolivia and Chile crosses a salt desert."),
         ("b.txt", "The Bolivia-Peru border is 1,240 kilometres long.")],
        apart=[(("a.txt", "730-kilometre"), ("b.txt", "1,240 kilometres"))],
    ),
    grouping_case(
        "countries/control-border-between-vs-hyphen-same-pair-together",
        [("a.txt", "The 730-kilometre border between Bolivia and Chile crosses a salt desert."),
         ("b.txt", "The Bolivia-Chile border is 745 kilometres long.")],
        together=[(("a.txt", "730-kilometre"), ("b.txt", "745 kilometres"))],
    ),
    grouping_case(
        "countries/border-possessive-bolivia-chile-vs-bolivia-peru-apart",
        [("a.txt", "Bolivia's border with Chile is 730 kilometres long."),
         ("b.txt", "Bolivia's border with Peru is 1,240 kilometres long.")],
        apart=[(("a.txt", "730 kilometres"), ("b.txt", "1,240 kilometres"))],
    ),
    grouping_case(
        "countries/control-border-bolivia-chile-both-orders-together",
        [("a.txt", "Bolivia's border with Chile is 730 kilometres long."),
         ("b.txt", "Chile's border with Bolivia is 745 kilometres long.")],
        together=[(("a.txt", "730 kilometres"), ("b.txt", "745 kilometres"))],
    ),
    grouping_case(
        "countries/border-pair-vs-pair-named-with-and-apart",
        [("a.txt", "The 730-kilometre border between Bolivia and Chile crosses a salt desert."),
         ("b.txt", "The border between Peru and Bolivia is 1,240 kilometres long.")],
        apart=[(("a.txt", "730-kilometre"), ("b.txt", "1,240 kilometres"))],
    ),
    grouping_case(
        "countries/border-x-and-y-share-both-orders-together",
        [("a.txt", "Bolivia and Chile share a 730-kilometre border."),
         ("b.txt", "Chile and Bolivia share a 745-kilometre border.")],
        together=[(("a.txt", "730-kilometre"), ("b.txt", "745-kilometre"))],
    ),
    # 4. part and whole: a part of a total only meets parts
    grouping_case(
        "part-whole/totals-together-part-apart",
        [("a.txt", "Donors pledged a $9 billion aid package, including $2 billion for schools."),
         ("b.txt", "Donors pledged a $9.5 billion aid package on Monday.")],
        together=[(("a.txt", "$9 billion"), ("b.txt", "$9.5 billion"))],
        apart=[(("a.txt", "$2 billion"), ("a.txt", "$9 billion")),
               (("a.txt", "$2 billion"), ("b.txt", "$9.5 billion"))],
    ),
    grouping_case(
        "part-whole/parts-meet-parts-totals-meet-totals",
        [("a.txt", "Donors pledged a $9 billion aid package, including $2 billion for schools."),
         ("b.txt", "Donors pledged a $9.5 billion aid package, including $2.5 billion for schools.")],
        together=[(("a.txt", "$9 billion"), ("b.txt", "$9.5 billion")),
                  (("a.txt", "$2 billion"), ("b.txt", "$2.5 billion"))],
        apart=[(("a.txt", "$2 billion"), ("b.txt", "$9.5 billion")),
               (("b.txt", "$2.5 billion"), ("a.txt", "$9 billion"))],
    ),
    # 5. per-unit: a figure per thing is its own unit
    grouping_case(
        "per-unit/mw-per-turbine-vs-park-mw-apart",
        [("a.txt", "The offshore wind park at Skarvik will install 250 MW per turbine."),
         ("b.txt", "The offshore wind park at Skarvik will install 1,000 MW.")],
        apart=[(("a.txt", "250 MW per turbine"), ("b.txt", "1,000 MW"))],
    ),
    grouping_case(
        "per-unit/control-park-1000-vs-1050-mw-together",
        [("a.txt", "The offshore wind park at Skarvik will install 1,000 MW."),
         ("b.txt", "The offshore wind park at Skarvik will install 1,050 MW.")],
        together=[(("a.txt", "1,000 MW"), ("b.txt", "1,050 MW"))],
    ),
    grouping_case(
        "per-unit/park-and-turbine-in-one-sentence-park-joins-park",
        [("a.txt", "The wind park at Skarvik will have 1,000 MW of capacity, with 250 MW per turbine."),
         ("b.txt", "The wind park at Skarvik will have 1,050 MW of capacity.")],
        together=[(("a.txt", "1,000 MW"), ("b.txt", "1,050 MW"))],
        apart=[(("a.txt", "250 MW per turbine"), ("b.txt", "1,050 MW")),
               (("a.txt", "250 MW per turbine"), ("a.txt", "1,000 MW"))],
    ),
]


@pytest.mark.parametrize(("documents", "together", "apart"), GROUPING_CASES)
def test_grouping_rule(documents, together, apart, rules):
    assert_grouping(run_documents(documents, rules), together, apart)


# --- findings: scope notes, part/whole totals, rounding (rules 1, 4, 6) --------------

FINDING_CASES = [
    # 1. scope: the note names the different counted nouns when the values differ
    finding_case(
        "scope/conflict-note-names-different-scope",
        [("a.txt", "Border guards said 12,000 Sudanese refugees fled into the market town after the raid."),
         ("b.txt", "Aid workers said 12,400 people fled into the market town after the raid.")],
        ("a.txt", "12,000"), ("b.txt", "12,400"), Relation.CONFLICT,
        note_has=("different scope", "Sudanese refugees"),
    ),
    finding_case(
        "scope/rounding-note-names-rounding-and-scope",
        [("a.txt", "Border guards said 12,000 Sudanese refugees fled into the market town after the raid."),
         ("b.txt", "Aid workers said 12,043 people fled into the market town after the raid.")],
        ("a.txt", "12,000"), ("b.txt", "12,043"), Relation.ROUNDING,
        note_has=("rounded to the nearest 100", "different scope"),
    ),
    finding_case(
        "scope/control-same-scope-note-silent-on-scope",
        [("a.txt", "Border guards said 12,000 Sudanese refugees fled into the market town after the raid."),
         ("b.txt", "Aid workers said 12,400 Sudanese refugees fled into the market town after the raid.")],
        ("a.txt", "12,000"), ("b.txt", "12,400"), Relation.CONFLICT,
        note_lacks=("different scope",),
    ),
    # 4. part and whole: the two totals are compared with each other
    finding_case(
        "part-whole/totals-9-vs-9.5-billion-conflict",
        [("a.txt", "Donors pledged a $9 billion aid package, including $2 billion for schools."),
         ("b.txt", "Donors pledged a $9.5 billion aid package on Monday.")],
        ("a.txt", "$9 billion"), ("b.txt", "$9.5 billion"), Relation.CONFLICT,
    ),
    # 6. rounding
    finding_case(
        "rounding/1000-kilometre-vs-987-km",
        [("a.txt", "Engineers finished the 1,000-kilometre canal across the delta."),
         ("b.txt", "Engineers finished the 987 km canal across the delta.")],
        ("a.txt", "1,000-kilometre"), ("b.txt", "987 km"), Relation.ROUNDING,
        note_has=("rounded to the nearest 100",),
    ),
    finding_case(
        "rounding/1000-km-vs-987-km",
        [("a.txt", "The new canal across the delta runs for 1,000 km."),
         ("b.txt", "The new canal across the delta runs for 987 km.")],
        ("a.txt", "1,000 km"), ("b.txt", "987 km"), Relation.ROUNDING,
        note_has=("rounded to the nearest 100",),
    ),
    # "about" already allows +/-2%: 987 lies inside [980, 1,020], so the pair is
    # compatible, which `relate` checks before rounding (no discrepancy to report).
    finding_case(
        "rounding/about-1000-km-vs-987-km-is-compatible",
        [("a.txt", "The new canal across the delta runs for about 1,000 km."),
         ("b.txt", "The new canal across the delta runs for 987 km.")],
        ("a.txt", "about 1,000 km"), ("b.txt", "987 km"), Relation.COMPATIBLE,
    ),
    finding_case(
        "rounding/control-1000-kilometre-vs-1080-km-conflict",
        [("a.txt", "Engineers finished the 1,000-kilometre canal across the delta."),
         ("b.txt", "Engineers finished the 1,080 km canal across the delta.")],
        ("a.txt", "1,000-kilometre"), ("b.txt", "1,080 km"), Relation.CONFLICT,
    ),
    finding_case(
        "rounding/40-percent-vs-40.3-percent",
        [("a.txt", "Turnout in the provincial referendum was 40 percent."),
         ("b.txt", "Turnout in the provincial referendum was 40.3 percent.")],
        ("a.txt", "40 percent"), ("b.txt", "40.3 percent"), Relation.ROUNDING,
        note_has=("40 is 40.3 rounded to the nearest 1",),
    ),
    finding_case(
        "rounding/control-40-percent-vs-41.3-percent-conflict",
        [("a.txt", "Turnout in the provincial referendum was 40 percent."),
         ("b.txt", "Turnout in the provincial referendum was 41.3 percent.")],
        ("a.txt", "40 percent"), ("b.txt", "41.3 percent"), Relation.CONFLICT,
    ),
]


@pytest.mark.parametrize(("documents", "first", "second", "relation", "note_has", "note_lacks"), FINDING_CASES)
def test_finding_rule(documents, first, second, relation, note_has, note_lacks, rules):
    result = run_documents(documents, rules)
    assert shared_fact(result, first, second), f"{first} and {second} are not one fact"
    finding = finding_between(result, first, second)
    assert finding is not None, f"no finding between {first} and {second}"
    assert finding.relation is relation, f"{finding.relation.value}: {finding.note}"
    for words in note_has:
        assert words in finding.note, f"{words!r} not in note {finding.note!r}"
    for words in note_lacks:
        assert words not in finding.note, f"{words!r} in note {finding.note!r}"


# --- rule 7: bound qualifiers against an exact figure ------------------------------
#
# Intervals (src/factcheck/extract/qualifiers.py, tolerances in rules/topics.yaml):
#   more than / over X   (X, inf)      open: X itself is outside
#   at least X           [X, inf)
#   up to X              (-inf, X]
#   fewer / less than X  (-inf, X)     open
#   nearly / almost X    [0.9 X, X]
#   about X              [0.9 X, 1.1 X]
#   between X and Y      [X, Y]
# Overlap is `compatible`; no overlap is `conflict`. Only point figures (exact, about) can
# be `rounding`, and none of the "about" rows below is a rounded form of its partner.


def bound_case(case_id, bounded, exact, relation, marks=()):
    """`bounded` and `exact` are (sentence, surface); the bounded one is a.txt."""
    return pytest.param(bounded, exact, relation, id=case_id, marks=marks)


# One invented event per qualifier, told in different words by the two sources.
DAM = ("The dam burst forced {} people to flee their homes.",
       "Officials said {} people fled when the dam burst.")
MUDSLIDE = ("The mudslide left {} people injured.",
            "Hospitals treated {} people injured in the mudslide.")
MINE = ("The mine collapse killed {} people.",
        "Rescuers say {} people died when the mine collapsed.")
WILDFIRE = ("{} people fled the wildfire in the hills.",
            "The hill fire forced {} people to flee, the fire brigade said.")
CENSUS = ("Ecuador's population is {}, the census office said.",
          "Ecuador has a population of {}, a new survey shows.")
HEATWAVE = ("The heatwave killed {} people.",
            "Health officials counted {} deaths during the heatwave.")
STAMPEDE = ("{} people were hurt in the stadium stampede.",
            "Medics said the stampede at the stadium injured {} people.")
FERRY = ("The ferry sinking killed {} people.",
         "The coast guard said {} people died when the ferry sank.")
ERUPTION = ("{} people were evacuated before the eruption.",
            "Before the volcano erupted, police evacuated {} people.")
BLAST = ("The depot blast injured {} people.",
         "A hospital spokesman said {} people were hurt in the depot explosion.")


def both(event, bounded, exact):
    bounded_template, exact_template = event
    return (bounded_template.format(bounded), bounded), (exact_template.format(exact), exact)


BOUND_CASES = [
    # more than: open lower bound
    bound_case("more-than/30000-vs-33000-compatible", *both(DAM, "more than 30,000", "33,000"), Relation.COMPATIBLE),
    bound_case("more-than/30000-vs-28000-conflict", *both(DAM, "more than 30,000", "28,000"), Relation.CONFLICT),
    # an exact round figure may itself be rounded: it meets an open end at its value
    bound_case("more-than/30000-vs-30000-compatible-round-figure-at-open-end",
               *both(DAM, "more than 30,000", "30,000"), Relation.COMPATIBLE),
    # over: the same interval as more than
    bound_case("over/2000-vs-2150-compatible", *both(MUDSLIDE, "over 2,000", "2,150"), Relation.COMPATIBLE),
    bound_case("over/2000-vs-1900-conflict", *both(MUDSLIDE, "over 2,000", "1,900"), Relation.CONFLICT),
    # at least: closed lower bound
    bound_case("at-least/500-vs-540-compatible", *both(MINE, "at least 500", "540"), Relation.COMPATIBLE),
    bound_case("at-least/500-vs-500-compatible-closed-end", *both(MINE, "at least 500", "500"), Relation.COMPATIBLE),
    bound_case("at-least/500-vs-460-conflict", *both(MINE, "at least 500", "460"), Relation.CONFLICT),
    # up to: closed upper bound
    bound_case("up-to/500-vs-480-compatible", *both(WILDFIRE, "Up to 500", "480"), Relation.COMPATIBLE),
    bound_case("up-to/500-vs-500-compatible-closed-end", *both(WILDFIRE, "Up to 500", "500"), Relation.COMPATIBLE),
    bound_case("up-to/500-vs-620-conflict", *both(WILDFIRE, "Up to 500", "620"), Relation.CONFLICT),
    # nearly: up to 2% below the value (as editors read it), never above it
    bound_case("nearly/12m-vs-11.8m-compatible", *both(CENSUS, "nearly 12 million", "11.8 million"),
               Relation.COMPATIBLE),
    bound_case("nearly/12m-vs-12.3m-conflict-above", *both(CENSUS, "nearly 12 million", "12.3 million"),
               Relation.CONFLICT),
    bound_case("nearly/12m-vs-10.5m-conflict-too-far-below", *both(CENSUS, "nearly 12 million", "10.5 million"),
               Relation.CONFLICT),
    # almost: the same interval as nearly
    bound_case("almost/400-vs-395-compatible", *both(HEATWAVE, "almost 400", "395"), Relation.COMPATIBLE),
    bound_case("almost/400-vs-385-conflict-below-band", *both(HEATWAVE, "almost 400", "385"), Relation.CONFLICT),
    bound_case("almost/400-vs-410-conflict-above", *both(HEATWAVE, "almost 400", "410"), Relation.CONFLICT),
    bound_case("almost/400-vs-350-conflict-too-far-below", *both(HEATWAVE, "almost 400", "350"), Relation.CONFLICT),
    # fewer than: open upper bound
    bound_case("fewer-than/200-vs-180-compatible", *both(STAMPEDE, "Fewer than 200", "180"), Relation.COMPATIBLE),
    bound_case("fewer-than/200-vs-200-compatible-round-figure-at-open-end",
               *both(STAMPEDE, "Fewer than 200", "200"), Relation.COMPATIBLE),
    bound_case("fewer-than/200-vs-240-conflict", *both(STAMPEDE, "Fewer than 200", "240"), Relation.CONFLICT),
    # less than: the same interval as fewer than
    bound_case("less-than/50-vs-47-compatible", *both(FERRY, "less than 50", "47"), Relation.COMPATIBLE),
    bound_case("less-than/50-vs-55-conflict", *both(FERRY, "less than 50", "55"), Relation.CONFLICT),
    # about: 2% either side (as editors read it)
    bound_case("about/800-vs-810-compatible", *both(ERUPTION, "About 800", "810"), Relation.COMPATIBLE),
    bound_case("about/800-vs-784-compatible-at-band-edge", *both(ERUPTION, "About 800", "784"), Relation.COMPATIBLE),
    bound_case("about/800-vs-870-conflict", *both(ERUPTION, "About 800", "870"), Relation.CONFLICT),
    bound_case("about/800-vs-910-conflict", *both(ERUPTION, "About 800", "910"), Relation.CONFLICT),
    # between X and Y: a closed range
    bound_case("between/40-and-55-vs-48-compatible", *both(BLAST, "between 40 and 55", "48"), Relation.COMPATIBLE),
    bound_case("between/40-and-55-vs-55-compatible-closed-end", *both(BLAST, "between 40 and 55", "55"),
               Relation.COMPATIBLE),
    bound_case("between/40-and-55-vs-60-conflict", *both(BLAST, "between 40 and 55", "60"), Relation.CONFLICT),
    bound_case("between/40-and-55-vs-36-conflict", *both(BLAST, "between 40 and 55", "36"), Relation.CONFLICT),
]


QUALIFIER_OF_PHRASE = {
    "more than": Qualifier.MORE_THAN, "over": Qualifier.MORE_THAN, "at least": Qualifier.AT_LEAST,
    "up to": Qualifier.AT_MOST, "nearly": Qualifier.NEARLY, "almost": Qualifier.NEARLY,
    "fewer than": Qualifier.LESS_THAN, "less than": Qualifier.LESS_THAN, "about": Qualifier.APPROX,
    "between": Qualifier.RANGE,
}


@pytest.mark.parametrize(("bounded", "exact", "relation"), BOUND_CASES)
def test_bound_qualifier_against_exact_figure(bounded, exact, relation, rules):
    (bounded_text, bounded_surface), (exact_text, exact_surface) = bounded, exact
    result = run_documents([("a.txt", bounded_text), ("b.txt", exact_text)], rules)
    first, second = ("a.txt", bounded_surface), ("b.txt", exact_surface)
    phrase = next(p for p in QUALIFIER_OF_PHRASE if bounded_surface.lower().startswith(p + " "))
    assert quantity_claim(result, *first).qualifier is QUALIFIER_OF_PHRASE[phrase]
    assert shared_fact(result, first, second), f"{first} and {second} are not one fact"
    finding = finding_between(result, first, second)
    assert finding is not None
    assert finding.relation is relation, f"{finding.relation.value}: {finding.note}"


# --- rule 8: a figure restated in another unit ---------------------------------------

RESTATEMENT_CASES = [
    pytest.param(
        [("a.txt", "Workers dug a 400-kilometre (250-mile) canal through the plain.")],
        ("a.txt", "400-kilometre"), ("a.txt", "250-mile"), None,
        id="canal-400-km-restated-250-miles-one-source",
    ),
    pytest.param(
        [("a.txt", "Surveyors walked the 400-kilometre (250-mile) border between the two kingdoms."),
         ("b.txt", "The border between the two kingdoms is 410 kilometres long.")],
        ("a.txt", "400-kilometre"), ("a.txt", "250-mile"), ("b.txt", "410 kilometres"),
        id="border-restated-figure-joins-other-source-restatement-stays-out",
    ),
    pytest.param(
        [("a.txt", "The two kingdoms share a 400-kilometre (250-mile) frontier."),
         ("b.txt", "The frontier between the two kingdoms is 250 miles long.")],
        ("a.txt", "400-kilometre"), ("a.txt", "250-mile"), ("b.txt", "250 miles"),
        id="frontier-restatement-stays-out-when-other-source-gives-miles",
    ),
    pytest.param(
        [("a.txt", "Workers dug a 400-kilometre (250-mile) canal through the plain."),
         ("b.txt", "Workers dug a 410-kilometre canal through the plain.")],
        ("a.txt", "400-kilometre"), ("a.txt", "250-mile"), ("b.txt", "410-kilometre"),
        id="canal-restated-figure-joins-other-source",
    ),
]


@pytest.mark.parametrize(("documents", "figure", "restatement", "other"), RESTATEMENT_CASES)
def test_restatement_links_to_its_figure(documents, figure, restatement, other, rules):
    result = run_documents(documents, rules)
    original, restated = quantity_claim(result, *figure), quantity_claim(result, *restatement)
    assert restated.restates == original.id
    assert original.restates is None
    assert not any(restated.id in f.claims for f in result.findings), "a restatement is in a finding"
    assert restated.id not in result.fact_of
    if other is not None:
        # the restated figure itself still meets another source's figure
        assert shared_fact(result, figure, other), f"{figure} and {other} are not one fact"
        assert finding_between(result, figure, other) is not None
