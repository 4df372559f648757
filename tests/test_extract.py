"""Table-driven tests of `factcheck.extract_claims` on invented news sentences.

Each row names the quantity claim a sentence must give (surface text, value, unit,
dimension, qualifier, interval, precision, unit family, scope) or the noise it must not.
"""

from __future__ import annotations

import pytest

from factcheck import extract_claims
from factcheck.model import ClaimKind, Qualifier

UNSET = object()


def quantities(text):
    return [claim for claim in extract_claims(text) if claim.kind is ClaimKind.QUANTITY]


def dates(text):
    return [claim for claim in extract_claims(text) if claim.kind is ClaimKind.DATE]


def the_quantity(text):
    found = quantities(text)
    assert len(found) == 1, f"expected one quantity claim in {text!r}, got {[c.text for c in found]}"
    return found[0]


def check(claim, expected):
    """Compare the fields named in `expected`; floats approximately, None exactly."""
    for name, want in expected.items():
        got = getattr(claim, name)
        if isinstance(want, float) and got is not None:
            assert got == pytest.approx(want), f"{name}: {got!r} != {want!r}"
        else:
            assert got == want, f"{name}: {got!r} != {want!r}"


def case(sentence, case_id, /, marks=(), **expected):
    return pytest.param(sentence, expected, id=case_id, marks=marks)


# --- values, units, currencies, percentages -------------------------------------------

VALUE_CASES = [
    # thousands separators and decimals
    case("Floodwaters damaged 12,450 homes across the delta.", "separator-count",
         text="12,450", value=12450.0, unit="home", dimension="count", precision=1.0),
    case("The mine shipped 1,234.5 tonnes of copper in the quarter.", "separator-and-decimal-tonnes",
         text="1,234.5 tonnes", value=1234.5, unit="t", dimension="mass", precision=0.1),
    case("Inflation eased to 0.75 per cent in the spring.", "decimal-below-one",
         text="0.75 per cent", value=0.75, precision=0.01),
    case("Organisers printed 30,000 ballots for the runoff.", "round-thousands-precision",
         text="30,000", value=30000.0, precision=1000.0),
    # scale words and abbreviations
    case("Relief agencies registered 2.5 million refugees after the cyclone.", "decimal-million",
         text="2.5 million", value=2_500_000.0, unit="refugee", family="people", precision=100_000.0),
    case("The harvest festival drew 40 thousand visitors.", "digits-thousand",
         text="40 thousand", value=40_000.0, unit="visitor", precision=1000.0),
    case("The drought cost growers 1.2 billion dollars.", "billion-dollars-word",
         text="1.2 billion dollars", value=1_200_000_000.0, unit="USD", dimension="currency"),
    case("The ministry spent 2.5bn on new levees.", "bn-abbreviation-no-currency",
         text="2.5bn", value=2_500_000_000.0, unit=None, dimension="number", precision=100_000_000.0),
    case("The port handled $4.2bn in grain exports.", "dollar-bn",
         text="$4.2bn", value=4_200_000_000.0, unit="USD", dimension="currency", precision=100_000_000.0),
    # currencies by symbol and code
    case("Donors pledged $75 million for reconstruction.", "dollar-sign-is-usd",
         text="$75 million", value=75_000_000.0, unit="USD", dimension="currency"),
    case("Grain sales to the bloc reached €310 million.", "euro-sign",
         text="€310 million", value=310_000_000.0, unit="EUR", dimension="currency"),
    case("The fund released EUR 45 million for dyke repairs.", "eur-code",
         text="EUR 45 million", value=45_000_000.0, unit="EUR", dimension="currency"),
    case("The shipping firm paid US$12 million in penalties.", "us-dollar-prefix",
         text="US$12 million", value=12_000_000.0, unit="USD", dimension="currency"),
    case("Ottawa pledged C$250 million for wildfire relief.", "canadian-dollar-prefix",
         text="C$250 million", value=250_000_000.0, unit="CAD", dimension="currency"),
    case("London promised £40 million in flood aid.", "pound-sign",
         text="£40 million", value=40_000_000.0, unit="GBP", dimension="currency"),
    case("The customs union collected USD 3 million in duties.", "usd-code",
         text="USD 3 million", value=3_000_000.0, unit="USD", dimension="currency"),
    # percentages
    case("Unemployment in the port town fell to 4.3% in the autumn.", "percent-sign",
         text="4.3%", value=4.3, unit="percent", dimension="percentage", precision=0.1),
    case("Turnout in the mayoral race was 68.4 per cent.", "per-cent-two-words",
         text="68.4 per cent", value=68.4, unit="percent", dimension="percentage"),
    case("Support for the tariff plan rose to 71 percent.", "percent-one-word",
         text="71 percent", value=71.0, unit="percent", dimension="percentage"),
    # hyphenated unit adjectives
    case("Engineers finished a 400-kilometre pipeline through the hills.", "hyphen-kilometre-adjective",
         text="400-kilometre", value=400.0, unit="km", dimension="length"),
    case("A 30-metre wave struck the fishing village.", "hyphen-metre-adjective",
         text="30-metre", value=30.0, unit="m", dimension="length"),
    case("Crews reopened a 5-km stretch of the coast road.", "hyphen-km-symbol-adjective",
         text="5-km", value=5.0, unit="km", dimension="length"),
    # measures written as words after the figure
    case("The new railway runs 1,250 kilometres to the coast.", "kilometres-after-figure",
         text="1,250 kilometres", value=1250.0, unit="km", dimension="length"),
    case("Divers searched the lake for 72 hours.", "hours-duration",
         text="72 hours", value=72.0, unit="hours", dimension="duration"),
]


