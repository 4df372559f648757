"""The number grammar for English news, one table per phenomenon, from invented
sentences. Each case names the surface expected and what it must read as."""

from __future__ import annotations

import pytest

from factcheck import extract_claims
from factcheck.model import Qualifier


def quantities(text):
    return [c for c in extract_claims(text) if c.kind.value == "quantity"]


def only(text):
    found = quantities(text)
    assert len(found) == 1, [(c.text, c.value) for c in found]
    return found[0]


def reads(text, surface, value, unit=None, qualifier=Qualifier.EXACT, low=None, high=None, case_id=None):
    return pytest.param(text, surface, value, unit, qualifier, low, high, id=case_id)


def check(text, surface, value, unit, qualifier, low, high):
    claim = only(text)
    assert claim.text == surface
    assert claim.value == pytest.approx(value)
    assert claim.unit == unit
    assert claim.qualifier is qualifier
    if low is not None:
        assert claim.low == pytest.approx(low)
    if high is not None:
        assert claim.high == pytest.approx(high)


SEPARATORS = [
    reads("Turnout reached 1,204,377 voters.", "1,204,377", 1_204_377, "voter", case_id="comma-thousands"),
    reads("The fund holds 12\u202f500 tonnes of grain.", "12\u202f500 tonnes", 12_500, "t", case_id="thin-space"),
    reads("Losses came to 1 500 000 dollars.", "1 500 000 dollars", 1_500_000, "USD",
          case_id="plain-space-two-groups"),
    reads("The grant was 10 000 euros.", "10 000 euros", 10_000, "EUR", case_id="plain-space-before-currency-word"),
    reads("Inflation slowed to 3,5 % in May.", "3,5 %", 3.5, "percent", case_id="decimal-comma"),
    reads("The index fell 12.4 points.", "12.4", 12.4, "point", case_id="decimal-point"),
]

SIGNS_AND_RANGES = [
    reads("Night temperatures dropped to -12 degrees Celsius.", "-12 degrees Celsius", -12, "C",
          case_id="negative-sign"),
    reads("Output changed by −4.5%.", "−4.5%", -4.5, "percent", case_id="unicode-minus"),
    reads("Each trip takes 5–8 hours.", "5–8 hours", 6.5, "hours", Qualifier.RANGE, 5, 8, case_id="en-dash-range"),
    reads("The river rose 3-4 metres overnight.", "3-4 metres", 3.5, "m", Qualifier.RANGE, 3, 4,
          case_id="hyphen-range"),
    reads("The convoy covered from 40 to 55 km a day.", "from 40 to 55 km", 47.5, "km", Qualifier.RANGE, 40, 55,
          case_id="from-to-range"),
    reads("They were given between 44 and 50 mg.", "between 44 and 50 mg", 47, "mg", Qualifier.RANGE, 44, 50,
          case_id="between-and-range"),
    reads("Doses of 20 mg to 30 mg were used.", "20 mg to 30 mg", 25, "mg", Qualifier.RANGE, 20, 30,
          case_id="unit-on-both-ends"),
]

WORDS_AND_SCALES = [
    reads("Thirty-seven miners were rescued.", "Thirty-seven", 37, "miner", case_id="hyphenated-word-number"),
    reads("Some 12 thousand tents were shipped.", "Some 12 thousand", 12_000, "tent", Qualifier.APPROX,
          case_id="digits-and-scale-word"),
    reads("The deal is worth 2.5bn.", "2.5bn", 2.5e9, None, case_id="bn-suffix"),
    reads("Exports earned $4.2bn last year.", "$4.2bn", 4.2e9, "USD", case_id="dollar-bn"),
    reads("The startup raised US$250M.", "US$250M", 2.5e8, "USD", case_id="us-dollar-m"),
    reads("Seven million voters registered.", "Seven million", 7e6, "voter", case_id="word-scale"),
    reads("Two and a half miles of road washed away.", "Two and a half miles", 2.5, "mi",
          case_id="and-a-half"),
]

