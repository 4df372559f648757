"""Written forms of figures, one table per kind of form, from invented sentences.

Each row is one way news text writes a figure: a magnitude before or after its
number, a fraction of a scale word ("half a million"), a currency with a country
code ("$US", "USD"), Indian scale words ("lakh", "crore"), "m" and "k" as scales,
a yield in kilotons, a range that writes its scale or currency once, and number
words that are part of a name ("the Four Rivers").
"""

from __future__ import annotations

import pytest

from factcheck import extract_claims
from factcheck.model import ClaimKind


def quantities(text):
    return [claim for claim in extract_claims(text) if claim.kind is ClaimKind.QUANTITY]


def the_quantity(text):
    found = quantities(text)
    assert len(found) == 1, f"expected one quantity claim in {text!r}, got {[(c.text, c.value) for c in found]}"
    return found[0]


def case(sentence, case_id, /, marks=(), **expected):
    return pytest.param(sentence, expected, id=case_id, marks=marks)


def check(claim, expected):
    """Compare the fields named in `expected`: floats approximately, the rest exactly."""
    for name, want in expected.items():
        got = getattr(claim, name)
        if name == "qualifier":
            got = got.value
        if isinstance(want, float) and got is not None:
            assert got == pytest.approx(want), f"{name}: {got!r} != {want!r}"
        else:
            assert got == want, f"{name}: {got!r} != {want!r}"


# --- 1. earthquake magnitudes -------------------------------------------------------------

MAGNITUDE_CASES = [
    case("A 6.4-magnitude earthquake shook the coastal province.", "number-hyphen-magnitude",
         text="6.4-magnitude", value=6.4, unit="magnitude", dimension="magnitude", precision=0.1),
    case("Seismologists said the magnitude-8 quake ruptured a long fault.", "magnitude-hyphen-number",
         text="magnitude-8", value=8.0, unit="magnitude", dimension="magnitude", precision=1.0),
    case("The tremor registered magnitude 5.9 at the coast.", "magnitude-space-number",
         text="magnitude 5.9", value=5.9, unit="magnitude", dimension="magnitude", precision=0.1),
    case("A 5.3 magnitude tremor rattled windows in the valley.", "number-space-magnitude",
         text="5.3 magnitude", value=5.3, unit="magnitude", dimension="magnitude"),
    case("The shock measured 6.0 on the Richter scale.", "on-the-richter-scale",
         text="6.0 on the Richter scale", value=6.0, unit="magnitude", dimension="magnitude", precision=0.1),
    case("Officials reported a 6.8 Mw quake offshore.", "moment-magnitude-symbol",
         text="6.8 Mw", value=6.8, unit="magnitude", dimension="magnitude"),
    case("A magnitude 7.1 earthquake struck before dawn.", "article-magnitude-number",
         text="magnitude 7.1", value=7.1, unit="magnitude"),
    case("An aftershock of about magnitude 5 followed.", "qualifier-before-magnitude",
         text="about magnitude 5", value=5.0, unit="magnitude", qualifier="approx"),
]


@pytest.mark.parametrize(("text", "expected"), MAGNITUDE_CASES)
def test_magnitude(text, expected):
    check(the_quantity(text), expected)


def test_megawatts_stay_megawatts():
    check(the_quantity("The plant adds 450 MW to the grid."), {"unit": "MW", "dimension": "power"})


# --- 2. fractions and multiples of scale words ------------------------------------------------

SCALE_FRACTION_CASES = [
    case("Half a million households lost power.", "half-a-million",
         text="Half a million", value=500_000.0, unit="household", precision=500_000.0),
    case("More than half a million cars were recalled after the fault.", "qualifier-before-half-a-million",
         text="More than half a million", value=500_000.0, unit="car", qualifier="more_than",
         low=500_000.0, high=None),
    case("About a quarter of a million voters stayed away.", "a-quarter-of-a-million",
         text="About a quarter of a million", value=250_000.0, unit="voter", qualifier="approx"),
    case("One and a half million tourists visited the islands.", "one-and-a-half-million",
         text="One and a half million", value=1_500_000.0, unit="tourist", precision=500_000.0),
    case("A million and a half tickets were sold.", "a-million-and-a-half",
         text="A million and a half", value=1_500_000.0, unit="ticket", precision=500_000.0),
    case("Nearly three quarters of a million acres burned.", "three-quarters-of-a-million",
         text="Nearly three quarters of a million acres", value=750_000.0, qualifier="nearly"),
    case("The state spent half a billion dollars on levees.", "half-a-billion-dollars",
         text="half a billion dollars", value=500_000_000.0, unit="USD", dimension="currency"),
    case("Some two and a half thousand workers went on strike.", "two-and-a-half-thousand",
         text="Some two and a half thousand", value=2_500.0, unit="worker", qualifier="approx"),
    case("A half-million doses arrived by ship.", "a-half-million-hyphen",
         text="A half-million", value=500_000.0, unit="dose"),
]