@pytest.mark.parametrize(("text", "expected"), VALUE_CASES)
def test_quantity_value_and_unit(text, expected):
    expected = dict(expected)
    family = expected.pop("family", UNSET)
    claim = the_quantity(text)
    check(claim, expected)
    if family is not UNSET:
        assert claim.unit_family == family


# --- counted nouns as units -------------------------------------------------------

COUNTED_CASES = [
    case("The earthquake caused 62 deaths in the border province.", "deaths-noun-family-people",
         text="62", value=62.0, unit="death", unit_family="people", dimension="count", scope=None),
    case("The storm left 100,000 displaced residents without power.", "displaced-residents-scope",
         text="100,000", value=100_000.0, unit="resident", unit_family="people", scope="displaced residents"),
    case("Officials said 7,500 residents were evacuated from the valley.", "residents-family-people",
         value=7500.0, unit="resident", unit_family="people"),
    case("At dawn 1,200 troops crossed the river.", "irregular-troops",
         value=1200.0, unit="troop", unit_family="people"),
    case("The mudslide buried 300 children in the school.", "irregular-children",
         value=300.0, unit="child", unit_family="people"),
    case("The quake destroyed 45 barns in the county.", "plain-noun-own-family",
         value=45.0, unit="barn", unit_family="barn", dimension="count"),
    case("Some 5,000 Syrians crossed into the province.", "demonym-is-people",
         value=5000.0, unit="people", unit_family="people", scope="Syrians"),
    case("Twelve aid workers were flown out of the camp.", "modifier-and-head",
         value=12.0, unit="worker", unit_family="people", scope="aid workers"),
    case("The tremor damaged a dozen bridges on the highway.", "a-dozen-bridges",
         text="a dozen", value=12.0, unit="bridge", precision=12.0),
    case("About 90 fishing boats sank in the harbour.", "gerund-modifier-fishing-boats",
         value=90.0, unit="boat", dimension="count"),
]


@pytest.mark.parametrize(("text", "expected"), COUNTED_CASES)
def test_counted_noun_is_the_unit(text, expected):
    check(the_quantity(text), expected)


# --- numbers written as words -----------------------------------------------------

WORD_CASES = [
    case("Five villages were cut off by the landslide.", "five",
         text="Five", value=5.0, unit="village", precision=1.0),
    case("Seven million voters cast ballots on Sunday.", "seven-million",
         text="Seven million", value=7_000_000.0, unit="voter", precision=1_000_000.0),
    case("The flood killed thirty-seven villagers.", "thirty-seven-hyphenated",
         text="thirty-seven", value=37.0, unit="villager", unit_family="people"),
    case("Twenty-one miners were trapped below ground.", "twenty-one-capitalised",
         text="Twenty-one", value=21.0, unit="miner"),
    case("A hundred homes burned in the wildfire.", "a-hundred",
         text="A hundred", value=100.0, unit="home", precision=100.0),
    # a vague plural is a range of one order, its value the midpoint
    case("Thousands of residents fled the rising water.", "vague-thousands-is-one-order",
         text="Thousands", value=5500.0, unit="resident", qualifier=Qualifier.RANGE, low=1000.0, high=10_000.0),
    case("Tens of thousands of voters queued overnight.", "vague-tens-of-thousands",
         text="Tens of thousands", value=55_000.0, qualifier=Qualifier.RANGE, low=10_000.0, high=100_000.0),
    case("A quarter of the ballots arrived by post.", "fraction-a-quarter",
         text="A quarter", value=25.0, unit="percent", dimension="percentage"),
    case("Less than half of the polling stations opened on time.", "fraction-half-with-qualifier",
         text="Less than half", value=50.0, unit="percent", qualifier=Qualifier.LESS_THAN, low=None, high=50.0),
]