FRACTIONS_AND_IDIOMS = [
    reads("A third of the harvest was lost.", "A third", 33.33, "percent", case_id="a-third-of"),
    reads("One third of the clinics closed.", "One third", 33.33, "percent", case_id="one-third-of"),
    reads("Half of the budget went to roads.", "Half", 50, "percent", case_id="half-of"),
    reads("A quarter of the wells ran dry.", "A quarter", 25, "percent", case_id="a-quarter-of"),
    reads("Rescuers found a dozen survivors.", "a dozen", 12, "survivor", case_id="a-dozen"),
    reads("A couple of hundred traders protested.", "A couple of hundred", 200, "trader", Qualifier.APPROX,
          case_id="a-couple-of-hundred"),
    reads("A few thousand families left.", "A few thousand", 3500, "family", Qualifier.RANGE, 2000, 5000,
          case_id="a-few-thousand"),
    reads("The pipe is 2 1/2 inches wide.", "2 1/2 inches", 2.5, "in", case_id="mixed-fraction"),
    reads("Add ½ cup of rice.", "½", 50, "percent", case_id="vulgar-fraction-share"),
]

MORE_FORMS = [
    reads("The plan cuts emissions to zero.", "zero", 0, None, case_id="zero-counts"),
    reads("The odds were roughly one sixth.", "roughly one sixth", 16.67, "percent", Qualifier.APPROX,
          case_id="bare-fraction-at-clause-end"),
    reads("Runners covered 0.5k miles.", "0.5k miles", 500, "mi", case_id="k-before-a-unit"),
    reads("The error was 2.5×10−3 at most.", "2.5×10−3", 0.0025, None, case_id="times-ten-notation"),
    reads("A litre of fuel now sells here.", "A litre", 1, "l", case_id="a-unit-is-one"),
]

COMPOUND_UNITS = [
    reads("The reservoir covers 120 km2.", "120 km2", 120, "km2", case_id="square-kilometre-symbol"),
    reads("A 450 MW turbine hall opened.", "450 MW", 450, "MW", case_id="megawatt"),
    reads("The basin holds 3.2 cubic kilometres of water.", "3.2 cubic kilometres", 3.2, "cubic kilometre",
          case_id="cubic-kilometres"),
    reads("Trucks may drive at 80 km/h.", "80 km/h", 80, "km/h", case_id="rate-with-slash"),
    reads("The line runs at 160 kilometres per hour.", "160 kilometres per hour", 160, "km/h",
          case_id="rate-with-per"),
    reads("Wheat yields reached 6 tonnes per hectare.", "6 tonnes per hectare", 6, "t/ha", case_id="mass-per-area"),
    reads("Each mast carries 3 MW per turbine.", "3 MW per turbine", 3, "MW/turbine", case_id="measure-per-item"),
    reads("Output was worth $980 per capita.", "$980 per capita", 980, "USD/capita", case_id="currency-per-capita"),
    reads("Upkeep runs to €2 million per year.", "€2 million per year", 2e6, "EUR/year", case_id="currency-per-year"),
]

PERCENT_AND_RATIOS = [
    reads("Unemployment rose to 7.1 per cent.", "7.1 per cent", 7.1, "percent", case_id="per-cent"),
    reads("Yields fell 2 pct.", "2 pct", 2, "percent", case_id="pct"),
    reads("Support rose by 4 percentage points.", "4 percentage points", 4, "percentage points",
          case_id="percentage-points"),
    reads("Imports were 15 times higher than before.", "15 times", 15, "times", case_id="multiplier"),
]

CURRENCIES = [
    reads("Tickets cost C$40.", "C$40", 40, "CAD", case_id="canadian-dollar"),
    reads("The bond paid A$3 million.", "A$3 million", 3e6, "AUD", case_id="australian-dollar"),
    reads("The tower cost HK$2 billion.", "HK$2 billion", 2e9, "HKD", case_id="hong-kong-dollar"),
    reads("Aid reached EUR 40 million.", "EUR 40 million", 4e7, "EUR", case_id="code-before"),
    reads("Aid reached 40 million USD.", "40 million USD", 4e7, "USD", case_id="code-after"),
    reads("Fines of £12,000 were imposed.", "£12,000", 12_000, "GBP", case_id="pound-sign"),
]

