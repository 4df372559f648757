"""Reading figures: every number candidate in the hot windows, with the currency and
qualifier before it, the scale word, range end and unit after it, and the checks that
drop names ("CASA-1000", "Article 51") and references ("the two countries").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract.dates import DateMention
from factcheck.extract.lexicon import Lexicon, build_lexicon
from factcheck.extract.numbers import (
    CANDIDATE_PATTERN,
    SCALE_ABBREVIATIONS,
    SCALE_AFTER_PATTERN,
    SCALES,
    ParsedNumber,
    apply_scale,
    parse_digits,
    parse_fraction,
    parse_vague,
    parse_words,
)
from factcheck.extract.qualifiers import find_qualifier, interval
from factcheck.extract.scan import SpanSet
from factcheck.extract.units import read_unit
from factcheck.model import Qualifier
from factcheck.rules import Rules, Tolerances

CURRENCY_BEFORE_PATTERN = re.compile(
    r"(?:(?P<prefix>US|U\.S\.|C|CA|A|AU|HK|NZ|S)?\$|(?P<symbol>[€£¥₹₽])|\b(?P<code>USD|EUR|GBP|JPY|CNY|RUB|CHF|INR|CAD|AUD|TJS|KGS|KZT|UZS))\s?$"
)
DOLLAR_PREFIXES = {None: "USD", "US": "USD", "U.S.": "USD", "C": "CAD", "CA": "CAD", "A": "AUD", "AU": "AUD",
                   "HK": "HKD", "NZ": "NZD", "S": "SGD"}
CURRENCY_SYMBOLS = {"€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB"}
RANGE_AFTER_PATTERN = re.compile(r"\s*(?:[-–—]|\bto\b)\s*(?P<high>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]\d)")
DECADE_WORDS = re.compile(r"\b(?:an?\s+(?=(?:decade|century)\b)|(?P<plural>decades|centuries)\b)", re.IGNORECASE)

MONTH_WORDS = frozenset("January February March April May June July August September October November December".split())
DETERMINERS_BEFORE_YEAR = frozenset(
    "the a this that its their in of since by until from between and to late early mid on during before after".split()
)


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure read off the text, before its context is attached."""

    start: int
    end: int
    value: float
    precision: float
    qualifier: Qualifier
    low: float | None
    high: float | None
    unit: str | None
    dimension: str
    family: str | None
    noun_phrase: tuple[str, ...]
    number_start: int
    number_end: int
    reach: int  # end of the figure's own words, counted noun included


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z][\w.]*)\W*$", text[max(0, start - 30):start])
    return match.group(1) if match else ""


def _follows_name(text: str, start: int) -> bool:
    """Is the figure right after a capitalised word that does not open its sentence?"""
    match = re.search(r"(\S*)\s+([A-Z][a-z]+)\s$", text[max(0, start - 40):start])
    if match is None:
        return False
    before = match.group(1)
    return bool(before) and not before.endswith((".", "!", "?", ":", "\"", "“")) and match.group(2) not in MONTH_WORDS


def _is_reference(text: str, start: int, value: float, noun_phrase: tuple[str, ...], rules: Rules,
                  surface: str) -> bool:
    """"the two countries", "all three Central Asian countries": the figure re-names parties
    the text already named; it counts nothing. "the two poorest countries" still counts."""
    if value not in (2, 3) or not surface.isalpha() or not noun_phrase:
        return False
    before = re.search(r"(\w+)\s+$", text[max(0, start - 20):start])
    determiner = before.group(1).lower() if before else ""
    if not (determiner == "all" or (value == 2 and determiner in ("the", "these", "those", "both"))):
        return False
    *modifiers, head = noun_phrase
    return head.lower() in rules.pair_references and all(word[:1].isupper() for word in modifiers)


def _candidates(text: str, windows: list[tuple[int, int]]):
    for window_start, window_end in windows:
        yield from CANDIDATE_PATTERN.finditer(text, window_start, window_end)