@pytest.mark.parametrize(("text", "expected"), WORD_CASES)
def test_word_numbers(text, expected):
    check(the_quantity(text), expected)


# --- qualifiers and intervals -----------------------------------------------------

QUALIFIER_CASES = [
    case("More than 300 homes were destroyed by the tremor.", "more-than",
         text="More than 300", qualifier=Qualifier.MORE_THAN, value=300.0, low=300.0, high=None),
    case("Over 40 aftershocks followed the main quake.", "over",
         text="Over 40", qualifier=Qualifier.MORE_THAN, value=40.0, low=40.0, high=None),
    case("Approximately 1,200 ballots were spoiled.", "approximately-two-percent-band",
         text="Approximately 1,200", qualifier=Qualifier.APPROX, value=1200.0, low=1176.0, high=1224.0),
    case("About 800 people sheltered in the stadium.", "about",
         text="About 800", qualifier=Qualifier.APPROX, value=800.0, low=784.0, high=816.0),
    case("Nearly 600 people were rescued from rooftops.", "nearly-below-only",
         text="Nearly 600", qualifier=Qualifier.NEARLY, value=600.0, low=588.0, high=600.0),
    case("At least 25 people died in the mudslide.", "at-least",
         text="At least 25", qualifier=Qualifier.AT_LEAST, value=25.0, low=25.0, high=None),
    case("Less than 15 percent of the rice crop survived.", "less-than",
         text="Less than 15 percent", qualifier=Qualifier.LESS_THAN, value=15.0, low=None, high=15.0),
    case("Up to 8,000 dock workers could lose their jobs.", "up-to",
         text="Up to 8,000", qualifier=Qualifier.AT_MOST, value=8000.0, low=None, high=8000.0),
    case("Over $5 million was raised for the victims.", "qualifier-before-currency",
         text="Over $5 million", qualifier=Qualifier.MORE_THAN, value=5_000_000.0, unit="USD", low=5_000_000.0),
    case("Roughly €80 million was pledged at the summit.", "roughly-before-euro",
         text="Roughly €80 million", qualifier=Qualifier.APPROX, low=78_400_000.0, high=81_600_000.0),
    case("At least five people drowned in the canal.", "at-least-word-number",
         text="At least five", qualifier=Qualifier.AT_LEAST, value=5.0, low=5.0, high=None),
    # "seven million" is written to the million: "nearly" reaches a quarter of that step below it
    case("Nearly seven million voters stayed home.", "nearly-word-million",
         text="Nearly seven million", qualifier=Qualifier.NEARLY, low=6_750_000.0, high=7_000_000.0),
    case("Nearly 7,340 voters stayed home.", "nearly-precise-figure-keeps-its-share",
         text="Nearly 7,340", qualifier=Qualifier.NEARLY, low=7_193.2, high=7_340.0),
    case("The storm flattened 120 greenhouses.", "no-qualifier-is-exact",
         text="120", qualifier=Qualifier.EXACT, value=120.0, low=120.0, high=120.0),
    case("Officials reported 40-55 missing fishermen.", "digit-range",
         text="40-55", qualifier=Qualifier.RANGE, value=47.5, low=40.0, high=55.0),
]


@pytest.mark.parametrize(("text", "expected"), QUALIFIER_CASES)
def test_qualifier_and_interval(text, expected):
    check(the_quantity(text), expected)


# --- dates and years: only ever kind "date" ---------------------------------------

DATE_CASES = [
    pytest.param("On 14 August 2021 the river peaked at the weir.", ["14 August 2021"], ["2021-08"],
                 id="day-month-year"),
    pytest.param("Relief convoys arrived in March 2022.", ["March 2022"], ["2022-03"], id="month-year"),
    pytest.param("Officials met on March 12, 2024 to inspect the dykes.", ["March 12, 2024"], ["2024-03"],
                 id="us-style-date"),
    pytest.param("Negotiators resumed talks on 2025-03-13 in Vienna.", ["2025-03-13"], ["2025-03"], id="iso-date"),
    pytest.param("The aftershock struck on 10.02.2023 before dawn.", ["10.02.2023"], ["2023-02"],
                 id="dotted-numeric-date"),
    pytest.param("The dam was completed in 1998 after years of delay.", ["1998"], ["1998"], id="in-year"),
    pytest.param("The 2010 earthquake destroyed the old harbour.", ["2010"], ["2010"], id="the-year-event"),
    pytest.param("Ahead of 2024 elections, parties courted farmers.", ["2024"], ["2024"], id="of-year-plural-noun"),
    pytest.param("Between 2015 and 2020 soybean exports doubled.", ["2015", "2020"], ["2015", "2020"],
                 id="between-years"),
    pytest.param("The canal was dredged in 1992-1997 stages.", ["1992-1997"], ["1997"], id="year-range"),
    pytest.param("The region suffered repeated droughts in the 1990s.", ["1990s"], [None], id="decade-is-a-date-without-anchor"),
    pytest.param(
        "2019 elections were marred by fraud claims.", ["2019"], ["2019"], id="year-at-sentence-start",
    ),
    pytest.param(
        "Rice exports rose sharply compared with 2019 levels.", ["2019"], ["2019"], id="compared-with-year-levels",
    ),
    pytest.param(
        "Post-2008 reforms cut tariffs on fertiliser.", ["2008"], ["2008"], id="post-hyphen-year",
    ),
]