QUALIFIERS = [
    reads("About 300 homes flooded.", "About 300", 300, "home", Qualifier.APPROX, 294, 306, case_id="about"),
    reads("Around 40 boats sank.", "Around 40", 40, "boat", Qualifier.APPROX, case_id="around"),
    reads("Roughly 90 schools shut.", "Roughly 90", 90, "school", Qualifier.APPROX, case_id="roughly"),
    reads("An estimated 5,000 people fled.", "An estimated 5,000", 5000, "people", Qualifier.APPROX,
          case_id="an-estimated"),
    reads("Almost 70 villages lost power.", "Almost 70", 70, "village", Qualifier.NEARLY, 68.6, 70,
          case_id="almost"),
    reads("As many as 30 trucks were seized.", "As many as 30", 30, "truck", Qualifier.AT_MOST, None, 30,
          case_id="as-many-as"),
    reads("Bids as high as $9 million came in.", "as high as $9 million", 9e6, "USD", Qualifier.AT_MOST,
          case_id="as-high-as"),
    reads("No fewer than 12 ships docked.", "No fewer than 12", 12, "ship", Qualifier.AT_LEAST, 12, None,
          case_id="no-fewer-than"),
    reads("Sales topped $50 million.", "topped $50 million", 5e7, "USD", Qualifier.MORE_THAN, 5e7, None,
          case_id="topped"),
    reads("Losses exceeding 200 tonnes were reported.", "exceeding 200 tonnes", 200, "t", Qualifier.MORE_THAN,
          case_id="exceeding"),
    reads("Under 20 percent voted.", "Under 20 percent", 20, "percent", Qualifier.LESS_THAN, None, 20,
          case_id="under"),
    reads("Fewer than 15 clinics remain.", "Fewer than 15", 15, "clinic", Qualifier.LESS_THAN, case_id="fewer-than"),
    reads("Just over 600 soldiers deployed.", "Just over 600", 600, "soldier", Qualifier.MORE_THAN,
          case_id="just-over"),
    reads("Just under 9 percent agreed.", "Just under 9 percent", 9, "percent", Qualifier.LESS_THAN,
          case_id="just-under"),
]

ORDINALS = [
    reads("Uruguay ranks third in the index.", "third", 3, "rank", case_id="rank-ordinal"),
    reads("Norway is the number one exporter.", "one", 1, "rank", case_id="number-one"),
]

ALL_CASES = SEPARATORS + SIGNS_AND_RANGES + WORDS_AND_SCALES + FRACTIONS_AND_IDIOMS + MORE_FORMS + COMPOUND_UNITS \
    + PERCENT_AND_RATIOS + CURRENCIES + QUALIFIERS + ORDINALS


@pytest.mark.parametrize("text, surface, value, unit, qualifier, low, high", ALL_CASES)
def test_reads_the_figure(text, surface, value, unit, qualifier, low, high):
    check(text, surface, value, unit, qualifier, low, high)


@pytest.mark.parametrize("text, surface, precision", [
    pytest.param("Officials counted 1,000 tents.", "1,000", 100, id="round-thousand-to-hundreds"),
    pytest.param("Rainfall was 12.4 mm.", "12.4 mm", 0.1, id="one-decimal-to-tenths"),
    pytest.param("The toll is 972 people.", "972", 1, id="units"),
    pytest.param("Debt reached $6.35 million.", "$6.35 million", 10_000, id="scaled-decimals"),
])
def test_precision_shown(text, surface, precision):
    claim = only(text)
    assert claim.text == surface
    assert claim.precision == pytest.approx(precision)


@pytest.mark.parametrize("text", [
    pytest.param("Prices rose from 40 to 55 percent.", id="change-not-range"),
    pytest.param("The home side won 2-1 on Sunday.", id="score-not-range"),
])
def test_not_a_range(text):
    assert all(c.qualifier is not Qualifier.RANGE for c in quantities(text))