@pytest.mark.parametrize(("text", "expected"), SCALE_FRACTION_CASES)
def test_fraction_of_a_scale_word(text, expected):
    check(the_quantity(text), expected)


@pytest.mark.parametrize(("text", "expected"), [
    case("Half of the budget went on salaries.", "half-of-is-still-a-share", text="Half", value=50.0,
         unit="percent"),
    case("A quarter of the wells were dry.", "a-quarter-of-is-still-a-share", text="A quarter", value=25.0,
         unit="percent"),
    case("Two and a half miles of track were relaid.", "and-a-half-before-a-unit",
         text="Two and a half miles", value=2.5, unit="mi"),
])
def test_fractions_without_a_scale_word_stay_shares(text, expected):
    check(the_quantity(text), expected)


# --- 3. currencies with a country code ------------------------------------------------------

CURRENCY_CASES = [
    case("The miner posted a loss of $US3.1 billion.", "dollar-then-us",
         text="$US3.1 billion", value=3_100_000_000.0, unit="USD", dimension="currency"),
    case("The lender extended US$7 billion in credit.", "us-then-dollar",
         text="US$7 billion", value=7_000_000_000.0, unit="USD"),
    case("The lender extended US $6.2 billion in credit.", "us-space-dollar",
         text="US $6.2 billion", value=6_200_000_000.0, unit="USD"),
    case("The carrier reported USD18.6 million in revenue.", "code-glued-to-digits",
         text="USD18.6 million", value=18_600_000.0, unit="USD"),
    case("The club paid A$3m for the striker.", "australian-dollar-m",
         text="A$3m", value=3_000_000.0, unit="AUD"),
    case("The tycoon sold the flat for HK$4.7m.", "hong-kong-dollar-m",
         text="HK$4.7m", value=4_700_000.0, unit="HKD"),
    case("A coffee costs C$6 in the old town.", "canadian-dollar",
         text="C$6", value=6.0, unit="CAD"),
    case("The retailer booked $A45 million in profit.", "dollar-then-a",
         text="$A45 million", value=45_000_000.0, unit="AUD"),
    case("The deal was worth 12 bln dlrs.", "bln-dlrs",
         text="12 bln dlrs", value=12_000_000_000.0, unit="USD", dimension="currency"),
    case("Exports reached 8 mln dollars.", "mln-dollars",
         text="8 mln dollars", value=8_000_000.0, unit="USD"),
    case("Analysts expect a 3 bn dlrs shortfall.", "bn-dlrs",
         text="3 bn dlrs", value=3_000_000_000.0, unit="USD"),
    case("A sale for a 950 dlrs fee was agreed.", "dlrs-without-scale",
         text="950 dlrs", value=950.0, unit="USD"),
]


@pytest.mark.parametrize(("text", "expected"), CURRENCY_CASES)
def test_currency_with_a_country_code(text, expected):
    check(the_quantity(text), expected)


def test_capital_a_opening_a_sentence_is_no_australian_dollar():
    check(the_quantity("A $5 levy was added to each ticket."), {"text": "$5", "unit": "USD"})


# --- 4. Indian scale words --------------------------------------------------------------------