@pytest.mark.parametrize(("text", "date_texts", "isos"), DATE_CASES)
def test_dates_are_never_quantities(text, date_texts, isos):
    assert [c.text for c in quantities(text)] == []
    found = dates(text)
    assert [c.text for c in found] == date_texts
    assert [c.as_of for c in found] == isos
    for claim in found:
        assert claim.dimension == "date"
        assert claim.unit is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The quake killed 2,021 people in the hills.", 2021.0, id="separator-makes-it-a-count"),
        pytest.param("Some 2000 people attended the vigil.", 2000.0, id="some-2000-people-is-a-count"),
    ],
)
def test_four_digit_counts_stay_quantities(text, expected):
    claim = the_quantity(text)
    assert claim.value == expected
    assert claim.unit == "people"
    assert dates(text) == []


# --- noise: digits that state no figure -------------------------------------------

NOISE_CASES = [
    pytest.param("The quake struck at 17:22 and shook the capital.", id="clock-time-colon"),
    pytest.param("The first aftershock came at 9.30 a.m. on Tuesday.", id="clock-time-am"),
    pytest.param("The ferry left at 5pm on Sunday.", id="clock-time-pm"),
    pytest.param("The levee failed near the old mill.[3] Engineers blamed neglect.", id="footnote-brackets"),
    pytest.param("The harvest shrank sharply.<sup>[2]</sup> Prices rose.", id="footnote-sup-brackets"),
    pytest.param("The harvest shrank<sup>2</sup> after the frost.", id="footnote-sup-bare"),
    pytest.param("1) first item", id="list-marker-paren"),
    pytest.param("Steps:\n1) close the gates\n2) open the spillway", id="list-markers-multiline"),
    pytest.param("Checklist:\n2. seal the doors", id="list-marker-dot"),
    pytest.param("Call the hotline on +44 20 7946 0958 for help.", id="phone-international"),
    pytest.param("Report damage at (212) 555-0100 before noon.", id="phone-us-style"),
    pytest.param("Details are at https://example.org/reports/2023/flood-88.html today.", id="url-https"),
    pytest.param("See www.example.com/tolls/2024/62 for the list.", id="url-www"),
    pytest.param("© 2010-2024 Some Org", id="copyright-line"),
    pytest.param("Copyright 2019 Some Org. All rights reserved.", id="copyright-word-line"),
    pytest.param("COVID-19 cases rose in the camps.", id="name-covid-19"),
    pytest.param("The air force sent the F-16 to patrol the coast.", id="name-f-16"),
    pytest.param("Leaders of the G7 met in the spa town.", id="name-g7"),
    pytest.param("The H5N1 strain spread to poultry farms.", id="name-h5n1"),
    pytest.param("Members invoked Article 5 of the treaty.", id="name-article-5"),
    pytest.param("Talks between the two countries resumed on Monday.", id="pair-reference-two-countries"),
    pytest.param("Both sides agreed to a truce after the two leaders met.", id="pair-reference-two-leaders"),
    pytest.param("All three countries joined the grain pact.", id="pair-reference-all-three-countries"),
    pytest.param(
        "A Boeing 737 carrying aid landed at the airstrip.", id="name-boeing-737",
    ),
    pytest.param(
        "The Apollo 11 anniversary drew crowds to the museum.", id="name-apollo-11",
    ),
]