def test_change_shares_the_unit_of_its_end():
    start, end = quantities("Prices rose from 40 to 55 percent.")
    assert (start.value, start.unit, end.value, end.unit) == (40, "percent", 55, "percent")


@pytest.mark.parametrize("text, counted", [
    pytest.param("Three bridges reopened in May, and a fourth bridge opened in June.", [3, 4],
                 id="nth-item-continues-a-count"),
    pytest.param("Officials took a second look at the plan.", [], id="nth-item-without-a-count-is-an-idiom"),
])
def test_nth_item(text, counted):
    assert [c.value for c in quantities(text)] == counted


@pytest.mark.parametrize("text, first, second, restated_unit", [
    pytest.param("Engineers laid a 400-km (250-mile) cable.", "400-km", "250-mile", "mi", id="length"),
    pytest.param("The bank lent 5 billion euros (US$5.4 billion).", "5 billion euros", "US$5.4 billion", "USD",
                 id="currency"),
    pytest.param("The lake covers 3,000 km2 (about 1,160 sq mi).", "3,000 km2", "about 1,160 sq mi",
                 "square mile", id="area-with-qualifier"),
])
def test_restatement_links_to_the_first_figure(text, first, second, restated_unit):
    original, restated = quantities(text)
    assert (original.text, restated.text) == (first, second)
    assert restated.unit == restated_unit
    assert restated.restates == original.id and original.restates is None


@pytest.mark.parametrize("text", [
    pytest.param("Add a key to the ring.", id="a-key"),
    pytest.param("First, the talks failed; second, the truce broke.", id="enumeration"),
    pytest.param("He took a second look at the third of May plan.", id="ordinal-idioms"),
    pytest.param("The Su-25 and the TB2 flew over Route 66 near the G20 venue.", id="names-with-digits"),
    pytest.param("Visit https://example.org/report-2024/page7.html or data.csv today.", id="url-and-file"),
    pytest.param("The 45th Brigade and the 3rd Army moved.", id="unit-ordinals"),
    pytest.param("Ref. No: 2019 / 44 applies.", id="serial-number"),
    pytest.param("Office: 14 Elm Street, No. 5, 10115 Berlin, Tel: +49 30 1234567", id="address-and-phone"),
    pytest.param("EUR/USD 1.0842 ▲0.21%", id="ticker-line"),
    pytest.param("An atmosphere of fear and a gray area remained.", id="unit-names-as-ordinary-words"),
])
def test_noise_is_no_quantity(text):
    assert [(c.text, c.value) for c in quantities(text)] == []


@pytest.mark.parametrize("text, figure", [
    pytest.param("It is 5 in the morning.", "5", id="in-is-a-word-not-inches"),
    pytest.param("See https://example.org/page7.html: 12 of them.", "12", id="url-beside-a-figure"),
])
def test_ordinary_words_are_no_units(text, figure):
    claim = only(text)
    assert (claim.text, claim.unit) == (figure, None)


@pytest.mark.parametrize("text, figure, as_of, basis", [
    pytest.param("In March 2019 the floods killed 40 people.", "40", "2019-03", "sentence", id="sentence-date"),
    pytest.param("The storm hit in 2018. Officials said 40 people died.", "40", "2018", "paragraph",
                 id="paragraph-date"),
    pytest.param("Tuesday, 04 June 2024\n\nThe dam holds 3 million cubic metres.", "3 million cubic metres",
                 "2024-06", "dateline", id="dateline-fallback"),
])
def test_as_of(text, figure, as_of, basis):
    claim = next(c for c in quantities(text) if c.text == figure)
    assert (claim.as_of, claim.as_of_basis) == (as_of, basis)


@pytest.mark.parametrize("text, scope", [
    pytest.param("Over 5,000 Sudanese refugees crossed.", "Sudanese refugees", id="demonym-narrows"),
    pytest.param("Nine aid workers were hurt.", "aid workers", id="compound-noun"),
    pytest.param("Sixty people were hurt.", None, id="plain-noun-no-scope"),
])
def test_scope(text, scope):
    assert only(text).scope == scope