INDIAN_SCALE_CASES = [
    case("The cyclone damaged 15 lakh houses.", "lakh-houses",
         text="15 lakh", value=1_500_000.0, unit="house", dimension="count", precision=100_000.0),
    case("The floods swept away 9 lakh livestock in the plains.", "lakh-livestock",
         text="9 lakh", value=900_000.0, unit="livestock", dimension="count"),
    case("The state set aside Rs 620 crore for relief.", "rupees-crore",
         text="Rs 620 crore", value=6_200_000_000.0, unit="INR", dimension="currency"),
    case("About 17 lakh people were moved to camps.", "qualifier-lakh-people",
         text="About 17 lakh", value=1_700_000.0, unit="people", qualifier="approx"),
    case("The budget sets aside ₹2 lakh crore for roads.", "lakh-crore",
         text="₹2 lakh crore", value=2e12, unit="INR"),
    case("The board cleared Rs. 75 crore for the bridge.", "rs-dot",
         text="Rs. 75 crore", value=750_000_000.0, unit="INR"),
    case("Two lakh pilgrims gathered at the river.", "word-number-lakh",
         text="Two lakh", value=200_000.0, unit="pilgrim"),
]


@pytest.mark.parametrize(("text", "expected"), INDIAN_SCALE_CASES)
def test_indian_scale_words(text, expected):
    check(the_quantity(text), expected)


# --- 5. "m" and "k" as scales, and "m" as metres ------------------------------------------------

M_AND_K_CASES = [
    case("The storm left the 1.7m affected without clean water.", "m-before-nominal-adjective",
         text="1.7m", value=1_700_000.0),
    case("Some 4.6m people need food aid.", "m-before-people",
         text="Some 4.6m", value=4_600_000.0, unit="people", qualifier="approx"),
    case("The council borrowed $40m for the project.", "m-after-currency",
         text="$40m", value=40_000_000.0, unit="USD"),
    case("Engineers finished a 180m bridge over the gorge.", "m-before-singular-noun-is-metres",
         text="180m", value=180.0, unit="m", dimension="length"),
    case("The wall stands 14m high.", "m-before-adjective-is-metres",
         text="14m", value=14.0, unit="m", dimension="length"),
    case("Crews cleared a 350m-long stretch of road.", "m-hyphen-is-metres",
         text="350m", value=350.0, unit="m", dimension="length"),
    case("The scheme created 40k jobs last year.", "k-before-plural-noun",
         text="40k", value=40_000.0, unit="job"),
    case("Some 3.2m homes lost power overnight.", "m-before-plural-noun",
         text="Some 3.2m", value=3_200_000.0, unit="home"),
]


@pytest.mark.parametrize(("text", "expected"), M_AND_K_CASES)
def test_m_and_k(text, expected):
    check(the_quantity(text), expected)


# --- 6. yields in kilotons -------------------------------------------------------------------

YIELD_CASES = [
    case("The blast was equivalent to four kilotons of TNT.", "word-number-kilotons-of-tnt",
         text="four kilotons", value=4.0, unit="kt", dimension="energy"),
    case("The warhead yields 2.75 kilotonnes.", "decimal-kilotonnes",
         text="2.75 kilotonnes", value=2.75, unit="kt", dimension="energy", precision=0.01),
    case("Engineers put the charge at around six kilotons of TNT.", "qualifier-kilotons",
         text="around six kilotons", value=6.0, unit="kt", qualifier="approx"),
    case("A 15-kiloton device was tested underground.", "hyphen-kiloton",
         text="15-kiloton", value=15.0, unit="kt"),
]


@pytest.mark.parametrize(("text", "expected"), YIELD_CASES)
def test_yield_in_kilotons(text, expected):
    check(the_quantity(text), expected)


# --- 7. a scale or currency written once for a range ---------------------------------------------

