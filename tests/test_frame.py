"""The frame stage through the whole pipeline: which event each figure belongs to, what
narrows it within that event, and when it holds; then what grouping and comparing make
of that.

Every case is a small corpus of invented articles (invented cities, people and figures;
real country names only because the gazetteer knows them), run through
`factcheck.pipeline.analyse_documents` with the project's rules. A claim is named by
(source, surface text), or (source, surface text, n) for the n-th of several equal
surfaces. A case may check:
- `expect`: attributes of single claims (event_label, facets, as_of, topic, ...);
- `same_event` / `other_event`: pairs of claims that share an event id, or do not;
- `together` / `apart`: pairs of claims in one fact, or in no shared fact;
- `ungrouped`: claims in no fact at all (forecasts, vague figures).
Every "apart" and "other_event" case carries a positive control beside it (a pair that
does group, does share an event), so that it cannot pass merely because nothing groups
(`test_every_negative_case_has_a_positive_control` keeps that so).

Behaviours covered:
1. events      several events of one kind stay apart (earthquakes of other years and
               countries, floods of one country in other years); one event worded
               differently is one event, its tolls one fact;
2. passages    a passage citing another dated event belongs to it; a figure that its own
               sentence dates to another event's year of the same kind and country
               belongs to that event; a sentence referring back ("In that disaster")
               takes the event of the sentence before;
3. scope       a country within a many-country event, a city, a category, a status;
               forecasts and vague figures are never members of a fact;
4. counts      a bare number whose counted noun stands earlier in its sentence is a count;
5. headlines   a headline stated in the header block and again as the first line counts once;
6. dates       as_of falls back to the article's publication date;
7. causes      a later, larger count is "time" (low); another scope is "scope" (low);
               two same-day different tolls are "unexplained";
8. no event    an article that names no event puts its figures in none, and they still
               meet figures of a standing thing (a border) that other articles name;
9. two times   a comparison dates each side by its own words; a table dates each column
               by its header's year; a compared event's year dates no figure; a
               revision ("to 480 from 310") states one count twice; a figure restated
               in dollars meets the dollar figures and joins its original's fact;
10. tables     a header of count words ("Dead Missing") gives each column its topic and a
               row's label its place; a relative clause aside gives no topic; a toll that
               "remained at" is no remaining population; "among all districts" is a part.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import RULES_DIR

from factcheck.frame.events import Event, nearest_event
from factcheck.model import ClaimKind, Document, Severity
from factcheck.pipeline import analyse_documents
from factcheck.project import load_rules


@pytest.fixture(scope="module")
def frame_rules():
    return load_rules(RULES_DIR)


# --- corpus helpers -----------------------------------------------------------------


def article(title, published, *paragraphs, key="date"):
    """An article as saved news pages keep it: a header block, a blank line, the body."""
    return f"title: {title}\n{key}: {published}\n\n" + "\n\n".join(paragraphs)


def run(documents, rules):
    return analyse_documents([Document(source, text, f"sha-{source}") for source, text in documents], rules)


def claim(result, ref):
    """The claim named by (source, surface) or (source, surface, n)."""
    source, surface, *nth = ref
    found = [c for c in result.claims
             if c.source == source and c.text == surface and c.kind is ClaimKind.QUANTITY]
    index = nth[0] if nth else 0
    if not nth:
        assert len(found) == 1, (
            f"expected one quantity {surface!r} in {source}, got "
            f"{[(c.source, c.text) for c in result.claims if c.kind is ClaimKind.QUANTITY]}")
    assert len(found) > index, f"no quantity {surface!r} number {index} in {source}"
    return sorted(found, key=lambda c: c.start)[index]


def shared_fact(result, first, second):
    a, b = claim(result, first).id, claim(result, second).id
    return a in result.fact_of and result.fact_of[a] == result.fact_of.get(b)


def finding_between(result, first, second):
    ids = {claim(result, first).id, claim(result, second).id}
    found = [f for f in result.findings if set(f.claims) == ids]
    assert len(found) <= 1
    return found[0] if found else None


def describe(result):
    """Every quantity claim with its frame, for failure messages."""
    return "\n".join(
        f"  {c.source} {c.text!r}: event={c.event_label!r} facets={c.facets} as_of={c.as_of}/{c.as_of_basis} "
        f"topic={c.topic} fact={result.fact_of.get(c.id)}"
        for c in result.claims if c.kind is ClaimKind.QUANTITY)


def frame_case(case_id, documents, *, expect=(), same_event=(), other_event=(), together=(), apart=(),
               ungrouped=(), marks=()):
    return pytest.param(documents, tuple(expect), tuple(same_event), tuple(other_event), tuple(together),
                        tuple(apart), tuple(ungrouped), id=case_id, marks=marks)


def xfail(reason):
    return pytest.mark.xfail(reason=reason, strict=False)


# --- 1. several events of one kind, and one event in many words ----------------------

CHILE_QUAKE_2014 = article(
    "Earthquake strikes northern Chile", "2014-04-02",
    "A powerful earthquake struck northern Chile on Tuesday. The quake killed 212 people, officials said.")
CHILE_QUAKE_2014_LATER = article(
    "Chile quake toll rises", "2014-04-03",
    "The earthquake in northern Chile killed 215 people, rescuers said on Wednesday.")
PERU_QUAKE_2017 = article(
    "Earthquake strikes southern Peru", "2017-09-10",
    "A strong earthquake hit southern Peru on Sunday. The quake killed 208 people, officials said.")
PERU_QUAKE_2017_LATER = article(
    "Peru quake toll climbs", "2017-09-11",
    "The earthquake in southern Peru has killed 211 people, the interior ministry said.")
ECUADOR_QUAKE_2017 = article(
    "Earthquake rocks Ecuador coast", "2017-09-10",
    "An earthquake shook the coast of Ecuador on Sunday, killing 209 people, the government said.")

MALAWI_FLOODS_2015 = article(
    "Floods swamp Malawi", "2015-01-20",
    "Floods in southern Malawi have killed 176 people, the government said.")
MALAWI_FLOODS_2015_LATER = article(
    "Malawi flood toll climbs", "2015-01-22",
    "The floods in southern Malawi have now killed 190 people, officials said.")
MALAWI_FLOODS_2019 = article(
    "Malawi floods", "2019-03-12",
    "Flooding across southern Malawi has killed 181 people, the government said on Tuesday.")
MALAWI_FLOODS_2019_LATER = article(
    "Malawi flood deaths rise", "2019-03-13",
    "Flooding in southern Malawi has now killed 185 people, the Red Cross said.")

EVENT_CASES = [
    frame_case(
        "events/earthquakes-chile-2014-vs-peru-2017-close-tolls-apart",
        [("a.txt", CHILE_QUAKE_2014), ("b.txt", PERU_QUAKE_2017), ("c.txt", CHILE_QUAKE_2014_LATER)],
        expect=[(("a.txt", "212"), {"event_label": "2014 Chile earthquake"}),
                (("b.txt", "208"), {"event_label": "2017 Peru earthquake"})],
        same_event=[(("a.txt", "212"), ("c.txt", "215"))],
        other_event=[(("a.txt", "212"), ("b.txt", "208")), (("c.txt", "215"), ("b.txt", "208"))],
        together=[(("a.txt", "212"), ("c.txt", "215"))],
        apart=[(("a.txt", "212"), ("b.txt", "208")), (("c.txt", "215"), ("b.txt", "208"))],
    ),
    frame_case(
        "events/earthquakes-peru-vs-ecuador-same-day-apart",
        [("a.txt", PERU_QUAKE_2017), ("b.txt", ECUADOR_QUAKE_2017), ("c.txt", PERU_QUAKE_2017_LATER)],
        expect=[(("b.txt", "209"), {"event_label": "2017 Ecuador earthquake"})],
        same_event=[(("a.txt", "208"), ("c.txt", "211"))],
        other_event=[(("a.txt", "208"), ("b.txt", "209"))],
        together=[(("a.txt", "208"), ("c.txt", "211"))],
        apart=[(("a.txt", "208"), ("b.txt", "209")), (("c.txt", "211"), ("b.txt", "209"))],
    ),
    frame_case(
        "events/floods-malawi-2015-vs-2019-apart",
        [("a.txt", MALAWI_FLOODS_2015), ("b.txt", MALAWI_FLOODS_2019), ("c.txt", MALAWI_FLOODS_2015_LATER),
         ("d.txt", MALAWI_FLOODS_2019_LATER)],
        expect=[(("a.txt", "176"), {"event_label": "2015 Malawi floods"}),
                (("b.txt", "181"), {"event_label": "2019 Malawi floods"})],
        same_event=[(("a.txt", "176"), ("c.txt", "190")), (("b.txt", "181"), ("d.txt", "185"))],
        other_event=[(("a.txt", "176"), ("b.txt", "181"))],
        together=[(("a.txt", "176"), ("c.txt", "190")), (("b.txt", "181"), ("d.txt", "185"))],
        apart=[(("a.txt", "176"), ("b.txt", "181")), (("c.txt", "190"), ("d.txt", "185"))],
    ),
    frame_case(
        "events/floods-malawi-same-words-years-only-in-header-apart",
        [("a.txt", article("Floods in Malawi", "2015-01-20", "Floods in southern Malawi have killed 176 people.")),
         ("b.txt", article("Floods in Malawi", "2019-03-12", "Floods in southern Malawi have killed 181 people.")),
         ("c.txt", article("Malawi floods", "2015-01-22", "The floods in southern Malawi killed 178 people."))],
        same_event=[(("a.txt", "176"), ("c.txt", "178"))],
        other_event=[(("a.txt", "176"), ("b.txt", "181"))],
        together=[(("a.txt", "176"), ("c.txt", "178"))],
        apart=[(("a.txt", "176"), ("b.txt", "181")), (("b.txt", "181"), ("c.txt", "178"))],
    ),
    frame_case(
        "events/floods-malawi-2019-article-saying-the-malawi-floods-stays-2019",
        [("a.txt", MALAWI_FLOODS_2015), ("c.txt", MALAWI_FLOODS_2015_LATER),
         ("b.txt", article("Malawi floods", "2019-03-12",
                           "The Malawi floods have killed 181 people, the government said on Tuesday.")),
         ("d.txt", MALAWI_FLOODS_2019_LATER)],
        expect=[(("b.txt", "181"), {"event_label": "2019 Malawi floods"})],
        same_event=[(("a.txt", "176"), ("c.txt", "190")), (("b.txt", "181"), ("d.txt", "185"))],
        other_event=[(("a.txt", "176"), ("b.txt", "181"))],
        together=[(("a.txt", "176"), ("c.txt", "190")), (("b.txt", "181"), ("d.txt", "185"))],
        apart=[(("a.txt", "176"), ("b.txt", "181")), (("c.txt", "190"), ("b.txt", "181"))],
    ),
    frame_case(
        "events/one-ecuador-quake-three-wordings-one-event-one-fact",
        [("a.txt", article("Earthquake devastates Ecuador coast", "2016-04-18",
                           "Rescuers dug through rubble on Monday after the quake flattened fishing towns. "
                           "At least 413 people were killed, the president said.")),
         ("b.txt", article("Ecuador tremor toll mounts", "2016-04-19",
                           "The death toll from Saturday's earthquake rose on Tuesday. Officials said 480 people "
                           "had died and 2,500 were injured.")),
         ("c.txt", article("Aid arrives after Ecuador earthquake", "https://news.example.org/2016/04/20/ecuador-aid",
                           "Aid flights landed in the port city. The disaster killed 525 people, according to "
                           "the latest count.", key="source"))],
        expect=[(("a.txt", "At least 413"), {"event_label": "2016 Ecuador earthquake"}),
                (("b.txt", "480"), {"event_label": "2016 Ecuador earthquake"}),
                (("c.txt", "525"), {"event_label": "2016 Ecuador earthquake", "as_of": "2016-04-20"})],
        same_event=[(("a.txt", "At least 413"), ("b.txt", "480")), (("b.txt", "480"), ("c.txt", "525")),
                    (("b.txt", "480"), ("b.txt", "2,500"))],
        together=[(("a.txt", "At least 413"), ("b.txt", "480")), (("b.txt", "480"), ("c.txt", "525"))],
        apart=[(("b.txt", "2,500"), ("c.txt", "525"))],
    ),
]


# --- 2. passages about another event ------------------------------------------------

PERU_QUAKE_2021 = article(
    "Earthquake shakes Peru highlands", "2021-11-28",
    "A strong earthquake struck the Peruvian highlands on Sunday, killing 37 people. It was the deadliest "
    "since the 1970 quake, which killed 1,200 people in the same valley.")
PERU_QUAKE_2021_LATER = article(
    "Peru earthquake toll rises", "2021-11-29",
    "The earthquake in the Peruvian highlands has killed 41 people, officials said.")
MOZAMBIQUE_FLOODS_2023 = article(
    "Floods return to Mozambique", "2023-02-14",
    "Floods in central Mozambique have killed 54 people this week.",
    "The government said damages of $2 billion in 2019 had still not been repaired.")
MOZAMBIQUE_FLOODS_2023_LATER = article(
    "Mozambique flood deaths rise", "2023-02-16",
    "The floods in central Mozambique have killed 61 people, officials said.")
MOZAMBIQUE_FLOODS_2019 = article(
    "Mozambique floods leave trail of ruin", "2019-03-25",
    "The floods in central Mozambique caused damages of $2.2 billion, the World Bank said.")
CYCLONE_2024 = article(
    "Cyclone batters Mozambique coast", "2024-03-05",
    "A cyclone struck the coast of Mozambique on Tuesday and killed 34 people, officials said.",
    "Older residents recall the cyclone of 1998 in Mozambique. In that disaster, 5,000 died.")
CYCLONE_2024_LATER = article(
    "Mozambique cyclone toll", "2024-03-06",
    "The cyclone that struck Mozambique this week has killed 38 people, officials said.")
CYCLONE_1998_REMEMBERED = article(
    "Remembering the 1998 Mozambique cyclone", "2018-03-05",
    "The cyclone of 1998 in Mozambique killed 4,600 people, historians say.")

PASSAGE_CASES = [
    frame_case(
        "passages/cited-1970-quake-gets-its-own-event",
        [("a.txt", PERU_QUAKE_2021), ("b.txt", PERU_QUAKE_2021_LATER)],
        expect=[(("a.txt", "37"), {"event_label": "2021 Peru earthquake"}),
                (("a.txt", "1,200"), {"as_of": "1970"})],
        same_event=[(("a.txt", "37"), ("b.txt", "41"))],
        other_event=[(("a.txt", "37"), ("a.txt", "1,200")), (("b.txt", "41"), ("a.txt", "1,200"))],
        together=[(("a.txt", "37"), ("b.txt", "41"))],
        apart=[(("a.txt", "1,200"), ("b.txt", "41"))],
    ),
    frame_case(
        "passages/cited-1970-quake-meets-the-corpus-article-about-it",
        [("a.txt", PERU_QUAKE_2021), ("b.txt", PERU_QUAKE_2021_LATER),
         ("c.txt", article("Remembering the 1970 Peru earthquake", "2020-05-31",
                           "The 1970 earthquake in Peru killed 1,150 people in the highland valley, historians say."))],
        expect=[(("a.txt", "1,200"), {"event_label": "1970 Peru earthquake"})],
        same_event=[(("a.txt", "1,200"), ("c.txt", "1,150")), (("a.txt", "37"), ("b.txt", "41"))],
        other_event=[(("a.txt", "37"), ("a.txt", "1,200"))],
        together=[(("a.txt", "1,200"), ("c.txt", "1,150")), (("a.txt", "37"), ("b.txt", "41"))],
        apart=[(("a.txt", "37"), ("c.txt", "1,150"))],
    ),
    frame_case(
        "passages/figure-dated-2019-in-2023-floods-article-joins-2019-floods",
        [("a.txt", MOZAMBIQUE_FLOODS_2023), ("b.txt", MOZAMBIQUE_FLOODS_2019), ("c.txt", MOZAMBIQUE_FLOODS_2023_LATER)],
        expect=[(("a.txt", "$2 billion"), {"event_label": "2019 Mozambique floods", "as_of": "2019",
                                           "as_of_basis": "sentence"}),
                (("a.txt", "54"), {"event_label": "2023 Mozambique floods"})],
        same_event=[(("a.txt", "$2 billion"), ("b.txt", "$2.2 billion")), (("a.txt", "54"), ("c.txt", "61"))],
        other_event=[(("a.txt", "$2 billion"), ("a.txt", "54"))],
        together=[(("a.txt", "$2 billion"), ("b.txt", "$2.2 billion")), (("a.txt", "54"), ("c.txt", "61"))],
    ),
    frame_case(
        "passages/figure-dated-2019-stays-with-article-event-when-corpus-has-no-2019-floods",
        [("a.txt", MOZAMBIQUE_FLOODS_2023), ("c.txt", MOZAMBIQUE_FLOODS_2023_LATER)],
        expect=[(("a.txt", "$2 billion"), {"event_label": "2023 Mozambique floods", "as_of": "2019"})],
        same_event=[(("a.txt", "$2 billion"), ("a.txt", "54"))],
    ),
    frame_case(
        "passages/in-that-disaster-refers-back-to-1998-cyclone",
        [("a.txt", CYCLONE_2024), ("b.txt", CYCLONE_1998_REMEMBERED), ("c.txt", CYCLONE_2024_LATER)],
        expect=[(("a.txt", "34"), {"event_label": "2024 Mozambique storm"}),
                (("a.txt", "5,000"), {"event_label": "1998 Mozambique storm", "as_of": "1998"})],
        same_event=[(("a.txt", "5,000"), ("b.txt", "4,600")), (("a.txt", "34"), ("c.txt", "38"))],
        other_event=[(("a.txt", "5,000"), ("a.txt", "34"))],
        together=[(("a.txt", "5,000"), ("b.txt", "4,600")), (("a.txt", "34"), ("c.txt", "38"))],
        apart=[(("a.txt", "5,000"), ("c.txt", "38"))],
    ),
    frame_case(
        "passages/in-that-disaster-opening-a-new-paragraph-refers-back",
        [("a.txt", article("Cyclone batters Mozambique coast", "2024-03-05",
                           "A cyclone struck the coast of Mozambique on Tuesday and killed 34 people, officials "
                           "said. Older residents recall the cyclone of 1998 in Mozambique.",
                           "In that disaster, 5,000 died.")),
         ("b.txt", CYCLONE_1998_REMEMBERED), ("c.txt", CYCLONE_2024_LATER)],
        expect=[(("a.txt", "5,000"), {"event_label": "1998 Mozambique storm"})],
        same_event=[(("a.txt", "5,000"), ("b.txt", "4,600")), (("a.txt", "34"), ("c.txt", "38"))],
        other_event=[(("a.txt", "5,000"), ("a.txt", "34"))],
        together=[(("a.txt", "5,000"), ("b.txt", "4,600"))],
    ),
]


# --- 3. scope facets, forecasts and vague figures -----------------------------------

PERU_QUAKE_FELT_IN_CHILE = [
    ("a.txt", article("Earthquake strikes southern Peru", "2022-06-09",
                      "A powerful earthquake struck southern Peru on Wednesday and was felt across the border. "
                      "The quake killed 240 people in total. Chile reported 30 deaths.")),
    ("b.txt", article("Peru earthquake toll rises", "2022-06-09",
                      "The earthquake in southern Peru killed 252 people, including 33 in Chile, the Red Cross said.")),
    ("c.txt", article("Peru quake toll", "2022-06-09",
                      "The earthquake in southern Peru has killed 246 people. In neighbouring Chile, the quake "
                      "killed 28 people, officials said.")),
]

SANTIAGO_QUAKE = [
    ("a.txt", article("Valmora earthquake kills hundreds in Chile", "2023-08-14",
                      "A strong earthquake struck near Valmora on Sunday, killing 410 people, President Maren "
                      "Olsa said. Tarvena accounted for 120 of the dead.")),
    ("b.txt", article("Chile earthquake toll rises", "2023-08-14",
                      "The earthquake near Valmora has killed 415 people, President Maren Olsa said on Monday.")),
    ("c.txt", article("Valmora earthquake", "2023-08-14",
                      "The earthquake near Valmora flattened old houses across the region, President Maren "
                      "Olsa said.", "Rescue teams said 122 people died in Tarvena.")),
]

BOLIVIA_FLOODS = [
    ("a.txt", article("Floods sweep Bolivia lowlands", "2021-02-10",
                      "Floods in the Bolivian lowlands have killed 86 people, including 40 children, officials "
                      "said. Rescuers said 300 people were missing. Officials fear the toll could reach 5,000. "
                      "Thousands fled their homes. About 12,000 people remained displaced.")),
    ("b.txt", article("Bolivia flood toll rises", "2021-02-10",
                      "The floods in Bolivia have killed 91 people, including 44 children. Some 320 people were "
                      "missing. A further 60 people were dead or missing in the hills. The death toll may reach "
                      "4,000, aid agencies warned. About 18,000 people were displaced.")),
    ("c.txt", article("Bolivia floods", "2021-02-10",
                      "The Bolivian floods have killed 88 people, officials said. Police said 64 people were dead "
                      "or missing. Another 300 people were evacuated from the hills. Some 11,500 people remained "
                      "displaced, and 19,000 were displaced at the peak.")),
]

MISSING_IN_COLOMBIA = article(
    "Colombia landslide", "2018-05-02",
    "The landslide in Colombia killed 124 people and left 310 people missing, the Red Cross said.")
MISSING_IN_COLOMBIA_LATER = article(
    "Colombia landslide search", "2018-05-02",
    "After the landslide in Colombia, 295 people were missing, rescuers said.")

SCOPE_CASES = [
    frame_case(
        "scope/neighbour-country-before-after-and-opening-the-sentence",
        PERU_QUAKE_FELT_IN_CHILE,
        expect=[(("a.txt", "30"), {"facets": ("place:CL",)}),
                (("b.txt", "33"), {"facets": ("place:CL",)}),
                (("c.txt", "28"), {"facets": ("place:CL",)}),
                (("a.txt", "240"), {"facets": (), "event_label": "2022 Peru earthquake"})],
        together=[(("a.txt", "240"), ("b.txt", "252")), (("b.txt", "252"), ("c.txt", "246")),
                  (("a.txt", "30"), ("b.txt", "33")), (("b.txt", "33"), ("c.txt", "28"))],
        apart=[(("a.txt", "30"), ("a.txt", "240")), (("a.txt", "30"), ("c.txt", "246")),
               (("c.txt", "28"), ("b.txt", "252"))],
    ),
    frame_case(
        "scope/neighbour-share-apart-from-total-with-two-sources",
        PERU_QUAKE_FELT_IN_CHILE[:1] + [
            ("b.txt", article("Peru earthquake toll rises", "2022-06-09",
                              "The earthquake in southern Peru killed 252 people, the Red Cross said.")),
            ("c.txt", article("Chile counts quake dead", "2022-06-10",
                              "The earthquake in southern Peru was felt across the border. Chile reported 31 "
                              "deaths."))],
        expect=[(("c.txt", "31"), {"facets": ("place:CL",)})],
        together=[(("a.txt", "240"), ("b.txt", "252")), (("a.txt", "30"), ("c.txt", "31"))],
        apart=[(("c.txt", "31"), ("b.txt", "252")), (("c.txt", "31"), ("a.txt", "240"))],
    ),
    frame_case(
        "scope/neighbour-share-apart-from-the-only-total",
        [("a.txt", article("Earthquake strikes southern Peru", "2022-06-09",
                           "A powerful earthquake struck southern Peru on Wednesday. The quake killed 240 people "
                           "and injured 1,100, the Red Cross said.")),
         ("b.txt", article("Peru earthquake felt in Chile", "2022-06-09",
                           "The earthquake in southern Peru was felt across the border. Chile reported 30 deaths.")),
         ("c.txt", article("Peru quake injuries", "2022-06-09",
                           "Hospitals in southern Peru treated 1,150 people injured in the earthquake."))],
        expect=[(("b.txt", "30"), {"facets": ("place:CL",), "event_label": "2022 Peru earthquake"})],
        together=[(("a.txt", "1,100"), ("c.txt", "1,150"))],
        apart=[(("b.txt", "30"), ("a.txt", "240"))],
    ),
    frame_case(
        "scope/total-over-two-listed-countries-is-unscoped",
        [("a.txt", article("Earthquake hits Argentina and Chile", "2022-06-09",
                           "A powerful earthquake struck the Cordana on Wednesday. The quake killed 410 people. "
                           "Chile reported 300 deaths.")),
         ("b.txt", article("Cordana earthquake toll", "2022-06-09",
                           "The earthquake that shook Argentina and Chile killed 420 people, the Red Cross said."))],
        expect=[(("b.txt", "420"), {"facets": ()})],
        together=[(("a.txt", "410"), ("b.txt", "420"))],
        apart=[(("a.txt", "300"), ("b.txt", "420")), (("a.txt", "300"), ("a.txt", "410"))],
        marks=xfail("build_event gives the two-country event one home (CL), so Chile's 300 carries no place "
                    "facet; the total 'shook Argentina and Chile killed 420' gets place:AR because the clause "
                    "is cut at 'and' (extract.context._LEFT_CLAUSE_BREAK) and the lead-in before it names "
                    "Argentina; with AR the block's only place, group._loose_places lets 410, 300 and 420 "
                    "form one fact"),
    ),
    frame_case(
        "scope/city-before-figure-known-as-place-from-in-city-elsewhere",
        SANTIAGO_QUAKE,
        expect=[(("a.txt", "120"), {"facets": ("place:tarvena",)}),
                (("c.txt", "122"), {"facets": ("place:tarvena",)}),
                (("a.txt", "410"), {"facets": ()})],
        together=[(("a.txt", "120"), ("c.txt", "122")), (("a.txt", "410"), ("b.txt", "415"))],
        apart=[(("a.txt", "120"), ("b.txt", "415")), (("c.txt", "122"), ("a.txt", "410"))],
    ),
    frame_case(
        "scope/city-never-written-after-in-is-no-place",
        [SANTIAGO_QUAKE[0], SANTIAGO_QUAKE[1],
         ("c.txt", article("Valmora earthquake", "2023-08-14",
                           "The earthquake near Valmora flattened old houses across the region, President Maren "
                           "Olsa said."))],
        expect=[(("a.txt", "120"), {"facets": ()})],
    ),
    frame_case(
        "scope/category-status-forecast-vague",
        BOLIVIA_FLOODS,
        expect=[(("a.txt", "40"), {"facets": ("category:children",)}),
                (("b.txt", "44"), {"facets": ("category:children",)}),
                (("b.txt", "60"), {"facets": ("status:dead or missing",)}),
                (("c.txt", "64"), {"facets": ("status:dead or missing",)}),
                (("a.txt", "About 12,000"), {"facets": ("status:remaining",)}),
                (("c.txt", "Some 11,500"), {"facets": ("status:remaining",)}),
                (("a.txt", "5,000"), {"facets": ("status:forecast", "voice:official")}),
                (("b.txt", "4,000"), {"facets": ("status:forecast",)}),
                (("a.txt", "86"), {"facets": ()}),
                (("a.txt", "300"), {"topic": "missing"})],
        together=[(("a.txt", "86"), ("b.txt", "91")), (("b.txt", "91"), ("c.txt", "88")),
                  (("a.txt", "40"), ("b.txt", "44")),
                  (("b.txt", "60"), ("c.txt", "64")),
                  (("a.txt", "300"), ("b.txt", "Some 320")),
                  (("a.txt", "About 12,000"), ("c.txt", "Some 11,500")),
                  (("b.txt", "About 18,000"), ("c.txt", "19,000"))],
        apart=[(("a.txt", "40"), ("c.txt", "88")),                  # children within the toll
               (("b.txt", "60"), ("a.txt", "86")),                  # dead or missing vs dead
               (("c.txt", "64"), ("b.txt", "91")),
               (("a.txt", "About 12,000"), ("c.txt", "19,000")),    # remained displaced vs displaced
               (("c.txt", "Some 11,500"), ("b.txt", "About 18,000")),
               (("a.txt", "300"), ("b.txt", "91"))],                  # missing vs dead
        ungrouped=[("a.txt", "5,000"), ("b.txt", "4,000"), ("a.txt", "Thousands")],
    ),
    frame_case(
        "scope/a-place-alone-as-subject-is-a-part",
        [("a.txt", article("Floods sweep northern Bolivia", "2019-02-10",
                           "Floods in Bolivia killed 140 people, officials said. The Tarvena district alone "
                           "had 60 dead.")),
         ("b.txt", article("Bolivia flood toll rises", "2019-02-11",
                           "The floods in Bolivia have killed 146 people, the government said."))],
        expect=[(("a.txt", "60"), {"facets": ("area:a part",)}), (("a.txt", "140"), {"facets": ()})],
        together=[(("a.txt", "140"), ("b.txt", "146"))],
        apart=[(("a.txt", "60"), ("b.txt", "146")), (("a.txt", "60"), ("a.txt", "140"))],
    ),
    frame_case(
        "scope/a-further-150-after-a-missing-count-is-additional",
        [("a.txt", article("Landslide buries Colombian village", "2018-05-02",
                           "The landslide in Colombia killed 120 people. Rescuers said 290 people were missing in "
                           "the valley. A further 150 people were missing in the hills.")),
         ("b.txt", MISSING_IN_COLOMBIA), ("c.txt", MISSING_IN_COLOMBIA_LATER)],
        expect=[(("a.txt", "150"), {"facets": ("status:additional",)}), (("a.txt", "290"), {"facets": ()})],
        together=[(("a.txt", "290"), ("b.txt", "310")), (("b.txt", "310"), ("c.txt", "295"))],
        apart=[(("a.txt", "150"), ("b.txt", "310")), (("a.txt", "150"), ("a.txt", "290"))],
    ),
    frame_case(
        "scope/another-150-after-a-missing-count-is-additional",
        [("a.txt", article("Landslide buries Colombian village", "2018-05-02",
                           "The landslide in Colombia killed 120 people. Rescuers said 290 people were missing in "
                           "the valley. Another 150 people were missing in the hills.")),
         ("b.txt", MISSING_IN_COLOMBIA), ("c.txt", MISSING_IN_COLOMBIA_LATER)],
        expect=[(("a.txt", "150"), {"facets": ("status:additional",)})],
        together=[(("a.txt", "290"), ("b.txt", "310")), (("b.txt", "310"), ("c.txt", "295"))],
        apart=[(("a.txt", "150"), ("b.txt", "310")), (("a.txt", "150"), ("a.txt", "290"))],
        marks=xfail("rules/events.yaml status.additional no longer lists 'another' (it holds new pledges, new "
                    "aid, new money, additional, a further, fresh), so 'Another 150 people were missing' gets "
                    "no status facet and joins the 290/310/295 missing count, its own source's 290 included"),
    ),
]


# --- 4. a bare number whose counted noun stands earlier -----------------------------

COUNT_CASES = [
    frame_case(
        "counts/death-toll-rose-to-bare-number-is-deaths",
        [("a.txt", article("Landslide buries Colombian village", "2018-05-02",
                           "The death toll from the landslide in Colombia, which struck before dawn on Sunday, "
                           "rose to 4,512.")),
         ("b.txt", article("Colombia landslide", "2018-05-02",
                           "The landslide in Colombia has killed 4,380 people, the Red Cross said."))],
        expect=[(("a.txt", "4,512"), {"dimension": "count", "topic": "deaths"})],
        together=[(("a.txt", "4,512"), ("b.txt", "4,380"))],
    ),
    frame_case(
        "counts/number-of-displaced-stands-at-bare-number",
        [("a.txt", article("Colombia landslide", "2018-05-02",
                           "The number of displaced after the landslide in Colombia stands at 9,200, officials "
                           "said.")),
         ("b.txt", article("Colombia landslide", "2018-05-03",
                           "The landslide in Colombia displaced 9,400 people, the Red Cross said."))],
        expect=[(("a.txt", "9,200"), {"dimension": "count", "topic": "displaced"})],
        together=[(("a.txt", "9,200"), ("b.txt", "9,400"))],
    ),
    frame_case(
        "counts/toll-named-in-the-sentence-before",
        [("a.txt", article("Landslide buries Colombian village", "2018-05-02",
                           "The death toll from the landslide in Colombia kept rising. By Tuesday it stood at "
                           "4,512, officials said.")),
         ("b.txt", article("Colombia landslide", "2018-05-02",
                           "The landslide in Colombia has killed 4,380 people, the Red Cross said."))],
        expect=[(("a.txt", "4,512"), {"dimension": "count", "topic": "deaths"})],
        together=[(("a.txt", "4,512"), ("b.txt", "4,380"))],
    ),
    frame_case(
        "counts/gauge-reading-with-decimals-is-no-count",
        [("a.txt", article("Colombia landslide", "2018-05-02",
                           "The death toll rose after the river in Colombia crested at 7.6 on Tuesday."))],
        expect=[(("a.txt", "7.6"), {"dimension": "number", "topic": None})],
    ),
]


# --- 6. dates -----------------------------------------------------------------------

DATE_CASES = [
    frame_case(
        "dates/as-of-falls-back-to-header-date",
        [("a.txt", article("Ecuador floods", "2020-03-02", "The floods in Ecuador have killed 63 people."))],
        expect=[(("a.txt", "63"), {"as_of": "2020-03-02", "as_of_basis": "published"})],
    ),
    frame_case(
        "dates/as-of-falls-back-to-published-line",
        [("a.txt", "Floods in Ecuador\nPublished 2 March 2020\nThe floods in Ecuador have killed 63 people.")],
        expect=[(("a.txt", "63"), {"as_of": "2020-03-02", "as_of_basis": "published"})],
    ),
    frame_case(
        "dates/as-of-falls-back-to-date-in-url",
        [("a.txt", article("Floods in Ecuador", "https://news.example.org/2020/03/02/ecuador-floods",
                           "The floods in Ecuador have killed 63 people.", key="source"))],
        expect=[(("a.txt", "63"), {"as_of": "2020-03-02", "as_of_basis": "published"})],
    ),
    frame_case(
        "dates/as-of-falls-back-to-agency-dateline",
        [("a.txt", "ORVANO (AP) — March 2, 2020\nThe floods in Ecuador have killed 63 people.")],
        expect=[(("a.txt", "63"), {"as_of": "2020-03-02", "as_of_basis": "published"})],
    ),
    frame_case(
        "dates/sentence-year-wins-over-publication-date",
        [("a.txt", article("Ecuador floods", "2020-03-02",
                           "The floods in Ecuador have killed 63 people. In 2016, the floods killed 41 people."))],
        expect=[(("a.txt", "63"), {"as_of": "2020-03-02", "as_of_basis": "published"}),
                (("a.txt", "41"), {"as_of": "2016", "as_of_basis": "sentence"})],
    ),
    frame_case(
        "dates/no-date-anywhere-as-of-none",
        [("a.txt", "Floods in Ecuador\n\nThe floods in Ecuador have killed 63 people.")],
        expect=[(("a.txt", "63"), {"as_of": None})],
    ),
]


# --- 8. articles that name no event -------------------------------------------------

BORDER_AND_FLOODS = [
    ("a.txt", article("Bolivia and Chile reopen border crossing", "2019-05-02",
                      "Bolivia and Chile reopened the crossing on their 860-kilometre border on Thursday.")),
    ("b.txt", article("Chile border talks", "2019-05-11",
                      "The border between Bolivia and Chile is 861 kilometres long, the foreign ministry said.")),
    ("d.txt", article("Floods hit Chilean desert", "2019-05-12",
                      "Flash floods in the Chilean desert have killed 52 people, officials said.")),
    ("e.txt", article("Chile flood toll rises", "2019-05-13",
                      "The floods in northern Chile have killed 55 people, the Red Cross said.")),
    ("c.txt", article("Desert trade report", "2019-05-20",
                      "Trucking firms say the two countries share an 850-kilometre borderline. Drivers said 54 "
                      "people had died on desert roads this year.")),
]

NO_EVENT_CASES = [
    frame_case(
        "no-event/trade-report-length-meets-border-its-toll-meets-no-floods",
        BORDER_AND_FLOODS,
        expect=[(("c.txt", "850-kilometre"), {"event": None, "event_label": None}),
                (("c.txt", "54"), {"event": None}),
                (("a.txt", "860-kilometre"), {"event_label": "Bolivia–Chile border"})],
        same_event=[(("a.txt", "860-kilometre"), ("b.txt", "861 kilometres")), (("d.txt", "52"), ("e.txt", "55"))],
        other_event=[(("a.txt", "860-kilometre"), ("d.txt", "52"))],
        together=[(("c.txt", "850-kilometre"), ("a.txt", "860-kilometre")),
                  (("c.txt", "850-kilometre"), ("b.txt", "861 kilometres")),
                  (("d.txt", "52"), ("e.txt", "55"))],
        apart=[(("c.txt", "54"), ("d.txt", "52")), (("c.txt", "54"), ("e.txt", "55"))],
    ),
    frame_case(
        "no-event/toll-never-meets-toll-framed-to-a-border",
        [("a.txt", article("Bolivia and Chile reopen border crossing", "2019-05-02",
                           "Bolivia and Chile reopened the crossing on their 860-kilometre border on Thursday, "
                           "after floods in the Quenar killed 52 people.")),
         ("b.txt", article("Chile border talks", "2019-05-11",
                           "The border between Bolivia and Chile is 861 kilometres long, the foreign ministry "
                           "said. The Quenar floods killed 55 people.")),
         BORDER_AND_FLOODS[4]],
        expect=[(("c.txt", "54"), {"event": None})],
        together=[(("c.txt", "850-kilometre"), ("a.txt", "860-kilometre"))],
        apart=[(("c.txt", "54"), ("a.txt", "52")), (("c.txt", "54"), ("b.txt", "55"))],
    ),
]


# --- later scope and property rules ----------------------------------------------------

LATER_CASES = [
    frame_case(
        "property/a-decimal-before-a-quake-is-its-magnitude",
        [("a.txt", article("Quake jolts Vanuatu", "2023-05-03",
                           "A 6.4 earthquake struck off Vanuatu on Tuesday, killing 12 people.")),
         ("b.txt", article("Vanuatu quake", "2023-05-03",
                           "The magnitude 6.4 quake off Vanuatu killed 14 people, officials said."))],
        expect=[(("a.txt", "6.4"), {"unit": "magnitude", "topic": "magnitude"})],
        together=[(("a.txt", "6.4"), ("b.txt", "magnitude 6.4")), (("a.txt", "12"), ("b.txt", "14"))],
    ),
    frame_case(
        "scope/a-locative-opening-places-every-figure-of-its-sentence",
        [("a.txt", article("Cyclone lashes India and Bangladesh", "2021-05-26",
                           "The cyclone killed 310 people in India and Bangladesh, officials said.",
                           "In neighbouring Bangladesh, the toll reached 41 with 12 still missing.")),
         ("b.txt", article("Cyclone toll in India and Bangladesh", "2021-05-27",
                           "The cyclone has killed 320 people in India and Bangladesh, the agencies said.",
                           "India reported 270 deaths."))],
        # the missing are the topic itself: no status facet beside the place
        expect=[(("a.txt", "12"), {"facets": ("place:BD",)}),
                (("a.txt", "41"), {"facets": ("place:BD",)})],
        together=[(("a.txt", "310"), ("b.txt", "320"))],
        apart=[(("a.txt", "41"), ("a.txt", "310")), (("a.txt", "41"), ("b.txt", "320"))],
    ),
    frame_case(
        "scope/a-place-just-before-the-figures-clause",
        [("a.txt", article("Riots in Tarvena", "2019-10-04",
                           "Riots spread across the country. Most of the dead were in Orvald, 61 people, police said.",
                           "Shops were looted in Orvald and Lenz.")),
         ("b.txt", article("Tarvena riots toll", "2019-10-05",
                           "The riots killed 140 people across the country, the ministry said.")),
         ("c.txt", article("Riots toll", "2019-10-05",
                           "The riots killed 150 people across the country, police said."))],
        expect=[(("a.txt", "61"), {"facets": ("place:orvald",)})],
        together=[(("b.txt", "140"), ("c.txt", "150"))],
        apart=[(("a.txt", "61"), ("b.txt", "140"))],
    ),
    frame_case(
        "scope/people-on-board-are-their-own-category",
        [("a.txt", article("Storm floods the delta", "2016-08-10",
                           "The floods killed 90 people. A ferry capsized, killing all 38 people on board.")),
         ("b.txt", article("Delta floods", "2016-08-11",
                           "The floods have killed 95 people, officials said."))],
        expect=[(("a.txt", "38"), {"facets": ("category:passengers",)})],
        together=[(("a.txt", "90"), ("b.txt", "95"))],
        apart=[(("a.txt", "38"), ("b.txt", "95"))],
    ),
    frame_case(
        "scope/a-datelines-city-places-nothing",
        [("a.txt", article("Mine collapse toll", "2020-02-03",
                           "LONDON – The mine collapse in Peru killed 40 workers, officials said in Lima.",
                           "Reporters in London followed the rescue.")),
         ("b.txt", article("Peru mine toll", "2020-02-03",
                           "The mine collapse in Peru killed 44 workers, rescuers said."))],
        expect=[(("a.txt", "40"), {"facets": ("category:workers", "place:PE")})],  # Peru, not London
        together=[(("a.txt", "40"), ("b.txt", "44"))],
    ),
    frame_case(
        "property/shares-of-an-appeal-apart-from-shares-of-the-land",
        [("a.txt", article("Tarvena floods appeal", "2019-08-20",
                           "The floods left 30% of the country under water.",
                           "The UN says only 20% of the appeal has been funded.")),
         ("b.txt", article("Tarvena floods aid", "2019-08-22",
                           "Donors have funded 35% of the appeal, the UN said. Floods put 32% of the land under water."))],
        expect=[(("a.txt", "20%"), {"topic": "share_funded"}), (("a.txt", "30%"), {"topic": "share_of_land"})],
        together=[(("a.txt", "20%"), ("b.txt", "35%")), (("a.txt", "30%"), ("b.txt", "32%"))],
        apart=[(("a.txt", "20%"), ("b.txt", "32%"))],
    ),
    frame_case(
        "scope/a-sum-over-a-period-is-its-own-scope",
        [("a.txt", article("Donors pledge aid for Tarvena quake", "2021-03-02",
                           "Donors pledged $2 billion to rebuild after the Tarvena earthquake.",
                           "The sum includes $800 million for the next two years.")),
         ("b.txt", article("Tarvena quake aid", "2021-03-02",
                           "Donors pledged $2.2 billion for the Tarvena earthquake, the UN said."))],
        expect=[(("a.txt", "$800 million"), {"facets": ("status:over a period",)})],
        together=[(("a.txt", "$2 billion"), ("b.txt", "$2.2 billion"))],
        apart=[(("a.txt", "$800 million"), ("b.txt", "$2.2 billion"))],
    ),
]


# --- 9. two times in one text: comparisons, tables by year, revisions, restatements ----

MALAWI_FLOODS_2019 = ("b.txt", article("Malawi floods toll", "2019-03-20",
                                       "The floods in Malawi have affected 2.6 million people and killed 1,150, "
                                       "the government said."))
MALAWI_FLOODS_2023 = ("c.txt", article("Malawi floods worsen", "2023-02-14",
                                       "The floods in Malawi have affected 4.2 million people and killed 900, "
                                       "aid agencies said."))

TIME_CASES = [
    frame_case(
        "time/a-comparison-dates-only-its-own-side",
        [("a.txt", article("Malawi floods affect millions", "2023-02-12",
                           "The floods in Malawi have affected 4 million people, compared with 2.5 million in "
                           "2019, officials said.")),
         MALAWI_FLOODS_2019, MALAWI_FLOODS_2023],
        expect=[(("a.txt", "4 million"), {"event_label": "2023 Malawi floods", "as_of_basis": "published"}),
                (("a.txt", "2.5 million"), {"event_label": "2019 Malawi floods", "as_of": "2019"})],
        together=[(("a.txt", "4 million"), ("c.txt", "4.2 million")),
                  (("a.txt", "2.5 million"), ("b.txt", "2.6 million"))],
        apart=[(("a.txt", "4 million"), ("b.txt", "2.6 million"))],
    ),
    frame_case(
        "time/a-table-of-two-years-dates-each-column",
        [("a.txt", "title: Malawi floods of 2019 and 2023 compared\n\n"
                   "The floods of 2023 were the worst since 2019 in Malawi.\n\n"
                   "Losses 2019 Floods 2023 Floods\n"
                   "1. Deaths 1,200 880\n"
                   "2. People Affected 2.5 million 4.1 million\n"),
         MALAWI_FLOODS_2019, MALAWI_FLOODS_2023],
        expect=[(("a.txt", "1,200"), {"as_of": "2019", "as_of_basis": "column",
                                      "event_label": "2019 Malawi floods"}),
                (("a.txt", "880"), {"as_of": "2023", "as_of_basis": "column", "event_label": "2023 Malawi floods"})],
        together=[(("a.txt", "1,200"), ("b.txt", "1,150")), (("a.txt", "880"), ("c.txt", "900"))],
        apart=[(("a.txt", "1,200"), ("c.txt", "900")), (("a.txt", "880"), ("a.txt", "1,200"))],
    ),
    frame_case(
        "time/the-year-of-a-compared-event-dates-nothing",
        [("a.txt", article("Quake toll in Peru rises", "2021-11-30",
                           "The earthquake in Peru has killed 900 people, officials said on Monday, making it as "
                           "deadly as the 1970 earthquake.")),
         ("b.txt", article("Peru quake", "2021-11-29", "The earthquake in Peru killed 870 people, rescuers said."))],
        expect=[(("a.txt", "900"), {"as_of": "2021-11-30", "as_of_basis": "published",
                                    "event_label": "2021 Peru earthquake"})],
        together=[(("a.txt", "900"), ("b.txt", "870"))],
    ),
    frame_case(
        "time/a-revision-to-x-from-y-states-one-count-twice",
        [("a.txt", article("Peru quake toll raised", "2021-11-30",
                           "Officials raised the death toll from the earthquake in Peru to 480 from 310 on "
                           "Monday.")),
         ("b.txt", article("Peru quake", "2021-11-30", "The earthquake in Peru killed 470 people, rescuers said.")),
         ("c.txt", article("Peru quake injuries", "2021-11-30",
                           "The earthquake in Peru killed 460 people and injured 310 others."))],
        together=[(("a.txt", "480"), ("a.txt", "310")), (("a.txt", "480"), ("b.txt", "470"))],
        # two counts of one sentence that revises nothing stay two facts
        apart=[(("c.txt", "460"), ("c.txt", "310"))],
    ),
    frame_case(
        "currency/a-restatement-in-dollars-meets-the-dollar-figures",
        [("a.txt", article("Orvald dam cost", "2018-04-02",
                           "The Orvald Dam in China cost 180 billion yuan (US$26 billion) to build, officials said.")),
         ("b.txt", article("Orvald dam opens", "2018-04-03",
                           "The Orvald Dam in China cost $25 billion to build, engineers said.")),
         ("c.txt", article("Orvald dam budget", "2018-04-04",
                           "The Orvald Dam in China cost 175 billion yuan to build, the ministry said."))],
        together=[(("a.txt", "180 billion yuan"), ("c.txt", "175 billion yuan")),
                  (("a.txt", "US$26 billion"), ("b.txt", "$25 billion")),
                  (("b.txt", "$25 billion"), ("c.txt", "175 billion yuan"))],
    ),
]


TABLE_STORM = ("a.txt", "title: Storm toll by country\n\n"
                        "The storm struck Chile and Peru on 1 March 2021.\n\n"
                        "Toll by country as of 3 March 2021\n"
                        "Country Dead Missing\n"
                        "Chile 1,200 310\n"
                        "Peru 95\n")

TABLE_AND_ASIDE_CASES = [
    frame_case(
        "table/header-words-name-each-columns-count-and-row-labels-the-place",
        [TABLE_STORM,
         ("b.txt", article("Storm in Chile and Peru", "2021-03-02",
                           "The storm killed 1,150 people in Chile and 90 in Peru, officials said.")),
         ("c.txt", article("Chile and Peru storm", "2021-03-04",
                           "The storm left 300 people missing in Chile, rescuers said."))],
        expect=[(("a.txt", "1,200"), {"topic": "deaths", "facets": ("place:CL",)}),
                (("a.txt", "310"), {"topic": "missing", "facets": ("place:CL",)}),
                (("a.txt", "95"), {"topic": "deaths", "facets": ("place:PE",)})],
        together=[(("a.txt", "1,200"), ("b.txt", "1,150")), (("a.txt", "95"), ("b.txt", "90")),
                  (("a.txt", "310"), ("c.txt", "300"))],
        apart=[(("a.txt", "1,200"), ("a.txt", "95")), (("a.txt", "310"), ("b.txt", "1,150"))],
    ),
    frame_case(
        "topic/a-relative-clause-aside-says-nothing-of-the-figure",
        [("a.txt", article("Storm batters Chile", "2021-03-05",
                           "The toll in Chile, which was the country hardest hit by the storm, stood at 1,240, "
                           "officials said.")),
         ("b.txt", article("Chile storm", "2021-03-05", "The storm killed 1,230 people in Chile, rescuers said."))],
        expect=[(("a.txt", "1,240"), {"topic": "deaths"})],
        together=[(("a.txt", "1,240"), ("b.txt", "1,230"))],
    ),
    frame_case(
        "scope/a-toll-that-remained-is-no-remaining-population",
        [("a.txt", article("Chile storm toll", "2021-03-09",
                           "The toll remained at 1,240 dead on Monday, officials said. Some 4,000 people remained "
                           "displaced.")),
         ("b.txt", article("Chile storm", "2021-03-05", "The storm in Chile killed 1,230 people and displaced 9,000, "
                                                        "rescuers said."))],
        expect=[(("a.txt", "1,240"), {"facets": ()}), (("a.txt", "Some 4,000"), {"facets": ("status:remaining",)})],
        together=[(("a.txt", "1,240"), ("b.txt", "1,230"))],
        apart=[(("a.txt", "Some 4,000"), ("b.txt", "9,000"))],
    ),
    frame_case(
        "scope/the-highest-toll-among-all-districts-is-a-part",
        [("a.txt", article("Chile storm toll", "2021-03-09",
                           "The storm in Chile killed 1,240 people. The highest toll of 410 among all districts was "
                           "reported from the coast.")),
         ("b.txt", article("Chile storm", "2021-03-05", "The storm in Chile killed 1,230 people, rescuers said."))],
        expect=[(("a.txt", "410"), {"facets": ("area:a part",)})],
        together=[(("a.txt", "1,240"), ("b.txt", "1,230"))],
        apart=[(("a.txt", "410"), ("b.txt", "1,230"))],
    ),
]


VOICE_CASES = [
    frame_case(
        "scope/an-official-toll-and-the-oppositions-are-two-facts",
        [("a.txt", article("Deadly unrest in Orvald", "2019-05-20",
                           "The prosecutor said 120 people were killed in the unrest in Orvald, Kenya, but "
                           "opposition activists say the violence left more than 600 dead.")),
         ("b.txt", article("Orvald unrest toll", "2019-05-21",
                           "Authorities put the toll from the unrest in Orvald, Kenya, at 125.")),
         ("c.txt", article("Orvald unrest", "2019-05-22",
                           "Rights groups say 640 people died in the unrest in Orvald, Kenya."))],
        expect=[(("a.txt", "120"), {"facets": ("voice:official",)}),
                (("a.txt", "more than 600"), {"facets": ("voice:unofficial",)})],
        together=[(("a.txt", "120"), ("b.txt", "125")), (("a.txt", "more than 600"), ("c.txt", "640"))],
        apart=[(("a.txt", "120"), ("c.txt", "640")), (("b.txt", "125"), ("a.txt", "more than 600"))],
    ),
    frame_case(
        "scope/a-figure-that-names-no-voice-meets-either",
        [("a.txt", article("Orvald unrest toll", "2019-05-21",
                           "Authorities put the toll from the unrest in Orvald, Kenya, at 125.")),
         ("b.txt", article("Orvald unrest", "2019-05-21", "The unrest in Orvald, Kenya, killed 124 people."))],
        together=[(("a.txt", "125"), ("b.txt", "124"))],
    ),
    frame_case(
        "scope/the-town-of-a-place-after-the-figure",
        [("a.txt", article("Unrest in Orvald", "2019-05-20",
                           "The unrest killed 300 people in Orvald and more than 90 in the nearby town of Lenzby, "
                           "Kenya.")),
         ("b.txt", article("Orvald unrest", "2019-05-21", "The unrest in Orvald, Kenya, killed 310 people."))],
        expect=[(("a.txt", "more than 90"), {"facets": ("place:lenzby",)})],
        together=[(("a.txt", "300"), ("b.txt", "310"))],
        apart=[(("a.txt", "more than 90"), ("b.txt", "310"))],
    ),
]


COUNTED_WORD_CASES = [
    frame_case(
        "counts/others-after-a-toll-are-people-not-a-subset",
        [("a.txt", article("Floods in Malawi", "2019-03-20",
                           "The floods in Malawi have killed 600 people and affected about 2.5 million others.")),
         ("b.txt", article("Malawi floods", "2019-03-21", "The floods in Malawi affected 2.6 million people."))],
        together=[(("a.txt", "about 2.5 million"), ("b.txt", "2.6 million"))],
    ),
    frame_case(
        "counts/gunned-down-is-killed",
        [("a.txt", article("Unrest in Orvald", "2019-05-20",
                           "Upwards of 400 people were gunned down in the unrest in Orvald, Kenya.")),
         ("b.txt", article("Orvald unrest", "2019-05-21", "The unrest in Orvald, Kenya, killed 410 people."))],
        expect=[(("a.txt", "Upwards of 400"), {"topic": "deaths"})],
        together=[(("a.txt", "Upwards of 400"), ("b.txt", "410"))],
    ),
    frame_case(
        "scope/who-is-counted-stands-close-after-the-figure-in-its-clause",
        [("a.txt", article("Unrest in Orvald", "2019-05-20",
                           "Witnesses say 740 people died when troops opened fire on the crowd in Orvald, Kenya. "
                           "Police said 12 officers and 57 civilians were among the dead.")),
         ("b.txt", article("Orvald unrest", "2019-05-21",
                           "Witnesses say the unrest in Orvald, Kenya, left 760 dead."))],
        expect=[(("a.txt", "740"), {"facets": ("voice:unofficial",)}),
                (("a.txt", "57"), {"facets": ("category:civilians",)})],
        together=[(("a.txt", "740"), ("b.txt", "760"))],
        apart=[(("a.txt", "57"), ("b.txt", "760"))],
    ),
    frame_case(
        "time/a-period-before-the-figure-in-its-paragraph-dates-nothing",
        [("a.txt", article("Deadliest quakes", "2010-02-01",
                           "The Peru earthquake was the deadliest to occur between 1990 and 2008. It took 3,160 "
                           "lives, officials said.")),
         ("b.txt", article("Peru quake", "2010-01-13", "The Peru earthquake of 2010 killed 3,000 people."))],
        expect=[(("a.txt", "3,160"), {"as_of_basis": "published", "event_label": "2010 Peru earthquake"})],
        together=[(("a.txt", "3,160"), ("b.txt", "3,000"))],
    ),
    frame_case(
        "counts/a-part-opening-with-including-counts-what-its-total-counts",
        [("a.txt", article("Floods in Malawi", "2019-03-20",
                           "The floods in Malawi have killed 1,061 people (including almost 360 children), injured "
                           "1,575 and displaced more.")),
         ("b.txt", article("Malawi floods", "2019-03-21",
                           "Nearly 400 children were among those killed in the floods in Malawi.")),
         ("c.txt", article("Malawi floods toll", "2019-03-22",
                           "The floods in Malawi keep killing. It is more than 1,300 dead for now, which includes "
                           "nearly 500 children."))],
        expect=[(("a.txt", "almost 360"), {"topic": "deaths", "facets": ("category:children",)}),
                (("c.txt", "nearly 500"), {"topic": "deaths", "facets": ("category:children",)})],
        together=[(("a.txt", "almost 360"), ("b.txt", "Nearly 400")),
                  (("a.txt", "almost 360"), ("c.txt", "nearly 500"))],
        apart=[(("a.txt", "almost 360"), ("a.txt", "1,061"))],
    ),
]


CITED_AND_ADDED_CASES = [
    frame_case(
        "passages/a-name-dated-elsewhere-in-the-text-cites-that-event",
        [("a.txt", article("Peru quake toll jumps to 3,800", "2021-10-15",
                           "The government raised the toll from the earthquake in Peru to 3,800 on Saturday, "
                           "putting it on the scale of the Lenzby earthquake of 1940.",
                           "Between 3,000 and 6,000 people are estimated to have died in the Lenzby quake, which "
                           "destroyed the city.")),
         ("b.txt", article("Peru quake", "2021-10-16", "The earthquake in Peru killed 3,900 people, officials said."))],
        expect=[(("a.txt", "Between 3,000 and 6,000"), {"event_label": "1940 Lenzby earthquake"})],
        together=[(("a.txt", "3,800", 0), ("b.txt", "3,900"))],
        apart=[(("a.txt", "Between 3,000 and 6,000"), ("b.txt", "3,900"))],
    ),
    frame_case(
        "scope/money-offered-on-top-of-a-pledge-is-additional",
        [("a.txt", article("Donors pledge aid for Malawi floods", "2019-03-25",
                           "Donors pledged $72m for the floods in Malawi on Friday. On Monday, they offered "
                           "another $26m.")),
         ("b.txt", article("Malawi floods aid", "2019-03-26", "Donors have pledged $75m for the floods in Malawi."))],
        together=[(("a.txt", "$72m"), ("b.txt", "$75m"))],
        apart=[(("a.txt", "$26m"), ("b.txt", "$75m"))],
    ),
    frame_case(
        "currency/a-restatement-holds-the-scope-of-its-original",
        [("a.txt", article("Orvald dam costs rise", "2018-04-02",
                           "China has injected an additional 120 billion yuan (US$15 billion) into the Orvald Dam.")),
         ("b.txt", article("Orvald dam opens", "2018-04-03",
                           "The Orvald Dam in China cost $14 billion to build, engineers said.")),
         ("c.txt", article("Orvald dam cost", "2018-04-04",
                           "The Orvald Dam in China cost 180 billion yuan (US$26 billion) to build."))],
        expect=[(("a.txt", "US$15 billion"), {"facets": ("status:additional",)})],
        together=[(("b.txt", "$14 billion"), ("c.txt", "US$26 billion"))],
        apart=[(("a.txt", "US$15 billion"), ("b.txt", "$14 billion")),
               (("a.txt", "120 billion yuan"), ("c.txt", "180 billion yuan"))],
    ),
]


SECTOR_AND_WORDING_CASES = [
    frame_case(
        "scope/damage-to-structures-is-a-part-of-the-losses",
        [("a.txt", article("Malawi floods damage", "2019-04-02",
                           "Damage to structures was estimated to exceed $1 billion, officials said. Total economic "
                           "losses may reach $4 billion.")),
         ("b.txt", article("Malawi floods losses", "2019-04-03",
                           "The floods in Malawi caused losses of $4.2 billion, the World Bank said.")),
         ("c.txt", article("Malawi floods", "2019-04-01", "The floods in Malawi caused damage of $3.8 billion."))],
        expect=[(("a.txt", "exceed $1 billion"), {"facets": ("sector:structures",)})],
        together=[(("a.txt", "$4 billion"), ("b.txt", "$4.2 billion")),
                  (("b.txt", "$4.2 billion"), ("c.txt", "$3.8 billion"))],
        apart=[(("a.txt", "exceed $1 billion"), ("c.txt", "$3.8 billion"))],
    ),
    frame_case(
        "property/a-country-that-would-provide-a-sum-pledges-it",
        [("a.txt", article("Donors meet on Nepal quake", "2015-06-25",
                           "Japan said it would provide $260 million for the earthquake in Nepal.")),
         ("b.txt", article("Nepal quake aid", "2015-06-25",
                           "Japan pledged $250 million for the earthquake in Nepal."))],
        expect=[(("a.txt", "$260 million"), {"topic": "pledges"})],
        together=[(("a.txt", "$260 million"), ("b.txt", "$250 million"))],
    ),
    frame_case(
        "property/among-the-highest-dams-measures-height",
        [("a.txt", article("Orvald Dam opens", "2018-04-02",
                           "At 170 metres, the Orvald Dam in Peru is among the highest dams in the Andes.")),
         ("b.txt", article("Orvald Dam", "2018-04-03", "The Orvald Dam in Peru stands 175 metres high."))],
        expect=[(("a.txt", "170 metres"), {"topic": "height"})],
        together=[(("a.txt", "170 metres"), ("b.txt", "175 metres"))],
    ),
    frame_case(
        "scope/a-further-count-of-another-property-is-no-additional-count",
        [("a.txt", article("Tsunami toll in Chile and Peru", "2010-03-05",
                           "The tsunami struck Chile and Peru on Saturday. Chile's toll remained at 530 confirmed "
                           "dead and a further 280 others listed as missing.")),
         ("b.txt", article("Tsunami in Chile and Peru", "2010-03-06",
                           "The tsunami struck Chile and Peru. In Chile, some 290 people are listed as missing, "
                           "officials said.")),
         ("c.txt", article("Tsunami toll in Chile and Peru", "2010-03-04",
                           "The tsunami that struck Chile and Peru left 120 people missing in Peru."))],
        expect=[(("a.txt", "280"), {"facets": ("place:CL",)})],
        together=[(("a.txt", "280"), ("b.txt", "some 290"))],
        apart=[(("a.txt", "280"), ("c.txt", "120"))],
    ),
]


FRESH_CASES = [
    frame_case(
        "table/a-row-label-the-corpus-names-nowhere-else-is-the-rows-place",
        [("a.txt", "title: Nepal quake toll by district\ndate: 2021-08-13\n\n"
                   "The earthquake in Nepal has killed 93 people, officials said.\n\n"
                   "District Dead Injured\n"
                   "Dharvel 23 150\n"
                   "Kolmar 12 80\n"),
         ("b.txt", article("Nepal quake", "2021-08-13", "The earthquake in Nepal killed 95 people and injured 640.")),
         ("c.txt", article("Nepal quake toll", "2021-08-14", "The earthquake in Nepal killed 97 people."))],
        expect=[(("a.txt", "23"), {"topic": "deaths", "facets": ("place:dharvel",)}),
                (("a.txt", "80"), {"topic": "injured", "facets": ("place:kolmar",)})],
        together=[(("a.txt", "93"), ("b.txt", "95")), (("b.txt", "95"), ("c.txt", "97"))],
        apart=[(("a.txt", "23"), ("b.txt", "95")), (("a.txt", "150"), ("b.txt", "640"))],
    ),
    frame_case(
        "counts/a-headline-that-kills-counts-deaths",
        [("a.txt", article("Quake kills 19 in Peru", "2023-02-06", "The earthquake in Peru struck on Monday.")),
         ("b.txt", article("Peru quake", "2023-02-06", "The earthquake in Peru killed 21 people, officials said."))],
        expect=[(("a.txt", "19"), {"topic": "deaths"})],
        together=[(("a.txt", "19"), ("b.txt", "21"))],
    ),
]


WHERE_IT_HAPPENED_CASES = [
    frame_case(
        "scope/the-place-the-event-happened-in-is-no-narrower-scope",
        [("a.txt", article("Quake kills 19 in Peru's Sarvel region", "2023-05-22",
                           "An earthquake shook the Sarvel region of Peru on Monday, killing at least 19 people.")),
         ("b.txt", article("Peru quake toll rises to 41", "2023-05-23",
                           "The death toll from Monday's earthquake in Sarvel rose to 41 on Tuesday.")),
         ("c.txt", article("Peru quake toll hits 54", "2023-05-25",
                           "Fifty-four people have died in Monday's earthquake in Peru, the government said. Of "
                           "those, 47 died in the Sarvel region and seven in neighbouring Tambo."))],
        expect=[(("b.txt", "41", 1), {"facets": ()}), (("c.txt", "47"), {"facets": ("area:a part",)})],
        together=[(("b.txt", "41", 1), ("c.txt", "Fifty-four"))],
        apart=[(("c.txt", "47"), ("c.txt", "Fifty-four")), (("c.txt", "47"), ("b.txt", "41", 1))],
    ),
]


ARREST_CASES = [
    frame_case(
        "property/arrests-are-their-own-count",
        [("a.txt", article("Protests in Orvald", "2021-03-02",
                           "Police arrested 340 people in Orvald, Kenya, and 120 were injured, officials said.")),
         ("b.txt", article("Orvald protests", "2021-03-03",
                           "Some 350 protesters were detained in Orvald, Kenya, and 125 were hurt."))],
        expect=[(("a.txt", "340"), {"topic": "arrested"})],
        together=[(("a.txt", "340"), ("b.txt", "Some 350")), (("a.txt", "120"), ("b.txt", "125"))],
        apart=[(("a.txt", "340"), ("b.txt", "125"))],
    ),
]


THING_ARTICLE_CASES = [
    frame_case(
        "events/an-article-about-a-dam-gives-the-dams-cost-though-it-recalls-a-flood",
        [("a.txt", "title: Power from Orvald II to ease Chile's shortfall\ndate: 2025-03-15\n\n"
                   "Chile expects to import electricity from Peru's new Orvald II dam next month.\n\n"
                   "The 1.5 GW plant, which cost $4.2 billion, will send roughly 600 megawatts south, a spokesman "
                   "said.\n\n"
                   "Work on the dam started in 2018 and took seven years, slowed by flooding in 2021."),
         ("b.txt", article("Orvald II dam", "2025-03-16",
                           "The Orvald II dam in Peru cost $4.5 billion to build, engineers said."))],
        same_event=[(("a.txt", "$4.2 billion"), ("b.txt", "$4.5 billion")),
                    (("a.txt", "seven years"), ("a.txt", "1.5 GW"))],
    ),
]


LOOK_BACK_CASES = [
    frame_case(
        "passages/a-count-dated-before-the-event-happened-is-an-earlier-ones",
        [("a.txt", article("Unrest in Orvald", "2021-08-16",
                           "The unrest in Orvald, Kenya, killed seven people on Monday. It was the deadliest unrest "
                           "in the region since 2012, when 11 people died during an eviction.")),
         ("b.txt", article("Orvald unrest toll", "2021-08-17", "The unrest in Orvald, Kenya, killed nine people."))],
        expect=[(("a.txt", "11"), {"as_of": "2012"})],
        same_event=[(("a.txt", "seven"), ("b.txt", "nine"))],
        other_event=[(("a.txt", "11"), ("a.txt", "seven"))],
        together=[(("a.txt", "seven"), ("b.txt", "nine"))],
        apart=[(("a.txt", "11"), ("b.txt", "nine"))],
    ),
]


AGENT_CASES = [
    frame_case(
        "scope/who-acted-is-no-category-of-the-dead",
        [("a.txt", article("Crackdown in Orvald", "2021-08-16",
                           "The unrest in Orvald, Kenya, caused 38 deaths in the police crackdown.")),
         ("b.txt", article("Orvald unrest", "2021-08-17", "The unrest in Orvald, Kenya, killed 40 people.")),
         ("c.txt", article("Orvald unrest toll", "2021-08-17",
                           "The unrest in Orvald, Kenya, killed 12 police officers, officials said."))],
        expect=[(("a.txt", "38"), {"facets": ()}), (("c.txt", "12"), {"facets": ("category:security forces",)})],
        together=[(("a.txt", "38"), ("b.txt", "40"))],
        apart=[(("c.txt", "12"), ("b.txt", "40"))],
    ),
]


# --- figures an extractor now reads more of: other things' measures in brackets, and
# measures in two units of one dimension, weighed by their size in one unit ---------------

TARVENA_DAM = article(
    "Tarvena dam opens", "2024-05-02",
    "The Tarvena Dam is 152 metres high, officials said.")
TARVENA_DAM_LATER = article(
    "Tarvena dam inauguration", "2024-05-09",
    "The Tarvena Dam rises 150 metres above the river bed, engineers said.")
TARVENA_DAM_RANKED = article(
    "Tarvena dam among the highest", "2024-05-10",
    "The Tarvena Dam ranks among the highest dams in the region, behind the Sarvel Dam on the Lenz River (160 m).")
TARVENA_INFOBOX = article(
    "Tarvena Dam", "2024-05-10",
    "Tarvena Dam\nType Gravity dam\nLength 1,900 m (6,234 ft)")
TARVENA_RESERVOIR = article(
    "Tarvena dam fills", "2024-06-01",
    "The Tarvena Dam is about 250 kilometres long with its lake, engineers said.")

MEASURE_CASES = [
    frame_case(
        "thing/a-measure-in-brackets-after-another-dams-name-is-that-dams",
        [("a.txt", TARVENA_DAM), ("b.txt", TARVENA_DAM_LATER), ("c.txt", TARVENA_DAM_RANKED)],
        same_event=[(("a.txt", "152 metres"), ("b.txt", "150 metres"))],
        other_event=[(("c.txt", "160 m"), ("b.txt", "150 metres"))],
        together=[(("a.txt", "152 metres"), ("b.txt", "150 metres"))],
        apart=[(("c.txt", "160 m"), ("b.txt", "150 metres")), (("c.txt", "160 m"), ("a.txt", "152 metres"))],
    ),
    frame_case(
        "thing/metres-and-kilometres-are-weighed-in-one-unit",
        [("a.txt", TARVENA_INFOBOX), ("b.txt", TARVENA_RESERVOIR),
         ("c.txt", article("Tarvena dam length", "2024-06-02", "The Tarvena Dam is 1.9 kilometres long, officials said."))],
        together=[(("a.txt", "1,900 m"), ("c.txt", "1.9 kilometres"))],
        apart=[(("a.txt", "1,900 m"), ("b.txt", "about 250 kilometres"))],
    ),
]


FRAME_CASES = (EVENT_CASES + PASSAGE_CASES + SCOPE_CASES + COUNT_CASES + DATE_CASES + NO_EVENT_CASES + LATER_CASES
               + TIME_CASES + TABLE_AND_ASIDE_CASES + VOICE_CASES + COUNTED_WORD_CASES
               + CITED_AND_ADDED_CASES + SECTOR_AND_WORDING_CASES + FRESH_CASES
               + WHERE_IT_HAPPENED_CASES + ARREST_CASES + THING_ARTICLE_CASES + LOOK_BACK_CASES
               + AGENT_CASES + MEASURE_CASES)


@pytest.mark.parametrize(("documents", "expect", "same_event", "other_event", "together", "apart", "ungrouped"),
                         FRAME_CASES)
def test_frame_case(documents, expect, same_event, other_event, together, apart, ungrouped, frame_rules):
    result = run(documents, frame_rules)
    context = describe(result)
    for ref, attributes in expect:
        found = claim(result, ref)
        for name, value in attributes.items():
            assert getattr(found, name) == value, f"{ref} {name} is {getattr(found, name)!r}\n{context}"
    for first, second in same_event:
        a, b = claim(result, first), claim(result, second)
        assert a.event is not None and a.event == b.event, f"{first} and {second} are not one event\n{context}"
    for first, second in other_event:
        assert claim(result, first).event != claim(result, second).event, \
            f"{first} and {second} share an event\n{context}"
    for first, second in together:
        assert shared_fact(result, first, second), f"{first} and {second} are not one fact\n{context}"
    for first, second in apart:
        assert not shared_fact(result, first, second), f"{first} and {second} were grouped as one fact\n{context}"
    for ref in ungrouped:
        assert claim(result, ref).id not in result.fact_of, f"{ref} is in a fact\n{context}"


def test_every_negative_case_has_a_positive_control():
    """An "apart" case must also group something, an "other_event" case must also share
    an event: otherwise it passes when nothing groups at all."""
    for case in FRAME_CASES:
        _, _, same_event, other_event, together, apart, ungrouped = case.values
        if apart or ungrouped:
            assert together, f"{case.id}: apart/ungrouped without a pair that groups"
        if other_event:
            assert same_event, f"{case.id}: other_event without a pair that shares an event"


# --- 5. a headline stated twice -----------------------------------------------------

HEADLINE_CASES = [
    pytest.param(
        [("a.txt", article("63 dead as floods hit Ecuador", "2020-03-02",
                           "63 dead as floods hit Ecuador",
                           "Heavy rain caused floods across coastal Ecuador this week, officials said.")),
         ("b.txt", article("Ecuador floods", "2020-03-02", "The floods in Ecuador have killed 67 people."))],
        ("a.txt", "63"), ("b.txt", "67"),
        id="headline-in-header-and-first-line-counts-once",
    ),
    pytest.param(
        [("a.txt", article("Floods in Ecuador leave 63 dead", "https://news.example.org/2020/03/02/ecuador",
                           "Floods in Ecuador leave 63 dead",
                           "Heavy rain caused floods across coastal Ecuador this week, officials said.", key="source")),
         ("b.txt", article("Ecuador floods", "2020-03-02", "The floods in Ecuador have killed 67 people."))],
        ("a.txt", "63"), ("b.txt", "67"),
        id="headline-with-source-line-and-first-line-counts-once",
    ),
]


@pytest.mark.parametrize(("documents", "headline", "other"), HEADLINE_CASES)
def test_repeated_headline_counts_once(documents, headline, other, frame_rules):
    result = run(documents, frame_rules)
    source, surface = headline
    first, second = claim(result, (source, surface, 0)), claim(result, (source, surface, 1))
    assert first.restates is None
    assert second.restates == first.id
    assert second.id not in result.fact_of
    assert not any(second.id in finding.claims for finding in result.findings)
    # the first statement still meets the other source, and the fact counts it once
    assert shared_fact(result, (source, surface, 0), other), describe(result)
    fact = next(f for f in result.facts if first.id in f.claim_ids)
    assert len(fact.claim_ids) == 2


def test_headline_stated_once_restates_nothing(frame_rules):
    """Control: the same figure in the headline and a different body sentence is two
    statements, neither restating the other."""
    result = run([("a.txt", article("63 dead as floods hit Ecuador", "2020-03-02",
                                    "Heavy rain caused floods across coastal Ecuador. The floods killed 63 people."))],
                 frame_rules)
    assert [c.restates for c in result.claims if c.text == "63"] == [None, None]


# --- 7. causes of discrepancies ------------------------------------------------------


def cause_case(case_id, documents, first, second, cause, severity, marks=()):
    return pytest.param(documents, first, second, cause, severity, id=case_id, marks=marks)


CAUSE_CASES = [
    cause_case(
        "time/toll-grew-from-march-to-april-article",
        [("a.txt", article("Ecuador floods kill dozens", "2020-03-02",
                           "The floods in Ecuador have killed 63 people, officials said.")),
         ("b.txt", article("Ecuador flood toll climbs", "2020-04-06",
                           "Health workers have now counted 81 deaths from the floods in Ecuador."))],
        ("a.txt", "63"), ("b.txt", "81"), "time", Severity.LOW,
    ),
    cause_case(
        "time/toll-grew-between-articles-two-days-apart",
        [("a.txt", article("Ecuador floods kill dozens", "2020-03-02",
                           "The floods in Ecuador have killed 63 people, officials said.")),
         ("b.txt", article("Ecuador flood toll climbs", "2020-03-04",
                           "Health workers have now counted 81 deaths from the floods in Ecuador."))],
        ("a.txt", "63"), ("b.txt", "81"), "time", Severity.LOW,
    ),
    cause_case(
        "time/fewer-missing-days-later-is-a-later-count",
        [("a.txt", article("Ecuador floods", "2020-03-02", "The floods in Ecuador have left 35 people missing.")),
         ("b.txt", article("Ecuador floods search", "2020-03-05",
                           "Rescuers say nine people are missing after the floods in Ecuador."))],
        ("a.txt", "35"), ("b.txt", "nine"), "time", Severity.LOW,
    ),
    cause_case(
        "time/control-toll-that-shrank-later-is-unexplained",
        [("a.txt", article("Ecuador floods kill dozens", "2020-03-02",
                           "The floods in Ecuador have killed 81 people, officials said.")),
         ("b.txt", article("Ecuador flood toll revised", "2020-04-06",
                           "Health workers have now counted 63 deaths from the floods in Ecuador."))],
        ("a.txt", "81"), ("b.txt", "63"), "unexplained", Severity.MEDIUM,
    ),
    cause_case(
        # an event of two countries alike has no home: the one country named narrows a
        # toll, and the unscoped toll may still meet it, as a difference of scope
        "scope/country-share-against-unscoped-toll-in-a-two-country-event",
        [("a.txt", article("Earthquake strikes the Andes", "2022-06-09",
                           "A powerful earthquake struck the Andes between Chile and Argentina on Wednesday. "
                           "The quake killed 35 people, the Red Cross said.")),
         ("b.txt", article("Andes earthquake toll", "2022-06-09",
                           "The earthquake in the Andes shook Argentina and Chile. Chile reported 31 deaths."))],
        ("a.txt", "35"), ("b.txt", "31"), "scope", Severity.LOW,
    ),
    cause_case(
        "unexplained/same-day-different-tolls",
        [("a.txt", article("Ecuador floods kill dozens", "2020-03-02",
                           "The floods in Ecuador have killed 63 people, officials said.")),
         ("b.txt", article("Ecuador floods toll", "2020-03-02",
                           "Health workers have counted 81 deaths from the floods in Ecuador."))],
        ("a.txt", "63"), ("b.txt", "81"), "unexplained", Severity.MEDIUM,
    ),
]


@pytest.mark.parametrize(("documents", "first", "second", "cause", "severity"), CAUSE_CASES)
def test_cause_of_discrepancy(documents, first, second, cause, severity, frame_rules):
    result = run(documents, frame_rules)
    context = describe(result)
    assert shared_fact(result, first, second), f"{first} and {second} are not one fact\n{context}"
    finding = finding_between(result, first, second)
    assert finding is not None
    assert finding.relation.value == "conflict", finding.note
    assert finding.cause is not None and finding.cause.value == cause, f"{finding.cause}: {finding.note}\n{context}"
    assert finding.severity is severity, f"{finding.severity}: {finding.note}"


# --- an article with no kind word of its own: the event its names point to ----------------

def _event(event_id, names):
    return Event(event_id, event_id, "unrest", 2019, names)


RIOTS = _event("riots", ("KE", "lenzby", "orvald", "nairobi", "police", "US", "UG", "TZ", "RW", "ET", "SO", "CD"))
FLOODS = _event("floods", ("PE", "cusco", "lima", "andes", "rains", "BO", "CL", "EC", "BR", "CO", "AR", "UY"))
BORDER = _event("border", ("KE", "UG", "elgon", "busia", "malaba", "customs", "trade", "trucks", "TZ", "SS", "ET",
                           "SO"))

NEAREST_EVENT_CASES = [
    pytest.param({"KE": 5.5, "orvald": 5.0, "commission": 0.5, "inquiry": 0.5}, [RIOTS, FLOODS], "riots",
                 id="names-far-ahead-of-every-other-event-though-loosely"),
    pytest.param({"KE": 5.5, "commission": 0.5, "inquiry": 0.5}, [RIOTS, BORDER], None,
                 id="a-country-two-events-share-decides-nothing"),
    pytest.param({"chile": 1.0, "report": 0.5}, [RIOTS, FLOODS], None, id="names-no-event-has"),
]


@pytest.mark.parametrize(("weights", "events", "expected"), NEAREST_EVENT_CASES)
def test_nearest_event_of_an_article_without_a_kind_word(weights, events, expected):
    found = nearest_event(Counter(weights), events)
    assert (found.id if found else None) == expected