@pytest.mark.parametrize("text", NOISE_CASES)
def test_noise_gives_no_quantity(text):
    assert [c.text for c in quantities(text)] == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        pytest.param("At 17:22 the tremor killed 40 people in the market.", "40", id="clock-time-beside-figure"),
        pytest.param("The storm killed 40 people[12] in the valley.", "40", id="footnote-glued-to-noun"),
        pytest.param("Call +44 20 7946 0958: 40 families are still missing.", "40", id="phone-beside-figure"),
        pytest.param("COVID-19 closed 40 markets in the region.", "40", id="name-beside-figure"),
        pytest.param("The two countries share a 1,200-kilometre frontier.", "1,200-kilometre",
                     id="pair-reference-beside-length"),
        pytest.param("The two poorest countries received aid.", "two", id="superlative-two-is-a-count"),
    ],
)
def test_noise_leaves_the_real_figure(text, figure):
    assert [c.text for c in quantities(text)] == [figure]


# --- spans, lines and columns -----------------------------------------------------

SPAN_TEXTS = [
    *(p.values[0] for p in VALUE_CASES),
    *(p.values[0] for p in COUNTED_CASES),
    *(p.values[0] for p in WORD_CASES),
    *(p.values[0] for p in QUALIFIER_CASES),
    *(p.values[0] for p in DATE_CASES if p.values[1]),
    "Overnight — “officials” said — the flood killed 48 people; €3 million arrived on 2 May 2021.\n\n"
    "In 2019, 40 people died.\nThe 400-kilometre canal cost C$1.5bn, roughly 12% of the budget.",
]


@pytest.mark.parametrize("text", SPAN_TEXTS, ids=[f"span-{i:02d}" for i in range(len(SPAN_TEXTS))])
def test_span_matches_text(text):
    claims = extract_claims(text)
    assert claims, f"no claims in {text!r}"
    for claim in claims:
        assert text[claim.start:claim.end] == claim.text
        line_start = text.rfind("\n", 0, claim.start) + 1
        assert claim.line == text.count("\n", 0, claim.start) + 1
        assert claim.column == claim.start - line_start + 1
    starts = [(c.start, c.end) for c in claims]
    assert starts == sorted(starts)


# --- context: measured and as_of --------------------------------------------------

MEASURED_CASES = [
    pytest.param("The earthquake caused 62 deaths in the border province.", "deaths", id="counted-noun-deaths"),
    pytest.param("At least 25 people died in the mudslide.", "died", id="predicate-died"),
    pytest.param("Officials said 7,500 residents were evacuated.", "evacuated", id="predicate-evacuated"),
    pytest.param("Unemployment fell to 4.3% in the spring.", "unemployment", id="subject-unemployment"),
    pytest.param(
        "Unemployment in the port town fell to 4.3%.", "unemployment", id="subject-beyond-three-words-before",
    ),
    pytest.param("Engineers finished a 400-kilometre pipeline through the hills.", "pipeline",
                 id="noun-after-unit-adjective"),
    pytest.param("The reservoir holds 3.75 million cubic metres of water.", "reservoir", id="subject-reservoir"),
    pytest.param(
        "Food prices rose 12 percent last year.", "prices", id="subject-dropped-before-two-trailing-words",
    ),
    pytest.param(
        "The turnout was 68.4 per cent in the northern districts.", "turnout", id="subject-turnout-dropped",
    ),
]


@pytest.mark.parametrize(("text", "word"), MEASURED_CASES)
def test_measured_names_what_is_measured(text, word):
    assert word in the_quantity(text).measured.split()


AS_OF_CASES = [
    pytest.param("In 2019, 40 people died when the river burst its banks.", "2019", "sentence",
                 id="year-before-figure"),
    pytest.param("The earthquake killed 1,020 people in 2015.", "2015", "sentence", id="year-after-figure"),
    pytest.param("Agencies counted 2.5 million refugees by March 2022.", "2022-03", "sentence", id="month-year"),
    pytest.param("The 2018 floods were severe. Officials counted 40 deaths.", "2018", "paragraph",
                 id="year-earlier-in-paragraph"),
    pytest.param("The 2018 floods were severe.\n\nOfficials counted 40 deaths.", None, None,
                 id="year-in-another-paragraph-does-not-carry"),
    pytest.param("Officials counted 40 deaths. A new dam opened in 2020.", None, None,
                 id="year-in-a-later-sentence-does-not-carry"),
    pytest.param("Rescuers pulled 40 people from the rubble.", None, None, id="no-year"),
]


@pytest.mark.parametrize(("text", "as_of", "basis"), AS_OF_CASES)
def test_as_of(text, as_of, basis):
    claim = the_quantity(text)
    assert claim.as_of == as_of
    assert claim.as_of_basis == basis


def test_as_of_follows_each_clause_year():
    text = "Floods in 2019 killed 40 people and in 2020 killed 55 people."
    assert [(c.text, c.as_of) for c in quantities(text)] == [("40", "2019"), ("55", "2020")]