def read_figures(text: str, rules: Rules, masked: SpanSet, windows: list[tuple[int, int]],
                  years: list[DateMention]) -> list[Figure]:
    lexicon = build_lexicon(rules)
    tolerances = rules.tolerances
    figures: list[Figure] = []
    consumed_to = 0
    for match in _candidates(text, windows):
        start, end = match.span()
        if start < consumed_to or masked.overlaps(start, end):
            continue
        kind = match.lastgroup
        surface = match.group(0)
        qualifier = Qualifier.EXACT
        if kind == "digits":
            if surface[0] == "0" and len(surface) > 1 and surface[1] != ".":
                continue  # "06550": a code, not a figure
            if start > 0 and text[start - 1] == "-" and start > 1 and text[start - 2].isalpha():
                prefix = re.search(r"([A-Za-z]+)-$", text[max(0, start - 20):start])
                if prefix and prefix.group(1).lower() not in ("mid", "pre", "post", "late", "early", "over", "under"):
                    continue  # "CASA-1000", "Ebabil-2": part of a name
            number = parse_digits(surface)
        elif kind == "words":
            parsed = parse_words(surface)
            if parsed is None:
                continue
            number = parsed
        elif kind == "fraction":
            following = text[end:end + 5].lower()
            if surface.lower() != "half" and not following.startswith(" of"):
                continue  # "a third crossing" is an ordinal, not a fraction
            if surface.lower() == "half" and not following.startswith(" of"):
                continue
            number = parse_fraction(surface)
        else:
            number = parse_vague(surface)
            qualifier = Qualifier.MORE_THAN

        number_start, number_end = start, end
        # scale word after digits or words: "10 million", "2.5bn"
        scale_match = SCALE_AFTER_PATTERN.match(text, end)
        scaled = False
        if scale_match and kind in ("digits", "words"):
            word = scale_match.group("word")
            abbreviation = scale_match.group("abbr")
            if word and not (kind == "words" and word.lower() in SCALES):
                number = apply_scale(number, SCALES[word.lower()])
                end = scale_match.end()
                scaled = True
            elif abbreviation and kind == "digits":
                key = abbreviation.strip().lower()
                currency_before = CURRENCY_BEFORE_PATTERN.search(text[max(0, start - 6):start])
                if key in ("bn", "mn", "mln", "tn", "trn") or currency_before:
                    number = apply_scale(number, SCALE_ABBREVIATIONS[key])
                    end = scale_match.end()
                    scaled = True

        # a range: "5–8 km", "40 to 55 km"
        range_high: ParsedNumber | None = None
        year_like = kind == "digits" and len(surface) == 4 and surface.isdigit() and 1500 <= number.value <= 2100
        range_match = RANGE_AFTER_PATTERN.match(text, end) if kind == "digits" and not scaled and not year_like else None
        if range_match and not masked.overlaps(range_match.start("high"), range_match.end("high")):
            range_high = parse_digits(range_match.group("high"))
            if range_high.value > number.value:
                end = range_match.end()
            else:
                range_high = None

        # currency before the figure
        currency = None
        left = start
        currency_match = CURRENCY_BEFORE_PATTERN.search(text[max(0, start - 6):start])
        if currency_match:
            if currency_match.group("code"):
                currency = currency_match.group("code")
            elif currency_match.group("symbol"):
                currency = CURRENCY_SYMBOLS[currency_match.group("symbol")]
            else:
                currency = DOLLAR_PREFIXES[currency_match.group("prefix")]
            left = start - len(currency_match.group(0))

        # what follows: unit or counted noun
        reading = None
        if currency is None:
            reading = read_unit(text, end, lexicon, rules, number, allow_of=kind == "vague")
            if reading is not None and reading.reject:
                continue
        unit_end = end
        if currency:
            unit, dimension, factor, family, noun_phrase = currency, "currency", 1.0, currency, ()
        elif reading is not None:
            unit, dimension, factor, family, noun_phrase = (reading.unit, reading.dimension, reading.factor,
                                                            reading.family or reading.unit, reading.noun_phrase)
            if reading.dimension != "count":
                unit_end = reading.end
        else:
            unit, dimension, factor, family, noun_phrase = None, "number", 1.0, None, ()

        if kind == "fraction":
            unit, dimension, family = "percent", "percentage", "percent"
        # qualifier before the figure (and before its currency)
        found_qualifier = find_qualifier(text[max(0, left - 40):left])
        if found_qualifier:
            if qualifier is Qualifier.EXACT:
                qualifier = found_qualifier[0]
            left -= found_qualifier[1]

        if kind in ("words",) and unit is None and number.value < 1000 and not scaled:
            continue  # a bare number word ("one of", "the two") states nothing
        if kind == "words" and number.value == 1 and (reading is None or reading.dimension == "count"):
            continue  # "one potential avenue", "one or both": idioms and pronouns
        if kind == "digits" and "," not in surface and "." not in surface and not scaled and currency is None \
                and 1500 <= number.value <= 2100 and len(surface) == 4:
            # "2,000 people" may lose its comma; "2019 elections" is a year
            plain_count = (dimension == "count" and rules.family_of(unit or "") is not None
                           and _previous_word(text, start).lower() not in DETERMINERS_BEFORE_YEAR
                           and text[start - 1:start] != "-")
            if dimension in ("number", "count") and not plain_count and found_qualifier is None:
                years.append(DateMention(start, end, surface, int(surface)))
                continue
        if _is_reference(text, start, number.value, noun_phrase, rules, surface):
            continue
        previous = _previous_word(text, start)
        if previous and previous in rules.name_prefixes and currency is None:
            continue  # "Article 51", "Division 3"
        if dimension == "number" and qualifier is Qualifier.EXACT and kind == "digits" and _follows_name(text, start):
            continue  # "Boeing 737", "Apollo 11": a model or mission number


        if range_high is not None:
            low, high = number.value * factor, range_high.value * factor
            value = (low + high) / 2
            qualifier = Qualifier.RANGE
            precision = min(number.precision, range_high.precision) * factor
        else:
            value = number.value * factor
            precision = number.precision * factor
            low, high = interval(value, qualifier, tolerances)
        if dimension == "count" and noun_phrase:
            ordering = re.search(r"\b(last|first|next|past|previous|recent|top|bottom|final|remaining|other)\s+$",
                                 text[max(0, left - 20):left], re.IGNORECASE)
            if ordering:
                noun_phrase = (ordering.group(1).lower(), *noun_phrase)  # "the last two conflicts"
        reach = reading.end if reading is not None else unit_end
        figures.append(Figure(left, unit_end, value, precision, qualifier, low, high, unit, dimension,
                               family, noun_phrase, number_start, number_end, max(reach, unit_end)))
        consumed_to = unit_end
    figures.extend(_read_decade_words(text, masked, windows, lexicon, tolerances, figures))
    figures.sort(key=lambda figure: figure.start)
    return figures


