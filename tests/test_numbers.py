"""Table-driven tests of the number grammar in `factcheck.extract.numbers`.

Each parser returns a `ParsedNumber`: the value written and the precision shown (the
step the writer rounded to). Digits read trailing zeros of a whole number as rounding
one place below them ("1,000" -> 100); number words show the step of their last word
("seven million" -> a million).
"""

from __future__ import annotations

import pytest

from factcheck.extract.numbers import parse_digits, parse_fraction, parse_vague, parse_words

# --- parse_digits -----------------------------------------------------------------

DIGIT_CASES = [
    pytest.param("1,000", 1000.0, 100.0, id="thousand-with-separator-precise-to-hundred"),
    pytest.param("972", 972.0, 1.0, id="three-digits-no-trailing-zero-precise-to-unit"),
    pytest.param("6.35", 6.35, 0.01, id="two-decimals-precise-to-hundredth"),
    pytest.param("12.4", 12.4, 0.1, id="one-decimal-precise-to-tenth"),
    pytest.param("0.75", 0.75, 0.01, id="leading-zero-decimal"),
    pytest.param("12.40", 12.4, 0.01, id="trailing-decimal-zero-still-shows-hundredth"),
    pytest.param("40", 40.0, 1.0, id="one-trailing-zero-precise-to-unit"),
    pytest.param("100", 100.0, 10.0, id="hundred-precise-to-ten"),
    pytest.param("12,450", 12450.0, 1.0, id="separator-one-trailing-zero"),
    pytest.param("31,200", 31200.0, 10.0, id="separator-two-trailing-zeros"),
    pytest.param("30,000", 30000.0, 1000.0, id="separator-four-trailing-zeros"),
    pytest.param("1,000,000", 1_000_000.0, 100_000.0, id="two-separators-million"),
    pytest.param("1,234.5", 1234.5, 0.1, id="separator-and-decimal"),
    pytest.param("2500", 2500.0, 10.0, id="no-separator-thousands"),
    pytest.param("7", 7.0, 1.0, id="single-digit"),
    pytest.param("0", 0.0, 1.0, id="zero-precise-to-unit"),
]


@pytest.mark.parametrize(("surface", "value", "precision"), DIGIT_CASES)
def test_parse_digits_value_and_precision(surface, value, precision):
    parsed = parse_digits(surface)
    assert parsed.value == pytest.approx(value)
    assert parsed.precision == pytest.approx(precision)
    assert parsed.vague is False
    assert parsed.is_fraction is False


# --- parse_words ------------------------------------------------------------------

WORD_CASES = [
    pytest.param("five", 5.0, 1.0, id="single-word-five"),
    pytest.param("twelve", 12.0, 1.0, id="teen-word-twelve"),
    pytest.param("thirty-seven", 37.0, 1.0, id="hyphenated-thirty-seven"),
    pytest.param("thirty seven", 37.0, 1.0, id="spaced-thirty-seven"),
    pytest.param("seven million", 7_000_000.0, 1_000_000.0, id="seven-million-precise-to-million"),
    pytest.param("Seven Million", 7_000_000.0, 1_000_000.0, id="capitalised-seven-million"),
    pytest.param("a dozen", 12.0, 12.0, id="a-dozen-precise-to-dozen"),
    pytest.param("three dozen", 36.0, 12.0, id="three-dozen"),
    pytest.param("a hundred", 100.0, 100.0, id="a-hundred"),
    pytest.param("two hundred", 200.0, 100.0, id="two-hundred-precise-to-hundred"),
    pytest.param("two hundred and fifty", 250.0, 1.0, id="two-hundred-and-fifty"),
    pytest.param("one thousand", 1000.0, 1000.0, id="one-thousand"),
    pytest.param("thirty-seven thousand", 37_000.0, 1000.0, id="thirty-seven-thousand"),
    pytest.param("seven thousand five hundred", 7500.0, 100.0, id="seven-thousand-five-hundred"),
    pytest.param(
        "two hundred thousand", 200_000.0, 100_000.0, id="two-hundred-thousand-precise-to-hundred-thousand",
    ),
]


@pytest.mark.parametrize(("surface", "value", "precision"), WORD_CASES)
def test_parse_words_value_and_precision(surface, value, precision):
    parsed = parse_words(surface)
    assert parsed is not None
    assert parsed.value == pytest.approx(value)
    assert parsed.precision == pytest.approx(precision)
    assert parsed.vague is False


@pytest.mark.parametrize(
    "surface",
    [
        pytest.param("", id="empty"),
        pytest.param("and", id="only-and"),
        pytest.param("several", id="not-a-number-word"),
        pytest.param("five apples", id="number-word-then-other-word"),
    ],
)
def test_parse_words_rejects_non_numbers(surface):
    assert parse_words(surface) is None


# --- parse_fraction ---------------------------------------------------------------

FRACTION_CASES = [
    pytest.param("one third", 33.33, id="one-third-is-33.33-percent"),
    pytest.param("a third", 33.33, id="a-third"),
    pytest.param("one-third", 33.33, id="hyphenated-one-third"),
    pytest.param("two thirds", 66.67, id="two-thirds"),
    pytest.param("a quarter", 25.0, id="a-quarter-is-25-percent"),
    pytest.param("three quarters", 75.0, id="three-quarters"),
    pytest.param("half", 50.0, id="half"),
    pytest.param("a fifth", 20.0, id="a-fifth"),
]


@pytest.mark.parametrize(("surface", "percent"), FRACTION_CASES)
def test_parse_fraction_gives_percent(surface, percent):
    parsed = parse_fraction(surface)
    assert parsed.value == pytest.approx(percent)
    assert parsed.precision == pytest.approx(0.01)
    assert parsed.is_fraction is True
    assert parsed.vague is False


# --- parse_vague ------------------------------------------------------------------

VAGUE_CASES = [
    pytest.param("thousands", 1000.0, id="thousands"),
    pytest.param("Thousands", 1000.0, id="capitalised-thousands"),
    pytest.param("dozens", 12.0, id="dozens"),
    pytest.param("hundreds", 100.0, id="hundreds"),
    pytest.param("millions", 1_000_000.0, id="millions"),
    pytest.param("billions", 1_000_000_000.0, id="billions"),
    pytest.param("tens of thousands", 10_000.0, id="tens-of-thousands"),
    pytest.param("hundreds of thousands", 100_000.0, id="hundreds-of-thousands"),
    pytest.param("tens  of\nthousands", 10_000.0, id="tens-of-thousands-odd-spacing"),
]


@pytest.mark.parametrize(("surface", "value"), VAGUE_CASES)
def test_parse_vague_lower_bound(surface, value):
    parsed = parse_vague(surface)
    assert parsed.value == pytest.approx(value)
    assert parsed.precision == pytest.approx(value)
    assert parsed.vague is True
    assert parsed.is_fraction is False