RANGE_CASES = [
    case("Repairs will cost $3-4 billion.", "currency-dash-scale-on-the-high-end",
         text="$3-4 billion", value=3.5e9, low=3e9, high=4e9, unit="USD", qualifier="range"),
    case("Repairs will cost $1.5-2 billion.", "decimal-low-end",
         text="$1.5-2 billion", value=1.75e9, low=1.5e9, high=2e9, unit="USD", qualifier="range"),
    case("Repairs will cost between $2 billion and $5 billion.", "between-currency-on-both-ends",
         text="between $2 billion and $5 billion", value=3.5e9, low=2e9, high=5e9, unit="USD",
         qualifier="range"),
    case("Repairs will cost from $10 to $15 billion.", "from-to-currency-on-both-scale-once",
         text="from $10 to $15 billion", value=12.5e9, low=10e9, high=15e9, unit="USD", qualifier="range"),
    case("The plan could create 3k-15k jobs.", "k-on-both-ends",
         text="3k-15k", value=9_000.0, low=3_000.0, high=15_000.0, unit="job", qualifier="range"),
    case("Officials expect £2-3m in losses.", "pound-m-on-the-high-end",
         text="£2-3m", value=2.5e6, low=2e6, high=3e6, unit="GBP", qualifier="range"),
    case("An exodus of 2 million-3 million people followed.", "scale-word-on-both-ends",
         text="2 million-3 million", value=2.5e6, low=2e6, high=3e6, unit="people", qualifier="range"),
    case("Between 1 and 2 million people fled.", "scale-word-once-between",
         text="Between 1 and 2 million", value=1.5e6, low=1e6, high=2e6, unit="people", qualifier="range"),
    case("Between 800 and 1.2 million people fled.", "high-end-scale-not-shared-downwards",
         text="Between 800 and 1.2 million", low=800.0, high=1.2e6, unit="people", qualifier="range"),
    case("The range runs 5-10m in depth.", "m-range-without-currency-is-metres",
         text="5-10m", low=5.0, high=10.0, unit="m", qualifier="range"),
]


@pytest.mark.parametrize(("text", "expected"), RANGE_CASES)
def test_range_with_a_scale_written_once(text, expected):
    check(the_quantity(text), expected)


@pytest.mark.parametrize("text", [
    pytest.param("The offer was raised by $2 billion to $12 billion.", id="change-by-to-is-no-range"),
    pytest.param("The budget rose from $20 billion to $25 billion.", id="change-from-to-is-no-range"),
])
def test_currency_on_both_ends_of_a_change_stays_two_figures(text):
    found = quantities(text)
    assert len(found) == 2 and all(claim.qualifier.value != "range" for claim in found), \
        [(c.text, c.qualifier.value) for c in found]


# --- 8. multipliers without a base --------------------------------------------------------------

def test_twice_as_many_invents_no_number():
    # "twice as many" states a ratio to a figure the sentence does not give; a claim
    # of 2 would be compared with counts it is no count of
    assert quantities("The attack left twice as many injured.") == []


# --- 9. number words inside names ----------------------------------------------------------------

NAME_CASES = [
    pytest.param("Villages near the Four Rivers project were moved.", 0, id="capital-after-article-is-a-name"),
    pytest.param("Delegates of the Nine Nations forum met in May.", 0, id="name-before-a-noun"),
    pytest.param("Peru’s Seven Lakes reserve lost 1.2 million trees.", 1, id="name-after-a-possessive"),
    pytest.param("Three Italian climbers were rescued.", 1, id="sentence-start-still-counts"),
    pytest.param("Storm Kills Four In Coastal Town", 1, id="title-case-headline-still-counts"),
    pytest.param("the storm killed four fishermen", 1, id="lower-case-counts"),
    pytest.param("the count reached Four at noon.", 1, id="capital-before-a-lower-case-word-counts"),
]


@pytest.mark.parametrize(("text", "count"), NAME_CASES)
def test_number_word_inside_a_name_is_no_figure(text, count):
    assert len(quantities(text)) == count, [(c.text, c.value) for c in quantities(text)]


# --- 10. numbers after a capitalised word: model numbers or table rows -------------------------

MODEL_NUMBER_CASES = [
    pytest.param("The Boeing 737 landed safely.", [], id="model-number-is-no-figure"),
    pytest.param("The crew of Apollo 11 returned in July.", [], id="mission-number-is-no-figure"),
    pytest.param("Cattle Lost 3.4 million", [("3.4 million", 3_400_000.0)], id="table-row-with-a-scale-word"),
    pytest.param("Homes Lost 40,000 65,000", [("40,000", 40_000.0), ("65,000", 65_000.0)],
                 id="table-row-with-thousands-separators"),
    pytest.param("Deaths by country\nChile 95 12", [("95", 95.0), ("12", 12.0)], id="row-label-opening-its-line"),
    pytest.param("It cost 52 billion rand (about X76 billion).", [("52 billion rand", 52e9)],
                 id="a-scale-word-after-an-unread-glued-figure-is-no-billion"),
]


@pytest.mark.parametrize(("text", "expected"), MODEL_NUMBER_CASES)
def test_a_capitalised_word_before_a_number(text, expected):
    # a row label in title case is no model name: its figure is read whole, never its
    # scale word alone ("million" as 1,000,000)
    assert [(c.text, c.value) for c in quantities(text)] == expected