def _read_decade_words(text: str, masked: SpanSet, windows: list[tuple[int, int]], lexicon: Lexicon,
                       tolerances: Tolerances, figures: list[Figure]) -> list[Figure]:
    """"a decade", "a century" and the plurals "decades", "centuries" as durations."""
    found = []
    taken = SpanSet([(f.start, f.end) for f in figures])
    matches = (m for window_start, window_end in windows for m in DECADE_WORDS.finditer(text, window_start, window_end))
    for match in matches:
        if masked.overlaps(match.start(), match.end()) or taken.overlaps(match.start(), match.end()):
            continue
        if match.group("plural"):
            entry = lexicon.surfaces[match.group("plural").lower()]
            count, qualifier, start, end = 2.0, Qualifier.AT_LEAST, match.start(), match.end()
        else:
            word = re.match(r"\s*(\w+)", text[match.end():])
            entry = lexicon.surfaces[word.group(1).lower()]
            count, qualifier, start, end = 1.0, Qualifier.EXACT, match.start(), match.end() + word.end()
        found_qualifier = find_qualifier(text[max(0, start - 40):start])
        if found_qualifier:
            qualifier = found_qualifier[0]
            start -= found_qualifier[1]
        value = count * entry.factor
        low, high = interval(value, qualifier, tolerances)
        found.append(Figure(start, end, value, entry.factor, qualifier, low, high, entry.unit, entry.dimension,
                             entry.unit, (), match.start(), end, end))
    return found