# --- 11. the yen sign, which writes yuan too --------------------------------------------------

YEN_SIGN_CASES = [
    pytest.param("The plant cost ¥90 billion, some 90 billion yuan by other counts.", "CNY", id="text-names-yuan"),
    pytest.param("The plant cost ¥90 billion (RMB 90 billion).", "CNY", id="text-names-rmb"),
    pytest.param("The plant cost ¥90 billion.", "JPY", id="no-word-names-the-currency"),
    pytest.param("The plant cost ¥90 billion, or 90 billion yen; the yuan fell.", "JPY", id="text-names-yen-too"),
]


@pytest.mark.parametrize(("text", "unit"), YEN_SIGN_CASES)
def test_yen_sign_reads_as_yuan_where_the_text_names_yuan(text, unit):
    assert quantities(text)[0].unit == unit


# --- 12. a year after a bound in time ------------------------------------------------------------

YEAR_BOUND_CASES = [
    pytest.param("The deadliest storms up to 2019", [], id="up-to-a-year-is-a-date"),
    pytest.param("The plan runs until 2030.", [], id="until-a-year-is-a-date"),
    pytest.param("The storm could kill up to 2,019 people.", [("up to 2,019", 2019.0)], id="up-to-a-count-stays"),
    pytest.param("Up to 1999 people died.", [("Up to 1999", 1999.0)], id="up-to-a-counted-noun-stays"),
]


@pytest.mark.parametrize(("text", "expected"), YEAR_BOUND_CASES)
def test_a_year_after_a_bound_in_time_is_a_date(text, expected):
    assert [(c.text, c.value) for c in quantities(text)] == expected


# --- 13. parts of a total stated before them ---------------------------------------------------

PART_CASES = [
    pytest.param("The fund holds €9 billion, including €4 billion for rail.", [False, True], id="including"),
    pytest.param("Of the $5.8 billion, about $3.9 billion is in loans, with the remaining $1.9 billion in grants.",
                 [False, True, True], id="of-the-total-then-a-part-then-the-remaining"),
    pytest.param("Donors gave $5.8 billion on Monday and $3.9 billion on Tuesday.", [False, False],
                 id="two-sums-side-by-side-are-no-parts"),
]


@pytest.mark.parametrize(("text", "parts"), PART_CASES)
def test_a_part_of_a_total_names_it(text, parts):
    found = quantities(text)
    assert [claim.part_of is not None for claim in found] == parts, [(c.text, c.part_of) for c in found]
    assert all(claim.part_of == found[0].id for claim, part in zip(found, parts) if part)


# --- 14. currencies named in words, and gas volumes -----------------------------------------------

CURRENCY_WORD_CASES = [
    pytest.param("The line cost 52 billion rand.", ("ZAR", 52e9), id="rand"),
    pytest.param("Families got 268 billion meticais in compensation.", ("MZN", 268e9), id="meticais"),
    pytest.param("Damage was put at 13 trillion kyat.", ("MMK", 13e12), id="kyat-is-money-not-a-count"),
    pytest.param("The budget is 4.5 trillion rupiah.", ("IDR", 4.5e12), id="rupiah"),
    pytest.param("The pipeline will carry 8 bcm a year.", ("bcm", 8.0), id="bcm"),
]


@pytest.mark.parametrize(("text", "expected"), CURRENCY_WORD_CASES)
def test_currencies_in_words_and_gas_volumes(text, expected):
    found = the_quantity(text)
    assert (found.unit, found.value) == expected


# --- 15. a measure written before the thing it measures -----------------------------------------

THING_CASES = [
    pytest.param("They opened the 1,500-megawatt Orvald II hydropower dam.", "power_capacity", id="power-before-a-dam"),
    pytest.param("The 1.5 GW plant opened on Monday.", "power_capacity", id="power-before-a-plant"),
    pytest.param("It is a $4.2 billion project, officials said.", "cost", id="money-before-a-project"),
    pytest.param("He gave $5 million for the dam.", None, id="a-preposition-between-says-something-else"),
]


@pytest.mark.parametrize(("text", "topic"), THING_CASES)
def test_a_measure_before_a_thing_states_its_property(text, topic):
    assert the_quantity(text).topic == topic
